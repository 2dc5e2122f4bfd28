"""magiccli compare: the FRUS translation of a cable beside each MAGIC-summary wording of it."""

from __future__ import annotations

from typing import Annotated

import typer

from magiccli.commands import command, examples
from magiccli.commands.common import named_cables, open_index
from magiccli.errors import NothingFound
from magiccli.options import MinGradeOpt, RefsArg, with_output
from magiccli.output import Output, references


@command(
    epilog=examples(
        "magiccli compare 932",
        "magiccli compare 893 --diff",
        "magiccli compare 1945-07 --format csv",
        "printf '893\\n932\\n' | magiccli compare -",
    )
)
@with_output(header=False, pager=True)
def compare(
    ref: RefsArg = None,
    diff: Annotated[
        bool, typer.Option("--diff", help="Mark the words that differ (in a pipe: [-FRUS only-] and {+MAGIC only+}).")
    ] = False,
    *,
    min_grade: MinGradeOpt = None,
    out: Output,
):
    """The FRUS translation and the MAGIC-summary wording of a cable, side by side on a wide terminal, each wording
    with the grade of its source."""
    from magiccli.boundary import warn
    from magiccli.compare import DIFF_SECONDS, DIFF_WORDS, pairs
    from magiccli.views.compare import pairs_view, without_wording, without_wording_graded

    index = open_index()
    least = min_grade.value if min_grade else None
    corpus, matches = named_cables(index, references(ref), least)
    cables = [m.cable for m in matches]
    found = pairs(cables, diff)
    if not found and least:
        raise NothingFound(without_wording_graded(corpus, cables, least))
    if not found:
        raise NothingFound(without_wording(corpus, cables, index.with_wordings()))
    for pair in found:
        if pair.too_long:
            warn(
                f"{pair.cable.id}: the texts are too long to compare word by word (over {DIFF_WORDS:,} words, or"
                f" {DIFF_SECONDS:g} s); shown without --diff's marks"
            )
    out.show(pairs_view(corpus, found))
