"""magiccli cite: a citation of a cable's FRUS document, or of an event's official printing (else its first source), for reference managers."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Optional

import typer

from magiccli.commands import command, examples
from magiccli.commands.common import named_cables, open_index
from magiccli.index import Index
from magiccli.options import TableFormat, _option, ref_argument, with_output
from magiccli.output import Output, Table, View, references


class CiteStyle(str, Enum):
    chicago = "chicago"
    chicago_note = "chicago-note"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"


CiteFormatOpt = Annotated[
    TableFormat,
    _option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="text (the style's own file format, on a terminal as in a pipe), or a row a "
        "citation in json, jsonl, csv, tsv or markdown.",
    ),
]


@command(
    epilog=examples(
        "magiccli cite 932",
        "magiccli cite 1945-07-21 --style bibtex >> potsdam.bib",
        "magiccli cite 1945-07-26-potsdam-declaration --style csl-json",
        "magiccli cite 1945-07 --style ris > cables.ris",
        "magiccli timeline --kind cable --format jsonl | jq -r .id | magiccli cite - --style bibtex",
    )
)
@with_output(formats=CiteFormatOpt, color=False, header=False)
def cite(
    ref: Annotated[
        Optional[str],
        ref_argument(
            "A cable (telegram number, id, FRUS reference or date) or an event id; - or none in a pipe: read them"
            " from stdin, one a line."
        ),
    ] = None,
    style: Annotated[
        CiteStyle,
        typer.Option(
            "--style",
            metavar="STYLE",
            help="chicago (a Chicago bibliography entry), chicago-note (a Chicago footnote), bibtex, csl-json (Zotero, Pandoc) or ris.",
        ),
    ] = CiteStyle.chicago,
    *,
    out: Output,
):
    """A citation of a cable's FRUS document, or of an event's official printing (else its first source), that reference managers import."""
    from magiccli import cite as citations

    index = open_index()
    # each reference cited as it is read: `cite -` on a stream of ids answers each line at once, in bounded memory
    refs = (citation for one in references(ref) for citation in _references(index, one))

    def table() -> Table:
        rows = (
            {"id": r.key, "style": style.value, "citation": citations.cite([r], style.value).rstrip("\n")} for r in refs
        )
        return Table(["id", "style", "citation"], rows, rows)

    def plain() -> str | Iterator[str]:
        if style.value == "csl-json":  # one JSON array
            return citations.cite(list(refs), style.value)
        between = "" if style.value == "chicago" else "\n"  # cite() joins entries so
        return (("" if n == 0 else between) + citations.cite([r], style.value) for n, r in enumerate(refs))

    out.show(View(table=table, plain=plain))


def _references(index: Index, ref: str) -> list:
    """The references to cite for REF: an event's, or those of the cables it names."""
    from magiccli import cite as citations
    from magiccli.model import Event

    corpus = index.corpus([ref])
    record = corpus.by_id.get(ref)
    if isinstance(record, Event):
        return [citations.reference(corpus, record)]
    corpus, matches = named_cables(index, [ref])
    return [citations.reference(corpus, m.cable) for m in matches]
