"""What the commands share: the index of the corpus in use, the rule that an empty answer is exit 1, and the cables
a list of references names."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import chain

from magiccli.boundary import warn
from magiccli.errors import NothingFound
from magiccli.index import Index
from magiccli.locations import corpus_roots
from magiccli.model import Cable, Corpus, Event, graded
from magiccli.query import CableMatch, describe_missing, find_cables
from magiccli.refs import parse_ref

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


def named_cables(index: Index, refs: Iterable[str], min_grade: str | None = None) -> tuple[Corpus, list[CableMatch]]:
    """The cables the references name, in their order, with the corpus they stand in (them, the people register and
    the cables they answer or mention), or NothingFound with the nearest days or the reason for the first that
    names none; with ``min_grade``, as model.graded leaves them."""
    parsed = [parse_ref(ref) for ref in refs]
    corpus = index.corpus(set().union(*map(index.cable_ids, parsed)), with_linked=True)
    matches = []
    for ref in parsed:
        found_here = find_cables(corpus, ref)
        if not found_here:
            if ref.kind == "id" and isinstance(index.corpus([ref.key]).by_id.get(ref.key), Event):
                raise NothingFound(f"{ref.key} is an event, not a cable: read it with 'magiccli show {ref.key}'")
            nearby = index.corpus(index.cable_ids_next_to(ref)) if ref.kind == "span" else corpus
            raise NothingFound(describe_missing(nearby, ref))
        matches += found_here
    if min_grade:
        matches = [replace(m, cable=kept) for m in matches if isinstance(kept := graded(m.cable, min_grade), Cable)]
        matches = list(found(matches, f"none of these cables has a text graded {min_grade} or better"))
    return corpus, matches
