"""quote --by: how many cables and events say a phrase, a week or a month a line (a bar chart on a terminal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from magiccli.output import Table, View

if TYPE_CHECKING:
    from rich.console import Console


def histogram_view(rows: list[dict], by: str) -> View:
    return View(table=lambda: histogram_table(rows), terminal=lambda out: histogram(out, rows, by))


def histogram_table(rows: list[dict]) -> Table:
    return Table(["period", "count"], rows, rows)


BAR_WIDTH = 40


def histogram(out: Console, rows: list[dict], by: str) -> None:
    from rich.table import Table as Grid
    from rich.text import Text

    most = max(r["count"] for r in rows)
    grid = Grid.grid(padding=(0, 1))
    grid.add_column(by, style="dim", no_wrap=True)
    grid.add_column("count", justify="right")
    grid.add_column("bar")
    for row in rows:
        bar = "█" * round(row["count"] * BAR_WIDTH / most) if row["count"] else ""
        grid.add_row(row["period"], str(row["count"]), Text(bar, style="bright_cyan"))
    out.print(grid)
