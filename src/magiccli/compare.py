"""The FRUS translation of a cable beside a MAGIC-summary wording of it, and the words in which they differ."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from magiccli.model import Cable, Translation
from magiccli.text import fold_plain

_WORD = re.compile(r"\S+")

Span = tuple[int, int]


@dataclass(frozen=True)
class Pair:
    cable: Cable
    wording: Translation
    frus_changes: list[Span]  # stretches of cable.text no word of the wording matches (empty without --diff)
    magic_changes: list[Span]  # stretches of wording.text the FRUS text has no match for
    too_long: bool = False  # --diff asked, but the texts were past what is compared word by word (DIFF_WORDS)


def pairs(cable: Cable, diff: bool) -> Iterator[Pair]:
    """The cable's FRUS text with each of its MAGIC wordings, the words that differ found for ``diff``."""
    for wording in cable.translations:
        try:
            frus, magic = changed_words(cable.text, wording.text) if diff else ([], [])
        except TooLong:
            yield Pair(cable, wording, [], [], too_long=True)
            continue
        yield Pair(cable, wording, frus, magic)


# The bounds of --diff's work: difflib's matching is quadratic in the words of the texts and worse where words
# repeat (1,000 words of "the" take half a minute); the corpus's longest text has some 330 words.
DIFF_WORDS = 2_000
DIFF_SECONDS = 2.0


class TooLong(Exception):
    """The texts are past what --diff compares."""


class _BoundedMatcher(SequenceMatcher):
    """A SequenceMatcher that gives up (TooLong) once it has spent DIFF_SECONDS."""

    def __init__(self, *args, **kwargs):
        self._until = time.monotonic() + DIFF_SECONDS
        super().__init__(*args, **kwargs)

    def find_longest_match(self, *args, **kwargs):
        if time.monotonic() > self._until:
            raise TooLong
        return super().find_longest_match(*args, **kwargs)


def changed_words(old: str, new: str) -> tuple[list[Span], list[Span]]:
    """The stretches of each text whose words the other lacks, matching words whatever their case and punctuation.
    A wording much shorter than the FRUS text is an excerpt: it is compared with the stretch it comes from, and the
    FRUS words outside that stretch are not marked, as nothing was left out there. TooLong past DIFF_WORDS words
    or DIFF_SECONDS."""
    old_words, new_words = list(_WORD.finditer(old)), list(_WORD.finditer(new))
    if max(len(old_words), len(new_words)) > DIFF_WORDS:
        raise TooLong
    old_folded, new_folded = [fold_plain(w[0]) for w in old_words], [fold_plain(w[0]) for w in new_words]
    start, end = _excerpted(old_folded, new_folded)
    matcher = _BoundedMatcher(None, old_folded[start:end], new_folded, autojunk=False)
    old_changes, new_changes = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            old_changes += _runs(old, old_words[start + i1 : start + i2])
            new_changes += _runs(new, new_words[j1:j2])
    return old_changes, new_changes


_ANCHOR = 3  # words in a row that tie an excerpt to its place in the FRUS text


def _excerpted(old: list[str], new: list[str]) -> Span:
    """The stretch of the FRUS words ``old`` that the wording ``new`` compares with: all of them, or for a wording of
    less than half their length the stretch its longest run of words in common (of _ANCHOR at least) places it at,
    with a quarter of its length to spare either side (none where no run ties them: the excerpt is from a part
    of the text the corpus lacks)."""
    if 2 * len(new) >= len(old):
        return 0, len(old)
    run = _BoundedMatcher(None, old, new, autojunk=False).find_longest_match(0, len(old), 0, len(new))
    if run.size < _ANCHOR:
        return 0, 0
    spare = len(new) // 4
    return max(0, run.a - run.b - spare), min(len(old), run.a + len(new) - run.b + spare)


def _runs(text: str, words: list[re.Match]) -> list[Span]:
    """Neighbouring words as one stretch, broken at line breaks so a marker never spans paragraphs."""
    runs: list[Span] = []
    for word in words:
        if runs and "\n" not in text[runs[-1][1] : word.start()]:
            runs[-1] = (runs[-1][0], word.end())
        else:
            runs.append(word.span())
    return runs
