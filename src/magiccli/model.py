"""The corpus as plain dataclasses. Field names are the corpus's own (``from`` is spelled ``from_``)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import ClassVar, NamedTuple

from magiccli import clock

EVENT_KINDS = ("treaty", "conference", "diplomatic", "military", "intelligence", "domestic")
DIRECTIONS = ("tokyo-moscow", "moscow-tokyo")
GRADES = ("archival", "published", "secondary-web", "weak")  # of a source, the best first (corpus/schema.json)


def reaches(grade: str | None, least: str | None) -> bool:
    """Whether a source of ``grade`` is graded ``least`` or better (any source is, without a ``least``)."""
    return least is None or (grade in GRADES and GRADES.index(grade) <= GRADES.index(least))


def best_grade(grades) -> str | None:
    """The best of ``grades``; None for none."""
    return min(grades, key=GRADES.index, default=None)


def _nested(cls, many: bool = False, optional: bool = False, **kwargs):
    """A field holding a record of ``cls`` (a list of them, ``many``); an ``optional`` list the record may leave out,
    so an empty one is not written back."""
    return field(metadata={"nested": cls, "many": many, "optional": optional}, **kwargs)


def _derived(**kwargs):
    """A field the loader fills in from other records; not part of the record's file."""
    return field(init=False, repr=False, compare=False, metadata={"derived": True}, **kwargs)


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    grade: str | None = None  # archival, published, secondary-web or weak; required of wordings' and events' sources


@dataclass(frozen=True)
class Citation:
    """Where a document is printed: a FRUS volume (all fields), another edition or an archive (a title and a page
    address; the FRUS fields None)."""

    volume_title: str
    url: str
    volume: str | None = None  # the Office of the Historian's volume id, for FRUS
    document: int | None = None
    pages: str | None = None  # the page it starts on, or the pages it spans ("875–877")
    section_pages: str | None = None
    file_number: str | None = None
    document_inferred: bool = False  # the number was inferred, not read on a FRUS copy
    # what a TEI volume's header says of the volume (magiccli.tei): its number, editors and year of publication
    volume_number: str | None = None
    editors: list[str] | None = None
    published: int | None = None
    title: str | None = None  # an event's paper as its citation names it (a cable's title is its heading)
    footnote: int | None = None  # the footnote that prints the paper, where it is printed only in one

    @property
    def is_frus(self) -> bool:
        return bool(self.volume and self.volume.startswith("frus"))

    @property
    def ref(self) -> str | None:
        """The Office of the Historian's short reference, e.g. frus1945Berlinv02/d1230; None outside FRUS."""
        return f"{self.volume}/d{self.document}" if self.is_frus and self.document else None

    @property
    def page_text(self) -> str:
        """ "p. 875", "pp. 875–877", "p. 1474n1" (a footnote), or "" where the page is not known: as every citation
        prints it."""
        return page_text(self.pages, self.footnote)

    @property
    def book_title(self) -> str:
        """The volume's title without its number: what a citation prints beside "vol. 2"."""
        return _VOLUME_NUMBER.sub("", self.volume_title)

    @property
    def volume_no(self) -> int | None:
        """The volume's number (2): from a TEI header's "Volume II", else from the title's end (", Volume II"); None
        for a book in one volume."""
        found = _VOLUME_NUMBER.search(f", {self.volume_number}" if self.volume_number else self.volume_title)
        return _roman(found.group(1)) if found else None

    @property
    def first_page(self) -> str | None:
        """The page the document starts on ("875" of "875–877")."""
        return first_page(self.pages)

    @property
    def last_page(self) -> str | None:
        """The page the document ends on where it is known ("877" of "875–877"; None for a bare start page)."""
        return last_page(self.pages)


def first_page(pages: str | None) -> str | None:
    return pages.split("–")[0] if pages else None


def last_page(pages: str | None) -> str | None:
    return pages.split("–")[1] if pages and "–" in pages else None


def page_text(pages: str | None, footnote: int | None = None) -> str:
    """ "p. 875", "pp. 875–877" (the corpus writes a range with an en dash), "p. 1474n1" (footnote 1 on that page, as
    Chicago cites a note), or ""."""
    if not pages:
        return ""
    return (f"pp. {pages}" if "–" in pages else f"p. {pages}") + (f"n{footnote}" if footnote else "")


_VOLUME_NUMBER = re.compile(r",? Volume ([IVXLC]+|[0-9]+)$")
_DOCUMENT_FRAGMENT = re.compile(r"d[0-9]+")  # a FRUS document's xml:id within its volume
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(numeral: str) -> int:
    """2 for "II" or "2": a volume's number as its title prints it."""
    if numeral.isdigit():
        return int(numeral)
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if v < after else v for v, after in zip(values, values[1:] + [0]))


@dataclass(frozen=True)
class Arrival:
    """When a telegram reached its addressee, as a text attests it ("did not arrive until today, the 24th")."""

    date: str
    place: str  # where it arrived: the addressee's post
    as_given: str  # the attesting words, verbatim
    attested_by: str  # the corpus id of the record whose text says so (its text_grade grades the statement)
    time: str | None = None  # local HH:MM, where the text gives one

    @property
    def instant(self) -> str | None:
        """The UTC instant of arrival where the text gives a time and the place's zone is known."""
        return clock.instant(self.date, self.time, self.place)

    @property
    def latest(self) -> str | None:
        """The latest UTC instant the arrival can have been: its instant, else the end of its local day; None where
        the place's zone is unknown. A telegram sent before it crossed this one on the way."""
        span = clock.day_span(self.date, self.place)
        return self.instant or (span[1] if span else None)

    @property
    def earliest(self) -> str | None:
        """The earliest UTC instant the arrival can have been: its instant, else the start of its local day."""
        span = clock.day_span(self.date, self.place)
        return self.instant or (span[0] if span else None)


@dataclass(frozen=True)
class Quotation:
    """Where a paper that FRUS prints only inside another document stands in it: the record and its paragraphs
    (1-based, as Cable.paragraphs counts them)."""

    record: str
    paragraphs: list[int]


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs: the stretches between blank lines."""
    return [p for p in text.split("\n\n") if p.strip()]


@dataclass(frozen=True)
class Footnote:
    n: int
    text: str
    complete: bool = True


@dataclass(frozen=True)
class OfficialText:
    title: str
    text: str
    source: Source = _nested(Source)
    complete: bool = True


@dataclass(frozen=True)
class Witness:
    """A page that prints a MAGIC wording, whole or in part."""

    source: Source = _nested(Source)  # a field without a default, which a type checker cannot see through field()
    dated: str | None  # type: ignore[misc]  # the date the page attaches to the wording
    date_as_given: str | None  # type: ignore[misc]
    text: str | None = None  # the page's own words, where they differ from the wording's text
    excerpt: bool = False  # the page prints only part of the wording
    notes: str | None = None
    former_id: str | None = None  # the id this page's wording had as a record of its own, before the merge


@dataclass
class Translation:
    """A MAGIC wording: its words once, with the pages that print them (witnesses, the best first). ``source``,
    ``other_sources``, ``sources``, ``dated`` and ``date_as_given`` read the witnesses, as the views always have."""

    kind: ClassVar[str] = "translation"
    id: str
    cable: str | None
    telegram_no: str | None
    from_: str | None
    to: str | None
    summary_no: int | None
    summary_date: str | None
    text: str
    witnesses: list[Witness] = _nested(Witness, many=True, default_factory=list)
    match: str = "uncertain"
    confidence: str = ""
    notes: str = ""
    text_normalized: str | None = None
    fixes: list[dict] = field(default_factory=list)

    @property
    def former_ids(self) -> list[str]:
        """The ids its witnesses had as records of their own, before the merge (a reference to one names it)."""
        return [w.former_id for w in self.witnesses if w.former_id]

    @property
    def source(self) -> Source:
        """The best page that prints this wording."""
        return self.witnesses[0].source

    @property
    def other_sources(self) -> list[Source]:
        """The other pages that print it, whole or in part."""
        return [w.source for w in self.witnesses[1:]]

    @property
    def sources(self) -> list[Source]:
        """Every page that prints this wording, the best first."""
        return [w.source for w in self.witnesses]

    @property
    def dated(self) -> str | None:
        """The date the best page attaches to the wording."""
        return self.witnesses[0].dated

    @property
    def date_as_given(self) -> str | None:
        return self.witnesses[0].date_as_given

    def dates(self) -> dict[str, str]:
        """The dates that find this wording's cable, with what each one is."""
        found: dict[str, str] = {}
        for witness in self.witnesses:
            if witness.dated:
                found.setdefault(witness.dated, "MAGIC wording quoted as of")
        if self.summary_date:
            found[self.summary_date] = "MAGIC summary of"
        return found


@dataclass
class Cable:
    kind: ClassVar[str] = "cable"
    end: ClassVar[None] = None
    id: str
    doc_type: str
    telegram_no: str | None
    title: str
    date: str
    time: str | None
    place: str
    from_: str
    to: str | None
    in_reply_to: list[str]
    markings: list[str]
    translation: bool | None
    heading: str | None  # as FRUS prints it; None where no copy was seen, or its text left out (graded)
    summary: str
    people: list[str]
    tags: list[str]
    citation: Citation = _nested(Citation)
    complete: bool = True
    text: str = ""
    footnotes: list[Footnote] = _nested(Footnote, many=True, default_factory=list)
    text_source: str = ""
    text_from: Source | None = _nested(Source, default=None)  # where the text was read, graded
    time_from: list[Source] = _nested(
        Source, many=True, optional=True, default_factory=list
    )  # of date and time, best first
    arrived: Arrival | None = _nested(Arrival, default=None)  # where a text attests when it reached its addressee
    quoted_in: Quotation | None = _nested(Quotation, default=None)  # a paper printed inside another record's text
    dateline_as_given: str = ""
    date_source: str = ""
    telegrams_mentioned: list[str] = field(default_factory=list)
    notes: str = ""
    heading_erratum: str | None = None
    fixes: list[dict] = field(default_factory=list)
    # a document read from a TEI volume (magiccli.tei): its source note, chapter, the days it may be of, its
    # cross-references and the glossed terms it uses
    source_note: str | None = None
    chapter: str | None = None
    date_min: str | None = None
    date_max: str | None = None
    links: list[dict] | None = None
    terms: list[dict] | None = None
    translations: list[Translation] = _derived(default_factory=list)
    wordings_left_out: int = _derived(default=0)  # by model.graded, for sources below the grade asked for
    text_left_out: bool = _derived(default=False)  # by model.graded: the text's source is graded below the grade asked
    time_left_out: bool = _derived(default=False)  # by model.graded: so are all the sources of its time

    @property
    def number(self) -> str:
        """What a heading calls the cable: "No. 893", or its kind where it has no telegram number."""
        return f"No. {self.telegram_no}" if self.telegram_no else self.doc_type.capitalize()

    @property
    def direction(self) -> str | None:
        """tokyo-moscow or moscow-tokyo for the telegrams between the ministry and the embassy."""
        if self.doc_type != "telegram":
            return None
        return {"Tokyo": "tokyo-moscow", "Moscow": "moscow-tokyo"}.get(self.place)

    @property
    def documents_cited(self) -> list[str]:
        """The ids of the FRUS documents its TEI text refers to (``ref target="#d12"`` or ``"frus1945Berlinv02#d1230"``),
        in the order of first reference; a reference to a page or a whole volume names no document."""
        return list(
            dict.fromkeys(
                f"{link['volume']}-{link['fragment']}"
                for link in self.links or ()
                if link.get("fragment") and _DOCUMENT_FRAGMENT.fullmatch(link["fragment"])
            )
        )

    @property
    def best_grade(self) -> str | None:
        """The best grade of any page printing any of its MAGIC wordings; None without a wording."""
        return best_grade(s.grade for t in self.translations for s in t.sources if s.grade)

    @property
    def text_grade(self) -> str | None:
        """The grade of the page its text (with heading, dateline and footnotes) was read on; None where that is not
        recorded or no text could be had."""
        return self.text_from.grade if self.text_from else None

    @property
    def time_grade(self) -> str | None:
        """The best grade of the sources of its date and time of sending; None where none is recorded."""
        return best_grade(s.grade for s in self.time_from if s.grade)

    @property
    def instant(self) -> str | None:
        """When it was sent, in UTC ("1945-07-21T12:30Z"), where its time and its place's zone are known."""
        return clock.instant(self.date, self.time, self.place)

    @property
    def zone(self) -> str | None:
        """The zone of its local time (JST, MSK), where known."""
        return clock.zone_name(self.date, self.time, self.place)

    @property
    def arrived_instant(self) -> str | None:
        """When it reached its addressee, in UTC, where a text attests the time (arrived.latest bounds it by day)."""
        return self.arrived.instant if self.arrived else None

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.text)

    @property
    def searched_paragraphs(self) -> list[str]:
        """The paragraphs whose words are this record's own: none of a paper quoted inside another record, whose
        words are searched and counted there."""
        return [] if self.quoted_in else self.paragraphs


@dataclass
class Event:
    id: str
    kind: str
    title: str
    date: str
    end: str | None
    actors: list[str]
    places: list[str]
    summary: str
    tags: list[str]
    sources: list[Source] = _nested(Source, many=True, default_factory=list)
    official_text: OfficialText | None = _nested(OfficialText, default=None)
    citation: Citation | None = _nested(Citation, default=None)  # the official printing of its paper, where known
    notes: str | None = None
    time: str | None = None  # local HH:MM at time_place, where a source gives it
    time_place: str | None = None  # where that local time was kept (Moscow, Tokyo): its zone gives the instant
    time_as_given: str | None = None  # the time as the source words it
    time_from: list[Source] = _nested(Source, many=True, optional=True, default_factory=list)  # of the time, best first

    @property
    def instant(self) -> str | None:
        """When it happened, in UTC, where a source gives its local time and the place's zone is known."""
        return clock.instant(self.date, self.time, self.time_place)

    @property
    def zone(self) -> str | None:
        """The zone of its local time (MSK, JST), where known."""
        return clock.zone_name(self.date, self.time, self.time_place)

    @property
    def time_grade(self) -> str | None:
        """The best grade of the sources of its time; None where it has no time."""
        return best_grade(s.grade for s in self.time_from if s.grade)

    @property
    def complete(self) -> bool:
        """Whether its official text, where it has one, is whole."""
        return self.official_text is None or self.official_text.complete

    @property
    def best_grade(self) -> str | None:
        """The best grade of its sources, on which our summary of it rests."""
        return best_grade(s.grade for s in self.sources if s.grade)

    @property
    def countries(self) -> list[str]:
        """The actors that are countries: capitalised names, where people are lowercase register ids."""
        return [a for a in self.actors if not a[:1].islower()]


@dataclass
class Person:
    kind: ClassVar[str] = "person"
    id: str
    name: str
    native_name: str | None
    aliases: list[str]
    born: str | None
    died: str | None
    nationality: str
    role_1945: str
    summary: str
    sources: list[Source] = _nested(Source, many=True, default_factory=list)
    confidence: str = ""
    notes: str = ""
    shares_names_with: list[str] = field(default_factory=list, metadata={"optional": True})  # ids, each naming this one

    @property
    def names(self) -> list[str]:
        return [self.name, self.id, *self.aliases] + ([self.native_name] if self.native_name else [])


@dataclass
class Corpus:
    cables: list[Cable]
    events: list[Event]
    translations: list[Translation]
    people: dict[str, Person]
    files: list[Path] = field(default_factory=list)
    countries: set[str] | None = None  # every country an event names, kept whole when only some records are loaded

    def __post_init__(self):
        if self.countries is None:
            self.countries = {c for e in self.events for c in e.countries}

    @classmethod
    def of(cls, records: list, *, files: Sequence[Path] = (), countries: set[str] | None = None) -> Corpus:
        """The corpus of these records, each MAGIC wording attached to its cable where that cable is among them."""
        by_kind: dict[type, list] = {Cable: [], Event: [], Translation: [], Person: []}
        for record in records:
            by_kind[type(record)].append(record)
        cables = {c.id: c for c in by_kind[Cable]}
        for translation in by_kind[Translation]:
            if translation.cable in cables:
                cables[translation.cable].translations.append(translation)
        return cls(
            cables=by_kind[Cable],
            events=by_kind[Event],
            translations=by_kind[Translation],
            people={p.id: p for p in by_kind[Person]},
            files=list(files),
            countries=countries,
        )

    @cached_property
    def records(self) -> list[Cable | Event]:
        """Cables and events in corpus order (in_order)."""
        return sorted([*self.cables, *self.events], key=in_order)

    @cached_property
    def by_telegram(self) -> dict[str, list[Cable]]:
        """The cables of each telegram number: many across a series, where every post numbers its own."""
        found: dict[str, list[Cable]] = {}
        for cable in self.cables:
            if cable.telegram_no:
                found.setdefault(cable.telegram_no, []).append(cable)
        return found

    @cached_property
    def by_id(self) -> dict[str, Cable | Event | Translation | Person]:
        records: list[Cable | Event | Translation | Person] = [
            *self.cables,
            *self.events,
            *self.translations,
            *self.people.values(),
        ]
        return {r.id: r for r in records}


def graded(record: Cable | Event, least: str | None) -> Cable | Event | None:
    """``record`` with only what rests on sources graded ``least`` or better, or None where nothing does.

    Of a cable: its MAGIC wordings whose best witness reaches the grade (their weaker witnesses dropped); its text,
    heading and footnotes only where ``text_grade`` reaches it (else blanked, ``text_left_out`` set); its time of
    sending only where ``time_grade`` reaches it (else None, so no zone or instant, ``time_left_out`` set), while its
    date stays, since every record needs one to stand in order. A cable with none of its text, its time or a wording
    left is None. Of an event: its sources graded ``least`` or better, the official text if its source is, and its
    time if one of the time's sources is; None where no source is."""
    if least is None:
        return record
    if isinstance(record, Cable):
        wordings = [
            dataclasses.replace(t, witnesses=[w for w in t.witnesses if reaches(w.source.grade, least)])
            for t in record.translations
            if reaches(t.source.grade, least)
        ]
        text_kept, time_kept = reaches(record.text_grade, least), reaches(record.time_grade, least)
        if not (wordings or text_kept or time_kept):
            return None
        kept = (
            dataclasses.replace(record)
            if text_kept
            else dataclasses.replace(record, text="", footnotes=[], heading=None)
        )
        if not time_kept:
            kept.time, kept.time_left_out = None, record.time is not None
        kept.translations, kept.wordings_left_out = wordings, len(record.translations) - len(wordings)
        kept.text_left_out = not text_kept and bool(record.text)
        return kept
    sources = [s for s in record.sources if reaches(s.grade, least)]
    if not sources:
        return None
    official = record.official_text
    event = dataclasses.replace(
        record, sources=sources, official_text=official if official and reaches(official.source.grade, least) else None
    )
    if record.time and not reaches(record.time_grade, least):
        event = dataclasses.replace(event, time=None, time_place=None, time_as_given=None, time_from=[])
    return event


def in_order(record: Cable | Event) -> tuple[str, str, str]:
    """Corpus order: by the day of sending (local), within a day by the instant where it is known (a cable without a
    time, or from a place of unknown zone, first), then by id. The local day comes first so that a date filter
    selects a run of it; the instant within it puts a Tokyo cable of 21:30 JST before a Moscow one of 17:00 MSK."""
    return record.date, record.instant or "", record.id


class Entry(NamedTuple):
    """A cable or event as a list shows it, without its texts: what the index keeps so that a timeline, a filter
    or a chart of any size never builds whole records. ``heading`` names a cable (number and parties). A named
    tuple: made from an index row in a fifth of the time a frozen dataclass takes, half a second of a timeline of
    315,000 records."""

    position: int  # the record's place in corpus order (Corpus.records)
    id: str
    kind: str
    date: str
    end: str | None
    time: str | None
    direction: str | None
    telegram_no: str | None
    heading: str | None
    title: str
    complete: bool
    zone: str | None = None  # of the local time: JST, MSK
    instant: str | None = None  # when it was sent or happened, in UTC, where known

    @property
    def local_time(self) -> str:
        """ "21:30 JST", a bare local time where the zone is unknown, or ""."""
        return clock.local_time(self.time, self.zone)

    @property
    def label(self) -> str:
        """The cable's heading and title, or the event's title."""
        return f"{self.heading}: {self.title}" if self.heading else self.title


# --- labels: how a source, a cable's parties and a person are named wherever they are shown or indexed --------

_FIELD_NOTES = {"magic": " (MAGIC)", "footnote": " (FRUS note)", "official": " (official text)"}


def surname(person: Person) -> str:
    """The name a heading gives a person: Japanese display names are "Shigenori Togo", the family name last, as for
    the Western ones."""
    return person.name.split()[-1]


def parties_label(people: dict, sender: str | None, addressee: str | None) -> str:
    """ "Togo → Sato" from register ids; "—" for an id the register lacks."""

    def name(person_id):
        person = people.get(person_id or "")
        return surname(person) if person else person_id or "—"  # a TEI document's people are names as printed

    return f"{name(sender)} → {name(addressee)}" if addressee else name(sender)


def source_names(record: Cable | Event) -> tuple[str, str | None, str | None]:
    """What a passage's source is named by: a cable's number, sender and addressee; an event's title."""
    if isinstance(record, Cable):
        return record.number, record.from_, record.to
    return record.title, None, None


def source_label(people: dict, name: str, sender: str | None, addressee: str | None, field: str) -> str:
    """A cable's number and parties, or an event's title, and the part of it a passage is in."""
    heading = f"{name} {parties_label(people, sender, addressee)}" if sender else name
    return heading + _FIELD_NOTES.get(field, "")


RECORD_TYPES = {"cable": Cable, "translation": Translation, "person": Person, **{k: Event for k in EVENT_KINDS}}


def from_dict(cls, data: dict):
    """Build a dataclass from a validated corpus mapping."""
    plain, nested = _init_fields(cls)
    kwargs = {name: data[key] for name, key in plain if key in data}
    for name, key, inner, many in nested:
        value = data.get(key)
        if value is not None:
            kwargs[name] = [from_dict(inner, v) for v in value] if many else from_dict(inner, value)
        elif key in data:
            kwargs[name] = None
    return cls(**kwargs)


@cache
def _init_fields(cls) -> tuple[tuple, tuple]:
    """The fields a record file sets: (attribute, corpus key) for plain values, and (attribute, corpus key,
    nested dataclass, is a list of them) for nested records."""
    fields = [f for f in dataclasses.fields(cls) if f.init]
    plain = tuple((f.name, f.name.rstrip("_")) for f in fields if not f.metadata.get("nested"))
    nested = tuple(
        (f.name, f.name.rstrip("_"), f.metadata["nested"], f.metadata["many"])
        for f in fields
        if f.metadata.get("nested")
    )
    return plain, nested


def to_dict(obj) -> dict:
    """The record as the corpus spells it: the inverse of from_dict (derived fields left out)."""
    out = {}
    if hasattr(type(obj), "kind") and not isinstance(obj, Event):
        out["kind"] = obj.kind
    for f in dataclasses.fields(obj):
        if f.metadata.get("derived"):
            continue
        value = getattr(obj, f.name)
        if (value is None and f.default is None) or (f.metadata.get("optional") and not value):
            continue  # an optional field the record leaves out
        if dataclasses.is_dataclass(value):
            value = to_dict(value)
        elif isinstance(value, list):
            value = [to_dict(v) if dataclasses.is_dataclass(v) else v for v in value]
        out[f.name.rstrip("_")] = value
    return out


def timed_dict(record: Cable | Event) -> dict:
    """The record as the corpus spells it, then the zone of its local time and its UTC instant (None where unknown):
    what JSON output carries of it, so that a data tool can order records sent in different zones."""
    return {**to_dict(record), "zone": record.zone, "instant": record.instant}


def record_object(record: Cable | Event, **extra) -> dict:
    """The record as the corpus spells it with its zone and instant (timed_dict, then ``extra``); a cable carries
    its MAGIC wordings."""
    obj = {**timed_dict(record), **extra}
    if isinstance(record, Cable):
        obj["translations"] = [to_dict(t) for t in record.translations]
    return obj
