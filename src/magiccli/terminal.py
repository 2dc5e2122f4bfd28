"""Output for a terminal: rich colours, separators, a legend, panels and a pager for long texts."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterable
from itertools import chain, groupby, islice

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from magiccli import render
from magiccli.boundary import UNSAFE, shown, warn
from magiccli.model import Cable, Corpus, Entry, Event
from magiccli.query import days_between

STYLES = {
    "tokyo-moscow": "bold bright_red",
    "moscow-tokyo": "bold bright_cyan",
    "cable": "white",
    "treaty": "magenta",
    "conference": "yellow",
    "diplomatic": "green",
    "military": "red",
    "intelligence": "blue",
    "domestic": "bright_black",
}
LEGEND = (
    ("tokyo-moscow", "▶ Tokyo→Moscow"), ("moscow-tokyo", "◀ Moscow→Tokyo"), ("cable", "■ other paper"),
    ("treaty", "■ treaty"), ("conference", "■ conference"), ("diplomatic", "■ diplomatic"),
    ("military", "■ military"), ("intelligence", "■ intelligence"), ("domestic", "■ domestic"),
)
HIT_STYLE = "bold black on yellow"


class SafeConsole(Console):
    """A rich console that shows the unsafe characters of what it prints escaped (boundary.py) and reads no markup
    or emoji codes in it: a corpus title "[link=…]" stays those characters. Escaped before layout, so that lines
    wrap at their shown width; rich's own styling is made after, from styles, and is left alone."""

    def render(self, renderable, options=None):
        if isinstance(renderable, str):
            renderable = Text(renderable)
        if isinstance(renderable, Text) and UNSAFE.search(renderable.plain):
            renderable = _escaped(renderable)
        for segment in super().render(renderable, options):
            # a renderable that yields its segments itself (not through a Text) is escaped here, after layout
            if segment.control is None and UNSAFE.search(segment.text):
                segment = Segment(shown(segment.text), segment.style)
            yield segment


def _escaped(text: Text) -> Text:
    """``text`` with its unsafe characters escaped, each escape in the styles of the character it shows."""
    cuts = sorted({cut for match in UNSAFE.finditer(text.plain) for cut in match.span()})
    out = text.blank_copy()
    for piece in text.divide(cuts):
        if UNSAFE.fullmatch(piece.plain):
            escape = Text(shown(piece.plain), style=piece.style)
            for span in piece.spans:
                escape.stylize(span.style)
            piece = escape
        out.append_text(piece)
    return out


def console(color: str) -> SafeConsole:
    return SafeConsole(
        force_terminal=True if color == "always" else None,
        no_color=True if color == "never" else None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        _environ=_environ(),
    )


def _environ() -> dict[str, str]:
    """The environment rich sizes the console by, without a COLUMNS or LINES that is no positive number: rich
    would draw into a width of 0 and print nothing."""
    return {name: value for name, value in os.environ.items()
            if name not in ("COLUMNS", "LINES") or value.isdigit() and int(value) > 0}


def style_of(record: Cable | Event) -> str:
    return STYLES.get(getattr(record, "direction", None) or record.kind, "white")


def marker(record: Cable | Event) -> str:
    direction = getattr(record, "direction", None)
    return {"tokyo-moscow": "▶", "moscow-tokyo": "◀"}.get(direction, "■")


MONTHS_FROM = 13  # a year with this many records or more is shown month by month
_ROWS_A_GRID = 500


def timeline(out: Console, entries: Iterable[Entry]) -> None:
    """The entries under year headings (month headings in a busy year), printed as they come."""
    out.print(Text("  ").join(Text(label, style=STYLES[key]) for key, label in LEGEND))
    columns = ({"no_wrap": True, "style": "dim", "min_width": 10}, {"no_wrap": True}, {"ratio": 1})
    print_in_grids(out, columns, (
        row for heading, lines in _sections(entries) for row in chain(
            [("", "", Text(f"── {heading} ", style="bold"))],
            ((e.date, Text(marker(e), style=style_of(e)), _timeline_line(e)) for e in lines))))


def _sections(entries: Iterable[Entry]):
    """(heading, entries) of each year, or of each month of a year of MONTHS_FROM records or more: a year's first
    records wait until it is known which."""
    for year, in_year in groupby(entries, key=lambda e: e.date[:4]):
        first = list(islice(in_year, MONTHS_FROM))
        if len(first) < MONTHS_FROM:
            yield year, first
        else:
            yield from groupby(chain(first, in_year), key=lambda e: _month_label(e.date))


def print_in_grids(out: Console, columns: tuple[dict, ...], rows: Iterable[tuple], indent: int = 0) -> None:
    """The rows in grids of ``columns`` (rich.table.Column settings), _ROWS_A_GRID at a time, ``indent`` columns in:
    a grid is laid out whole before it prints, so one grid of every row would hold them all in memory."""
    rows = iter(rows)
    while chunk := list(islice(rows, _ROWS_A_GRID)):
        grid = Table.grid(padding=(0, 1))
        for settings in columns:
            grid.add_column(**settings)
        for row in chunk:
            grid.add_row(*row)
        out.print(Padding(grid, (0, 0, 0, indent)) if indent else grid)


def _month_label(date: str) -> str:
    import calendar

    return f"{calendar.month_name[int(date[5:7])]} {date[:4]}"


def _timeline_line(entry: Entry) -> Text:
    style = style_of(entry)
    line = Text()
    if entry.kind == "cable":
        line.append(entry.heading, style=style)
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


def cable_view(corpus: Corpus, match, translation: str, *, width: int | None = None):
    cable = match.cable
    style = style_of(cable)
    head = Text()
    head.append(f"{render.sent(cable)}", style="bold")
    if cable.markings:
        head.append(f" · {', '.join(cable.markings)}", style="italic")
    if cable.in_reply_to:
        head.append(f"\nin reply to {render.reply_refs(corpus, cable.in_reply_to)}")
    head.append(f"\n{cable.id} · matched {match.matched_on}", style="dim")
    head.append(f"\n{cable.title}", style="italic")
    parts = [Panel(head, title=Text(render.cable_heading(corpus, cable), style=style), title_align="left",
                   border_style=style, width=width)]
    if translation in ("frus", "all"):
        if translation == "all":
            parts.append(Text("FRUS translation", style="bold underline"))
        parts += [Padding(Text(p), (0, 0, 1, 2)) for p in cable.paragraphs]
        if not cable.complete:
            parts.append(Padding(Text(render.incomplete_notice(cable), style="bold yellow"), (0, 0, 1, 2)))
    if translation in ("magic", "all"):
        parts += _magic(cable)
    if cable.footnotes:
        notes = Text("Editorial notes (FRUS)\n", style="bold")
        for f in cable.footnotes:
            notes.append(f"{f.n}. ", style="bold")
            notes.append(f.text + ("" if f.complete else " [cut off]") + "\n")
        parts.append(Padding(notes, (0, 0, 0, 2)))
    parts.append(Padding(Text("Citation: ", style="bold").append(render.citation(cable), style="dim"), (0, 0, 1, 2)))
    return Group(*parts)


def _magic(cable: Cable) -> list:
    if not cable.translations:
        return [Padding(Text(render.no_wording(cable), style="dim"), (0, 0, 1, 2))]
    parts = []
    for t in cable.translations:
        parts.append(Text(f"MAGIC summary wording · {render.translation_date(t)} · match {t.match}", style="bold underline"))
        parts += [Padding(Text(p, style="italic"), (0, 0, 0, 2)) for p in t.text.split("\n") if p.strip()]
        parts.append(Padding(Text("\n".join(render.wording_sources(t)), style="dim"), (0, 0, 1, 2)))
    return parts


def page(out: Console, renderable, use_pager: bool) -> None:
    """Print, through $PAGER (default ``less -R``) when it is longer than the terminal."""
    if not (use_pager and out.is_terminal and sys.stdin.isatty()):
        out.print(renderable)
        return
    with out.capture() as captured:
        out.print(renderable)
    text = captured.get()
    if text.count("\n") < out.size.height:
        sys.stdout.write(text)
        return
    pager = os.environ.get("PAGER") or "less -R"
    try:
        subprocess.run(shlex.split(pager), input=text.encode(out.encoding or "utf-8", "replace"), check=False)
    except (OSError, ValueError, IndexError) as err:  # no such program; a PAGER shlex cannot split, or empty
        warn(f"cannot run the pager $PAGER={pager!r} ({getattr(err, 'strerror', None) or err}); the text follows unpaged")
        sys.stdout.write(text)


_GRADE_STYLES = {"archival": "green", "published": "green", "secondary-web": "yellow", "weak": "red"}


def graded(grade: str | None) -> Text:
    """A source's grade, coloured by how far it can be trusted."""
    return Text(grade or "", style=_GRADE_STYLES.get(grade, "dim"))


def quote_hits(out: Console, corpus: Corpus, hits, context: int, full: bool) -> None:
    def row(hit) -> tuple:
        if full:
            body = Text(hit.passage.text)
            for start, end in hit.spans:
                body.stylize(HIT_STYLE, start, end)
        else:
            left, word, right = hit.context(context)
            body = Text(left.rjust(context)) + Text(word, style=HIT_STYLE) + Text(right)
        record = hit.passage.record
        return (record.date, Text(render.hit_label(corpus, hit), style=style_of(record)), graded(hit.passage.grade),
                body)

    columns = ({"no_wrap": True, "style": "dim"}, {"no_wrap": True}, {"no_wrap": True},
               {"ratio": 1, "no_wrap": not full, "overflow": "ellipsis" if not full else "fold"})
    print_in_grids(out, columns, map(row, hits))


def counts(out: Console, rows: list[dict]) -> None:
    grid = Table.grid(padding=(0, 2))
    for name in ("count", "date", "what", "grade"):
        grid.add_column(name, justify="right" if name == "count" else "left")
    for row in rows:
        grid.add_row(str(row["count"]), row["date"], row["label"], graded(row["grade"]))
    grid.add_row(Text(str(sum(r["count"] for r in rows)), style="bold"), "", Text("hits in all", style="bold"))
    out.print(grid)
