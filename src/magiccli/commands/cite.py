"""magiccli cite: a citation of a cable's FRUS document, or of an event's official printing (else its first source), for reference managers."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from magiccli.commands import command, examples
from magiccli.commands.common import Answers, named_cables, open_index
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
    from magiccli.cite import cited

    index = open_index()
    answers = Answers()
    # each reference cited as it is read: `cite -` on a stream of ids answers each line at once, in bounded memory
    refs = answers.found(answers.each(references(ref), lambda one: _references(index, one)), lambda: "nothing to cite")
    if refs is None:
        return answers.status

    def table() -> Table:
        rows = (
            {"id": r.key, "style": style.value, "citation": "".join(cited([r], style.value)).rstrip("\n")} for r in refs
        )
        return Table(["id", "style", "citation"], rows, rows)

    out.show(View(table=table, plain=lambda: cited(refs, style.value)))
    return answers.status


def _references(index: Index, ref: str) -> list:
    """The references to cite for REF: an event's, or those of the cables it names."""
    from magiccli import cite as citations
    from magiccli.model import Event

    corpus = index.corpus([ref])
    record = corpus.by_id.get(ref)
    if isinstance(record, Event):
        return [citations.reference(corpus, record)]
    corpus, matches = named_cables(index, ref)
    return [citations.reference(corpus, m.cable) for m in matches]
