"""magiccli export: the cables and events, whole or filtered as in the timeline, as data for other tools."""

from __future__ import annotations

from typing import Annotated

from magiccli.commands import command, examples
from magiccli.commands.common import NOTHING_MATCHES, found, open_index
from magiccli.options import FilterOptions, MinGradeOpt, _option, with_filters, with_output
from magiccli.output import Format, Output

ExportFormatOpt = Annotated[
    Format,
    _option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="jsonl, json and yaml hold every field (cables with their MAGIC wordings); "
        "text, csv, tsv and markdown one flat row a record.",
    ),
]


@command(
    epilog=examples(
        "magiccli export > corpus.jsonl",
        "magiccli export --kind cable --format csv | csvstat",
        "magiccli export --from 1945-07 --to 1945-08 --actor konoye --format yaml",
    )
)
@with_output(formats=ExportFormatOpt, default=Format.jsonl)
@with_filters()
def export(filters: FilterOptions, *, min_grade: MinGradeOpt = None, out: Output):
    """The cables and events, whole or filtered as in the timeline, as data for other tools."""
    from magiccli.views.export import export_view

    index = open_index()
    chosen = filters.parse(index.people())
    least = min_grade.value if min_grade else None
    records = found((record for _, record in index.records(chosen, least=least)), NOTHING_MATCHES)
    out.show(export_view(records, lambda: index.record_texts(chosen, with_wordings=True, least=least)))
