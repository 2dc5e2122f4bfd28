"""Folding text for matching that ignores case, accents and punctuation, keeping a map back to the original."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

# Typography that folds to a word break like any ASCII punctuation; replacing it one for one keeps offsets,
# so texts that are ASCII but for these take the fast path.
_TYPOGRAPHY = str.maketrans({c: " " for c in "‘’‚“”„–—…«»·•\u00a0"})
_ASCII_WORD = re.compile(r"[0-9A-Za-z]+")


@lru_cache(maxsize=4096)
def _fold_char(char: str, case_sensitive: bool) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    base = "".join(c for c in base if c.isalnum())
    return base if case_sensitive else base.casefold()


class _WordOrigins:
    """Maps a folded character back to the original for ASCII text, where each word folds to itself."""

    def __init__(self, folded_starts: list[int], original_starts: list[int]):
        self._folded = folded_starts
        self._original = original_starts

    def __getitem__(self, index: int) -> int:
        word = bisect_right(self._folded, index) - 1
        return self._original[word] + index - self._folded[word]


def fold(text: str, case_sensitive: bool = False) -> tuple[str, list[int] | _WordOrigins]:
    """The text as words of letters and digits joined by single spaces, and for each of its characters
    the index of the original character it came from."""
    simple = text.translate(_TYPOGRAPHY)
    if simple.isascii():
        return _fold_ascii(simple if case_sensitive else simple.lower())
    return fold_by_character(text, case_sensitive)


def fold_by_character(text: str, case_sensitive: bool = False) -> tuple[str, list[int]]:
    """fold() for any text, one character at a time (the slow, general path)."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char, case_sensitive)
        if folded:
            out.append(folded)
            origin.extend([index] * len(folded))
        elif out and out[-1] != " ":
            out.append(" ")
            origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


def _fold_ascii(text: str) -> tuple[str, _WordOrigins]:
    words, folded_starts, original_starts, at = [], [], [], 0
    for match in _ASCII_WORD.finditer(text):
        words.append(match.group())
        folded_starts.append(at)
        original_starts.append(match.start())
        at += len(match.group()) + 1
    return " ".join(words), _WordOrigins(folded_starts, original_starts)


def fold_plain(text: str) -> str:
    simple = text.translate(_TYPOGRAPHY)
    if simple.isascii():
        return " ".join(_ASCII_WORD.findall(simple.lower()))
    return fold(text)[0]


def may_contain(text: str, folded_words: list[str]) -> bool:
    """A quick test that can only say no: False when a case-insensitive fold of ``text`` cannot hold every word."""
    simple = text.translate(_TYPOGRAPHY)
    if not simple.isascii():
        return True
    lowered = simple.lower()
    return all(word.lower() in lowered for word in folded_words)
