"""The SVG set on paper (``timeline --svg FILE --page-size A4|Letter``): landscape pages of that size, each picture
at full size (a user unit is a CSS pixel, so the 11 px labels print at 8.25 pt), the context band and the legend on
the first page, then the exchange over as many pages as it needs: cut across time into page-wide slices and, where
its lanes are taller than a page, into bands between rows, each band headed by the days again.

One file holds every page, so that one command prints it. Its own size (width, height, viewBox) is the first page,
and the pages after it stand below that, in the viewBox's units; a style sheet inside it says how the rest is read:
- Chromium (a print dialog, or ``chromium --headless --print-to-pdf=FILE.pdf FILE.svg``) takes the paper from the
  ``@page`` rule and the file's whole height from ``svg:root``'s CSS height, and breaks it at each page's edge;
- Inkscape (1.2 or later: ``inkscape FILE.svg -o FILE.pdf``) reads the pages from ``inkscape:page`` elements, the
  first of them the file's own size, and ignores the CSS height;
- rsvg-convert (``rsvg-convert -f pdf -o FILE.pdf FILE.svg``) honours the CSS height and knows no pages: it draws
  them one under the other on a single long sheet, nothing lost.
Several files (FILE, FILE-2.svg, ...) would have suited rsvg-convert alone and asked Chromium and Inkscape for a
command a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from magiccli.picture.layout import (
    AXIS_HEIGHT,
    LANE_TITLE,
    ROW_HEIGHT,
    Lane,
    Layout,
    Part,
    Slice,
    days_shown,
    slices,
)
from magiccli.picture.svg import LEGEND_HEIGHT, STYLE, body, covers, lane_name, lane_names, legend, text_at

MM = 96 / 25.4  # CSS pixels (user units) to a millimetre
# the papers, landscape, in millimetres, by the name --page-size takes (any case) and CSS's @page calls them
PAPERS = {"a4": ("A4", 297.0, 210.0), "letter": ("letter", 279.4, 215.9)}
MARGIN = 10 * MM  # round every page, as the HTML page prints
CAPTION = 22.0  # a page's heading, 12 px bold, and the room under it
GAP = 8.0  # between the pictures on one page
PAPER_STYLE = """
.tl-caption { font-size: 12px; font-weight: 700; }
"""


@dataclass
class Tile:
    """The rectangle of a part that one page shows: a slice of its time from ``left``, ``width`` wide, and a band of
    its lanes from ``top`` to ``bottom``. A band below the first is headed by the part's axis, and by the name of a
    lane that goes on from the page before."""

    part: Part
    piece: Slice
    top: float
    bottom: float

    @property
    def left(self) -> float:
        return self.piece.left

    @property
    def width(self) -> float:
        return self.piece.width

    @property
    def continued(self) -> Lane | None:
        return _continued(self.part, self.top)

    @property
    def header(self) -> float:
        return _header(self.part, self.top)

    @property
    def height(self) -> float:
        return self.header + self.bottom - self.top


@dataclass
class Page:
    caption: str
    tile: Tile | None
    legend: bool


def draw(layout: Layout, describe, crossings: dict[str, list[str]] | None, page_size: str) -> str:
    """The picture on landscape pages of ``page_size`` (A4 or Letter, any case), in one SVG file."""
    css_name, width_mm, height_mm = PAPERS[page_size.lower()]
    width, height = width_mm * MM, height_mm * MM
    pages = paginate(layout, width - 2 * MARGIN, height - 2 * MARGIN - CAPTION)
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" class="tl tl-paper" '
        f'width="{width_mm:g}mm" height="{height_mm:g}mm" viewBox="0 0 {width:.2f} {height:.2f}" '
        f'preserveAspectRatio="xMinYMin meet" role="group" aria-label="Timeline, on {len(pages)} pages">',
        f"<style>@page {{ size: {css_name} landscape; margin: 0; }}\n"
        f"svg:root {{ height: {len(pages) * height_mm:.2f}mm; }}\n{STYLE}{PAPER_STYLE}</style>",
        "<sodipodi:namedview>"
        + "".join(
            f'<inkscape:page id="page-{n}" x="0" y="{(n - 1) * height:.2f}" width="{width:.2f}" height="{height:.2f}"/>'
            for n in range(1, len(pages) + 1)
        )
        + "</sodipodi:namedview>",
        "<defs>",
    ]
    for part in layout.parts:  # drawn once, shown by each page that holds a piece of it
        out += [f'<g id="tl-{part.key}-body">', *body(part, describe, False, crossings, part.width), "</g>"]
    out.append("</defs>")
    for n, page in enumerate(pages):
        out += [
            f'<g class="tl-page" transform="translate(0 {n * height:.2f})">',
            f'<rect width="{width:.2f}" height="{height:.2f}" fill="#fff"/>',
            text_at(MARGIN, MARGIN + 13, f"{page.caption} (page {n + 1} of {len(pages)})", "tl-caption"),
            *_page_body(page, MARGIN, MARGIN + CAPTION),
            "</g>",
        ]
    out.append("</svg>")
    return "\n".join(out)


def paginate(layout: Layout, room_width: float, room_height: float) -> list[Page]:
    """The pages, in print order: the context band (as much of it as fits) and the legend first, as the HTML page
    prints, then the exchange; the part that opens the first page leaves room on each of its pages for the legend."""
    pages: list[Page] = []
    for part in (layout.context, layout.exchange):
        if part is None:
            continue
        room = room_height - (0 if pages else LEGEND_HEIGHT + GAP)
        for tile in tiles(part, room_width, room):
            pages.append(Page(_caption(tile, first=not pages), tile, legend=not pages))
    return pages or [Page("Legend", None, legend=True)]


def _caption(tile: Tile, first: bool) -> str:
    if tile.part.key == "context":
        return "Before July 1945" + (", and the legend" if first else "")
    days = days_shown(tile.part, tile.left, tile.piece.days_end)
    return f"The exchange, {days}" if days else "The exchange"


def tiles(part: Part, room_width: float, room_height: float) -> list[Tile]:
    """The part cut into page-sized tiles: a slice of time at a time, and within it each band of lanes, so that the
    pages that show the same days follow one another."""
    return [
        Tile(part, piece, top, bottom) for piece in slices(part, room_width) for top, bottom in bands(part, room_height)
    ]


def bands(part: Part, room: float) -> list[tuple[float, float]]:
    """The part's height cut into bands that each fit ``room`` with their header: the first holds the axis; each
    ends at the last lane's edge or row's edge that fits, so that a cut never runs through a label."""
    cuts = sorted(
        {part.height}
        | {lane.top for lane in part.lanes}
        | {
            lane.top + LANE_TITLE + row * ROW_HEIGHT
            for lane in part.lanes
            for row in range(1, int((lane.height - LANE_TITLE) // ROW_HEIGHT))  # the last row's edge: the lane's
        }
    )
    content_bottom = max(lane.top + lane.height for lane in part.lanes)
    found: list[tuple[float, float]] = []
    top = 0.0
    while top < content_bottom:
        fits = room - _header(part, top)
        bottom = max((cut for cut in cuts if top < cut <= top + fits), default=top + fits)
        found.append((top, bottom))
        top = bottom
    return found


def _continued(part: Part, top: float) -> Lane | None:
    """The lane that a band from ``top`` cuts through, whose name the band repeats."""
    return next((lane for lane in part.lanes if lane.top < top < lane.top + lane.height), None)


def _header(part: Part, top: float) -> float:
    if top == 0:
        return 0
    return AXIS_HEIGHT + (LANE_TITLE if _continued(part, top) else 0)


def _page_body(page: Page, x: float, y: float) -> list[str]:
    out = []
    if page.tile:
        out += _tile(page.tile, x, y)
        y += page.tile.height + GAP
    if page.legend:
        out.append(f'<g class="tl-legend" transform="translate({x:.2f} {y:.2f})">{legend(interactive=False)}</g>')
    return out


def _tile(tile: Tile, x: float, y: float) -> list[str]:
    """The tile at (x, y): windows onto the part's body, drawn once in the file's defs, with the lane names at the
    tile's own left edge."""
    out = []
    if tile.top > 0:  # the days (or years) again over a band below the first
        out.append(_window(tile, 0, AXIS_HEIGHT, x, y, names=False))
        y += AXIS_HEIGHT
        lane = tile.continued
        if lane:
            out.append(lane_name(lane, x + 4, y + LANE_TITLE - 5, f"{lane.name} (continued)"))
            y += LANE_TITLE
    out.append(_window(tile, tile.top, tile.bottom, x, y, names=True))
    return out


def _window(tile: Tile, top: float, bottom: float, x: float, y: float, names: bool) -> str:
    """A nested viewport showing the part from ``top`` to ``bottom`` across the tile's slice, clipped to it."""
    part = tile.part
    return (
        f'<svg x="{x:.2f}" y="{y:.2f}" width="{tile.width:.2f}" height="{bottom - top:.2f}" '
        f'viewBox="{tile.left:.2f} {top:.2f} {tile.width:.2f} {bottom - top:.2f}">'
        # SVG 2's href for browsers and rsvg-convert, SVG 1.1's xlink:href for Inkscape 1.2, which reads no other
        f'<use href="#tl-{part.key}-body" xlink:href="#tl-{part.key}-body"/>'
        + ("".join(covers(part, tile.piece) + lane_names(part, tile.left)) if names else "")
        + "</svg>"
    )
