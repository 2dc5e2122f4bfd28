"""What every terminal view shares: a console that shows nothing raw, the colours of kinds and grades, grids printed
a few hundred rows at a time, and the pager."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterable
from itertools import islice

import rich.text
from rich.console import Console
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from magiccli.boundary import UNSAFE, shown, warn
from magiccli.model import Cable, Entry, Event

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
    ("tokyo-moscow", "▶ Tokyo→Moscow"),
    ("moscow-tokyo", "◀ Moscow→Tokyo"),
    ("cable", "■ other paper"),
    ("treaty", "■ treaty"),
    ("conference", "■ conference"),
    ("diplomatic", "■ diplomatic"),
    ("military", "■ military"),
    ("intelligence", "■ intelligence"),
    ("domestic", "■ domestic"),
)
HIT_STYLE = "bold black on yellow"


class SafeConsole(Console):
    """A rich console that shows the unsafe characters of what it prints escaped (boundary.py) and reads no markup
    or emoji codes in it: a corpus title "[link=…]" stays those characters. Escaped before layout, so that lines
    wrap at their shown width; rich's own styling is made after, from styles, and is left alone."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError  # ended by app.run as every closed pipe is (exit 141), not by rich's exit 1

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


# rich drops BEL, BS, VT, FF and CR from every Text it is given, before SafeConsole can see them: a title holding
# them would show other characters than the plain and data forms do. Escaped there instead, as everywhere else.
rich.text.strip_control_codes = shown  # type: ignore[assignment]  # its second parameter has a default


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


MAX_COLUMNS = 1_000  # wider than any screen; rich's time and memory grow with the width it draws into
MAX_LINES = 10_000


def _environ() -> dict[str, str]:
    """The environment rich sizes the console by, without a COLUMNS or LINES that is no positive number (rich
    would draw into a width of 0 and print nothing), and with one past MAX_COLUMNS or MAX_LINES cut to it."""
    environ = dict(os.environ)
    for name, most in (("COLUMNS", MAX_COLUMNS), ("LINES", MAX_LINES)):
        value = environ.pop(name, "")
        if value.isascii() and value.isdigit() and value.strip("0"):
            environ[name] = str(most if len(value) > 9 else min(int(value), most))  # no int() of 5,000 digits
    return environ


def style_of(record: Cable | Event | Entry) -> str:
    return STYLES.get(getattr(record, "direction", None) or record.kind, "white")


def marker(record: Cable | Event) -> str:
    direction = getattr(record, "direction", None)
    return {"tokyo-moscow": "▶", "moscow-tokyo": "◀"}.get(direction or "", "■")


_ROWS_A_GRID = 500


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


_GRADE_STYLES = {"archival": "green", "published": "green", "secondary-web": "yellow", "weak": "red"}


def graded(grade: str | None) -> Text:
    """A source's grade, coloured by how far it can be trusted."""
    return Text(grade or "", style=_GRADE_STYLES.get(grade or "", "dim"))


def paged(out: Console, draw: Callable[[Console], None], use_pager: bool) -> None:
    """What ``draw`` prints, through $PAGER (default ``less -R``) when it is longer than the terminal and both ends
    are a terminal."""
    if not (use_pager and out.is_terminal and sys.stdin.isatty()):
        draw(out)
        return
    with out.capture() as captured:
        draw(out)
    text = captured.get()
    if text.count("\n") < out.size.height:
        sys.stdout.write(text)
        return
    pager = os.environ.get("PAGER") or "less -R"
    try:
        subprocess.run(shlex.split(pager), input=text.encode(out.encoding or "utf-8", "replace"), check=False)
    except (OSError, ValueError, IndexError) as err:  # no such program; a PAGER shlex cannot split, or empty
        warn(
            f"cannot run the pager $PAGER={pager!r} ({getattr(err, 'strerror', None) or err}); the text follows unpaged"
        )
        sys.stdout.write(text)
