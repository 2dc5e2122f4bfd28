"""What the commands share: the index of the corpus in use, the rule that an empty answer is exit 1, the cables a
reference names, and the answers to references a reference at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import chain
from typing import Generic, TypeVar

from magiccli.boundary import warn
from magiccli.errors import CommandError, NothingFound
from magiccli.index import Index
from magiccli.locations import corpus_roots
from magiccli.model import Cable, Corpus, Event, graded
from magiccli.output import fail
from magiccli.query import CableMatch, describe_missing, find_cables
from magiccli.refs import parse_ref

T = TypeVar("T")
Named = tuple[Corpus, CableMatch]  # a cable a reference names, with the corpus it stands in

NOTHING_MATCHES = "nothing matches those filters"
added_corpora: list[str] = []  # --corpus, set by the main options for the command that follows


def open_index(rebuild: bool = False) -> Index:
    """The index of the bundled corpus and the user's folders, built or rebuilt with progress on a terminal; what
    it has to tell (files left out, an index in memory) said on stderr."""
    from magiccli.progress import progress

    index = Index.open(corpus_roots(added_corpora), rebuild=rebuild, progress=progress)
    for notice in index.notices:
        warn(notice)
    return index


_NONE = object()


def found(items: Iterable, nothing: str) -> Iterator:
    """``items``, or NothingFound saying ``nothing`` when there are none: a stream is checked by its first item."""
    items = iter(items)
    first = next(items, _NONE)
    if first is _NONE:
        raise NothingFound(nothing)
    return chain([first], items)


class Answers:
    """The answers to references a reference at a time, as references() reads them: one that names nothing or is
    malformed is its error line on stderr at once, and the others are still answered, as each line of a stream is a
    question of its own; a failure of the stream itself (a line that is not UTF-8) ends it so. ``status`` is the
    exit status of the worst failure, 0 for none: the command returns it once its output is written, every failure
    already said."""

    def __init__(self) -> None:
        self.status = 0

    def each(self, refs: Iterable[str], answer: Callable[[str], Iterable[T]]) -> Iterator[T]:
        """The items of each reference's answer, as each reference comes."""
        refs = iter(refs)
        while True:
            try:
                ref = next(refs, None)
                if ref is None:
                    return
                items = answer(ref)
            except CommandError as err:
                fail(str(err))
                self.status = max(self.status, err.exit_code)
            else:
                yield from items

    def found(self, items: Iterable[T], nothing: Callable[[], str]) -> Iterator[T] | None:
        """``items`` once the first has come, so that no output starts before it; None when there is none because
        every reference failed (each said, ``status`` set), else NothingFound saying ``nothing()`` (the references
        named records, but none was kept)."""
        items = iter(items)
        for first in items:
            return chain([first], items)
        if self.status:
            return None
        raise NothingFound(nothing())


class Seen(Generic[T]):
    """The items of a stream as they go by: how many, and the first FEW, for a message about what came of them
    that stays one line and holds no stream whole."""

    FEW = 20

    def __init__(self, items: Iterable[T]) -> None:
        self._items = items
        self.count = 0
        self.first: list[T] = []

    def __iter__(self) -> Iterator[T]:
        for item in self._items:
            self.count += 1
            if len(self.first) < self.FEW:
                self.first.append(item)
            yield item


def each_named(index: Index, ref: str) -> list[Named]:
    """The cables REF names, each with the corpus it stands in (named_cables): one reference's answer."""
    corpus, matches = named_cables(index, ref)
    return [(corpus, match) for match in matches]


def graded_matches(named: Iterable[Named], least: str) -> Iterator[Named]:
    """The cables as model.graded leaves them with their sources graded ``least`` or better, those left at all."""
    for corpus, match in named:
        kept = graded(match.cable, least)
        if isinstance(kept, Cable):
            yield corpus, replace(match, cable=kept)


def named_cables(index: Index, ref: str) -> tuple[Corpus, list[CableMatch]]:
    """The cables REF names, in corpus order, with the corpus they stand in (them, the people register and the
    cables they answer or mention), or NothingFound with the nearest days or the reason it names none."""
    parsed = parse_ref(ref)
    corpus = index.corpus(index.cable_ids(parsed), with_linked=True)
    matches = find_cables(corpus, parsed)
    if not matches:
        if parsed.kind == "id" and isinstance(index.corpus([parsed.key]).by_id.get(parsed.key), Event):
            raise NothingFound(f"{parsed.key} is an event, not a cable: read it with 'magiccli show {parsed.key}'")
        nearby = index.corpus(index.cable_ids_next_to(parsed)) if parsed.kind == "span" else corpus
        raise NothingFound(describe_missing(nearby, parsed))
    return corpus, matches
