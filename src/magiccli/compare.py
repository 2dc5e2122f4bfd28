"""The FRUS translation of a cable beside a MAGIC-summary wording of it, and the words in which they differ."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from magiccli import render
from magiccli.model import Cable, Corpus, Entry, Translation, to_dict
from magiccli.text import fold_plain

_WORD = re.compile(r"\S+")
# wdiff's markers: words only the FRUS text has, and words only the MAGIC wording has
FRUS_ONLY = ("[-", "-]")
MAGIC_ONLY = ("{+", "+}")

Span = tuple[int, int]


@dataclass(frozen=True)
class Pair:
    cable: Cable
    wording: Translation
    frus_changes: list[Span]  # stretches of cable.text no word of the wording matches (empty without --diff)
    magic_changes: list[Span]  # stretches of wording.text the FRUS text has no match for


def pairs(cables: list[Cable], diff: bool) -> list[Pair]:
    """Each cable's FRUS text with each of its MAGIC wordings, in the corpus's order."""
    found = []
    for cable in cables:
        for wording in cable.translations:
            frus, magic = changed_words(cable.text, wording.text) if diff else ([], [])
            found.append(Pair(cable, wording, frus, magic))
    return found


def changed_words(old: str, new: str) -> tuple[list[Span], list[Span]]:
    """The stretches of each text whose words the other lacks, matching words whatever their case and punctuation.
    A wording much shorter than the FRUS text is an excerpt: it is compared with the stretch it comes from, and the
    FRUS words outside that stretch are not marked, as nothing was left out there."""
    old_words, new_words = list(_WORD.finditer(old)), list(_WORD.finditer(new))
    old_folded, new_folded = [fold_plain(w[0]) for w in old_words], [fold_plain(w[0]) for w in new_words]
    start, end = _excerpted(old_folded, new_folded)
    matcher = SequenceMatcher(None, old_folded[start:end], new_folded, autojunk=False)
    old_changes, new_changes = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            old_changes += _runs(old, old_words[start + i1:start + i2])
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
    run = SequenceMatcher(None, old, new, autojunk=False).find_longest_match(0, len(old), 0, len(new))
    if run.size < _ANCHOR:
        return 0, 0
    spare = len(new) // 4
    return max(0, run.a - run.b - spare), min(len(old), run.a + len(new) - run.b + spare)


def _runs(text: str, words: list[re.Match]) -> list[Span]:
    """Neighbouring words as one stretch, broken at line breaks so a marker never spans paragraphs."""
    runs: list[Span] = []
    for word in words:
        if runs and "\n" not in text[runs[-1][1]:word.start()]:
            runs[-1] = (runs[-1][0], word.end())
        else:
            runs.append(word.span())
    return runs


def marked(text: str, spans: list[Span], markers: tuple[str, str]) -> str:
    """The text with each span between the two markers."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], markers[0], text[start:end], markers[1]]
        last = end
    return "".join(out + [text[last:]])


def without_wording(corpus: Corpus, cables: list[Cable], having: list[Entry]) -> str:
    """Why compare has nothing to show, and the cables (Index.with_wordings) it could show."""
    names = ", ".join(render.cable_heading(corpus, c) for c in cables)
    return f"no MAGIC summary wording is known for {names}; cables with one: " + ", ".join(
        c.telegram_no or c.id for c in having)


def without_wording_graded(corpus: Corpus, cables: list[Cable], least: str) -> str:
    """Why compare has nothing to show when the cables' MAGIC wordings (model.graded) rest on no source graded
    ``least`` or better."""
    names = ", ".join(render.cable_heading(corpus, c) for c in cables)
    return f"no MAGIC summary wording of {names} comes from a source graded {least} or better"


def pair_heading(corpus: Corpus, pair: Pair) -> str:
    return f"{render.cable_heading(corpus, pair.cable)} · {render.sent(pair.cable)}"


def frus_label(pair: Pair) -> str:
    return f"FRUS translation ({pair.cable.citation.ref})"


def magic_label(pair: Pair) -> str:
    wording = pair.wording
    return f"MAGIC summary wording ({wording.id}; {render.translation_date(wording)}; match {wording.match})"


def pair_document(corpus: Corpus, pair: Pair) -> str:
    """One pair as plain text for a pipe: the FRUS text, then the MAGIC wording, changed words marked."""
    lines = [f"== {pair_heading(corpus, pair)} ==", f"{frus_label(pair)}:", marked(pair.cable.text, pair.frus_changes, FRUS_ONLY)]
    if not pair.cable.complete:
        lines.append(render.incomplete_notice(pair.cable))
    lines += ["", f"{magic_label(pair)}:", marked(pair.wording.text, pair.magic_changes, MAGIC_ONLY),
              *(f"  {line}" for line in render.wording_sources(pair.wording))]
    return "\n".join(lines) + "\n"


def compare_table(found: list[Pair]) -> render.Table:
    rows = [{
        "cable": p.cable.id,
        "telegram_no": p.cable.telegram_no or "",
        "translation": p.wording.id,
        "frus": marked(p.cable.text, p.frus_changes, FRUS_ONLY),
        "magic": marked(p.wording.text, p.magic_changes, MAGIC_ONLY),
    } for p in found]
    for row, p in zip(rows, found):
        row["grade"] = p.wording.source.grade
    objects = [{**row, "frus_complete": p.cable.complete, "source": to_dict(p.wording.source),
                "other_sources": [to_dict(s) for s in p.wording.other_sources]}
               for row, p in zip(rows, found)]
    return render.Table(["cable", "telegram_no", "translation", "grade", "frus", "magic"], rows, objects)
