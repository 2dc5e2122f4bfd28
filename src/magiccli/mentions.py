"""Who a text names: the people register's names and aliases found in it, whole words, case and accents ignored.

A record's curated ``people`` list says whom it concerns; what its text names is derived here from the register, so
that the two can be compared (``corpus validate``) and a list cannot drift from its text unnoticed.

An alias that the register gives to several people ("Kase" for Kase Shun'ichi and Kase Toshikazu, "Roosevelt" for
Franklin and Theodore) names none of them by itself: the text must use a fuller name. The register decides who a
name is: its one "Togo" is Togo Shigenori, so a text that means Admiral Togo Heihachiro (1905) is not for this
scan — it is made for the 1945 cables, not for the events' summaries.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from magiccli.text import fold_plain


def _folded(text: str) -> str:
    return fold_plain(unicodedata.normalize("NFC", text))


def _names(person) -> list[str]:
    """Every name by which a text may name the person (not the register id, which no document prints)."""
    return [person.name, *person.aliases, *([person.native_name] if person.native_name else [])]


class Register:
    """The register's names, folded, each pointing to the one person it names; shared names set apart."""

    def __init__(self, names: Iterable[tuple[str, str]]):
        holders: dict[str, dict[str, str]] = {}  # folded name → {person id: the name as the register spells it}
        for person_id, name in names:
            folded = _folded(name)
            if folded:
                holders.setdefault(folded, {}).setdefault(person_id, name)
        self.unique = {f: next(iter(h.items())) for f, h in holders.items() if len(h) == 1}
        self.shared = {f: sorted(h) for f, h in holders.items() if len(h) > 1}
        # each name as its words, filed under its first word: a text is read a word at a time, and only the few
        # names that begin with that word are compared (a regular expression of every name costs ten times more)
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for folded, (person_id, spelled) in sorted(self.unique.items(), key=lambda item: -len(item[0])):
            words = tuple(folded.split())  # the longest names first: "prince fumimaro konoye" before "prince konoye"
            self._by_first.setdefault(words[0], []).append((words, person_id, spelled))

    def found(self, texts: Iterable[str]) -> dict[str, str]:
        """{person id: the first of the person's names found} for every person the texts name, in the order of
        first mention."""
        named: dict[str, str] = {}
        for text in texts:
            words = _folded(text).split()
            for start, word in enumerate(words):
                for name, person_id, spelled in self._by_first.get(word, ()):
                    if len(name) == 1 or tuple(words[start : start + len(name)]) == name:
                        named.setdefault(person_id, spelled)
        return named


@lru_cache(maxsize=8)
def _register_of(names: tuple[tuple[str, str], ...]) -> Register:
    return Register(names)


def register(people: Mapping) -> Register:
    """The register of ``people`` (id → Person), built once for the same names."""
    return _register_of(tuple((pid, name) for pid, person in people.items() for name in _names(person)))


def mentions(texts: Iterable[str], people: Mapping) -> dict[str, str]:
    """{register id: the name found} of everyone the texts name."""
    return register(people).found(texts)


def mentioned(texts: Iterable[str], people: Mapping) -> list[str]:
    """The register ids of everyone the texts name, by a name or alias as a whole word (case and diacritics
    folded), in the order of first mention. Names the register shares between people count for none of them."""
    return list(mentions(texts, people))


def shared_aliases(people: Mapping) -> dict[str, list[str]]:
    """{folded name: the ids that share it}: the names that alone name nobody."""
    return register(people).shared


def cable_texts(text: str, heading: str | None, footnotes: Iterable[str]) -> list[str]:
    """The texts of a cable in which its people are named: heading, text, footnotes."""
    return [t for t in (heading, text, *footnotes) if t]
