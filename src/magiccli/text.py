"""Folding text for matching that ignores case, accents and punctuation, keeping a map back to the original."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Typography that folds to a word break like any ASCII punctuation: replacing it one for one keeps offsets,
# so texts that are ASCII but for these take the fast paths.
# The characters that change a terminal's state or the order text is shown in (boundary.py shows them escaped): C0
# but tab and newline, DEL, C1; the bidi embeddings and overrides, isolates, marks and the Arabic letter mark
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def holds_controls(text: str) -> bool:
    """Whether ``text`` holds any of CONTROLS. The index asks it of every record when it is built and keeps the
    answer, so that a stream of records searches only those it holds true for (Cleared)."""
    # every control is unprintable, and telling a text printable takes half the time of the search
    return not text.isprintable() and CONTROLS.search(text) is not None


class Cleared:
    """A text in UTF-8 (``utf8``) in which holds_controls() found nothing when the index was built
    (Index.record_texts): written out as it is, neither decoded nor searched again. At 315,000 records, searching and
    re-encoding each took seconds."""

    __slots__ = ("utf8",)

    def __init__(self, utf8: bytes):
        self.utf8 = utf8


_TYPOGRAPHY = re.compile("[‘’‚“”„–—…«»·•\u00a0]")
_ASCII_WORD = re.compile(r"[0-9A-Za-z]+")
_WORD = re.compile(r"[^\W_]+")  # runs of characters for which str.isalnum() holds


@lru_cache(maxsize=4096)
def _fold_char(char: str, case_sensitive: bool) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    base = "".join(c for c in base if c.isalnum())
    return base if case_sensitive else base.casefold()


def _is_mark(char: str) -> bool:
    """A combining mark (an accent, a vowel sign, a Hebrew point): part of the word it stands in, never a break in it,
    whether the text came composed or decomposed."""
    return unicodedata.category(char)[0] == "M"


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
        elif _is_mark(char):  # an accent typed apart from its letter (decomposed text) belongs to the word
            continue
        elif out and out[-1] != " ":
            out.append(" ")
            origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


def ascii_view(text: str) -> str | None:
    """The text with its typography as spaces, offsets unchanged, if that leaves it ASCII; else None."""
    simple = text if text.isascii() else _TYPOGRAPHY.sub(" ", text)
    return simple if simple.isascii() else None


def index_words(text: str) -> str:
    """Text that SQLite FTS5's ascii tokenizer splits into exactly fold_plain's words: a text that is ASCII but for
    its typography as it is (the tokenizer, too, splits at every ASCII character but a letter or digit and
    lowercases), any other text folded, since the tokenizer takes every non-ASCII character for part of a word."""
    simple = ascii_view(text)
    return simple if simple is not None else _fold_unicode(text)


def fold_plain(text: str) -> str:
    """fold() without the map back: whole-string operations, each character of the text folded once."""
    simple = ascii_view(text)
    if simple is not None:
        return " ".join(_ASCII_WORD.findall(simple.lower()))
    return _fold_unicode(text)


def _fold_unicode(text: str) -> str:
    """fold_plain of a text that ascii_view cannot make ASCII."""
    text = unicodedata.normalize("NFC", text)  # a name typed decomposed (macOS, copied text) folds as composed
    # every character but ASCII lowercase, digits and punctuation goes through _fold_char: lowering the folded
    # text afterwards would undo casefold where it maps to uppercase (Cherokee 'ꭰ' folds to 'Ꭰ')
    table = {
        ord(c): _fold_char(c, False) or ("" if _is_mark(c) else " ")
        for c in set(text)
        if not c.isascii() or c.isupper()
    }
    return " ".join(_WORD.findall(text.translate(table)))
