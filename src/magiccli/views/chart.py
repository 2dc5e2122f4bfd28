"""The timeline drawn as lanes of characters: by year before July 1945, by day from then on."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass

from rich.text import Text

from magiccli.lanes import DAILY_FROM, LANES, lane_of
from magiccli.output import View
from magiccli.views.terminal import STYLES, marker

LANE_STYLES = {
    "tokyo-moscow": STYLES["tokyo-moscow"],
    "moscow-tokyo": STYLES["moscow-tokyo"],
    "diplomacy": STYLES["diplomatic"],
    "war": STYLES["military"],
    "japan": STYLES["conference"],
}
EMPTY, SPAN, MANY = "·", "━", "+"
# A count is a circled numeral, so two busy days side by side read "②②", never "22"
FIRST_CIRCLED, MOST_CIRCLED = 0x2460, 20  # ① … ⑳
LEGEND = "▶ cable to Moscow  ◀ cable to Tokyo  ■ event or other paper  ━ lasting  ②…⑳ that many in one column  + more"


def count_mark(count: int) -> str:
    return chr(FIRST_CIRCLED + count - 1) if count <= MOST_CIRCLED else MANY


@dataclass
class Panel:
    """One time axis: a column per year or per day, and for each lane what falls in each column."""

    title: str
    columns: list[str]  # the ISO year or day each column stands for
    labels: dict[int, str]  # axis labels by column
    points: dict[str, list[list]]  # lane → column → records that happen then
    spans: dict[str, list[bool]]  # lane → column → whether a record that lasts is under way

    def lanes(self) -> list[tuple[str, str]]:
        """The lanes with something in this panel, as (key, terminal name)."""
        return [(lane, name) for lane, _, name in LANES if any(self.points[lane]) or any(self.spans[lane])]

    def cell(self, lane: str, column: int) -> str:
        records = self.points[lane][column]
        if len(records) == 1:
            return marker(records[0])
        if records:
            return count_mark(len(records))
        return SPAN if self.spans[lane][column] else EMPTY


def panels(records: list) -> list[Panel]:
    before = [r for r in records if r.date < DAILY_FROM]
    during = [r for r in records if (r.end or r.date) >= DAILY_FROM]
    found = []
    if before:
        years = [str(y) for y in range(int(before[0].date[:4]), int(max(r.date for r in before)[:4]) + 1)]
        found.append(
            _panel(
                f"{years[0]}–{years[-1]}, by year (to June 1945)",
                years,
                before,
                4,
                {i: y for i, y in enumerate(years) if int(y) % 5 == 0 or i == 0},
            )
        )
    if during:
        first = max(DAILY_FROM, min(r.date for r in during))
        last = max(r.end or r.date for r in during)
        days = _days(first, last)
        labels = {
            i: _day_label(d, first=i == 0) for i, d in enumerate(days) if i == 0 or d.endswith(("-01", "-10", "-20"))
        }
        found.append(
            _panel(
                f"{_month(days[0])} {days[0][:4]} – {_month(days[-1])} {days[-1][:4]}, by day", days, during, 10, labels
            )
        )
    return found


def _panel(title: str, columns: list[str], records: list, key_length: int, labels: dict[int, str]) -> Panel:
    index = {c: i for i, c in enumerate(columns)}
    points: dict[str, list[list]] = {lane: [[] for _ in columns] for lane, _, _ in LANES}
    spans = {lane: [False] * len(columns) for lane, _, _ in LANES}
    for record in records:
        lane = lane_of(record)
        start = record.date[:key_length]
        if start in index:
            points[lane][index[start]].append(record)
        if record.end:
            for column in columns:
                if max(start, columns[0]) <= column <= record.end[:key_length]:
                    spans[lane][index[column]] = True
    return Panel(title, columns, labels, points, spans)


def _days(first: str, last: str) -> list[str]:
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(start + dt.timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def _day_label(day: str, first: bool) -> str:
    """The day of the month, with the month's name where a month starts and at the axis's start."""
    number = day[8:].lstrip("0")
    return f"{number} {_month(day)}" if first or number == "1" else number


def _month(day: str) -> str:
    return dt.date.fromisoformat(day).strftime("%b")


def chart_view(records: list) -> View:
    """The chart: drawn in colour on a terminal or with --color always, its plain characters in a pipe (its lines are
    not cut to a terminal's width)."""
    drawing = draw(records)

    def terminal(out) -> None:
        out.print(drawing, soft_wrap=not sys.stdout.isatty())

    return View(plain=lambda: drawing.plain + "\n", terminal=terminal, colored=True)


def draw(records: list) -> Text:
    """The chart as rich Text: styled for a terminal or a file, ``.plain`` for a pipe."""
    drawn = panels(records)
    width = max(len(name) for _, _, name in LANES) + 2
    out = Text()
    for panel in drawn:
        out.append(panel.title + "\n", style="bold")
        out.append(" " * width + _axis(panel) + "\n", style="dim")
        for lane, name in panel.lanes():
            out.append(name.ljust(width), style=LANE_STYLES[lane])
            for column in range(len(panel.columns)):
                cell = panel.cell(lane, column)
                out.append(cell, style="dim" if cell == EMPTY else LANE_STYLES[lane])
            out.append("\n")
        out.append("\n")
    out.append(LEGEND, style="dim")
    return out


def _axis(panel: Panel) -> str:
    """Axis labels at their columns; a label that would run into the next is left out."""
    line = ""
    for column, label in sorted(panel.labels.items()):
        if column >= len(line) + (1 if line else 0):
            line = line.ljust(column) + label
    return line
