"""The corpus, whole or filtered, for other tools: JSON, JSON Lines, CSV, TSV or YAML."""

from __future__ import annotations

import yaml

from magiccli import render
from magiccli.model import Cable, Event

COLUMNS = ["kind", "id", "date", "end", "time", "telegram_no", "from", "to", "place", "people", "tags", "title",
           "summary", "url", "text"]


def record_row(record: Cable | Event) -> dict:
    """One flat row: lists joined by '; ', the cable's FRUS URL or the event's first source."""
    if isinstance(record, Cable):
        people, url, text = record.people, record.citation.url, record.text
        sender, recipient = record.from_, record.to
    else:
        people, url, sender, recipient = record.actors, record.sources[0].url if record.sources else "", "", ""
        text = record.official_text.text if record.official_text else ""
    return {
        "kind": record.kind, "id": record.id, "date": record.date, "end": record.end or "", "time": record.time or "",
        "telegram_no": getattr(record, "telegram_no", None) or "", "from": sender, "to": recipient or "",
        "place": getattr(record, "place", None) or "; ".join(getattr(record, "places", [])), "people": "; ".join(people),
        "tags": "; ".join(record.tags), "title": record.title, "summary": record.summary, "url": url, "text": text,
    }


def export_table(records: list) -> render.Table:
    return render.Table(COLUMNS, [record_row(r) for r in records], [render.record_object(r) for r in records])


class _BlockDumper(yaml.SafeDumper):
    """Writes texts of several lines as YAML literal blocks, the way the corpus files hold them."""


_BlockDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def to_yaml(records: list) -> str:
    return yaml.dump([render.record_object(r) for r in records], Dumper=_BlockDumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000)
