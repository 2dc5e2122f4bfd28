"""Folding text for matching that ignores case, accents and punctuation, keeping a map back to the original."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(char: str, case_sensitive: bool) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    base = "".join(c for c in base if c.isalnum())
    return base if case_sensitive else base.casefold()


def fold(text: str, case_sensitive: bool = False) -> tuple[str, list[int]]:
    """The text as words of letters and digits joined by single spaces, and for each of its characters
    the index of the original character it came from."""
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


def fold_plain(text: str) -> str:
    return fold(text)[0]
