"""The layout drawn as SVG: a picture that stands alone (labels for everything, system fonts, nothing outside
itself), or, with ``interactive``, the pictures the HTML page makes clickable."""

from __future__ import annotations

import re

from magiccli.boundary import shown
from magiccli.picture.layout import (
    DIAMOND,
    LANE_TITLE,
    MARK_HEIGHT,
    PILL_PADDING,
    ROW_HEIGHT,
    Lane,
    Layout,
    Mark,
    Part,
    Slice,
    carried_labels,
    label_end,
    marks_after,
    text_width,
)

FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif'
# each passes WCAG AA (4.5:1) as text on white and on the lane's tint (tests/test_picture.py checks)
LANE_COLOURS = {
    "tokyo-moscow": "#a8320f",
    "moscow-tokyo": "#11579a",
    "diplomacy": "#7a5200",
    "war": "#6a2c91",
    "japan": "#2d6a2f",
}
INK, QUIET, RULE, FAINT, TINT = "#1a1a1a", "#595959", "#b4b4b4", "#e4e4e4", "#f3f3f3"
CROSSING = "#1a1a1a"
LEGEND_HEIGHT, LEGEND_WIDTH = 48, 940
STYLE = f"""
.tl-text {{ font-family: {FONTS}; font-size: 11px; fill: {INK}; }}
.tl-region {{ font-size: 13px; font-weight: 600; }}
.tl-major {{ font-weight: 600; }}
.tl-day {{ fill: {QUIET}; text-anchor: middle; }}
.tl-lane-name {{ font-weight: 700; font-size: 11px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }}
.tl-cable-label {{ fill: #fff; font-weight: 600; }}
.tl-incomplete .tl-cable-label {{ fill: currentColor; }}
.tl-crossing {{ stroke: {CROSSING}; stroke-width: 1.2; stroke-dasharray: 4 3; fill: none; }}
""".strip()
# XML 1.0 allows neither lone surrogates nor these two: they become U+FFFD (the controls are escaped before)
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text safe in XML and HTML alike, as element content or a quoted attribute; controls and bidi overrides are
    shown escaped (``\\x1b``, ``\\u202e``), as magiccli shows them everywhere."""
    text = _NOT_XML.sub("\ufffd", shown(text))
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def draw(layout: Layout, describe, crossings: dict[str, list[str]] | None = None) -> str:
    """The picture that stands alone: the exchange, the context band under it, the legend at the foot.
    ``describe(record)`` is the one-line description a mark carries as its SVG title. (paper.draw sets it on
    pages.)"""
    width = max(layout.width, LEGEND_WIDTH) if layout.parts else LEGEND_WIDTH
    height = layout.height + LEGEND_HEIGHT
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tl" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="group" aria-label="Timeline">',
        f"<style>{STYLE}</style>",
        '<rect width="100%" height="100%" fill="#fff"/>',
    ]
    top = 0.0
    for part in layout.parts:
        out.append(f'<g transform="translate(0 {top:.0f})">')
        out += body(part, describe, False, crossings, width)
        out += lane_names(part, 0)
        out.append("</g>")
        top += part.height
    out.append(f'<g transform="translate(0 {top:.0f})">{legend(interactive=False)}</g>')
    out.append("</svg>")
    return "\n".join(out)


def part_svg(part: Part, describe, crossings: dict[str, list[str]] | None) -> str:
    """One part of the page's picture, clickable. Its body is a group of its own, which the print slices show
    again; the exchange's lane names are drawn apart (names_svg), so that the page can keep them in view."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tl tl-{part.key}" id="tl-{part.key}" '
        f'viewBox="0 0 {part.width:.0f} {part.height:.0f}" width="{part.width:.0f}" height="{part.height:.0f}" '
        f'data-focus="{part.focus()[0]:.1f} {part.focus()[1]:.1f}" role="group" '
        f'aria-label="{"The exchange, a day at a time" if part.key == "exchange" else "Before July 1945"}">',
        f"<style>{STYLE}</style>",
        f'<g id="tl-{part.key}-body">',
    ]
    out += body(part, describe, True, crossings, part.width)
    out.append("</g>")
    if part.key != "exchange":
        out += lane_names(part, 0)
    out.append("</svg>")
    return "\n".join(out)


def names_svg(part: Part) -> str:
    """The lane names alone, on a transparent strip that stands over the left edge of the scrolled exchange."""
    width = max(text_width(lane.name) * 1.1 for lane in part.lanes) + 8
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tl tl-names" viewBox="0 0 {width:.0f} {part.height:.0f}" '
        f'width="{width:.0f}" height="{part.height:.0f}" aria-hidden="true"><style>{STYLE}</style>'
        + "".join(lane_names(part, 0))
        + "</svg>"
    )


def slice_svg(part: Part, piece: Slice) -> str:
    """A printed page's share of the exchange: the body shown again (by reference) across the slice, what is
    another page's covered, with the lane names repeated at its own left edge."""
    left, width = piece.left, piece.width
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tl tl-slice" viewBox="{left:.1f} 0 {width:.1f} '
        f'{part.height:.0f}" width="{width:.0f}" height="{part.height:.0f}" aria-hidden="true">'
        f'<rect x="{left:.1f}" width="{width:.1f}" height="100%" fill="#fff"/>'
        f'<use href="#tl-{part.key}-body"/>' + "".join(covers(part, piece) + lane_names(part, left)) + "</svg>"
    )


def body(part: Part, describe, interactive: bool, crossings, width: float) -> list[str]:
    out = _lane_bands(part, width) + _axis(part)
    shown_ids = {m.record.id: m for m in part.marks}
    out += _crossings(shown_ids, crossings or {})
    if interactive:
        out += _replies(shown_ids)
    out += [_mark(mark, describe(mark.record), interactive) for mark in part.marks]
    return out


def text_at(x: float, y: float, text: str, cls: str = "", extra: str = "") -> str:
    return f'<text class="tl-text {cls}" x="{x:.1f}" y="{y:.1f}"{extra}>{escape(text)}</text>'


def _axis(part: Part) -> list[str]:
    out = []
    bottom = part.height - 8
    for region in part.regions:
        out.append(text_at(region.left, 16, region.title, "tl-region"))
        for tick in region.ticks:
            colour = RULE if tick.major else FAINT
            out.append(
                f'<line x1="{tick.x:.1f}" y1="{40 if tick.major else 44}" x2="{tick.x:.1f}" y2="{bottom:.0f}" '
                f'stroke="{colour}" stroke-width="1"/>'
            )
            if tick.major:
                out.append(text_at(tick.x + 3, 36, tick.label, "tl-major"))
            else:
                out.append(text_at(tick.x + 13, 56, tick.label, "tl-day"))
    return out


def _lane_bands(part: Part, width: float) -> list[str]:
    return [
        f'<rect x="0" y="{lane.top:.0f}" width="{width:.0f}" height="{lane.height:.0f}" fill="{TINT}"/>'
        for lane in part.lanes[::2]
    ]


def covers(part: Part, piece: Slice) -> list[str]:
    """Over a printed page's slice, in the colour of each lane's band, what is another page's: the tails of the
    labels read whole on the page before (a stay's bar below stays in view), and the marks after its days, read
    whole on the next page."""
    tinted = {lane.key for lane in part.lanes[::2]}

    def cover(mark: Mark, left: float, right: float, top: float, height: float) -> str:
        fill = TINT if _lane_key(part, mark) in tinted else "#fff"
        return f'<rect x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" height="{height:.1f}" fill="{fill}"/>'

    return [
        *(
            cover(mark, piece.left, label_end(mark), mark.y - MARK_HEIGHT / 2, MARK_HEIGHT - 1.5)
            for mark in carried_labels(part, piece)
        ),
        *(
            cover(mark, min(mark.left, mark.x) - 1, piece.right, mark.y - ROW_HEIGHT / 2, ROW_HEIGHT)
            for mark in marks_after(part, piece)
        ),
    ]


def _lane_key(part: Part, mark: Mark) -> str:
    """The lane a mark is drawn in (the context band is one lane of every kind)."""
    return next(lane.key for lane in part.lanes if mark in lane.marks)


def lane_names(part: Part, left: float) -> list[str]:
    out = [f'<g class="tl-lane-names" data-part="{part.key}">']
    out += [lane_name(lane, left + 4, lane.top + LANE_TITLE - 5, lane.name) for lane in part.lanes]
    out.append("</g>")
    return out


def lane_name(lane: Lane, x: float, y: float, words: str) -> str:
    """A lane's name in its colour, as it heads the lane (and, on paper, a lane that goes on from the page before)."""
    fill = f' style="fill:{LANE_COLOURS[lane.key]}"' if lane.key in LANE_COLOURS else ""
    return text_at(x, y, words, "tl-lane-name", fill)


def _anchor(mark: Mark) -> tuple[float, float]:
    """Where a reply's arrow leaves it: its instant, at the left edge of its pill."""
    return mark.x, mark.y


def _centre(mark: Mark) -> tuple[float, float]:
    """Where a crossing's line meets a pill: its middle, so that the line runs clear of the pills beside it."""
    return (mark.left + mark.right) / 2, mark.y


def _crossings(marks: dict[str, Mark], crossings: dict[str, list[str]]) -> list[str]:
    out, drawn = [], set()
    for first, others in crossings.items():
        for second in others:
            pair = tuple(sorted((first, second)))
            if first not in marks or second not in marks or pair in drawn:
                continue
            drawn.add(pair)
            (x1, y1), (x2, y2) = _centre(marks[pair[0]]), _centre(marks[pair[1]])
            out.append(
                f'<line class="tl-crossing" data-a="{escape(pair[0])}" data-b="{escape(pair[1])}" '
                f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>'
            )
    return out


def _replies(marks: dict[str, Mark]) -> list[str]:
    """An arrow from each reply back to what it answers, shown by the page while either is pointed at or focused."""
    out = []
    for mark in marks.values():
        for ref in getattr(mark.record, "in_reply_to", []):
            if ref not in marks:
                continue
            (x1, y1), target = _anchor(mark), marks[ref]
            x2, y2 = target.right, target.y
            bend = max(24.0, abs(x1 - x2) / 3)
            colour = LANE_COLOURS[mark.lane]
            out.append(
                f'<g class="tl-reply" data-from="{escape(mark.record.id)}" data-to="{escape(ref)}" '
                f'color="{colour}"><path d="M{x1:.1f} {y1:.1f}C{x1 - bend:.1f} {y1:.1f} {x2 + bend:.1f} {y2:.1f} '
                f'{x2:.1f} {y2:.1f}" fill="none" stroke="currentColor" stroke-width="2"/>'
                f'<path d="M{x2:.1f} {y2:.1f}l7 -4v8z" fill="currentColor"/></g>'
            )
    return out


def _mark(mark: Mark, description: str, interactive: bool) -> str:
    colour = LANE_COLOURS[mark.lane]
    record = mark.record
    classes = ["tl-mark", "tl-cable" if mark.is_cable else "tl-event"]
    if mark.is_cable and not record.complete:
        classes.append("tl-incomplete")
    attributes = f'class="{" ".join(classes)}" data-id="{escape(record.id)}" data-lane="{mark.lane}" color="{colour}"'
    if interactive:
        attributes += f' tabindex="0" role="button" aria-label="{escape(description)}"'
    parts = [f"<g {attributes}>"]
    if not interactive:
        parts.append(f"<title>{escape(description)}</title>")
    y = mark.y
    if mark.is_cable:
        outline = 'fill="#fff" stroke-dasharray="3 2"' if not record.complete else f'fill="{colour}"'
        parts.append(
            f'<g class="tl-label"><rect class="tl-shape" x="{mark.left:.1f}" y="{y - MARK_HEIGHT / 2:.1f}" '
            f'width="{mark.right - mark.left:.1f}" height="{MARK_HEIGHT}" rx="3" stroke="{colour}" '
            f'stroke-width="1.5" {outline}/>'
        )
        parts.append(text_at(mark.left + PILL_PADDING, y + 4, mark.label, "tl-cable-label") + "</g>")
    else:
        if mark.x_end is not None and mark.x_end > mark.x:
            # under the label, not through it: the bar runs from the first day to the end of the last
            parts.append(
                f'<line x1="{mark.x:.1f}" y1="{y + 8:.1f}" x2="{mark.x_end:.1f}" y2="{y + 8:.1f}" '
                f'stroke="{colour}" stroke-width="2.5" stroke-opacity="0.5"/>'
            )
        centre = mark.x + DIAMOND
        parts.append(
            f'<g class="tl-label"><path class="tl-shape" d="M{centre:.1f} {y - DIAMOND:.1f}l{DIAMOND} {DIAMOND}'
            f'l-{DIAMOND} {DIAMOND}l-{DIAMOND} -{DIAMOND}z" fill="{colour}"/>'
        )
        parts.append(text_at(mark.x + 2 * DIAMOND + 3, y + 4, mark.label, "", f' style="fill:{colour}"') + "</g>")
    parts.append("</g>")
    return "".join(parts)


def legend(interactive: bool) -> str:
    """What the marks mean; the page's legend (``interactive``) says where it gives local times, which a picture
    on its own, or on paper, has no panel for."""
    colour = LANE_COLOURS["tokyo-moscow"]
    return "".join(
        [
            f'<rect x="16" y="8" width="30" height="{MARK_HEIGHT}" rx="3" fill="{colour}"/>',
            text_at(20, 20, "No.", "tl-cable-label"),
            text_at(52, 20, "a cable by its telegram number, its pill starting at the instant it was sent;"),
            f'<rect x="500" y="8" width="30" height="{MARK_HEIGHT}" rx="3" fill="#fff" stroke="{colour}" '
            f'stroke-width="1.5" stroke-dasharray="3 2"/>',
            text_at(504, 20, "No.", "tl-cable-label", f' style="fill:{colour}"'),
            text_at(536, 20, "only part of its text could be had;"),
            f'<path d="M22 30l6 6l-6 6l-6 -6z" fill="{INK}"/>',
            text_at(34, 40, "an event (a bar while it lasts);"),
            '<line class="tl-crossing" x1="220" y1="36" x2="250" y2="36"/>',
            text_at(
                256,
                40,
                "telegrams that crossed on the wire. Days are UTC days"
                + ("; the panel gives local times." if interactive else "."),
            ),
        ]
    )


LEGEND_WORDS = (
    "Legend: a filled pill is a cable by its telegram number, its left edge at the instant it was sent; "
    "a dashed pill, a cable only part of whose text could be had; a diamond, an event, with a bar while "
    "it lasts; a dashed line joins telegrams that crossed on the wire. Days are UTC days."
)


def legend_svg() -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tl tl-legend" viewBox="0 0 {LEGEND_WIDTH} {LEGEND_HEIGHT}" '
        f'width="{LEGEND_WIDTH}" height="{LEGEND_HEIGHT}" role="img" aria-label="{LEGEND_WORDS}"><style>{STYLE}</style>'
        f"{legend(interactive=True)}</svg>"
    )
