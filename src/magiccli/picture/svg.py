"""The layout drawn as SVG: a picture that stands alone (labels for everything, system fonts, nothing outside
itself), or, with ``interactive``, the picture the HTML page makes clickable."""

from __future__ import annotations

import re

from magiccli.picture.layout import LANE_TITLE, MARK_HEIGHT, Layout, Mark, text_width

FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif'
# each passes WCAG AA (4.5:1) as text on white and on the lane's tint (tests/test_picture.py checks)
LANE_COLOURS = {"tokyo-moscow": "#a8320f", "moscow-tokyo": "#11579a", "diplomacy": "#7a5200", "war": "#6a2c91",
                "japan": "#2d6a2f"}
INK, QUIET, RULE, FAINT, TINT = "#1a1a1a", "#595959", "#b4b4b4", "#e4e4e4", "#f3f3f3"
LEGEND_HEIGHT, LEGEND_WIDTH = 26, 1100
STYLE = f"""
.tl-text {{ font-family: {FONTS}; font-size: 11px; fill: {INK}; }}
.tl-region {{ font-size: 13px; font-weight: 600; }}
.tl-major {{ font-weight: 600; }}
.tl-day {{ fill: {QUIET}; text-anchor: middle; }}
.tl-lane-name {{ font-weight: 700; font-size: 11px; }}
.tl-cable-label {{ fill: #fff; text-anchor: middle; font-weight: 600; }}
.tl-incomplete .tl-cable-label {{ fill: currentColor; }}
""".strip()
# XML 1.0 allows neither these control characters nor lone surrogates: they become U+FFFD
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text safe in XML and HTML alike, as element content or a quoted attribute."""
    text = _NOT_XML.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


def draw(layout: Layout, describe, interactive: bool = False) -> str:
    """``describe(record)`` is the one-line description a mark carries for screen readers and as its SVG title."""
    width, height = max(layout.width, LEGEND_WIDTH), layout.height + LEGEND_HEIGHT
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="tl" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'width="{width:.0f}" height="{height:.0f}" role="group" aria-label="Timeline">',
           f"<style>{STYLE}</style>",
           '<rect width="100%" height="100%" fill="#fff"/>']
    out += _lane_bands(layout, width)
    out += _axis(layout)
    out += _lane_names(layout)
    out += [_mark(mark, describe(mark.record), interactive) for mark in layout.marks]
    out.append(_legend(layout))
    out.append("</svg>")
    return "\n".join(out)


def _text(x: float, y: float, text: str, cls: str = "", extra: str = "") -> str:
    return f'<text class="tl-text {cls}" x="{x:.1f}" y="{y:.1f}"{extra}>{escape(text)}</text>'


def _axis(layout: Layout) -> list[str]:
    out = []
    bottom = layout.height - 8
    for region in layout.regions:
        out.append(_text(region.left, 16, region.title, "tl-region"))
        for tick in region.ticks:
            colour = RULE if tick.major else FAINT
            out.append(f'<line x1="{tick.x:.1f}" y1="{40 if tick.major else 44}" x2="{tick.x:.1f}" y2="{bottom:.0f}" '
                       f'stroke="{colour}" stroke-width="1"/>')
            if tick.major:
                out.append(_text(tick.x + 3, 36, tick.label, "tl-major"))
            else:
                out.append(_text(tick.x + 12, 56, tick.label, "tl-day"))
    if len(layout.regions) == 2:  # the axis breaks where the years end and the days begin
        middle = (layout.regions[0].right + layout.regions[1].left) / 2
        for dx in (-4, 4):
            out.append(f'<line x1="{middle + dx - 4:.1f}" y1="52" x2="{middle + dx + 4:.1f}" y2="36" '
                       f'stroke="{QUIET}" stroke-width="1.5"/>')
    return out


def _lane_bands(layout: Layout, width: float) -> list[str]:
    return [f'<rect x="0" y="{lane.top:.0f}" width="{width:.0f}" height="{lane.height:.0f}" fill="{TINT}"/>'
            for lane in layout.lanes[::2]]


def _lane_names(layout: Layout) -> list[str]:
    out = []
    for lane in layout.lanes:
        for region in layout.regions:
            out.append(_text(region.left + 2, lane.top + LANE_TITLE - 5, lane.name, "tl-lane-name",
                             f' style="fill:{LANE_COLOURS[lane.key]}"'))
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
        half = text_width(mark.label) / 2 + 4
        outline = 'fill="#fff" stroke-dasharray="3 2"' if not record.complete else f'fill="{colour}"'
        parts.append(f'<rect class="tl-shape" x="{mark.x - half:.1f}" y="{y - MARK_HEIGHT / 2:.1f}" width="{2 * half:.1f}" '
                     f'height="{MARK_HEIGHT}" rx="4" stroke="{colour}" stroke-width="1.5" {outline}/>')
        parts.append(_text(mark.x, y + 4, mark.label, "tl-cable-label"))
    else:
        if mark.x_end is not None and mark.x_end > mark.x:
            # under the label, not through it: the bar runs from the first day to the last
            parts.append(f'<line x1="{mark.x:.1f}" y1="{y + 7:.1f}" x2="{mark.x_end:.1f}" y2="{y + 7:.1f}" '
                         f'stroke="{colour}" stroke-width="2.5" stroke-opacity="0.5"/>')
        parts.append(f'<path class="tl-shape" d="M{mark.x:.1f} {y - 6:.1f}l6 6l-6 6l-6 -6z" fill="{colour}"/>')
        parts.append(_text(mark.x + 9, y + 4, mark.label, "", f' style="fill:{colour}"'))
    parts.append("</g>")
    return "".join(parts)


def _legend(layout: Layout) -> str:
    y = layout.height + 8
    colour = LANE_COLOURS["tokyo-moscow"]
    return "".join([
        f'<rect x="16" y="{y - 8}" width="30" height="{MARK_HEIGHT}" rx="4" fill="{colour}"/>',
        _text(31, y + 4, "No.", "tl-cable-label"),
        _text(52, y + 4, "a cable by its telegram number, its text whole in FRUS;"),
        f'<rect x="370" y="{y - 8}" width="30" height="{MARK_HEIGHT}" rx="4" fill="#fff" stroke="{colour}" '
        f'stroke-width="1.5" stroke-dasharray="3 2"/>',
        _text(385, y + 4, "No.", "tl-cable-label", f' style="fill:{colour}"'),
        _text(406, y + 4, "only part of its text could be had;"),
        f'<path d="M626 {y - 6}l6 6l-6 6l-6 -6z" fill="{INK}"/>',
        _text(636, y + 4, "an event (a bar while it lasts). Times are local to where a cable was sent."),
    ])
