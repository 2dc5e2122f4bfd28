"""Any record whole: a cable as `cable` shows it, an event with its summary, sources and their grades, and its
official text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from magiccli.model import Cable, Corpus, Event, record_object
from magiccli.output import Table, View
from magiccli.query import CableMatch
from magiccli.views.cable import cable_document, cable_view
from magiccli.views.wording import citation, cited, time_provenance, true_time

if TYPE_CHECKING:
    from rich.console import Console

RECORD_COLUMNS = ["date", "end", "kind", "id", "title"]


def records_view(corpus: Corpus, records: list[Cable | Event], matched_on: str) -> View:
    """The records whole, in the order given; ``matched_on`` says what the reference matched."""

    def plain() -> str:
        return "\n".join(
            cable_document(corpus, CableMatch(r, matched_on), "all") if isinstance(r, Cable) else event_document(r)
            for r in records
        )

    def terminal(out: Console) -> None:
        from rich.console import Group

        out.print(
            Group(
                *(
                    cable_view(corpus, CableMatch(r, matched_on), "all") if isinstance(r, Cable) else event_view(r)
                    for r in records
                )
            )
        )

    def table() -> Table:
        rows = [{"date": r.date, "end": r.end or "", "kind": r.kind, "id": r.id, "title": r.title} for r in records]
        return Table(RECORD_COLUMNS, rows, [record_object(r) for r in records])

    return View(table=table, plain=plain, terminal=terminal, paged=True)


def _when(event: Event) -> str:
    days = event.date + (f" – {event.end}" if event.end else "")
    return " ".join(part for part in (days, true_time(event)) if part)


def _event_lines(event: Event) -> list[tuple[str, str]]:
    """(heading, text) of each part of an event's view, in order; heading "" for the lines of the head."""
    parts = [("", f"id: {event.id}   kind: {event.kind}"), ("", f"when: {_when(event)}")]
    if event.places:
        parts.append(("", f"where: {', '.join(event.places)}"))
    if event.actors:
        parts.append(("", f"actors: {', '.join(event.actors)}"))
    if event.tags:
        parts.append(("", f"tags: {', '.join(event.tags)}"))
    parts.append(("Summary (ours, resting on the sources below):", event.summary.strip()))
    parts.append(("Sources:", "\n".join(f"  — {cited(source)}" for source in event.sources) or "  none"))
    if event.citation:
        parts.append(("Printed in (what cite cites):", f"  {citation(event)}"))
    timed = time_provenance(event)
    if timed:
        parts.append((timed[0], "\n".join(timed[1:])))
    official = event.official_text
    if official:
        notice = "" if official.complete else "\n[Text incomplete: only part of it could be had.]"
        parts.append(
            (f"Official text: {official.title}", official.text.strip() + notice + f"\n  — {cited(official.source)}")
        )
    if event.notes:
        parts.append(("Notes:", event.notes.strip()))
    return parts


def event_document(event: Event) -> str:
    """An event as plain text for a pipe: the same parts the terminal view shows."""
    lines = [f"== {event.title} · {_when(event)} =="]
    for heading, text in _event_lines(event):
        lines += ["", heading, text] if heading else [text]
    return "\n".join(lines) + "\n"


def event_view(event: Event):
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    from magiccli.views.terminal import style_of

    style = style_of(event)
    parts = _event_lines(event)
    head = Text("\n".join(text for heading, text in parts if not heading), style="dim")
    shown: list = [
        Panel(head, title=Text(f"{event.title} · {_when(event)}", style=style), title_align="left", border_style=style)
    ]
    for heading, text in parts:
        if heading:
            shown += [Text(heading, style="bold underline"), Padding(Text(text), (0, 0, 1, 2))]
    return Group(*shown)
