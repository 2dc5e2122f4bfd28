"""The output options every command that prints records shares, and the rule that picks a layout from them.

The layout follows the format and whether stdout is a terminal: ``text`` on a terminal is rich's layout, ``text``
in a pipe the plain one (tab-separated rows, or a plain document), any other format the same data on both.
``--color`` decides only colour: ``always`` colours the plain layout of a pipe, it never switches layouts."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Optional

import typer

from magiccli import render
from magiccli.errors import UsageProblem


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


FormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", help="text (rich on a terminal, tab-separated in a pipe), json, jsonl, csv, tsv or markdown.")]
ColorOpt = Annotated[Color, typer.Option(
    "--color", help="Colour the text format: auto (on a terminal), always (in a pipe too), never. NO_COLOR and "
                    "FORCE_COLOR are honoured.")]
HeaderOpt = Annotated[bool, typer.Option(
    "--header", help="Start the tab-separated text of a pipe with a line of column names (csv, tsv and markdown "
                     "always have one).")]
PagerOpt = Annotated[bool, typer.Option("--pager/--no-pager", help="Page long texts through $PAGER on a terminal.")]


@dataclass(frozen=True)
class Output:
    """How a command prints: its format, colour and header, and the layout they give."""

    fmt: Format = Format.text
    color: Color = Color.auto
    header: bool = False

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

    def console(self):
        from magiccli import terminal

        return terminal.console("always" if self.colored else "never")

    def emit(self, table: render.Table) -> None:
        render.emit(table, self.fmt.value, header=self.header, color=self.colored)

    def document(self, text: str | Iterable[str]) -> None:
        """Plain text that is no table, whole or in pieces as they come: --header has no columns to name here."""
        if self.header:
            raise UsageProblem("--header names the columns of tab-separated rows; this prints a document "
                               "(try --format tsv, or --list)")
        for piece in [text] if isinstance(text, str) else text:
            render.write(piece)


def references(ref: Optional[str]) -> list[str]:
    """REF, or the references on stdin one a line for ``-`` (or for no REF when stdin is a pipe)."""
    if ref is not None and ref != "-":
        return [ref]
    if ref is None and sys.stdin.isatty():
        raise UsageProblem("missing REF: give a reference, or - to read them from stdin one a line")
    refs = [line.strip() for line in sys.stdin if line.strip()]
    if not refs:
        raise UsageProblem("no reference on stdin")
    return refs
