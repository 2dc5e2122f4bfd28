"""The corpus, whole or filtered, for other tools: JSON, JSON Lines, CSV, TSV or YAML."""

from __future__ import annotations

from collections.abc import Iterable

import yaml

from magiccli import render
from magiccli.model import Cable, Event

# complete and the columns after it came later, so they stand last: a column's place does not change
COLUMNS = ["kind", "id", "date", "end", "time", "telegram_no", "from", "to", "place", "people", "tags", "title",
           "summary", "url", "text", "complete", "in_reply_to", "translations", "best_translation_grade"]


def record_row(record: Cable | Event) -> dict:
    """One flat row: lists joined by '; ', the cable's FRUS URL or the event's first source."""
    if isinstance(record, Cable):
        people, url, text = record.people, record.citation.url, record.text
        sender, recipient = record.from_, record.to
        about_text = {"complete": render.yes_no(record.complete), "in_reply_to": "; ".join(record.in_reply_to),
                      "translations": len(record.translations), "best_translation_grade": record.best_grade or ""}
    else:
        people, url, sender, recipient = record.actors, record.sources[0].url if record.sources else "", "", ""
        text = record.official_text.text if record.official_text else ""
        about_text = {"complete": render.yes_no(record.complete), "in_reply_to": "", "translations": 0,
                      "best_translation_grade": ""}
    return {
        "kind": record.kind, "id": record.id, "date": record.date, "end": record.end or "", "time": record.time or "",
        "telegram_no": getattr(record, "telegram_no", None) or "", "from": sender, "to": recipient or "",
        "place": getattr(record, "place", None) or "; ".join(getattr(record, "places", [])), "people": "; ".join(people),
        "tags": "; ".join(record.tags), "title": record.title, "summary": record.summary, "url": url, "text": text,
        **about_text,
    }


def export_table(records: Iterable[Cable | Event], objects: Iterable[str]) -> render.Table:
    """A flat row a record; in JSON each record as its file holds it with its MAGIC wordings (``objects``, in the
    same order: Index.record_texts)."""
    return render.Table(COLUMNS, map(record_row, records), objects)


class _BlockDumper(yaml.SafeDumper):
    """Writes texts of several lines as YAML literal blocks, the way the corpus files hold them."""


_BlockDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def write_yaml(records: Iterable[Cable | Event]) -> None:
    """The records as one YAML list, written an item at a time."""
    for record in records:
        render.write(yaml.dump([render.record_object(record)], Dumper=_BlockDumper, allow_unicode=True,
                               sort_keys=False, width=1_000_000))
