"""magiccli cable: the cables of a day, a month or a range, or one by number or id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated

import typer

from magiccli.commands import command, examples
from magiccli.commands.common import NOTHING_MATCHES, Answers, Named, Seen, each_named, graded_matches, open_index
from magiccli.index import Index
from magiccli.options import (
    FilterOptions,
    MinGradeOpt,
    RefsArg,
    TranslationChoice,
    with_filters,
    with_output,
)
from magiccli.output import Output, references


@command(
    epilog=examples(
        "magiccli cable 1945-07-21",
        "magiccli cable 932",
        "magiccli cable 1945-07-12..1945-07-15 --list",
        "magiccli cable 1945-07-13 --translation all",
        "magiccli cable frus1945Berlinv02/d1230 --format json",
        "printf '932\\n1433\\n' | magiccli cable - --list",
    )
)
@with_output(pager=True)
@with_filters("kind", "actor", "direction")
def cable(
    ref: RefsArg = None,
    translation: Annotated[
        TranslationChoice,
        typer.Option(
            "--translation",
            metavar="WHICH",
            help="Which English text: frus (the FRUS translation), magic (the MAGIC summary wording) or all.",
        ),
    ] = TranslationChoice.frus,
    as_list: Annotated[bool, typer.Option("--list", "-l", help="One line per cable instead of full texts.")] = False,
    *,
    filters: FilterOptions,
    min_grade: MinGradeOpt = None,
    out: Output,
):
    """The cables of a day, a month or a range, or one cable by number or id: full text and citation. --direction,
    --actor and --kind keep those of them the timeline's filters keep."""
    from magiccli.views.cable import cables_view

    index = open_index()
    answers = Answers()
    least = min_grade.value if min_grade else None
    named = answers.each(references(ref), lambda one: each_named(index, one))  # each reference as it comes
    graded = Seen(graded_matches(named, least) if least else named)
    kept = _passing(index, filters, graded) if filters else graded
    shown = answers.found(
        kept,
        lambda: (
            f"none of these cables has a text graded {least} or better"
            if least and not graded.count
            else NOTHING_MATCHES
        ),
    )
    if shown is not None:
        out.show(cables_view(shown, translation.value, as_list))
    return answers.status


def _passing(index: Index, filters: FilterOptions, named: Iterable[Named]) -> Iterator[Named]:
    """The cables the timeline's filters keep, as they come."""
    parsed = filters.parse(index.people())
    for corpus, match in named:
        if index.passing(parsed, [match.cable.id]):
            yield corpus, match
