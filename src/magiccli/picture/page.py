"""The HTML page: the SVG picture made clickable, the records it shows as JSON, and a small script, all inline.

The records are the JSON export's own objects (render.record_object); beside them go only the words a reader
needs that the objects do not spell out: names from the people register, citations, reply links.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from magiccli.views import wording as render
from magiccli.lanes import lane_of
from magiccli.model import Cable, Corpus, Event, record_object
from magiccli.picture import svg
from magiccli.picture.layout import Layout

HERE = Path(__file__).parent
# Inside <script> nothing may close the element or open a comment, and old parsers end a JS string at U+2028/9;
# JSON lets each be written as a \u escape, as are the C1 controls and lone surrogates a corpus might carry.
_UNSAFE_IN_SCRIPT = re.compile("[<>&\u2028\u2029\x7f-\x9f\ud800-\udfff]")


def script_json(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE_IN_SCRIPT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def page_data(corpus: Corpus, records: list) -> dict:
    shown = {r.id for r in records}
    answered_by: dict[str, list[str]] = {}
    for record in records:
        for ref in getattr(record, "in_reply_to", []):
            answered_by.setdefault(ref, []).append(record.id)
    mentioned = set()
    display = {}
    for record in records:
        about = {"lane": lane_of(record), "label": describe(corpus, record)}
        if isinstance(record, Cable):
            mentioned.update(p for p in (record.from_, record.to, *record.people) if p)
            about.update(
                heading=render.cable_heading(corpus, record), citation=render.citation(record),
                local_time=render.local_time(record),
                notice=None if record.complete else render.incomplete_notice(record),
                replies=[_reply(corpus, ref, shown) for ref in record.in_reply_to],
                answered_by=answered_by.get(record.id, []),
                wordings=[_wording_heading(t) for t in record.translations])
        else:
            mentioned.update(record.actors)
        display[record.id] = about
    people = {pid: person.name for pid, person in corpus.people.items() if pid in mentioned}
    return {"records": [record_object(r) for r in records], "display": display, "people": people}


def describe(corpus: Corpus, record: Cable | Event) -> str:
    """One line that names a record: what a mark says to a screen reader, and the SVG's hover title."""
    if isinstance(record, Cable):
        when = f"{record.date} {render.local_time(record)}" if record.time else record.date
        return f"{render.cable_heading(corpus, record)}, {record.place}, {when}: {record.title}"
    return f"{record.date}{'–' + record.end if record.end else ''}: {record.title}"


def _reply(corpus: Corpus, ref: str, shown: set[str]) -> dict:
    label = render.reply_refs(corpus, [ref])
    if ref in shown:
        return {"id": ref, "label": label}
    return {"id": None, "label": label if ref not in corpus.by_id else f"{label} (left out by the filters)"}


def _wording_heading(translation) -> str:
    grade = f"match {translation.match}" + (f", confidence {translation.confidence}" if translation.confidence else "")
    return f"MAGIC summary wording {translation.id} ({render.translation_date(translation)}; {grade})"


def html(corpus: Corpus, records: list, layout: Layout) -> str:
    cables = sum(isinstance(r, Cable) for r in records)
    events = len(records) - cables
    first, last = min(r.date for r in records), max(r.end or r.date for r in records)
    summary = f"{cables} cable{'s' * (cables != 1)} and {events} event{'s' * (events != 1)}, {first} to {last}"
    picture = svg.draw(layout, lambda r: describe(corpus, r), interactive=True)
    return (HERE / "page.html").read_text(encoding="utf-8").format(
        summary=svg.escape(summary), style=(HERE / "page.css").read_text(encoding="utf-8"), picture=picture,
        data=script_json(page_data(corpus, records)), script=(HERE / "page.js").read_text(encoding="utf-8"))
