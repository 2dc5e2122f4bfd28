"""The corpus, whole or filtered, for other tools: JSON, JSON Lines, CSV, TSV or YAML."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from magiccli.model import Cable, Citation, Event
from magiccli.output import Table, View
from magiccli.text import Cleared
from magiccli.views.wording import yes_no


def export_view(records: Iterable[Cable | Event], objects: Callable[[], Iterable[str | Cleared]]) -> View:
    """A flat row a record; in JSON each record as its file holds it with its MAGIC wordings (``objects()``, in the
    same order: Index.record_texts)."""
    return View(table=lambda: export_table(records, objects()))


# complete and the columns after it came later, so they stand last: a column's place does not change
COLUMNS = [
    "kind",
    "id",
    "date",
    "end",
    "time",
    "telegram_no",
    "from",
    "to",
    "place",
    "people",
    "tags",
    "title",
    "summary",
    "url",
    "text",
    "complete",
    "in_reply_to",
    "translations",
    "best_translation_grade",
    "volume",
    "document",
    "first_page",
    "file_number",
    "text_from",
    "text_grade",
    "time_from",
    "time_grade",
    "zone",
    "utc",
    "in_reply_to_telegrams",
]


def record_row(record: Cable | Event) -> dict:
    """One flat row: lists joined by '; ', the cable's FRUS URL or the event's first source."""
    if isinstance(record, Cable):
        people, url, text = record.people, record.citation.url, record.text
        sender, recipient = record.from_, record.to
        about_text = {
            "complete": yes_no(record.complete),
            "translations": len(record.translations),
            "best_translation_grade": record.best_grade or "",
            **_in_reply_to(record.in_reply_to),
            **_printed(record),
        }
    else:
        people, url, sender, recipient = record.actors, record.sources[0].url if record.sources else "", "", ""
        text = record.official_text.text if record.official_text else ""
        about_text = {
            "complete": yes_no(record.complete),
            "in_reply_to": "",
            "translations": 0,
            "best_translation_grade": "",
            "in_reply_to_telegrams": "",
            **_cited(record.citation),
            "text_from": "",
            "text_grade": "",
        }
    return {
        "kind": record.kind,
        "id": record.id,
        "date": record.date,
        "end": record.end or "",
        "time": record.time or "",
        "telegram_no": getattr(record, "telegram_no", None) or "",
        "from": sender,
        "to": recipient or "",
        "place": getattr(record, "place", None) or "; ".join(getattr(record, "places", [])),
        "people": "; ".join(people),
        "tags": "; ".join(record.tags),
        "title": record.title,
        "summary": record.summary,
        "url": url,
        "text": text,
        "time_from": "; ".join(s.url for s in record.time_from),
        "time_grade": record.time_grade or "",
        "zone": record.zone or "",
        "utc": record.instant or "",
        **about_text,
    }


def _in_reply_to(refs: list[str]) -> dict:
    """The corpus ids a cable answers, and apart the telegram numbers (digits: corpus/schema.json) of those the
    corpus does not hold, so that a spreadsheet can join on the ids."""
    return {
        "in_reply_to": "; ".join(r for r in refs if not r.isdigit()),
        "in_reply_to_telegrams": "; ".join(r for r in refs if r.isdigit()),
    }


def _printed(cable: Cable) -> dict:
    """Where a cable is printed and where its text was read: volume, document, first page, file number, source."""
    return {
        **_cited(cable.citation),
        "text_from": cable.text_from.url if cable.text_from else "",
        "text_grade": cable.text_grade or "",
    }


def _cited(c: Citation | None) -> dict:
    """Where a paper is printed (a cable's document, an event's official printing): volume, document, first page,
    file number; empty where the record has no citation."""
    if c is None:
        return dict.fromkeys(("volume", "document", "first_page", "file_number"), "")
    return {
        "volume": c.volume_no or "",
        "document": c.document if c.document is not None else "",
        "first_page": c.first_page or "",
        "file_number": c.file_number or "",
    }


def export_table(records: Iterable[Cable | Event], objects: Iterable[str | Cleared]) -> Table:
    return Table(COLUMNS, map(record_row, records), objects)
