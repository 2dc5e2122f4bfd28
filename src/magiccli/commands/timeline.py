"""magiccli timeline: cables and events in date order, a line each, or drawn (a terminal chart, SVG, HTML)."""

from __future__ import annotations

from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Annotated, Optional

import typer

from magiccli.commands import command, examples
from magiccli.commands.common import NOTHING_MATCHES, found, open_index
from magiccli.errors import UsageProblem
from magiccli.index import Index
from magiccli.options import FilterOptions, LimitOpt, _option, with_filters, with_output, within
from magiccli.output import Format, Output


class PageSize(str, Enum):
    A4 = "A4"
    Letter = "Letter"


@command(
    epilog=examples(
        "magiccli timeline --from 1945-07 --to 1945-08",
        "magiccli timeline --kind cable --direction moscow-tokyo",
        "magiccli timeline --actor konoye --format jsonl | jq -r .id",
        "magiccli timeline --chart --from 1945-07",
        "magiccli timeline --svg story.svg --html story.html",
    )
)
@with_output()
@with_filters()
def timeline(
    filters: FilterOptions,
    limit: LimitOpt = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    chart: Annotated[
        bool,
        typer.Option(
            "--chart", help="Draw the story: lanes of cables and events, by year before July 1945 and by day after."
        ),
    ] = False,
    svg: Annotated[
        Optional[Path],
        _option(
            "--svg",
            metavar="FILE",
            help="Save a printable SVG picture of the timeline to this file (- for stdout): every mark labelled, system fonts, nothing fetched.",
        ),
    ] = None,
    html: Annotated[
        Optional[Path],
        _option(
            "--html",
            metavar="FILE",
            help="Save the timeline as one offline HTML page to this file (- for stdout): hover a mark, click it to read the cable, filter in the page.",
        ),
    ] = None,
    page_size: Annotated[
        Optional[PageSize],
        _option(
            "--page-size",
            metavar="SIZE",
            help="With --svg: set the picture on landscape pages of this size, A4 or Letter, as many as it takes to print every text at 8 pt or more (print the file from Chromium or Inkscape).",
        ),
    ] = None,
    *,
    out: Output,
):
    """Cables and events in date order, one line each, or drawn as a chart."""
    if limit is not None:
        within(limit, "--limit", 1)
    if page_size and not svg:
        raise UsageProblem("--page-size lays out the --svg picture for paper; give --svg FILE too")
    if svg or html:
        from magiccli import picture

        picture.check_targets(svg, html)  # before any work
    index = open_index()
    chosen = filters.parse(index.people())
    entries = found(islice(index.entries(chosen, reverse=reverse), limit), NOTHING_MATCHES)
    if chart or svg or html:
        _draw(index, entries, chart, svg, html, page_size.value if page_size else None, out)
        return
    from magiccli.views.timeline import timeline_view

    out.show(
        timeline_view(entries, lambda: islice(index.record_texts(chosen, with_wordings=False, reverse=reverse), limit))
    )


def _draw(
    index: Index, entries, chart: bool, svg: Optional[Path], html: Optional[Path], page_size: Optional[str], out: Output
) -> None:
    from magiccli import picture

    if out.fmt is not Format.text:
        raise UsageProblem("--chart, --svg and --html draw a picture; leave out --format")
    if chart and picture.STDOUT in (svg, html):
        raise UsageProblem("--chart prints to stdout; send --svg or --html to a file")
    entries = list(islice(entries, picture.MOST_MARKS + 1) if svg or html else entries)
    if len(entries) > picture.MOST_MARKS:
        raise UsageProblem(
            f"--svg and --html draw at most {picture.MOST_MARKS:,} cables and events, and these filters"
            " keep more: narrow them (--from/--to, --kind, --actor, --tag, --grep or --limit)"
        )
    if svg or html:  # a picture shows the whole records it holds
        corpus = index.corpus(entry.id for entry in entries)
        crossed = index.crossings(c.id for c in corpus.cables)
        picture.save(
            corpus,
            corpus.records,
            svg,
            html,
            page_size=page_size,
            crossings={cable_id: [c.entry.id for c in others] for cable_id, others in crossed.items()},
            mentions=index.mentions(r.id for r in corpus.records),
        )
    if chart:
        from magiccli.views.chart import chart_view

        out.show(chart_view(sorted(entries, key=lambda e: e.position)))
