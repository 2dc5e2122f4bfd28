"""The HTML page: the SVG picture made clickable, the records it shows as JSON, and a small script, all inline.

The records are the JSON export's own objects (model.record_object); beside them go only the words a reader
needs that the objects do not spell out: names from the people register, citations, reply links.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from magiccli import cite
from magiccli.lanes import lane_of
from magiccli.model import Cable, Corpus, Event, record_object
from magiccli.picture import svg
from magiccli.picture.layout import Layout, Part, days_shown, slices
from magiccli.thread import answered
from magiccli.views import wording as render

HERE = Path(__file__).parent
# Inside <script> nothing may close the element or open a comment, and old parsers end a JS string at U+2028/9;
# JSON lets each be written as a \u escape, as are the C1 controls and lone surrogates a corpus might carry.
# The bidi controls go the same way, so that the file holds none of them raw (the page shows them escaped).
_UNSAFE_IN_SCRIPT = re.compile("[<>&\u2028\u2029\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# A printed page (A4 or Letter, landscape, 10 mm margins) holds this much of the exchange at full size: 11 px text
# prints at 8.25 pt.
PRINT_SLICE = 940


def script_json(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE_IN_SCRIPT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def page_data(
    corpus: Corpus,
    records: list,
    crossings: dict[str, list[str]] | None = None,
    mentions: dict[str, list[str]] | None = None,
) -> dict:
    """The records as the JSON export spells them, and beside them what the page shows that they do not spell out.
    ``crossings`` {cable id: ids of the telegrams it crossed} and ``mentions`` {record id: person ids} come from the
    index; without ``mentions`` a record names its sender, addressee, people and actors."""
    shown = {r.id for r in records}
    crossings = crossings or {}
    answered_by: dict[str, list[str]] = {}
    for record in records:
        for target in answered(corpus, record) if isinstance(record, Cable) else ():
            if isinstance(target, Cable):
                answered_by.setdefault(target.id, []).append(record.id)
    named = {r.id: list((mentions or {}).get(r.id, _named(r))) for r in records}
    display: dict[str, dict] = {}
    for record in records:
        reference = cite.reference(corpus, record)
        about: dict[str, object] = {
            "lane": lane_of(record),
            "label": describe(corpus, record),
            "chicago": cite.chicago(reference),
            "bibtex": cite.bibtex(reference),
            "mentions": named[record.id],
        }
        if isinstance(record, Cable):
            about.update(
                heading=render.cable_heading(corpus, record),
                citation=render.citation(record),
                local_time=render.local_time(record),
                instant=record.instant,
                notice=None if record.complete else render.incomplete_notice(record),
                replies=[_reply(target, shown) for target in answered(corpus, record)],
                answered_by=answered_by.get(record.id, []),
                crossed=[_reply(corpus.by_id.get(ref, ref), shown) for ref in crossings.get(record.id, [])],
                wordings=[_wording_heading(t) for t in record.translations],
            )
        display[record.id] = about
    mentioned = {p for ids in named.values() for p in ids}
    people = {pid: person.name for pid, person in corpus.people.items() if pid in mentioned}
    # a Text query that is one of a person's names finds every spelling of them, as `magiccli quote` does
    aliases = {pid: sorted({n for n in corpus.people[pid].names if n}) for pid in people}
    return {"records": [record_object(r) for r in records], "display": display, "people": people, "aliases": aliases}


def _named(record: Cable | Event) -> list[str]:
    if isinstance(record, Cable):
        return [p for p in dict.fromkeys((record.from_, record.to, *record.people)) if p]
    return list(record.actors)


def describe(corpus: Corpus, record: Cable | Event) -> str:
    """One line that names a record: what a mark says to a screen reader, and the SVG's hover title."""
    if isinstance(record, Cable):
        when = f"{record.date} {render.local_time(record)}" if record.time else record.date
        return f"{render.cable_heading(corpus, record)}, {record.place}, {when}: {record.title}"
    return f"{record.date}{'–' + record.end if record.end else ''}: {record.title}"


def _reply(target, shown: set[str]) -> dict:
    """A telegram a mark answers or crossed, for the panel: its id where the page shows it."""
    label = render.reply_refs([target])
    if not isinstance(target, Cable):
        return {"id": None, "label": label}
    return (
        {"id": target.id, "label": label}
        if target.id in shown
        else {"id": None, "label": f"{label} (left out by the filters)"}
    )


def _wording_heading(translation) -> str:
    grade = f"match {translation.match}" + (f", confidence {translation.confidence}" if translation.confidence else "")
    return f"MAGIC summary wording {translation.id} ({render.translation_date(translation)}; {grade})"


def _print_slices(part: Part) -> str:
    """The exchange cut into page-wide slices for paper, each headed by the days it shows."""
    cuts = slices(part, PRINT_SLICE)
    out = []
    for n, piece in enumerate(cuts):
        days = days_shown(part, piece.left, piece.days_end)
        heading = f"The exchange, {days} (page {n + 1} of {len(cuts)})" if days else "The exchange"
        out.append(
            f'<figure class="tl-page"><figcaption>{svg.escape(heading)}</figcaption>'
            f"{svg.slice_svg(part, piece)}</figure>"
        )
    return "\n".join(out)


def html(
    corpus: Corpus,
    records: list,
    layout: Layout,
    crossings: dict[str, list[str]] | None = None,
    mentions: dict[str, list[str]] | None = None,
) -> str:
    cables = sum(isinstance(r, Cable) for r in records)
    events = len(records) - cables
    first, last = min(r.date for r in records), max(r.end or r.date for r in records)
    summary = f"{cables} cable{'s' * (cables != 1)} and {events} event{'s' * (events != 1)}, {first} to {last}"
    describe_one = lambda r: describe(corpus, r)  # noqa: E731
    exchange = svg.part_svg(layout.exchange, describe_one, crossings) if layout.exchange else ""
    context = svg.part_svg(layout.context, describe_one, crossings) if layout.context else ""
    return (
        (HERE / "page.html")
        .read_text(encoding="utf-8")
        .format(
            summary=svg.escape(summary),
            style=(HERE / "page.css").read_text(encoding="utf-8"),
            exchange=exchange,
            names=svg.names_svg(layout.exchange) if layout.exchange else "",
            context=context,
            legend=svg.legend_svg(),
            exchange_hidden="" if exchange else " hidden",
            context_hidden="" if context else " hidden",
            slices=_print_slices(layout.exchange) if layout.exchange else "",
            data=script_json(page_data(corpus, records, crossings, mentions)),
            script=(HERE / "page.js").read_text(encoding="utf-8"),
        )
    )
