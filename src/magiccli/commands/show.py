"""magiccli show: any record whole, a cable or an event, by id, date or telegram number."""

from __future__ import annotations

from typing import Annotated

from magiccli.commands import command, examples
from magiccli.commands.common import found, named_cables, open_index
from magiccli.errors import NothingFound
from magiccli.model import Event
from magiccli.options import ref_argument, with_output
from magiccli.output import Output
from magiccli.query import Filters
from magiccli.refs import Span, parse_ref


@command(
    epilog=examples(
        "magiccli show 1945-08-08-soviet-declaration-of-war",
        "magiccli show 1945-08-08",
        "magiccli show 932",
        "magiccli show 1945-07-26-potsdam-declaration --format json",
    )
)
@with_output(pager=True)
def show(
    ref: Annotated[
        str,
        ref_argument(
            "A record's id (a cable's or an event's), a date 1945-08-08, month or range A..B (every cable and event"
            " of those days), a telegram number or a FRUS reference."
        ),
    ],
    *,
    out: Output,
):
    """Any record whole: an event with its summary, its sources and their grades and its official text; a cable
    with its text, MAGIC wordings, notes and citation, as cable shows it."""
    from magiccli.views.record import records_view

    index = open_index()
    parsed = parse_ref(ref)
    if isinstance(span := parsed.value, Span):
        window = Filters(start=span.start.isoformat(), end=span.end.isoformat())
        ids = [entry.id for entry in found(index.entries(window), f"no cable or event in {span.written}")]
        records = index.corpus(ids).records
        matched_on = f"dated in {span.written}"
    elif parsed.kind == "id" and isinstance(record := index.corpus([ref]).by_id.get(ref), Event):
        records, matched_on = [record], f"id {ref}"
    elif parsed.kind == "id" and record is None:
        raise NothingFound(f"no cable or event with id {ref} in the corpus")
    else:
        corpus, matches = named_cables(index, ref)
        records, matched_on = [m.cable for m in matches], matches[0].matched_on
    corpus = index.corpus((r.id for r in records), with_linked=True)  # with the cables they answer, for their names
    wanted = {r.id for r in records}
    out.show(records_view(corpus, [r for r in corpus.records if r.id in wanted], matched_on))
