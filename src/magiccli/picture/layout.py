"""Where each cable and event goes, in two parts drawn from one layout: the exchange (July 1945 on, a column a UTC
day, a cable at its instant within it, one lane a direction or a kind of event), and a compact context band for the
decades before (a year axis, every record in one band, coloured by its lane).

A label never stands over another: a mark and its label take a box that starts at the mark's own time, and the
boxes of one lane are packed in rows so that none overlaps another. A title is never cut: it is the label whole.
The SVG file and the HTML page draw this one layout, so the printed picture and the page agree.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import NamedTuple

from magiccli.lanes import DAILY_FROM, LANES, lane_of
from magiccli.model import Cable, Event, in_order

DAY_WIDTH = 26  # a UTC day's column: two digits of its number and room for a cable's pill in it
MARGIN = 16
AXIS_HEIGHT = 62
LANE_TITLE = 18  # a lane's name sits on its own line above its marks, where nothing else is drawn
ROW_HEIGHT = 20
MARK_HEIGHT = 16
LANE_PADDING = 6
CHAR_WIDTH = 6.6  # an average character of the 11 px system sans-serif, generous so packed labels never touch
ROW_GAP = 4
PILL_PADDING = 4  # between a cable's pill and its number
DIAMOND = 6  # an event's diamond: its half width; the label starts after it
TITLE_SCALE = 1.25  # a region's title is set larger and bolder than a label
CONTEXT_WIDTH = (
    940  # the context band fits a landscape page (A4 or Letter) at full size, as the slices of the exchange do
)
EXCHANGE = ("1945-07-01", "1945-09-01")  # the weeks a page opens on
CONTEXT_LANE = ("context", "Before July 1945", "")


@dataclass
class Mark:
    record: Cable | Event
    lane: str  # the lane whose colour it takes
    x: float  # its instant (a cable with a time) or the start of its day
    x_end: float | None  # where a record that lasts ends
    label: str
    left: float  # the box the mark and its label take in its row
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
class Part:
    """The exchange or the context band: its own axis and lanes, drawn from (0, 0)."""

    key: str
    width: float
    height: float
    regions: list[Region]
    lanes: list[Lane]
    days: list[tuple[float, float]] = field(default_factory=list)  # the exchange's UTC day columns, left to right
    first_day: dt.date | None = None  # the UTC day of the first column

    def focus(self) -> tuple[float, float]:
        """The stretch of x a reader is shown first: July and August 1945 where the part has days of them (the
        exchange of cables), else all of it."""
        first = self.first_day
        inside = [
            column
            for n, column in enumerate(self.days)
            if first and EXCHANGE[0] <= (first + dt.timedelta(days=n)).isoformat() < EXCHANGE[1]
        ]
        return (inside[0][0], inside[-1][1]) if inside else (0, self.width)

    @property
    def marks(self) -> list[Mark]:
        return sorted((m for lane in self.lanes for m in lane.marks), key=lambda m: in_order(m.record))


@dataclass
class Layout:
    exchange: Part | None
    context: Part | None

    @property
    def parts(self) -> list[Part]:
        return [p for p in (self.exchange, self.context) if p]

    @property
    def width(self) -> float:
        return max(p.width for p in self.parts)

    @property
    def height(self) -> float:
        return sum(p.height for p in self.parts)

    @property
    def marks(self) -> list[Mark]:
        return [m for p in self.parts for m in p.marks]


def utc_moment(record: Cable | Event) -> dt.datetime:
    """Where a record stands on the exchange's axis: a cable at its UTC instant, anything else (or a cable whose
    instant is not known) at the start of its day."""
    if record.instant:
        return dt.datetime.fromisoformat(record.instant.rstrip("Z"))
    return dt.datetime.fromisoformat(record.date)


def mark_label(record: Cable | Event) -> str:
    if isinstance(record, Cable):
        return record.telegram_no or record.doc_type
    return record.title


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _mark(record: Cable | Event, lane: str, x: float, x_end: float | None) -> Mark:
    label = mark_label(record)
    if isinstance(record, Cable):  # a pill whose left edge is its instant
        return Mark(record, lane, x, None, label, x, x + text_width(label) + 2 * PILL_PADDING)
    return Mark(record, lane, x, x_end, label, x, max(x_end or x, x + 2 * DIAMOND + 3 + text_width(label)))


def _pack(marks: list[Mark]) -> int:
    """Each mark in the first row where it clears the one before; the number of rows used."""
    row_ends: list[float] = []
    for mark in sorted(marks, key=lambda m: (m.left, in_order(m.record))):
        for row, end in enumerate(row_ends):  # noqa: B007  row is the one the loop breaks at
            if end + ROW_GAP <= mark.left:
                break
        else:
            row = len(row_ends)
            row_ends.append(float("-inf"))
        mark.row, row_ends[row] = row, mark.right
    return len(row_ends)


def _lanes(marks: list[Mark], lanes, top: float) -> tuple[list[Lane], float]:
    found = []
    for key, name, _ in lanes:
        own = [m for m in marks if m.lane == key or key == CONTEXT_LANE[0]]  # the context band: one lane of all
        if not own:
            continue
        rows = _pack(own)
        height = LANE_TITLE + rows * ROW_HEIGHT + LANE_PADDING
        for mark in own:
            mark.y = top + LANE_TITLE + mark.row * ROW_HEIGHT + ROW_HEIGHT / 2
        found.append(Lane(key, name, top, height, own))
        top += height
    return found, top


def _long_day(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def _exchange(records: list) -> Part | None:
    if not records:
        return None
    moments = [utc_moment(r) for r in records] + [dt.datetime.fromisoformat(r.end) for r in records if r.end]
    first, last = min(moments).date(), max(moments).date()
    origin = dt.datetime.combine(first, dt.time())
    left = MARGIN

    def x(moment: dt.datetime) -> float:
        return left + (moment - origin).total_seconds() / 86400 * DAY_WIDTH

    marks = []
    for record in records:
        # a stay ends at the end of its last day
        end = x(dt.datetime.fromisoformat(record.end) + dt.timedelta(days=1)) if record.end else None
        marks.append(_mark(record, lane_of(record), x(utc_moment(record)), end))
    lanes, bottom = _lanes(marks, LANES, AXIS_HEIGHT)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    columns = [(float(left + i * DAY_WIDTH), float(left + (i + 1) * DAY_WIDTH)) for i in range(len(days))]
    ticks = [Tick(columns[i][0], str(day.day), False) for i, day in enumerate(days)]
    ticks += [Tick(columns[i][0], day.strftime("%B %Y"), True) for i, day in enumerate(days) if i == 0 or day.day == 1]
    span = _long_day(days[0]) + (f" – {_long_day(days[-1])}" if len(days) > 1 else "")
    region = Region(f"{span}, a column a day (UTC); each cable at its instant of sending", left, columns[-1][1], ticks)
    width = max([region.right, *(m.right for m in marks), left + text_width(region.title) * TITLE_SCALE]) + MARGIN
    return Part("exchange", width, bottom + MARGIN, [region], lanes, columns, first)


def _year_fraction(date: str) -> float:
    day = dt.date.fromisoformat(date)
    start = dt.date(day.year, 1, 1)
    return day.year + (day - start).days / ((dt.date(day.year + 1, 1, 1) - start).days)


def _label_room(record: Cable | Event) -> float:
    mark = _mark(record, "", 0, None)
    return mark.right - mark.left


def _context(records: list) -> Part | None:
    if not records:
        return None
    first_year = int(min(r.date for r in records)[:4])
    last = _year_fraction(DAILY_FROM)
    room = CONTEXT_WIDTH - 2 * MARGIN
    # as wide a year as lets every label end inside the band, but never less than a third of it for the years
    year_width = max(
        room / 3 / (last - first_year),
        min(
            [room / (last - first_year)]
            + [(room - _label_room(r)) / max(_year_fraction(r.date) - first_year, 1e-9) for r in records]
        ),
    )

    def x(date: str) -> float:
        return MARGIN + (min(_year_fraction(date), last) - first_year) * year_width

    marks = [_mark(r, lane_of(r), x(r.date), x(r.end) if r.end else None) for r in records]
    lanes, bottom = _lanes(marks, [CONTEXT_LANE], AXIS_HEIGHT)
    every = next(step for step in (1, 2, 5, 10, 20, 50, 100) if step * year_width >= 34)  # room for "1905"
    ticks = [
        Tick(x(f"{year}-01-01"), str(year), True)
        for year in range(first_year, int(last) + 1)
        if year % every == 0 or year == first_year
    ]
    region = Region(f"{first_year} – June 1945: the context, a year at a time", MARGIN, x(DAILY_FROM), ticks)
    width = max([CONTEXT_WIDTH, *(m.right + MARGIN for m in marks)])
    return Part("context", width, bottom + MARGIN, [region], lanes)


class Slice(NamedTuple):
    """A printed page's share of a part: from ``left``, ``width`` wide, holding the marks before ``days_end``; what
    it shows beyond that (the end of its labels) is the next page's, and covered there (svg.covers)."""

    left: float
    width: float
    days_end: float

    @property
    def right(self) -> float:
        return self.left + self.width


def slices(part: Part, room: float) -> list[Slice]:
    """The part cut across time into slices no wider than ``room`` so that every label is read whole on one page:
    a page holds the days up to the last day's edge that lets the labels of its marks end on it, and is as wide as
    those labels reach; the next page starts at that edge. A label longer than a page is cut; a part without day
    columns is cut into equal slices."""
    if not part.days:
        count = max(1, math.ceil(part.width / room))
        width = part.width / count
        return [Slice(n * width, width, (n + 1) * width) for n in range(count)]
    edges = [right for _, right in part.days[:-1]]

    def day_start(x: float) -> float:
        return max([0.0, *(edge for edge in edges if edge <= x)])

    # the labels a page starting at their day can hold: a longer one is cut wherever it falls
    marks = [(m.x, label_end(m)) for m in part.marks if label_end(m) - day_start(m.x) <= room]

    def reach(left: float, edge: float) -> float:  # where the labels of the marks from ``left`` to ``edge`` end
        return max([edge, *(end for start, end in marks if left <= start < edge)])

    found: list[Slice] = []
    left = 0.0
    while part.width - left > room:
        fitting = [edge for edge in edges if left < edge <= left + room]
        cut = max([edge for edge in fitting if reach(left, edge) <= left + room] or fitting or [left + room])
        found.append(Slice(left, min(reach(left, cut), left + room) - left, cut))
        left = cut
    return [*found, Slice(left, part.width - left, part.width)]


def label_end(mark: Mark) -> float:
    """Where a mark's label ends: a cable's pill is its label; an event's label follows its diamond (its box may
    reach further, to the end of a stay's bar)."""
    return mark.right if mark.is_cable else mark.x + 2 * DIAMOND + 3 + text_width(mark.label)


def carried_labels(part: Part, piece: Slice) -> list[Mark]:
    """The marks before the slice whose labels run on into it: it covers their tails, read whole on the page
    before."""
    return [mark for mark in part.marks if mark.x < piece.left < label_end(mark)]


def marks_after(part: Part, piece: Slice) -> list[Mark]:
    """The marks the slice shows the start of beyond its days: the next page's, which it covers."""
    return [mark for mark in part.marks if piece.days_end <= mark.x < piece.right]


def days_shown(part: Part, left: float, right: float) -> str:
    """The UTC days of the exchange from ``left`` to ``right`` (the edge after the last), "1 July 1945 – 24 July
    1945", or "" for a part drawn without day columns."""
    first = part.first_day
    if not part.days or first is None:
        return ""

    def day_at(x: float) -> str:  # the column under x, the nearest where x is in a margin
        index = min(max(int((x - part.days[0][0]) // DAY_WIDTH), 0), len(part.days) - 1)
        return _long_day(first + dt.timedelta(days=index))

    first_shown, last_shown = day_at(left), day_at(right - 1)
    return first_shown if first_shown == last_shown else f"{first_shown} – {last_shown}"


def lay_out(records: list) -> Layout:
    ordered = sorted(records, key=in_order)
    return Layout(
        _exchange([r for r in ordered if r.date >= DAILY_FROM]), _context([r for r in ordered if r.date < DAILY_FROM])
    )
