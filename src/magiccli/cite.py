"""Citations of cables (their FRUS documents) and events (their first source) in Chicago, BibTeX, CSL-JSON and RIS."""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass

from magiccli.model import Cable, Corpus, Event

# FRUS is printed by the US government; the year of these volumes is left out until a source for it is at hand
PUBLISHER = "United States Government Printing Office"
PUBLISHER_PLACE = "Washington"


@dataclass(frozen=True)
class Reference:
    """What a citation needs, whatever its style."""

    key: str  # the corpus id
    title: str
    url: str
    container: str | None = None  # the FRUS volume a document is printed in; None for a web page
    document: int | None = None
    place: str | None = None
    date: str | None = None  # YYYY-MM-DD the document was sent
    pages: str | None = None
    file_number: str | None = None
    note: str | None = None

    @property
    def is_document(self) -> bool:
        return self.container is not None

    @property
    def document_note(self) -> str:
        return f"Document {self.document}" + (f"; file {self.file_number}" if self.file_number else "")


def reference(corpus: Corpus, record: Cable | Event) -> Reference:
    if isinstance(record, Event):
        source = record.sources[0]  # the corpus lists the authoritative source first
        return Reference(record.id, source.title, source.url, note=f"Source for: {record.title} ({record.date})")
    c = record.citation
    title = _heading(corpus, record) + (f", {record.doc_type} No. {record.telegram_no}" if record.telegram_no else "")
    return Reference(record.id, title, c.url, container=c.volume_title, document=c.document, place=record.place,
                     date=record.date, pages=c.pages, file_number=c.file_number)


def _heading(corpus: Corpus, cable: Cable) -> str:
    """FRUS's heading as printed; where FRUS prints none, who wrote to whom."""
    if cable.heading:
        return cable.heading
    names = [corpus.people[p].name for p in (cable.from_, cable.to) if p in corpus.people]
    return " to ".join(names) or cable.doc_type.capitalize()


def cite(refs: list[Reference], style: str) -> str:
    """All the references in one style, as a file of that format would hold them."""
    if style == "csl-json":
        return json.dumps([csl_item(r) for r in refs], indent=2, ensure_ascii=False) + "\n"
    one = {"chicago": chicago, "bibtex": bibtex, "ris": ris}[style]
    separator = "\n" if style == "chicago" else "\n\n"
    return separator.join(one(r) for r in refs) + "\n"


def _long_date(iso: str) -> str:
    year, month, day = map(int, iso.split("-"))
    return f"{calendar.month_name[month]} {day}, {year}"


def chicago(ref: Reference) -> str:
    """A Chicago bibliography entry (notes-bibliography style)."""
    if not ref.is_document:
        return f"“{ref.title}.” {ref.url}."
    sent = ", ".join(filter(None, [ref.place, _long_date(ref.date) if ref.date else None]))
    pages = f", {ref.pages}" if ref.pages else ""
    file_number = f" File {ref.file_number}." if ref.file_number else ""
    return (f"“{ref.title},” {sent}. In {ref.container}, document {ref.document}{pages}. "
            f"{PUBLISHER_PLACE}: {PUBLISHER}.{file_number} {ref.url}.")


_BIBTEX_SPECIAL = str.maketrans({c: "\\" + c for c in "&%$#_"} | {"–": "--", "—": "---", "{": "\\{", "}": "\\}"})


def _bibtex_text(text: str) -> str:
    return text.translate(_BIBTEX_SPECIAL)


def bibtex(ref: Reference) -> str:
    if ref.is_document:
        year, month, _ = ref.date.split("-")
        fields = [
            ("title", "{" + _bibtex_text(ref.title) + "}"),  # inner braces keep the heading's capitals
            ("booktitle", "{" + _bibtex_text(ref.container) + "}"),
            ("publisher", _bibtex_text(PUBLISHER)),
            ("address", PUBLISHER_PLACE),
            ("year", year),
            ("month", calendar.month_abbr[int(month)].lower()),
            ("date", ref.date),
            ("pages", _bibtex_text(ref.pages or "")),
            ("note", _bibtex_text(ref.document_note)),
            ("url", ref.url),
        ]
        entry_type = "incollection"
    else:
        fields = [("title", "{" + _bibtex_text(ref.title) + "}"), ("url", ref.url), ("note", _bibtex_text(ref.note))]
        entry_type = "misc"
    body = ",\n".join(f"  {name} = {{{value}}}" if name != "month" else f"  {name} = {value}"
                      for name, value in fields if value)
    return f"@{entry_type}{{{ref.key},\n{body}\n}}"


def csl_item(ref: Reference) -> dict:
    """A CSL-JSON item (the format Zotero, Pandoc and citeproc read)."""
    if not ref.is_document:
        return {"id": ref.key, "type": "webpage", "title": ref.title, "URL": ref.url, "note": ref.note}
    item = {
        "id": ref.key,
        "type": "chapter",
        "title": ref.title,
        "container-title": ref.container,
        "publisher": PUBLISHER,
        "publisher-place": PUBLISHER_PLACE,
        "issued": {"date-parts": [[int(part) for part in ref.date.split("-")]]},
        "number": str(ref.document),
        "archive_location": f"File {ref.file_number}" if ref.file_number else None,
        "page": ref.pages,
        "URL": ref.url,
        "note": ref.document_note,
    }
    return {name: value for name, value in item.items() if value is not None}


def ris(ref: Reference) -> str:
    if ref.is_document:
        year, month, day = ref.date.split("-")
        tags = [("TY", "CHAP"), ("ID", ref.key), ("TI", ref.title), ("T2", ref.container), ("PB", PUBLISHER),
                ("CY", PUBLISHER_PLACE), ("PY", year), ("DA", f"{year}/{month}/{day}/"), ("SP", ref.pages),
                ("N1", ref.document_note), ("UR", ref.url)]
    else:
        tags = [("TY", "ELEC"), ("ID", ref.key), ("TI", ref.title), ("N1", ref.note), ("UR", ref.url)]
    return "\n".join(f"{tag}  - {value}" for tag, value in tags if value) + "\nER  - "
