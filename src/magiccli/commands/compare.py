"""magiccli compare: the FRUS translation of a cable beside each MAGIC-summary wording of it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from magiccli.commands import command, examples
from magiccli.commands.common import Answers, Named, Seen, each_named, graded_matches, open_index
from magiccli.options import MinGradeOpt, RefsArg, with_output
from magiccli.output import Output, references

if TYPE_CHECKING:
    from magiccli.compare import Pair
    from magiccli.model import Corpus


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
    from magiccli.views.compare import pairs_view, without_wording, without_wording_graded

    index = open_index()
    least = min_grade.value if min_grade else None
    answers = Answers()
    named = answers.each(references(ref), lambda one: each_named(index, one))  # each reference as it comes
    graded = Seen(graded_matches(named, least) if least else named)

    def nothing() -> str:
        if least and not graded.count:
            return f"none of these cables has a text graded {least} or better"
        if least:
            return without_wording_graded(graded.first, graded.count, least)
        return without_wording(graded.first, graded.count, index.with_wordings())

    found = answers.found(_pairs(graded, diff), nothing)
    if found is not None:
        out.show(pairs_view(found))
    return answers.status


def _pairs(named: Iterable[Named], diff: bool) -> Iterator[tuple[Corpus, Pair]]:
    """Each cable's pairs of its FRUS text and a MAGIC wording, as the cables come, each with its corpus."""
    from magiccli.boundary import warn
    from magiccli.compare import DIFF_SECONDS, DIFF_WORDS, pairs

    for corpus, match in named:
        for pair in pairs(match.cable, diff):
            if pair.too_long:
                warn(
                    f"{pair.cable.id}: the texts are too long to compare word by word (over {DIFF_WORDS:,} words, or"
                    f" {DIFF_SECONDS:g} s); shown without --diff's marks"
                )
            yield corpus, pair
