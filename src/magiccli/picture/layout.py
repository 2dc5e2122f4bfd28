"""Where each cable and event goes: a year axis squeezed before July 1945, a day axis after, marks packed in rows.

The SVG file and the HTML page draw this one layout, so the printed picture and the page agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from magiccli.lanes import DAILY_FROM, LANES, lane_of
from magiccli.model import Cable, Event, in_order

YEAR_WIDTH = 16
DAY_WIDTH = 24
MARGIN = 16
REGION_GAP = 40  # between the years and the days, where the axis breaks
AXIS_HEIGHT = 62
LANE_TITLE = 18  # a lane's name sits on its own line above its marks
ROW_HEIGHT = 20
MARK_HEIGHT = 16
LANE_PADDING = 8
LABEL_CHARS = 52  # an event's label is its title cut at a word to about this many characters
CHAR_WIDTH = 6.4  # an average character of the 11 px system sans-serif, generous so labels do not collide
ROW_GAP = 6
TITLE_SCALE = 1.25  # a region's title is set larger and bolder than a label


@dataclass
class Mark:
    record: Cable | Event
    lane: str
    x: float  # the centre of the day (or the point in the year) it happened
    x_end: float | None  # where a record that lasts ends
    label: str
    left: float  # the extent the mark and its label take in its row
    right: float
    row: int = 0
    y: float = 0  # the middle of its row

    @property
    def is_cable(self) -> bool:
        return isinstance(self.record, Cable)


@dataclass
class Lane:
    key: str
    name: str
    top: float
    height: float
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Tick:
    x: float
    label: str
    major: bool  # a month's or a fifth year's start, labelled on the upper line


@dataclass
class Region:
    title: str
    left: float
    right: float
    ticks: list[Tick]


@dataclass
class Layout:
    width: float
    height: float
    regions: list[Region]
    lanes: list[Lane]

    @property
    def marks(self) -> list[Mark]:
        return sorted((m for lane in self.lanes for m in lane.marks), key=lambda m: in_order(m.record))


class Axis:
    """Dates to x: the years from the first record's to June 1945 linearly, then a column a day."""

    def __init__(self, records: list):
        starts = [r.date for r in records]
        early = [d for d in starts if d < DAILY_FROM]
        late = [d for d in [*starts, *(r.end for r in records if r.end)] if d >= DAILY_FROM]
        self.first_year = int(min(early)[:4]) if early else None
        left = MARGIN
        self.years_right = left + (_year_fraction(DAILY_FROM) - self.first_year) * YEAR_WIDTH if early else left
        self.days_left = self.years_right + (REGION_GAP if early and late else 0)
        self.first_day = dt.date.fromisoformat(min(late)) if late else None
        self.last_day = dt.date.fromisoformat(max(late)) if late else None
        self.right = self.days_left + (self._day_index(self.last_day) + 1) * DAY_WIDTH if late else self.years_right

    def _day_index(self, day: dt.date) -> int:
        return (day - self.first_day).days

    def x(self, date: str) -> float:
        if date < DAILY_FROM:
            return MARGIN + (_year_fraction(date) - self.first_year) * YEAR_WIDTH
        return self.days_left + (self._day_index(dt.date.fromisoformat(date)) + 0.5) * DAY_WIDTH

    def regions(self) -> list[Region]:
        found = []
        if self.first_year is not None:
            ticks = [Tick(MARGIN + (year - self.first_year) * YEAR_WIDTH, str(year), year % 5 == 0)
                     for year in range(self.first_year, 1946)]
            found.append(Region(f"{self.first_year} – June 1945, a year at a time", MARGIN, self.years_right,
                                [t for t in ticks if t.major or t.label == str(self.first_year)]))
        if self.first_day is not None:
            days = [self.first_day + dt.timedelta(days=n) for n in range(self._day_index(self.last_day) + 1)]
            ticks = [Tick(self.days_left + i * DAY_WIDTH, str(day.day), False) for i, day in enumerate(days)]
            ticks += [Tick(self.days_left + i * DAY_WIDTH, day.strftime("%B %Y"), True)
                      for i, day in enumerate(days) if i == 0 or day.day == 1]
            span = _long_day(days[0]) + (f" – {_long_day(days[-1])}" if len(days) > 1 else "")
            found.append(Region(f"{span}, a day at a time", self.days_left, self.right, ticks))
        return found


def _year_fraction(date: str) -> float:
    day = dt.date.fromisoformat(date)
    start = dt.date(day.year, 1, 1)
    return day.year + (day - start).days / ((dt.date(day.year + 1, 1, 1) - start).days)


def _long_day(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def short_title(title: str) -> str:
    """An event's title cut at a word to fit a label; the page and the SVG's <title> keep the whole."""
    if len(title) <= LABEL_CHARS:
        return title
    cut = title[:LABEL_CHARS].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"


def mark_label(record: Cable | Event) -> str:
    if isinstance(record, Cable):
        return record.telegram_no or record.doc_type
    return short_title(record.title)


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _mark(record: Cable | Event, axis: Axis) -> Mark:
    label = mark_label(record)
    x = axis.x(record.date)
    if isinstance(record, Cable):
        half = text_width(label) / 2 + 6
        return Mark(record, lane_of(record), x, None, label, x - half, x + half)
    x_end = axis.x(record.end) if record.end else None
    return Mark(record, lane_of(record), x, x_end, label, x - 6, max(x_end or x, x + 10 + text_width(label)))


def _pack(marks: list[Mark]) -> int:
    """Each mark in the first row where it clears the one before; the number of rows used."""
    row_ends: list[float] = []
    for mark in sorted(marks, key=lambda m: (m.left, in_order(m.record))):
        for row, end in enumerate(row_ends):
            if end + ROW_GAP <= mark.left:
                break
        else:
            row = len(row_ends)
            row_ends.append(0)
        mark.row, row_ends[row] = row, mark.right
    return len(row_ends)


def lay_out(records: list) -> Layout:
    axis = Axis(records)
    marks = [_mark(r, axis) for r in sorted(records, key=in_order)]
    lanes, top = [], AXIS_HEIGHT
    for key, name, _ in LANES:
        own = [m for m in marks if m.lane == key]
        if not own:
            continue
        rows = _pack(own)
        height = LANE_TITLE + rows * ROW_HEIGHT + LANE_PADDING
        for mark in own:
            mark.y = top + LANE_TITLE + mark.row * ROW_HEIGHT + ROW_HEIGHT / 2
        lanes.append(Lane(key, name, top, height, own))
        top += height
    regions = axis.regions()
    width = max([axis.right, *(m.right for m in marks), *(r.left + text_width(r.title) * TITLE_SCALE for r in regions)])
    return Layout(width + MARGIN, top + MARGIN, regions, lanes)
