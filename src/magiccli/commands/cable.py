"""magiccli cable: the cables of a day, a month or a range, or one by number or id."""

from __future__ import annotations

from typing import Annotated

import typer

from magiccli.commands import command, examples
from magiccli.commands.common import NOTHING_MATCHES, found, named_cables, open_index
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
    corpus, matches = named_cables(index, references(ref), min_grade.value if min_grade else None)
    if filters:
        kept = index.passing(filters.parse(index.people()), (m.cable.id for m in matches))
        matches = list(found((m for m in matches if m.cable.id in kept), NOTHING_MATCHES))
    out.show(cables_view(corpus, matches, translation.value, as_list))
