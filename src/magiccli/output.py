"""The one output layer: the Output object owns stdin, stdout and stderr, decides the layout from the format and the
terminal, and writes every byte through the boundary (boundary.py), so that nothing from a corpus file can drive a
terminal. Views (views/) say what to show in each form; commands hand them to Output.show.

The layout follows the format and whether stdout is a terminal: ``text`` on a terminal is rich's layout, ``text``
in a pipe the plain one (tab-separated rows, or a plain document), any other format the same data on both.
``--color`` decides only colour: ``always`` colours the plain layout of a pipe, it never switches layouts."""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import count
from typing import TYPE_CHECKING

from magiccli.boundary import Cleared, batched_out, deliver_output, flush_if_due, one_line, shown
from magiccli.errors import UsageProblem

if TYPE_CHECKING:
    from rich.console import Console


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"
    yaml = "yaml"  # export's: the records as the corpus files spell them


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


@dataclass(frozen=True)
class View:
    """One answer in each of the forms it can take; Output.show picks the form. ``table``: rows for the tabular
    formats (and the text format in a pipe) and objects for JSON; ``plain``: the text format in a pipe where it is
    a document, not rows; ``terminal``: the text format on a terminal (rich), paged through $PAGER when ``paged``;
    ``colored``: the terminal form serves ``--color always`` in a pipe too (a drawing, which has no rows)."""

    table: Callable[[], Table] | None = None
    plain: Callable[[], str | Iterable[str]] | None = None
    terminal: Callable[[Console], None] | None = None
    paged: bool = False
    colored: bool = False


@dataclass(frozen=True)
class Output:
    """How a command prints (its format, colour, header and pager), the streams it prints to, and the one place
    that writes to them."""

    fmt: Format = Format.text
    color: Color = Color.auto
    header: bool = False
    pager: bool = True

    @property
    def rich(self) -> bool:
        """rich's layout: the text format on a terminal."""
        return self.fmt is Format.text and sys.stdout.isatty()

    @property
    def colored(self) -> bool:
        """Colour for the text format: NO_COLOR wins over everything, then --color always and FORCE_COLOR."""
        if self.fmt is not Format.text or self.color is Color.never or os.environ.get("NO_COLOR"):
            return False
        return self.color is Color.always or bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()

    def console(self) -> Console:
        from magiccli.views.terminal import console

        return console("always" if self.colored else "never")

    def show(self, view: View) -> None:
        """The view in the form the format and the terminal call for."""
        if view.terminal is not None and (self.rich or (view.colored and self.colored)):
            if view.paged and self.rich:
                from magiccli.views.terminal import paged

                paged(self.console(), view.terminal, self.pager)
            else:
                view.terminal(self.console())
        elif view.plain is not None and self.fmt is Format.text:
            self.document(view.plain())
        elif view.table is not None:
            self.emit(view.table())
        else:  # a view with no data form (a picture): its text is the only form
            raise UsageProblem("this prints text only; leave out --format")

    def emit(self, table: Table) -> None:
        emit(table, self.fmt.value, header=self.header, color=self.colored)

    def document(self, text: str | Iterable[str]) -> None:
        """Plain text that is no table, whole or in pieces as they come: --header has no columns to name here."""
        if self.header:
            raise UsageProblem(
                "--header names the columns of tab-separated rows; this prints a document (try --format tsv, or --list)"
            )
        for piece in [text] if isinstance(text, str) else text:
            write(piece)

    @staticmethod
    def note(text: str) -> None:
        """A line on stderr beside the output (what quote searched), escaped to one line like every message."""
        print(one_line(text), file=sys.stderr)


MAX_REFERENCE = 1_000  # characters of a reference on stdin: the longest real one has 40


def references(ref: str | None) -> Iterator[str]:
    """REF, or the references on stdin one a line for ``-`` (or for no REF when stdin is a pipe), each as it is read:
    a million lines take no more memory than one, and a command answers each before the next comes (what it wrote
    goes out before a line is waited for, so that a reader may send a reference once it has the last answer). A
    line that is not UTF-8 or longer than MAX_REFERENCE characters is refused, without echoing all of it."""
    if ref is not None and ref != "-":
        yield ref
        return
    if sys.stdin is None:
        raise UsageProblem("standard input is closed; give a reference, or - with references on stdin one a line")
    if ref is None and sys.stdin.isatty():
        raise UsageProblem("missing REF: give a reference, or - to read them from stdin one a line")
    stream = sys.stdin.buffer
    any_read = False
    for number in count(1):
        deliver_output()
        line = stream.readline(4 * MAX_REFERENCE + 2)  # bytes: at most 4 a character
        if not line:
            break
        try:
            text = line.decode("utf-8").strip()
        except UnicodeDecodeError as err:
            raise UsageProblem(
                f"line {number} of stdin is not UTF-8 text ({err.reason} at byte {err.start + 1})"
            ) from None
        if len(text) > MAX_REFERENCE or len(line) > 4 * MAX_REFERENCE:
            raise UsageProblem(
                f"line {number} of stdin is longer than a reference can be ({MAX_REFERENCE:,}"
                f" characters): {shortened(text)}"
            )
        if text:
            any_read = True
            yield text
    if not any_read:
        raise UsageProblem("no reference on stdin")


def shortened(text: str, most: int = 60) -> str:
    """``text`` cut to ``most`` characters, for echoing a value too long to show whole."""
    return text if len(text) <= most else text[:most] + "…"


MAX_MESSAGE = 2_000  # characters of an error line: an echoed value is cut, not a megabyte long


def fail(message: str, details: Iterable = ()) -> None:
    """An error: one line on stderr starting with ``magiccli:`` (and a line for each detail, such as each problem
    of a corpus). Every error of every command is written here (app.run)."""
    lines = [f"magiccli: {one_line(message)}", *map(one_line, details)]
    print(*(shortened(line, MAX_MESSAGE) for line in lines), sep="\n", file=sys.stderr)


def write(text: str) -> None:
    """A text out through the output boundary: what came from a corpus file cannot drive the terminal (boundary.py).
    The rows of JSON and tab-separated tables go out through boundary.batched_out instead, a batch at a time."""
    sys.stdout.write(shown(text))
    if text.endswith("\n"):  # whole lines only: a reader waits for a line's end
        flush_if_due(sys.stdout.flush)


@dataclass
class Table:
    """Rows for the tabular formats, and the full objects for JSON: either may be a stream, and emit reads only the
    one its format needs. An object given as a str or Cleared is JSON text already (the index keeps records so)."""

    columns: list[str]
    rows: Iterable[dict]
    objects: Iterable[dict | str | Cleared]


class _Writer:
    """A file for csv.writer that hands what it writes to write()."""

    @staticmethod
    def write(text: str) -> None:
        write(text)


def emit(table: Table, fmt: str, *, header: bool = False, color: bool = False) -> None:
    """Write the table in ``fmt`` as its rows come: JSON as an array of one object a line. The text format is
    tab-separated, with a line of column names for ``header``; ``color`` makes that line bold and the first
    column dim (the data formats are never coloured)."""
    if fmt == "jsonl":
        with batched_out(sys.stdout) as out:
            for obj in table.objects:
                out(_json(obj))
                out("\n")
    elif fmt == "json":
        with batched_out(sys.stdout) as out:
            opening = "[\n"
            for obj in table.objects:
                out(opening)
                out(_json(obj))
                opening = ",\n"
            out("[]\n" if opening == "[\n" else "\n]\n")
    elif fmt == "yaml":
        _yaml(table.objects)
    elif fmt == "csv":
        writer = csv.writer(_Writer, lineterminator="\n")
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow([_inert(row[c]) for c in table.columns])
    elif fmt == "markdown":
        write("| " + " | ".join(table.columns) + " |\n|" + "---|" * len(table.columns) + "\n")
        for row in table.rows:
            write("| " + " | ".join(_cell(row[c]).replace("|", "\\|") for c in table.columns) + " |\n")
    elif color and fmt == "text":  # coloured: the same lines as without colour
        if header:
            _painted([(BOLD, "\t".join(table.columns))])
        for row in table.rows:
            _painted([(DIM, _cell(row[table.columns[0]]))] + [(None, "\t" + _cell(row[c])) for c in table.columns[1:]])
    else:  # text and tsv: one record per line, tab-separated; tsv always has a header, text on asking
        cell = _inert if fmt == "tsv" else _same
        with batched_out(sys.stdout) as out:
            if header or fmt == "tsv":
                out("\t".join(table.columns) + "\n")
            for row in table.rows:
                out(_tab_separated([cell(row[c]) for c in table.columns]))


BOLD, DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _painted(pieces: list[tuple[str | None, str]]) -> None:
    """A line of (escape code, text) pieces: the codes go to stdout as they are, the text through write()."""
    for code, text in pieces:
        if code:
            sys.stdout.write(code)
        write(text)
        if code:
            sys.stdout.write(_RESET)
    write("\n")


def _json(obj: dict | str | Cleared) -> str | Cleared:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) if isinstance(obj, dict) else obj


def _text(value) -> str:
    if value is None:
        return ""
    return ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


# What makes a spreadsheet read a cell as a formula (OWASP's CSV injection): such a text cell gets a leading
# apostrophe, which spreadsheets show as text and do not keep. Only texts: a number (-3) is never changed.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value) -> str:
    """A CSV or TSV cell of ``value`` that no spreadsheet evaluates."""
    text = _text(value)
    return "'" + text if isinstance(value, (str, list, tuple)) and text.startswith(_FORMULA_START) else text


def _same(value):
    return value


_LINE_BREAKS = re.compile(r"[\t\r\n]+")


def _cell(value) -> str:
    text = _text(value)
    return text if text.isprintable() else _LINE_BREAKS.sub(" ", text)


def _tab_separated(values: list) -> str:
    """A line of the values' cells, tab-separated: joined first and looked at as one line, since a cell at a time
    took a third of a timeline's time at 315,000 records; cell by cell only where some cell holds a tab or line
    break."""
    try:
        line = "\t".join(values)
    except TypeError:  # a value that is no text: None, a number, a list
        line = "\t".join(map(_text, values))
    if line.count("\t") != len(values) - 1 or "\n" in line or "\r" in line:
        line = "\t".join(map(_cell, values))
    return line + "\n"


def _yaml(objects: Iterable[dict | str | Cleared]) -> None:
    """The objects as one YAML list, written an item at a time, texts of several lines as literal blocks, the way
    the corpus files hold them."""
    import yaml

    class BlockDumper(yaml.SafeDumper):
        pass

    BlockDumper.add_representer(
        str,
        lambda dumper, text: dumper.represent_scalar(
            "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
        ),
    )
    for obj in objects:
        if not isinstance(obj, dict):
            obj = json.loads(obj.utf8 if isinstance(obj, Cleared) else obj)
        write(yaml.dump([obj], Dumper=BlockDumper, allow_unicode=True, sort_keys=False, width=1_000_000))
