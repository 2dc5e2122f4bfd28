"""Citations of cables (their FRUS documents) and events (their official printing, else their first source):
Chicago (bibliography entry and note), BibTeX, CSL-JSON and RIS."""

from __future__ import annotations

import calendar
import json
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from magiccli import model
from magiccli.model import Cable, Corpus, Event

PUBLISHER = "United States Government Printing Office"
PUBLISHER_PLACE = "Washington"

# The year each FRUS volume the corpus cites was printed, from the Office of the Historian's own records of the volumes
# (<published-year> in github.com/HistoryAtState/frus, bibliography/frus1945Berlinv01.xml and …v02.xml). A volume not
# listed gets no year: a citation never borrows the document's date for the book's.
PUBLISHED = {"frus1945Berlinv01": 1960, "frus1945Berlinv02": 1960}

# Who made each FRUS volume the corpus cites. FRUS is compiled and published by the Department of State, its corporate
# author; the editor is the volume's primary editor in the same records (<editor role="primary">: Richardson Dougall
# for both volumes; vol. I also names six general editors of the Historical Office's staff, whom citations leave out).
# A volume not listed gets no editor.
AUTHOR = "United States Department of State"
EDITORS: dict[str, tuple[tuple[str, str], ...]] = {
    "frus1945Berlinv01": (("Dougall", "Richardson"),),
    "frus1945Berlinv02": (("Dougall", "Richardson"),),
}

STYLES = ("chicago", "chicago-note", "bibtex", "csl-json", "ris")  # the styles cited() writes; the first is the default


@dataclass(frozen=True)
class Reference:
    """What a citation needs, whatever its style."""

    key: str  # the corpus id
    title: str
    url: str
    container: str | None = None  # the FRUS volume a document is printed in, without its number; None for a web page
    volume: int | None = None  # the volume's number (2 for "Volume II")
    author: str | None = None  # the volume's corporate author
    editors: tuple = ()  # the volume's editors, each (family, given)
    document: int | None = None
    document_inferred: bool = False  # the number was inferred, not read on a FRUS copy
    place: str | None = None
    date: str | None = None  # YYYY-MM-DD the document was sent
    published: int | None = None  # the year the volume was printed
    pages: str | None = None  # the page the document starts on, or the pages it spans ("875–877")
    footnote: int | None = None  # the footnote on that page that prints the paper, where it is printed in one
    file_number: str | None = None
    publisher: str | None = None
    publisher_place: str | None = None
    note: str | None = None

    @property
    def page_text(self) -> str:
        return model.page_text(self.pages, self.footnote)

    @property
    def first_page(self) -> str | None:
        return model.first_page(self.pages)

    @property
    def last_page(self) -> str | None:
        return model.last_page(self.pages)

    @property
    def editor_names(self) -> str:
        """ "Richardson Dougall", "A and B": the editors as a sentence names them."""
        names = [f"{given} {family}" for family, given in self.editors]
        return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else ""

    @property
    def is_document(self) -> bool:
        return self.container is not None

    @property
    def document_text(self) -> str:
        """ "document 1230", saying so where the number is inferred; "" for a document without a number."""
        if self.document is None:
            return ""
        return f"document {self.document}" + (" (number inferred)" if self.document_inferred else "")

    @property
    def imprint(self) -> str:
        """ "Washington: United States Government Printing Office, 1960", as far as it is known."""
        return ", ".join(
            filter(
                None,
                [
                    ": ".join(filter(None, [self.publisher_place, self.publisher])),
                    str(self.published) if self.published else None,
                ],
            )
        )

    @property
    def document_note(self) -> str:
        """The document, the footnote that prints the paper (no page field of BibTeX, RIS or CSL has room for it) and
        the file number, as far as they are known."""
        return "; ".join(
            filter(
                None,
                [
                    self.document_text,
                    f"footnote {self.footnote}" if self.footnote else None,
                    f"file {self.file_number}" if self.file_number else None,
                ],
            )
        )

    @property
    def sent(self) -> str:
        """Where and when the document was written, as Chicago prints it: "Tokyo, July 21, 1945"."""
        return ", ".join(filter(None, [self.place, _long_date(self.date) if self.date else None]))

    @property
    def dated_note(self) -> str:
        """The note of a format with no field for the document's own date: where and when, then the document."""
        return "; ".join(filter(None, [self.sent, self.document_note]))


def reference(corpus: Corpus, record: Cable | Event) -> Reference:
    """What cites the record: a cable's document; an event's official printing where the corpus records one, else
    its first source."""
    if isinstance(record, Event):
        if record.citation is None:
            source = record.sources[0]  # the corpus lists the authoritative source first
            return Reference(record.id, source.title, source.url, note=f"Source for: {record.title} ({record.date})")
        # no place: an event's places are where it happened, not always where its paper was written
        return _printed(record.id, record.citation.title or record.title, record.citation, None, record.date)
    title = _heading(corpus, record) + (f", {record.doc_type} No. {record.telegram_no}" if record.telegram_no else "")
    return _printed(record.id, title, record.citation, record.place, record.date)


def _printed(key: str, title: str, c: model.Citation, place: str | None, date: str) -> Reference:
    """The reference of a paper printed in a book: a FRUS volume is the Department of State's, printed by the GPO; of
    another edition or an archive the corpus knows only the title and address its record gives."""
    frus = c.is_frus
    # a TEI volume's header names its editors and year; else the records above, for the volumes they know
    editors = tuple(_family_first(name) for name in c.editors) if c.editors else EDITORS.get(c.volume or "", ())
    return Reference(
        key,
        title,
        c.url,
        container=c.book_title,
        volume=c.volume_no,
        author=AUTHOR if frus else None,
        editors=editors,
        document=c.document,
        document_inferred=c.document_inferred,
        place=place,
        date=date,
        published=c.published or PUBLISHED.get(c.volume or ""),
        pages=c.pages,
        footnote=c.footnote,
        file_number=c.file_number,
        publisher=PUBLISHER if frus else None,
        publisher_place=PUBLISHER_PLACE if frus else None,
    )


def _family_first(name: str) -> tuple[str, str]:
    """("Dougall", "Richardson") of "Richardson Dougall": a TEI header's editor as the styles want a name."""
    given, _, family = name.rpartition(" ")
    return family, given


def _heading(corpus: Corpus, cable: Cable) -> str:
    """FRUS's heading as printed; where FRUS prints none, who wrote to whom."""
    if cable.heading:
        return cable.heading
    names = [corpus.people[p].name for p in (cable.from_, cable.to) if p in corpus.people]
    return " to ".join(names) or cable.doc_type.capitalize()


def cited(refs: Iterable[Reference], style: str) -> Iterator[str]:
    """The references in one style as a file of that format holds them, a piece a reference as they come (and
    csl-json's closing bracket), each piece ending where its entry does."""
    if style == "csl-json":  # one JSON array, an item at a time
        opening = "[\n"
        for ref in refs:
            yield opening + textwrap.indent(json.dumps(csl_item(ref), indent=2, ensure_ascii=False), "  ")
            opening = ",\n"
        yield "[]\n" if opening == "[\n" else "\n]\n"
        return
    one = {"chicago": chicago, "chicago-note": chicago_note, "bibtex": bibtex, "ris": ris}[style]
    between = "" if style == "chicago" else "\n"  # a bibliography entry a line; notes and records a blank line apart
    for n, ref in enumerate(refs):
        yield ("" if n == 0 else between) + one(ref) + "\n"


def _long_date(iso: str) -> str:
    year, month, day = map(int, iso.split("-"))
    return f"{calendar.month_name[month]} {day}, {year}"


def chicago(ref: Reference) -> str:
    """A Chicago bibliography entry (notes-bibliography style) of the document: the volume's author, the document's
    own date, the volume with its number and editors, the page, then the volume's imprint."""
    if not ref.is_document:
        return f"“{ref.title}.” {ref.url}."
    printed_in = ", ".join(
        filter(
            None,
            [
                ref.container,
                f"vol. {ref.volume}" if ref.volume else None,
                f"edited by {ref.editor_names}" if ref.editors else None,
                ref.document_text,
                ref.page_text,
            ],
        )
    )
    sentences = [
        f"{ref.author}." if ref.author else None,
        f"“{ref.title},” {ref.sent}.",
        f"In {printed_in}.",
        f"{ref.imprint}." if ref.imprint else None,
        f"File {ref.file_number}." if ref.file_number else None,
        f"{ref.url}.",
    ]
    return " ".join(filter(None, sentences))


def chicago_note(ref: Reference) -> str:
    """A Chicago note (notes-bibliography style): the first, full note citing the document, its page included."""
    if not ref.is_document:
        return f"“{ref.title},” {ref.url}."
    book = ", ".join(
        filter(
            None,
            [
                ref.author,
                ref.container,
                f"vol. {ref.volume}" if ref.volume else None,
                f"ed. {ref.editor_names}" if ref.editors else None,
            ],
        )
    )
    imprint = f" ({ref.imprint})" if ref.imprint else ""
    where = ", ".join(
        filter(
            None,
            [
                ref.document_text.replace("document", "doc."),
                ref.page_text,
                f"file {ref.file_number}" if ref.file_number else None,
                ref.url,
            ],
        )
    )
    return f"“{ref.title},” {ref.sent}, in {book}{imprint}, {where}."


_BIBTEX_SPECIAL = str.maketrans({c: "\\" + c for c in "&%$#_"} | {"–": "--", "—": "---", "{": "\\{", "}": "\\}"})


def _bibtex_text(text: str) -> str:
    return text.translate(_BIBTEX_SPECIAL)


def bibtex(ref: Reference) -> str:
    """A BibTeX entry that biblatex reads as well: `year` is the volume's; the document's date is biblatex's `origdate`
    (BibTeX has no field for it, so `note` says it too). No `date` field: biblatex would take it over `year`."""
    if ref.is_document:
        fields = [
            ("title", "{" + _bibtex_text(ref.title) + "}"),  # inner braces keep the heading's capitals
            ("booktitle", "{" + _bibtex_text(ref.container or "") + "}"),
            ("volume", ref.volume),
            ("bookauthor", "{" + ref.author + "}" if ref.author else None),  # biblatex's; braces keep it one name
            ("editor", " and ".join(f"{family}, {given}" for family, given in ref.editors)),
            ("publisher", _bibtex_text(ref.publisher or "")),
            ("address", ref.publisher_place),
            ("year", ref.published),
            ("origdate", ref.date),
            ("pages", _bibtex_text(ref.pages or "")),  # 875--877: the styles print "pp." themselves
            ("note", _bibtex_text(ref.dated_note)),
            ("url", ref.url),
        ]
        entry_type = "incollection"
    else:
        fields = [
            ("title", "{" + _bibtex_text(ref.title) + "}"),
            ("url", ref.url),
            ("note", _bibtex_text(ref.note or "")),
        ]
        entry_type = "misc"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry_type}{{{ref.key},\n{body}\n}}"


def _csl_date(*parts: int) -> dict:
    return {"date-parts": [list(parts)]}


def csl_item(ref: Reference) -> dict:
    """A CSL-JSON item (the format Zotero, Pandoc and citeproc read): `issued` is the volume's year, `original-date` the
    document's."""
    if not ref.is_document:
        return {"id": ref.key, "type": "webpage", "title": ref.title, "URL": ref.url, "note": ref.note}
    item = {
        "id": ref.key,
        "type": "chapter",
        "title": ref.title,
        "container-title": ref.container,
        "volume": ref.volume,
        "author": [{"literal": ref.author}]
        if ref.author
        else None,  # the volume's corporate author, as the Chicago forms above name it
        "editor": [{"family": family, "given": given} for family, given in ref.editors] or None,
        "publisher": ref.publisher,
        "publisher-place": ref.publisher_place,
        "issued": _csl_date(ref.published) if ref.published else None,
        "original-date": _csl_date(*map(int, ref.date.split("-"))) if ref.date else None,
        "number": str(ref.document) if ref.document is not None else None,
        "archive_location": f"File {ref.file_number}" if ref.file_number else None,
        "page": ref.pages,
        "URL": ref.url,
        "note": ref.document_note or None,
    }
    return {name: value for name, value in item.items() if value is not None}


def ris(ref: Reference) -> str:
    """An RIS record (the 2011 RIS specification): `PY` is the volume's year. RIS has no tag for a document's own date —
    `DA` is the publication's full date and `Y2` the date accessed — so the document's date goes in the note."""
    if ref.is_document:
        tags = [
            ("TY", "CHAP"),
            ("ID", ref.key),
            ("TI", ref.title),
            ("T2", ref.container),
            ("VL", ref.volume),
            *(("A2", f"{family}, {given}") for family, given in ref.editors),  # A2 of a CHAP: the book's editor
            ("PB", ref.publisher),
            ("CY", ref.publisher_place),
            ("PY", ref.published),
            ("SP", ref.first_page),
            ("EP", ref.last_page),
            ("N1", ref.dated_note),
            ("UR", ref.url),
        ]
    else:
        tags = [("TY", "ELEC"), ("ID", ref.key), ("TI", ref.title), ("N1", ref.note), ("UR", ref.url)]
    return "\n".join(f"{tag}  - {value}" for tag, value in tags if value) + "\nER  - "
