"""The timeline: a line a record in a pipe, records under year (or month) headings on a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain, groupby, islice
from typing import TYPE_CHECKING

from magiccli.boundary import Cleared
from magiccli.model import Entry
from magiccli.output import Table, View
from magiccli.query import days_between
from magiccli.views.wording import yes_no

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def timeline_view(entries: Iterable[Entry], objects: Callable[[], Iterable[dict | str | Cleared]]) -> View:
    """The entries; in JSON each record as its file holds it (``objects()``, in the same order)."""
    return View(table=lambda: timeline_table(entries, objects()), terminal=lambda out: timeline(out, entries))


# time (local, with its zone) and complete came after the first five, then the zone and the UTC instant, so they
# stand last: cut -f1-5 still works
TIMELINE_COLUMNS = ["date", "end", "kind", "id", "title", "time", "complete", "zone", "utc"]


def timeline_table(entries: Iterable[Entry], objects: Iterable[dict | str | Cleared]) -> Table:
    """One line a record; in JSON each record as its file holds it (``objects``, in the same order)."""
    rows = (
        {
            "date": e.date,
            "end": e.end or "",
            "kind": e.kind,
            "id": e.id,
            "title": e.label,
            "time": e.local_time,
            "complete": yes_no(e.complete),
            "zone": e.zone or "",
            "utc": e.instant or "",
        }
        for e in entries
    )
    return Table(TIMELINE_COLUMNS, rows, objects)


MONTHS_FROM = 13  # a year with this many records or more is shown month by month


def timeline(out: Console, entries: Iterable[Entry]) -> None:
    """The entries under year headings (month headings in a busy year), printed as they come."""
    from rich.text import Text

    from magiccli.views.terminal import LEGEND, STYLES, marker, print_in_grids, style_of

    out.print(Text("  ").join(Text(label, style=STYLES[key]) for key, label in LEGEND))
    columns = ({"no_wrap": True, "style": "dim", "min_width": 10}, {"no_wrap": True}, {"ratio": 1})
    print_in_grids(
        out,
        columns,
        (
            row
            for heading, lines in _sections(entries)
            for row in chain(
                [("", "", Text(f"── {heading} ", style="bold"))],
                ((e.date, Text(marker(e), style=style_of(e)), _timeline_line(e)) for e in lines),
            )
        ),
    )


def _sections(entries: Iterable[Entry]):
    """(heading, entries) of each year, or of each month of a year of MONTHS_FROM records or more: a year's first
    records wait until it is known which."""
    for year, in_year in groupby(entries, key=lambda e: e.date[:4]):
        first = list(islice(in_year, MONTHS_FROM))
        if len(first) < MONTHS_FROM:
            yield year, first
        else:
            yield from groupby(chain(first, in_year), key=lambda e: _month_label(e.date))  # noqa: B031  the year's rest


def _month_label(date: str) -> str:
    import calendar

    return f"{calendar.month_name[int(date[5:7])]} {date[:4]}"


def _timeline_line(entry: Entry) -> Text:
    from rich.text import Text

    from magiccli.views.terminal import style_of

    style = style_of(entry)
    line = Text()
    if entry.kind == "cable":
        line.append(entry.heading or "", style=style)
        if entry.time:
            line.append(f" {entry.local_time}", style="dim")
        line.append(f"  {entry.title}")
        if not entry.complete:
            line.append(" (partial text)", style="dim italic")
        return line
    line.append(f"[{entry.kind}] ", style=style)
    if entry.end:
        days = days_between(entry.date, entry.end)
        line.append("━" * min(max(days // 2, 1), 15), style=style)
        line.append(f" to {entry.end} ({days} days) ", style="dim")
    line.append(entry.title)
    return line
