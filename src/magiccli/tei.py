"""Read a volume of the Office of the Historian's TEI edition of FRUS as a stream of cable-like records.

``read_volume(path)`` yields, in file order: one ``VolumeInfo`` (from the ``teiHeader``), then one ``TeiDocument``
per ``div type="document"``; a ``TeiProblem(line, message)`` can come anywhere and ends the stream when the file
cannot be read on (malformed XML, an entity declaration, not a TEI file). It never raises for bad input.

Parsing is expat (the standard library's ``pyexpat``) driven by hand, chosen by measurement (bench/tei_parsers.py):
it is as fast as ``xml.etree.ElementTree.iterparse`` and gives each document's line number, which iterparse does
not. Elements are built (with ``TreeBuilder``) only for the header, the terms list, structural heads and one
document at a time, and dropped as soon as they are read: memory is bounded by one document, not the volume.
Safety: entity declarations (internal or external, the billion-laughs shape) and external entity references are
refused with a problem; parameter entities are never parsed; no DTD is fetched and nothing goes to the network
(an entity only a DTD could declare is left out, with a problem);
``xi:include`` is an element like any other and is not followed.

Record shape (a dict shaped like the corpus's ``cable`` records, so the commands read it the same way)::

    id               "<volume>-<xml:id>", e.g. "frus1944Quebec-d1"
    kind             "cable"
    doc_type         "editorial-note" for subtype editorial-note; else the kind the source note ends with
                     ("Roosevelt Papers: Telegram" -> "telegram"), else the heading's first word
                     ("Memorandum by ..." -> "memorandum"), where that is one of KINDS; None where neither says
    telegram_no      "624" where the body's first paragraph begins "No. 624." / "Number 506." / "932."; else None
    title            the heading (there is no title in our own words for a TEI document)
    heading          the printed heading, footnote marks removed, whitespace normalized; None if there is none
    date             "YYYY-MM-DD" where the document is of one day (dateline date/@when, else the div's
                     frus:doc-dateTime-min and -max on the same day); None for a range
    date_min/max     first and last day the document can be of: the div's frus:doc-dateTime-min/max, else the
                     dateline's when / from-to / notBefore-notAfter (date_min == date_max == date for one day)
    time             "HH:MM" where the dateline's date/@when prints a time, else None
    place            the dateline's first placeName as printed (brackets of a supplied place are outside it)
    dateline_as_given  the dateline's text ("[Washington,] 20 March 1944."), None without a dateline
    from, to         the names the heading tags persName/gloss type="from"/"to", as printed ("Churchill",
                     "President"), several joined with " and "; None where the heading tags none. Names, not
                     register ids: resolving them is the register's work.
    markings         the opener's left segment(s), one entry per line ("top secret", "priority")
    translation      True where the opener or a paragraph is "[Translation]" (which, like a marking, is then not
                     part of markings or text); None otherwise (not printed)
    source_note      the source note's text ("Roosevelt Papers: Telegram"), None for an editorial note
    file_number      the Department's decimal file number where the source note begins with one
                     ("893.34/255: Telegram" -> "893.34/255"), else None
    chapter          the head of the nearest enclosing chapter/compilation div
    text             the body (after the source note, heading and opener): paragraphs, list entries (label and
                     item as one paragraph), attachments, block quotes, closers, table rows (cells joined by
                     " | "), separated by a blank line; footnotes and page breaks removed; line breaks (lb) kept
                     as newlines
    footnotes        [{"n": 1, "text": "..."}] in document order, n an int where printed as a number ("*" kept)
    links            [{"target", "volume", "page", "fragment", "text"}] for each ref/@target, in text and notes:
                     "#pg_14" -> this volume, page "14"; "frus1944v05#pg_821" -> volume frus1944v05, page "821";
                     "frus1943CairoTehran" -> that volume; other fragments ("#d5", "#in29") in "fragment"
    terms            [{"target", "term", "meaning"}] for each gloss/@target, first use first; meaning None where
                     the terms list did not come before the document
    telegrams_mentioned  bare numbers of "telegram(s) No. N (and No. M)" in the text, first use first
    in_reply_to      bare numbers of the first paragraph's "Re your/my telegram(s) No. ..." sentence
    citation         {"volume", "volume_title", "document" (int n), "pages" ("3" or "3–4"), "section_pages": None,
                     "file_number", "url"}; pages run from the last pb before the document to the last pb in it
    complete         True: a TEI document is the whole printed text
    text_source      None (the text is the TEI file itself; ``TeiDocument.line`` says where)
    summary, notes   None;  people, tags: []  (a TEI document has none of our own)
    date_source      "TEI dateline" or "TEI frus:doc-dateTime" (the day read from the printed dateline, else the editors' date range)

``read_records(path)`` reads a whole volume for a loader (problems as corpus ``Problem``s, ``file:line``);
``read_bibliography(path)`` reads a HistoryAtState/frus bibliography record into a ``VolumeInfo``;
``complete_record(record, document, where)`` completes a bundled YAML record from the TEI document of the same id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional, Union
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from magiccli.errors import Problem

TEI = "{http://www.tei-c.org/ns/1.0}"
FRUS = "{http://history.state.gov/frus/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
DOC_MIN, DOC_MAX = f"{FRUS}doc-dateTime-min", f"{FRUS}doc-dateTime-max"
CHUNK = 1 << 18  # bytes fed to expat at a time: large enough for speed, small enough to stream
URL = "https://history.state.gov/historicaldocuments/{volume}/{document}"
# Kinds of paper, as a source note ends or a heading begins: "...: Telegram", "Memorandum by ..."
KINDS = {
    "telegram",
    "memorandum",
    "minutes",
    "letter",
    "message",
    "note",
    "aide-mémoire",
    "statement",
    "report",
    "circular",
    "instruction",
    "despatch",
    "airgram",
    "diary",
}
_TELEGRAM_NO = re.compile(r"^(?:No\.|Number)?\s*(\d{1,5})\.\s")
_MENTIONED = re.compile(r"\btelegrams?\s+((?:Nos?\.\s*\d+(?:,?\s+(?:and\s+)?)?)+)", re.IGNORECASE)
_RE_LINE = re.compile(r"\bRe\s+(?:your|my)\s+telegrams?\s+((?:Nos?\.\s*\d+(?:,?\s+(?:and\s+)?)?)+)")
_FILE_NUMBER = re.compile(r"^\d{3}\b")
TRANSLATION = "[Translation]"
_LB = "\x00"  # stands for an lb while whitespace is collapsed, then becomes a newline


@dataclass(frozen=True)
class VolumeInfo:
    """What a volume's teiHeader (or its bibliography record) says about it."""

    volume: str  # the volume id, e.g. "frus1944Quebec"
    title: str | None  # title type="complete"
    volume_title: str | None  # title type="volume", e.g. "Conference at Quebec, 1944"
    volume_number: str | None  # title type="volume-number", e.g. "Volume II"; None where empty
    editors: tuple[str, ...]
    publication_year: int | None
    content_from: str | None = None  # first and last day of the documents (content-date notBefore/notAfter)
    content_to: str | None = None
    pages_front: int | None = None  # printed page counts, from a bibliography record only
    pages_body: int | None = None


@dataclass(frozen=True)
class TeiDocument:
    line: int  # line of the document's <div> in the file, for file:line problems
    record: dict


@dataclass(frozen=True)
class TeiProblem:
    line: int | None
    message: str

    def at(self, file: Path) -> Problem:
        """This problem as a corpus Problem of ``file`` (printed ``file:line: message``)."""
        return Problem(file, self.line, self.message)


TeiItem = Union[VolumeInfo, TeiDocument, TeiProblem]


_EXPAT_PB = TEI[1:] + "pb"  # a page break's name as expat gives it ("uri}name")


class _ShareDone(Exception):
    """Raised inside an expat handler: the next share's first document begins."""


class _Stop(Exception):
    """Raised inside an expat handler: the file cannot be read on."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


Share = tuple[int, Optional[int]]  # the places (0 the first) of the documents a share of a volume holds: start, stop


def read_volume(path: Path, share: Share | None = None) -> Iterator[TeiItem]:
    """Stream the volume at ``path``: VolumeInfo, then a TeiDocument per document div; TeiProblems for what is
    wrong (never an exception for bad content; OSError only where the file cannot be opened). ``share``: only the
    documents at those places, and only the problems found from the start of the share's first document to the
    start of the next share's (the first share's from the file's start, the last's to its end), so that the shares
    of a volume give, together, what the whole gives (load.map_work spreads a big volume over the workers). The
    documents before the share are skimmed (their pages, chapters and ids counted, no tree built), and reading
    stops at the next share's first document."""
    reader = _Reader(Path(path).stem, share)
    with open(path, "rb") as stream:
        while not reader.stopped:
            chunk = stream.read(CHUNK)
            reader.feed(chunk, final=not chunk)
            yield from reader.take()
            if not chunk:
                break


def read_records(path: Path, share: Share | None = None) -> tuple[VolumeInfo | None, list[TeiDocument], list[Problem]]:
    """The whole volume at ``path`` (or a ``share`` of it: read_volume) at once, for a loader: its VolumeInfo (None
    where it has none), its documents, and its problems as corpus Problems (``file:line``). A file deleted since the
    walk listed it is simply gone; one that cannot be read is a problem of the file."""
    volume, documents, problems = None, [], []
    try:
        for item in read_volume(path, share):
            if isinstance(item, VolumeInfo):
                volume = item
            elif isinstance(item, TeiDocument):
                documents.append(item)
            else:
                problems.append(item.at(path))
    except FileNotFoundError:
        return None, [], []
    except OSError as err:
        return None, [], [Problem(path, None, f"cannot read: {err.strerror}")]
    return volume, documents, problems


@dataclass
class _Capture:
    kind: str  # "header", "terms", "document", "head"
    line: int
    builder: TreeBuilder = field(default_factory=TreeBuilder)
    depth: int = 0
    first_page: str | None = None
    last_page: str | None = None
    xml_id: str | None = None  # a document's


class _Reader:
    """The expat handlers: builds one element tree at a time and turns it into an item when it closes."""

    def __init__(self, stem: str, share: Share | None = None):
        self.stem = stem
        self.share = share
        self.started = 0  # documents begun, skimmed ones with them
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.buffer_text = True
        self.parser.ordered_attributes = False
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = None  # text is wanted only inside a captured tree (see _begin)
        self.parser.EntityDeclHandler = self._entity_declared
        self.parser.UnparsedEntityDeclHandler = self._entity_declared
        self.parser.ExternalEntityRefHandler = self._external_entity
        self.parser.SkippedEntityHandler = self._entity_skipped
        self.ready: list[TeiItem] = []
        self.stopped = False
        self.capture: _Capture | None = None
        self.depth = 0
        self.divs: list[list] = []  # [depth, head] of each open structural div (head None until read)
        self.page: str | None = None  # the last pb seen
        self.volume: VolumeInfo | None = None
        self.volume_id: str | None = None
        self.terms: dict[str, tuple[str, str]] = {}
        self.ids: set[str] = set()
        self.documents = 0

    # --- feeding -------------------------------------------------------------------------------------------------
    def feed(self, chunk: bytes, final: bool) -> None:
        try:
            self.parser.Parse(chunk, final)
        except _ShareDone:
            self.stopped = True
        except _Stop as stop:
            self._stop(stop.line, stop.message)
        except expat.ExpatError as err:
            self._stop(err.lineno, f"not well-formed XML: {expat.ErrorString(err.code)} (column {err.offset + 1})")
        else:
            if final and not self.stopped:
                self._finish()

    def take(self) -> list[TeiItem]:
        items, self.ready = self.ready, []
        return items

    def _stop(self, line: int, message: str) -> None:
        self._problem(line, message)
        self.stopped = True

    def _problem(self, line: int | None, message: str) -> None:
        """A problem, kept by the share whose documents it comes among (read_volume): that of the last document
        begun, or of the first document before any."""
        if self._holds(max(self.started - 1, 0)):
            self.ready.append(TeiProblem(line, message))

    def _holds(self, place: int) -> bool:
        start, stop = self.share or (0, None)
        return start <= place and (stop is None or place < stop)

    def _mine(self) -> bool:
        """Whether the document about to begin is of this reader's share; _ShareDone where it is the next share's."""
        if self.share and self.share[1] is not None and self.started >= self.share[1]:
            raise _ShareDone
        return self._holds(self.started)

    def _finish(self) -> None:
        if self.volume_id is None:
            return  # an empty file ends in an expat error before this
        if self.volume is None:
            self._volume_from(None)
        if not self.documents:
            self._problem(None, 'a TEI file without any div type="document"')

    def _line(self) -> int:
        return self.parser.CurrentLineNumber

    # --- safety --------------------------------------------------------------------------------------------------
    def _entity_declared(self, name, *_):
        raise _Stop(self._line(), f"entity declaration ({name}) refused: a TEI volume declares no entities")

    def _entity_skipped(self, name, _is_parameter):
        # an entity a DTD would declare: the DTD is never read, so its words would silently go missing
        self._problem(self._line(), f"entity &{name}; left out: no DTD is read")

    def _external_entity(self, *_):
        raise _Stop(self._line(), "external entity refused: nothing outside the file is read")

    # --- handlers ------------------------------------------------------------------------------------------------
    def _start(self, tag: str, attrs: dict) -> None:
        # expat names "uri}name"; ElementTree's (Clark) notation is "{uri}name", which the functions below read
        tag = "{" + tag if "}" in tag else tag
        if "}" in "".join(attrs):
            attrs = {"{" + name if "}" in name else name: value for name, value in attrs.items()}
        if tag == f"{TEI}pb":
            self.page = attrs.get("n", self.page)
        if self.capture is not None:
            self.capture.depth += 1
            self.capture.builder.start(tag, attrs)
            return
        self.depth += 1
        if self.depth == 1:
            self._root(tag, attrs)
        elif tag == f"{TEI}teiHeader":
            self._begin("header", tag, attrs)
        elif tag == f"{TEI}list" and attrs.get("type") == "terms":
            self._begin("terms", tag, attrs)
        elif tag == f"{TEI}div" and attrs.get("type") == "document":
            mine = self._mine()
            self.started += 1
            self._begin("document" if mine else "skimmed", tag, attrs)
            assert self.capture is not None  # _begin made it
            self.capture.first_page = self.page
        elif tag == f"{TEI}div":
            self.divs.append([self.depth, None])
        elif tag == f"{TEI}head" and self.divs and self.divs[-1] == [self.depth - 1, None]:
            self._begin("head", tag, attrs)

    def _root(self, tag: str, attrs: dict) -> None:
        if tag != f"{TEI}TEI":
            name = tag.rpartition("}")[2]
            outside = " outside the TEI namespace" if name == "TEI" else ""
            raise _Stop(self._line(), f"not a TEI file: the root element is <{name}>{outside}")
        self.volume_id = attrs.get(XML_ID)

    def _begin(self, kind: str, tag: str, attrs: dict) -> None:
        self.capture = _Capture(kind, self._line(), xml_id=attrs.get(XML_ID))
        self.capture.depth = 1
        if kind == "skimmed":  # a document of another share: no tree, no text, handlers that only count
            self.parser.StartElementHandler, self.parser.EndElementHandler = self._skim_start, self._skim_end
            return
        self.capture.builder.start(tag, attrs)
        self.parser.CharacterDataHandler = self.capture.builder.data  # straight into the tree, no Python frame

    def _end(self, tag: str) -> None:
        capture = self.capture
        if capture is not None:
            capture.builder.end("{" + tag if "}" in tag else tag)
            capture.depth -= 1
            if capture.depth == 0:
                self.capture = None
                self.parser.CharacterDataHandler = None
                self.depth -= 1
                try:
                    self._captured(capture, capture.builder.close())
                except RecursionError:  # reading text is recursive; no real TEI nests more than a few dozen deep
                    self._problem(capture.line, f"elements nested too deeply in this {capture.kind}: left out")
            elif tag == TEI[1:] + "pb":
                capture.last_page = self.page
            return
        self.depth -= 1
        if tag == TEI[1:] + "div" and self.divs:
            self.divs.pop()

    def _captured(self, capture: _Capture, element: Element) -> None:
        if capture.kind == "header":
            self._volume_from(element)
        elif capture.kind == "terms":
            self._read_terms(element)
        elif capture.kind == "head":
            self.divs[-1][1] = _inline(element)
        else:
            self._document(capture, element)

    # --- what the captured trees say -----------------------------------------------------------------------------
    def _volume_from(self, header: Element | None) -> None:
        if header is None:
            self._problem(None, "no teiHeader: the volume's title, editors and year are unknown")
        self.volume = volume_info(header, self.volume_id, self.stem)
        self.volume_id = self.volume.volume
        self.ready.append(self.volume)

    def _read_terms(self, element: Element) -> None:
        self.terms.update(terms_of(element))

    def _skim_start(self, tag: str, attrs: dict) -> None:
        """_start inside a document of another share: only its depth and its page breaks count (a third of the
        time of _start's)."""
        assert self.capture is not None
        self.capture.depth += 1
        if tag == _EXPAT_PB:
            self.page = attrs.get("n", self.page)

    def _skim_end(self, tag: str) -> None:
        capture = self.capture
        assert capture is not None
        capture.depth -= 1
        if capture.depth == 0:
            self.parser.StartElementHandler, self.parser.EndElementHandler = self._start, self._end
            self.capture = None
            self.depth -= 1
            self._skimmed(capture)

    def _skimmed(self, capture: _Capture) -> None:
        """A document of another share passed: counted, and its id known, as _document would leave them."""
        if self.volume is None:
            self._volume_from(None)
        self.documents += 1
        if capture.xml_id:
            self.ids.add(capture.xml_id)

    def _document(self, capture: _Capture, div: Element) -> None:
        if self.volume is None:
            self._volume_from(None)
        self.documents += 1
        xml_id = div.get(XML_ID)
        if not xml_id:
            self._problem(capture.line, 'a div type="document" without xml:id: left out')
            return
        if xml_id in self.ids:
            self._problem(capture.line, f"document id {xml_id} repeated in this volume: left out")
            return
        self.ids.add(xml_id)
        chapter = next((head for _, head in reversed(self.divs) if head), None)
        pages = (capture.first_page, capture.last_page or capture.first_page)
        volume = self.volume or volume_info(None, None, self.stem)  # a volume without a header: its file's name
        record, problems = document_record(div, volume, pages, self.terms, chapter)
        for message in problems:
            self._problem(capture.line, f"{xml_id}: {message}")
        self.ready.append(TeiDocument(capture.line, record))


# --- the parts of a volume, whichever parser built their trees ----------------------------------------------------
def volume_info(header: Element | None, root_id: str | None, stem: str) -> VolumeInfo:
    """What a teiHeader says (nothing where ``header`` is None). The volume id is the TEI root's xml:id, else the
    header's idno type="frus", else ``stem``, the file's name."""
    if header is None:
        header = Element(f"{TEI}teiHeader")
    content = header.find(f".//{TEI}date[@type='content-date']")
    year = _text_of(header, f".//{TEI}date[@type='publication-date']")
    return VolumeInfo(
        volume=root_id or _text_of(header, f".//{TEI}idno[@type='frus']") or stem,
        title=_text_of(header, f".//{TEI}titleStmt/{TEI}title[@type='complete']"),
        volume_title=_text_of(header, f".//{TEI}titleStmt/{TEI}title[@type='volume']"),
        volume_number=_text_of(header, f".//{TEI}titleStmt/{TEI}title[@type='volume-number']"),
        editors=tuple(_inline(editor) for editor in header.iterfind(f".//{TEI}titleStmt/{TEI}editor")),
        publication_year=int(year) if year and year.isdigit() else None,
        content_from=_day(content.get("notBefore")) if content is not None else None,
        content_to=_day(content.get("notAfter")) if content is not None else None,
    )


def terms_of(terms_list: Element) -> dict[str, tuple[str, str]]:
    """{term xml:id: (term, meaning)} of a ``list type="terms"``: "<term>AAF</term>, Army Air Forces"."""
    terms = {}
    for item in terms_list.iter(f"{TEI}item"):
        for term in item.iter(f"{TEI}term"):
            if term.get(XML_ID):
                name, whole = _inline(term), _inline(item)
                meaning = whole[len(name) :] if whole.startswith(name) else whole
                terms[term.get(XML_ID, "")] = (name, meaning.lstrip(" ,:;—-").strip())
    return terms


def document_record(
    div: Element, volume: VolumeInfo, pages: tuple[str | None, str | None], terms: dict, chapter: str | None
) -> tuple[dict, list[str]]:
    """The record of one ``div type="document"`` (shape in the module's docstring) and what is wrong in it.
    ``pages`` is (the last pb before it, the last pb in it or else the same), ``terms`` the volume's terms so far."""
    problems: list[str] = []
    xml_id = div.get(XML_ID)
    source = div.find(f"{TEI}note[@type='source']")
    head = div.find(f"{TEI}head")
    opener = div.find(f"{TEI}opener")
    dateline = div.find(f"{TEI}dateline")
    if dateline is None and opener is not None:
        dateline = opener.find(f"{TEI}dateline")
    heading = _inline(head) or None if head is not None else None
    source_note = _inline(source) or None if source is not None else None
    paragraphs = _blocks(div, skip={id(source), id(head), id(opener), id(dateline)})
    markings = _markings(opener)
    translated = TRANSLATION in markings or TRANSLATION in paragraphs
    markings, paragraphs = ([item for item in items if item != TRANSLATION] for items in (markings, paragraphs))
    dates = _dates(div, dateline, problems)
    first, last = pages
    number = div.get("n")
    file_number = _file_number(source_note)
    text = "\n\n".join(paragraphs)
    record = {
        "id": f"{volume.volume}-{xml_id}",
        "kind": "cable",
        "doc_type": _doc_type(div.get("subtype"), source_note, heading),
        "telegram_no": _telegram_no(div, paragraphs),
        "title": heading,
        "heading": heading,
        **dates,
        "place": _place(dateline),
        "dateline_as_given": _inline(dateline) or None if dateline is not None else None,
        "from": _named(head, "from"),
        "to": _named(head, "to"),
        "markings": markings,
        "translation": True if translated else None,
        "source_note": source_note,
        "file_number": file_number,
        "chapter": chapter,
        "text": text,
        "footnotes": _footnotes(div),
        "links": _links(div, volume.volume),
        "terms": _terms(div, terms),
        "telegrams_mentioned": _numbers(_MENTIONED, text),
        "in_reply_to": _numbers(_RE_LINE, paragraphs[0]) if paragraphs else [],
        "citation": {
            "volume": volume.volume,
            "volume_title": volume.title or volume.volume_title or volume.volume,  # a header may lack titles
            "document": int(number) if number and number.isdigit() else None,
            "pages": None if first is None else first if first == last else f"{first}–{last}",
            "section_pages": None,
            "file_number": file_number,
            "url": URL.format(volume=volume.volume, document=xml_id),
        },
        "complete": True,
        "text_source": None,
        "summary": None,
        "notes": None,
        "people": [],
        "tags": [],
    }
    return record, problems


def _inline(element: Element | None, keep_lb: bool = False) -> str:
    """The element's text as one line: footnotes and page breaks left out, whitespace collapsed (an lb becomes a
    newline where ``keep_lb``, else a space)."""
    if element is None:
        return ""
    parts = [element.text or ""]
    _gather(element, parts)
    return _joined(parts, keep_lb)


def _gather(children, parts: list[str]) -> None:
    """Append the text of ``children`` (an element's, or a list of elements) and their tails to ``parts``:
    footnotes and page breaks left out, an lb as _LB."""
    for child in children:
        if child.tag == f"{TEI}lb":
            parts.append(_LB)
        elif child.tag not in (f"{TEI}note", f"{TEI}pb"):
            parts.append(child.text or "")
            _gather(child, parts)
        if child.tail:
            parts.append(child.tail)


def _joined(parts: list[str], keep_lb: bool) -> str:
    # str.split() collapses the same (Unicode) whitespace as re's \s+, several times faster
    text = "".join(parts)
    if _LB not in text:
        return " ".join(text.split())
    if keep_lb:
        return "\n".join(" ".join(line.split()) for line in text.split(_LB) if not line.isspace() and line)
    return " ".join(text.replace(_LB, " ").split())


_CONTAINERS = {
    f"{TEI}quote",
    f"{FRUS}attachment",
    f"{TEI}div",
    f"{TEI}postscript",
    f"{TEI}floatingText",
    f"{TEI}body",
    f"{TEI}lg",
}


def _blocks(element: Element, skip: frozenset[int] | set[int] = frozenset()) -> list[str]:
    """The paragraphs of a document (or of a container in it), in order."""
    paragraphs: list[str] = []
    label = ""
    for child in element:
        if id(child) in skip or child.tag in (f"{TEI}note", f"{TEI}pb"):
            continue
        if child.tag == f"{TEI}label":
            label = _inline(child)
            continue
        if child.tag in (f"{TEI}list", f"{TEI}table") or child.tag in _CONTAINERS:
            nested = _rows(child) if child.tag == f"{TEI}table" else _blocks(child)
        elif child.tag == f"{TEI}item" and child.find(f"{TEI}list") is not None:
            nested = _item_with_list(child)
        else:
            nested = [_inline(child, keep_lb=True)]
        if label and nested:
            nested[0] = f"{label} {nested[0]}"
            label = ""
        paragraphs.extend(paragraph for paragraph in nested if paragraph)
    return paragraphs


def _item_with_list(item: Element) -> list[str]:
    """An item holding a nested list: its own words, then the nested entries, each a paragraph (words after a
    nested list make a paragraph of their own)."""
    paragraphs: list[str] = []
    parts = [item.text or ""]
    for child in item:
        if child.tag == f"{TEI}list":
            paragraphs += [_joined(parts, keep_lb=True), *_blocks(child)]
            parts = [child.tail or ""]
        else:
            _gather([child], parts)
    return [*paragraphs, _joined(parts, keep_lb=True)]


def _rows(table: Element) -> list[str]:
    """Each row a paragraph, its cells joined by " | " (empty cells, which only align the columns, left out)."""
    rows = ([_inline(cell) for cell in row.iter(f"{TEI}cell")] for row in table.iter(f"{TEI}row"))
    return [" | ".join(cell for cell in cells if cell) for cells in rows]


def _markings(opener: Element | None) -> list[str]:
    if opener is None:
        return []
    lines = [_inline(seg, keep_lb=True) for seg in opener.iter(f"{TEI}seg")]
    return [line for text in lines for line in text.split("\n") if line]


def _place(dateline: Element | None) -> str | None:
    place = dateline.find(f".//{TEI}placeName") if dateline is not None else None
    return _inline(place) or None if place is not None else None


def _named(head: Element | None, role: str) -> str | None:
    if head is None:
        return None
    names = [
        _inline(element)
        for element in head.iter()
        if element.get("type") == role and element.tag in (f"{TEI}persName", f"{TEI}gloss")
    ]
    return " and ".join(name for name in names if name) or None


def _doc_type(subtype: str | None, source_note: str | None, heading: str | None) -> str | None:
    if subtype == "editorial-note":
        return "editorial-note"
    # "Roosevelt Papers: Telegram" names the kind after its colon; "Notter File, Box 168: Stettinius Diary" names
    # a source there, and its heading ("Memorandum by ...") says the kind
    named = source_note.rpartition(":")[2].strip().lower() if source_note and ":" in source_note else None
    first = (heading or "").split(" ", 1)[0].lower()
    return next((kind for kind in (named, first) if kind in KINDS), None)


def _file_number(source_note: str | None) -> str | None:
    if not source_note or not _FILE_NUMBER.match(source_note):
        return None
    return source_note.partition(":")[0].strip()


def _telegram_no(div: Element, paragraphs: list[str]) -> str | None:
    """The number the first paragraph opens with, where that paragraph is a p (a list's "1." is no number)."""
    first = next((child for child in div if child.tag in (f"{TEI}p", f"{TEI}list", f"{FRUS}attachment")), None)
    if first is None or first.tag != f"{TEI}p" or not paragraphs:
        return None
    match = _TELEGRAM_NO.match(paragraphs[0])
    return match.group(1) if match else None


def _numbers(pattern: re.Pattern, text: str) -> list[str]:
    numbers: list[str] = []
    for match in pattern.finditer(text):
        numbers += [n for n in re.findall(r"\d+", match.group(1)) if n not in numbers]
    return numbers


def _footnotes(div: Element) -> list[dict]:
    notes = []
    for note in div.iter(f"{TEI}note"):
        if note.get("type") == "source" or note.get("n") is None:
            continue
        n = note.get("n", "")
        paragraphs = _blocks(note) if note.find(f"{TEI}p") is not None else [_inline(note)]
        notes.append({"n": int(n) if n.isdigit() else n, "text": "\n\n".join(paragraphs)})
    return notes


def _links(div: Element, volume: str) -> list[dict]:
    links = []
    for ref in div.iter(f"{TEI}ref"):
        target = ref.get("target")
        if not target:
            continue
        other, _, fragment = target.partition("#")
        page = fragment[3:] if fragment.startswith("pg_") else None
        links.append(
            {
                "target": target,
                "volume": other or volume,
                "page": page,
                "fragment": None if page or not fragment else fragment,
                "text": _inline(ref),
            }
        )
    return links


def _terms(div: Element, terms: dict) -> list[dict]:
    found: dict[str, dict] = {}
    for gloss in div.iter(f"{TEI}gloss"):
        target = (gloss.get("target") or "").lstrip("#")
        if target and target not in found:
            term, meaning = terms.get(target, (_inline(gloss), None))
            found[target] = {"target": target, "term": term, "meaning": meaning}
    return list(found.values())


def _dates(div: Element, dateline: Element | None, problems: list[str]) -> dict:
    """date, date_min, date_max, time and date_source of a document (see the module's docstring)."""
    printed = dateline.find(f".//{TEI}date") if dateline is not None else None
    attrs = printed.attrib if printed is not None else {}
    when = attrs.get("when")
    low = _checked(div.get(DOC_MIN), "frus:doc-dateTime-min", problems)
    high = _checked(div.get(DOC_MAX), "frus:doc-dateTime-max", problems)
    source: str | None = "TEI frus:doc-dateTime"
    if low is None or high is None:
        source = "TEI dateline"
        low = _checked(when or attrs.get("from") or attrs.get("notBefore"), "dateline date", problems)
        high = _checked(when or attrs.get("to") or attrs.get("notAfter"), "dateline date", problems)
    if low is None or high is None:
        low = high = None
        source = None
    day = _checked(when, "dateline date/@when", problems) if when else (low if low == high else None)
    time = when[11:16] if when and len(when) >= 16 and when[10] == "T" and day else None
    source = "TEI dateline" if when and day else source  # the day (and time) read from the printed dateline
    return {"date": day, "date_min": low, "date_max": high, "time": time, "date_source": source}


def _checked(value: str | None, what: str, problems: list[str]) -> str | None:
    """The day of an xs:date or xs:dateTime value (its own local day, as printed), or None with a problem."""
    if not value:
        return None
    day = _day(value)
    if day is None:
        problems.append(f"{what} {value!r} is not a date")
    return day


def _day(value: str | None) -> str | None:
    try:
        return date.fromisoformat(value[:10]).isoformat() if value else None
    except ValueError:
        return None


def _text_of(element: Element, path: str) -> str | None:
    found = element.find(path)
    return _inline(found) or None if found is not None else None


# --- bibliography records and completion ---------------------------------------------------------------------------
def read_bibliography(path: Path) -> VolumeInfo | TeiProblem:
    """The ``VolumeInfo`` of a HistoryAtState/frus ``bibliography/<volume>.xml`` record (title, volume number,
    editors, year, page counts), or a TeiProblem. Small files: read whole, with the same safe parser."""
    reader = _Reader(Path(path).stem)
    builder = TreeBuilder()
    reader.parser.StartElementHandler = lambda tag, attrs: builder.start(tag, attrs)
    reader.parser.EndElementHandler = builder.end
    reader.parser.CharacterDataHandler = builder.data
    reader.feed(Path(path).read_bytes(), final=True)
    problems = [item for item in reader.take() if isinstance(item, TeiProblem)]
    if problems:
        return problems[0]
    root = builder.close()
    if root.tag != "volume" or not root.get("id"):
        return TeiProblem(1, f"not a FRUS bibliography record: the root element is <{root.tag.rpartition('}')[2]}>")
    year = _text_of(root, "published-year")
    pages = {span.get("part"): (span.text or "").strip() for span in root.iterfind("length/span")}
    return VolumeInfo(
        volume=root.get("id", ""),
        title=_text_of(root, "title[@type='complete']"),
        volume_title=_text_of(root, "title[@type='volume']"),
        volume_number=_text_of(root, "title[@type='volumenumber']"),
        editors=tuple(_inline(editor) for editor in root.iterfind("editor")),
        publication_year=int(year) if year and year.isdigit() else None,
        content_from=_text_of(root, "coverage[@type='from']"),
        content_to=_text_of(root, "coverage[@type='to']"),
        pages_front=int(pages["front"]) if pages.get("front", "").isdigit() else None,
        pages_body=int(pages["body"]) if pages.get("body", "").isdigit() else None,
    )


def complete_record(record: dict, document: TeiDocument, where: str) -> dict:
    """A bundled record completed from the TEI document of the same id: full text, footnotes, pages and
    ``complete: true`` from the TEI, and ``text_from`` the FRUS volume (graded published); heading, markings,
    translation and time filled in only where the record has none; everything of our own (title, summary, MAGIC
    wordings, tags, people, grades, dates, references) stays. A record whose text is already whole keeps it, so that
    the paragraphs another record quotes in it (quoted_in) keep their places; it takes the footnotes and pages.
    ``where`` ("file:line" of the document) is added to the record's notes."""
    tei = document.record
    done = dict(record)
    if not record.get("complete"):
        done["text"], done["complete"], done["text_from"] = tei["text"], True, _in_volume(tei["citation"])
    done["footnotes"] = tei["footnotes"]
    done["citation"] = {**record["citation"], "pages": tei["citation"]["pages"]}
    for key, empty in (("heading", None), ("markings", []), ("translation", None), ("time", None)):
        if record.get(key) == empty and tei.get(key) != empty:
            done[key] = tei[key]
    if tei.get("time_from") and tei.get("time") == done.get("time"):  # FRUS prints the time we have: the best source
        done["time_from"] = [*tei["time_from"], *record.get("time_from", [])]
    done["notes"] = f"{record['notes']} Text, footnotes and pages completed from the TEI volume ({where})."
    return done


def _in_volume(citation: dict, what: str = "") -> dict:
    """A source for what a document of a TEI volume prints (``what`` of it, or its text), graded published: the
    volume is the printed FRUS, as the Office of the Historian publishes it."""
    return {
        "title": f"{citation['volume_title']}, document {citation['document']}{f', {what}' if what else ''}, "
        "in the Office of the Historian's TEI volume",
        "url": citation["url"],
        "grade": "published",
    }


def tei_record(record: dict, volume: VolumeInfo | None) -> dict:
    """A TEI document's record as the corpus's model reads a cable: a document of a range of days stands on its
    first day (``date_min``; ``date_max`` kept), texts we write ourselves are empty, and the citation carries what
    the volume's header says of the volume (its number, editors and year of publication)."""
    done = dict(record)
    done["date"] = record["date"] or record.get("date_min") or (volume.content_from if volume else None) or "0001-01-01"
    done["doc_type"] = record["doc_type"] or "document"
    done["title"] = record["title"] or record["heading"] or f"Document {record['citation']['document']}"
    done["summary"] = record["summary"] or ""
    done["notes"] = record["notes"] or ""
    done["text_source"] = record["text_source"] or ""
    done["place"] = record["place"] or ""
    done["from"] = record["from"] or ""
    done["text_from"] = _in_volume(record["citation"])
    if record.get("date_source"):  # what FRUS prints: the document's dateline, or its editors' date of it
        what = "its dateline" if record["date_source"] == "TEI dateline" else "its date as the editors give it"
        done["time_from"] = [_in_volume(record["citation"], what)]
    if volume is not None:
        done["citation"] = {
            **record["citation"],
            "volume_number": volume.volume_number,
            "editors": list(volume.editors),
            "published": volume.publication_year,
        }
    return done


_ROOT_ID = re.compile(rb"<TEI\b[^>]*?\bxml:id=[\"']([^\"']+)[\"']")
_HEAD_BYTES = 1 << 16


def volume_id(path: Path) -> str:
    """The volume a TEI file holds, from its root element's xml:id (read from the file's first 64 KB, before any
    document), else the file's name without its suffix (HistoryAtState/frus names each file by its volume)."""
    try:
        with open(path, "rb") as file:
            match = _ROOT_ID.search(file.read(_HEAD_BYTES))
    except OSError:
        match = None
    return match[1].decode("ascii", "replace") if match else path.stem
