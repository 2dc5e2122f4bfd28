"""The corpus, whole or filtered, for other tools: JSON, JSON Lines, CSV, TSV or YAML."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from magiccli.model import Cable, Event
from magiccli.output import Table, View
from magiccli.views.wording import yes_no


def export_view(records: Iterable[Cable | Event], objects: Callable[[], Iterable[str]]) -> View:
    """A flat row a record; in JSON each record as its file holds it with its MAGIC wordings (``objects()``, in the
    same order: Index.record_texts)."""
    return View(table=lambda: export_table(records, objects()))


# complete and the columns after it came later, so they stand last: a column's place does not change
COLUMNS = ["kind", "id", "date", "end", "time", "telegram_no", "from", "to", "place", "people", "tags", "title",
           "summary", "url", "text", "complete", "in_reply_to", "translations", "best_translation_grade"]


def record_row(record: Cable | Event) -> dict:
    """One flat row: lists joined by '; ', the cable's FRUS URL or the event's first source."""
    if isinstance(record, Cable):
        people, url, text = record.people, record.citation.url, record.text
        sender, recipient = record.from_, record.to
        about_text = {"complete": yes_no(record.complete), "in_reply_to": "; ".join(record.in_reply_to),
                      "translations": len(record.translations), "best_translation_grade": record.best_grade or ""}
    else:
        people, url, sender, recipient = record.actors, record.sources[0].url if record.sources else "", "", ""
        text = record.official_text.text if record.official_text else ""
        about_text = {"complete": yes_no(record.complete), "in_reply_to": "", "translations": 0,
                      "best_translation_grade": ""}
    return {
        "kind": record.kind, "id": record.id, "date": record.date, "end": record.end or "", "time": record.time or "",
        "telegram_no": getattr(record, "telegram_no", None) or "", "from": sender, "to": recipient or "",
        "place": getattr(record, "place", None) or "; ".join(getattr(record, "places", [])), "people": "; ".join(people),
        "tags": "; ".join(record.tags), "title": record.title, "summary": record.summary, "url": url, "text": text,
        **about_text,
    }


def export_table(records: Iterable[Cable | Event], objects: Iterable[str]) -> Table:
    return Table(COLUMNS, map(record_row, records), objects)
