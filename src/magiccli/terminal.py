"""Output for a terminal: rich colours, separators, a legend, panels and a pager for long texts."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from magiccli import render
from magiccli.boundary import UNSAFE, shown, warn
from magiccli.model import Cable, Corpus, Event
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


def timeline(out: Console, corpus: Corpus, records: list) -> None:
    legend = Text("  ").join(Text(label, style=STYLES[key]) for key, label in LEGEND)
    out.print(legend)
    per_year: dict[str, int] = {}
    for record in records:
        per_year[record.date[:4]] = per_year.get(record.date[:4], 0) + 1
    grid = Table.grid(padding=(0, 1), expand=False)
    grid.add_column("date", no_wrap=True, style="dim")
    grid.add_column("mark", no_wrap=True)
    grid.add_column("what", ratio=1)
    section = None
    for record in records:
        year = record.date[:4]
        label = _month_label(record.date) if per_year[year] > 12 else year
        if label != section:
            section = label
            grid.add_row("", "", Text(f"── {label} ", style="bold"))
        grid.add_row(record.date, Text(marker(record), style=style_of(record)), _timeline_line(corpus, record))
    out.print(grid)


def _month_label(date: str) -> str:
    import calendar

    return f"{calendar.month_name[int(date[5:7])]} {date[:4]}"


def _timeline_line(corpus: Corpus, record: Cable | Event) -> Text:
    style = style_of(record)
    line = Text()
    if isinstance(record, Cable):
        line.append(render.cable_heading(corpus, record), style=style)
        if record.time:
            line.append(f" {record.time}", style="dim")
        line.append(f"  {record.title}")
        if not record.complete:
            line.append(" (partial text)", style="dim italic")
        return line
    line.append(f"[{record.kind}] ", style=style)
    if record.end:
        days = days_between(record.date, record.end)
        line.append("━" * min(max(days // 2, 1), 15), style=style)
        line.append(f" to {record.end} ({days} days) ", style="dim")
    line.append(record.title)
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
        return [Padding(Text("No MAGIC summary wording is known for this cable.", style="dim"), (0, 0, 1, 2))]
    parts = []
    for t in cable.translations:
        parts.append(Text(f"MAGIC summary wording · {render.translation_date(t)} · match {t.match}", style="bold underline"))
        parts += [Padding(Text(p, style="italic"), (0, 0, 0, 2)) for p in t.text.split("\n") if p.strip()]
        parts.append(Padding(Text(f"— {t.source.title}  {t.source.url}", style="dim"), (0, 0, 1, 2)))
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


def quote_hits(out: Console, corpus: Corpus, hits, context: int, full: bool) -> None:
    grid = Table.grid(padding=(0, 1))
    grid.add_column("date", no_wrap=True, style="dim")
    grid.add_column("ref", no_wrap=True)
    grid.add_column("text", ratio=1, no_wrap=not full, overflow="ellipsis" if not full else "fold")
    for hit in hits:
        record = hit.passage.record
        ref = Text(render.hit_label(corpus, hit), style=style_of(record))
        if full:
            body = Text(hit.passage.text)
            for start, end in hit.spans:
                body.stylize(HIT_STYLE, start, end)
        else:
            left, word, right = hit.context(context)
            body = Text(left.rjust(context)) + Text(word, style=HIT_STYLE) + Text(right)
        grid.add_row(record.date, ref, body)
    out.print(grid)


def counts(out: Console, rows: list[dict]) -> None:
    grid = Table.grid(padding=(0, 2))
    for name in ("count", "date", "what"):
        grid.add_column(name, justify="right" if name == "count" else "left")
    for row in rows:
        grid.add_row(str(row["count"]), row["date"], row["label"])
    grid.add_row(Text(str(sum(r["count"] for r in rows)), style="bold"), "", Text("hits in all", style="bold"))
    out.print(grid)
