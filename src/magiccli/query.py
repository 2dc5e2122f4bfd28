"""Filters, cable lookup and the nearest-date hint: questions asked of the model."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from magiccli.errors import UsageProblem
from magiccli.model import Cable, Corpus, Event, Person, Translation, in_order
from magiccli.refs import Ref, RefError, parse_bound
from magiccli.text import fold_plain

COUNTRY_ALIASES = {
    "japan": "Japan",
    "ussr": "USSR",
    "soviet union": "USSR",
    "soviets": "USSR",
    "russia": "Russia",
    "usa": "USA",
    "us": "USA",
    "united states": "USA",
    "america": "USA",
    "uk": "UK",
    "britain": "UK",
    "great britain": "UK",
    "united kingdom": "UK",
    "england": "UK",
    "china": "China",
    "germany": "Germany",
    "mongolia": "Mongolia",
    "manchukuo": "Manchukuo",
}


class QueryError(UsageProblem):
    """A filter the corpus cannot answer (exit 2)."""


def people_called(corpus: Corpus, name: str) -> list[Person]:
    """Everyone one of whose names is ``name``, ignoring case, accents and punctuation."""
    wanted = fold_plain(name)
    return [p for p in corpus.people.values() if any(fold_plain(alias) == wanted for alias in p.names)]


def spellings(corpus: Corpus, name: str) -> list[str]:
    """The spellings that find in a text the one person ``name`` is a name of (people_called): each of their names
    and aliases, but one that holds another as a phrase ("Prince Konoye" holds "Konoye"), which finds nothing more;
    none when ``name`` is nobody's, or several people's ("Roosevelt": it is searched as written, since the other
    spellings of both would find the one not meant)."""
    called = people_called(corpus, name)
    if len(called) != 1:
        return []
    by_folded: dict[str, str] = {}
    for person in called:
        for spelling in [person.name, *person.aliases, *([person.native_name] if person.native_name else [])]:
            by_folded.setdefault(fold_plain(spelling), spelling)
    return [
        spelling
        for folded, spelling in by_folded.items()
        if folded and not any(other != folded and f" {other} " in f" {folded} " for other in by_folded)
    ]


def actor_keys(corpus: Corpus, name: str) -> set[str]:
    """Person ids and country names that ``name`` stands for, by any alias, any case, any accents."""
    wanted = fold_plain(name)
    keys = {p.id for p in people_called(corpus, name)}
    countries = {COUNTRY_ALIASES[wanted]} if wanted in COUNTRY_ALIASES else set()
    countries |= {c for c in corpus.countries or () if fold_plain(c) == wanted}
    keys |= countries
    if not keys:
        raise QueryError(f"no person or country called '{name}' in the corpus")
    return keys


def _grepped(grep: str | None) -> str | None:
    """--grep's words folded as the texts are; one with none (punctuation only) would match every record, and is
    refused as quote refuses it."""
    if grep is None or grep == "":
        return None
    folded = fold_plain(grep)
    if not folded:
        raise QueryError("--grep has no letters or digits to look for")
    return folded


@dataclass(frozen=True)
class Filters:
    """What the timeline's options select, parsed: dates as ISO days, actors as the keys each stands for, --grep
    folded. The index turns all but --grep into SQL."""

    start: str | None = None
    end: str | None = None
    kinds: set[str] = field(default_factory=set)
    actors: list[set[str]] = field(default_factory=list)  # each set: one --actor, any of its keys
    tags: set[str] = field(default_factory=set)
    grep: str | None = None
    direction: str | None = None

    @classmethod
    def parse(cls, corpus: Corpus, *, start=None, end=None, kinds=(), actors=(), tags=(), grep=None, direction=None):
        try:
            first = parse_bound(start).isoformat() if start else None
            last = parse_bound(end, last=True).isoformat() if end else None
        except RefError as err:
            raise QueryError(str(err)) from None
        if first and last and last < first:
            raise QueryError(f"--to {end} is before --from {start}")
        return cls(
            first, last, set(kinds), [actor_keys(corpus, a) for a in actors], set(tags), _grepped(grep), direction
        )


NO_FILTERS = Filters()


def searchable_text(record: Cable | Event) -> str:
    """What --grep looks in."""
    if isinstance(record, Cable):
        return "\n".join([record.title, record.summary, record.text, *(t.text for t in record.translations)])
    official = record.official_text.text if record.official_text else ""
    return "\n".join([record.title, record.summary, official])


@dataclass(frozen=True)
class CableMatch:
    cable: Cable
    matched_on: str  # what the reference matched: "sent 1945-07-21", "telegram 932", …


def find_cables(corpus: Corpus, ref: Ref) -> list[CableMatch]:
    found: dict[str, CableMatch] = {}
    if ref.kind == "span":
        for cable in corpus.cables:
            if cable.date in ref.value:
                found[cable.id] = CableMatch(cable, f"sent {cable.date}")
        for cable in corpus.cables:
            for translation in cable.translations:
                for day, what in translation.dates().items():
                    if day in ref.value and cable.id not in found:
                        found[cable.id] = CableMatch(cable, f"{what} {day} ({translation.id})")
    elif ref.kind == "telegram":
        found = {c.id: CableMatch(c, f"telegram {ref.value}") for c in corpus.cables if c.telegram_no == ref.value}
    elif ref.kind == "frus":
        found = {c.id: CableMatch(c, f"FRUS {ref.value}") for c in corpus.cables if c.citation.ref == ref.value}
    else:
        record = corpus.by_id.get(ref.key)
        if isinstance(record, Cable):
            found = {record.id: CableMatch(record, f"id {record.id}")}
        elif isinstance(record, Translation) and isinstance(answered := corpus.by_id.get(record.cable or ""), Cable):
            found = {answered.id: CableMatch(answered, f"translation {record.id}")}
    return sorted(found.values(), key=lambda m: in_order(m.cable))


def nearest_dates(corpus: Corpus, span) -> list[tuple[str, list[Cable]]]:
    """The closest day with cables before the span and the closest after it."""
    days: dict[str, list[Cable]] = {}
    for cable in sorted(corpus.cables, key=in_order):
        days.setdefault(cable.date, []).append(cable)
    before = [d for d in days if d < span.start.isoformat()]
    after = [d for d in days if d > span.end.isoformat()]
    picks = ([before[-1]] if before else []) + ([after[0]] if after else [])
    return [(d, days[d]) for d in picks]


def cable_label(cable: Cable) -> str:
    return cable.telegram_no or cable.doc_type


def describe_missing(corpus: Corpus, ref: Ref) -> str:
    if ref.kind == "span":
        span = ref.span
        where = f"on {span.written}" if span.is_day else f"in {span.written}"
        near = nearest_dates(corpus, span)
        hint = ", ".join(f"{day} ({', '.join(cable_label(c) for c in cables)})" for day, cables in near)
        return f"no cable {where}" + (f"; nearest: {hint}" if hint else "")
    what = {"telegram": "telegram No.", "frus": "FRUS document", "id": "cable with id"}[ref.kind]
    return f"no {what} {ref.value} in the corpus"


def days_between(first: str, last: str) -> int:
    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1


def near_names(corpus: Corpus, name: str) -> list[str]:
    """Register names with a word that starts with ``name``, for a 'did you mean' hint."""
    wanted = fold_plain(name)
    return [
        p.name
        for p in corpus.people.values()
        if wanted and any(word.startswith(wanted) for alias in p.names for word in fold_plain(alias).split())
    ]
