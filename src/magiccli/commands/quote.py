"""magiccli quote: every passage that says a phrase, in context, counted, or counted by week or month."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Optional

import typer

from magiccli.commands import command, examples
from magiccli.commands.common import found, open_index
from magiccli.errors import UsageProblem
from magiccli.model import Cable, Event
from magiccli.options import Field, FilterOptions, MinGradeOpt, Period, _option, with_filters, with_output, within
from magiccli.output import Output
from magiccli.query import people_called, spellings
from magiccli.search import SOURCE_FIELDS, Matcher, counted_groups, search


@command(
    epilog=examples(
        'magiccli quote "unconditional surrender"',
        'magiccli quote "konoye" --count',
        'magiccli quote "emperor" --in magic --context 60',
        'magiccli quote "surrender.*honou?r" --regex',
        'magiccli quote "unconditional surrender" --by week',
    )
)
@with_output()
@with_filters()
def quote(
    phrase: Annotated[
        str,
        typer.Argument(
            metavar="PHRASE", show_default=False, help="The phrase to find (case, accents and punctuation ignored)."
        ),
    ],
    all_words: Annotated[
        bool, typer.Option("--all-words", help="Find paragraphs holding all the words, in any order.")
    ] = False,
    regex: Annotated[bool, typer.Option("--regex", "-E", help="PHRASE is a Python regular expression.")] = False,
    case_sensitive: Annotated[bool, typer.Option("--case-sensitive", "-s", help="Tell upper from lower case.")] = False,
    literal: Annotated[
        bool,
        typer.Option(
            "--literal",
            help="Only PHRASE as written: a name of the people register does not bring in the person's other spellings.",
        ),
    ] = False,
    fields: Annotated[
        Optional[list[Field]],
        _option(
            "--in",
            metavar="TEXTS",
            help="Search these texts (repeatable): cable (FRUS texts), footnote (FRUS notes), magic (MAGIC wordings), official (official texts), and summary (our own summaries of events). Default: all but summary, the sources alone.",
        ),
    ] = None,
    context: Annotated[
        int, typer.Option("--context", "-C", metavar="N", help="Characters of context either side, from 0 to 2000.")
    ] = 40,
    count: Annotated[bool, typer.Option("--count", "-c", help="Hits per document instead of the hits.")] = False,
    full: Annotated[bool, typer.Option("--full", help="The whole paragraph of each hit.")] = False,
    by: Annotated[
        Optional[Period],
        _option(
            "--by",
            metavar="PERIOD",
            help="How many cables and events say it per week (named by its Monday) or month, by the date of the cable or event.",
        ),
    ] = None,
    each_wording: Annotated[
        bool,
        typer.Option(
            "--each-wording",
            help="With --by: count each text apart, a cable's FRUS document and each MAGIC wording of it, not each cable once.",
        ),
    ] = False,
    *,
    filters: FilterOptions,
    min_grade: MinGradeOpt = None,
    out: Output,
):
    """Every passage that says PHRASE, in context: a keyword-in-context concordance. Each hit shows the grade of
    its source."""
    if all_words and regex:
        raise UsageProblem("--all-words and --regex do not go together")
    if by and count:
        raise UsageProblem("--by and --count do not go together")
    if each_wording and not by:
        raise UsageProblem("--each-wording counts with --by")
    within(context, "--context", 0, 2000)
    from magiccli.views.quote import count_rows, counts_view, group_count_rows, hits_view

    index = open_index()
    corpus = index.people()
    names = [] if literal or regex or all_words or case_sensitive else spellings(corpus, phrase)
    if names:  # on stderr, so that the output stays the hits alone
        out.note(f"searched: {', '.join(names)}")
    elif len(shared := people_called(corpus, phrase)) > 1 and not literal:
        out.note(
            f"searched: {phrase} as written: it names {len(shared)} people of the register "
            f"({', '.join(p.name for p in shared)}); a fuller name finds every spelling of one"
        )
    matcher = Matcher(phrase, all_words=all_words, regex=regex, case_sensitive=case_sensitive, spellings=names)
    searched = {f.value for f in fields} if fields else set(SOURCE_FIELDS)
    least = min_grade.value if min_grade else None
    nothing = f"no passage says '{phrase}'"
    groups = counted_groups(index, matcher, searched, least) if count and not filters else None
    if groups is not None:  # counted by the index, which holds each source's label: no record is read
        out.show(counts_view(group_count_rows(found(groups, nothing))))
        return
    chosen = filters.parse(corpus)
    among = index.candidates(matcher, searched)
    records: Iterator[Cable | Event] = (record for _, record in index.records(chosen, among=among or ""))
    if among is None:  # every record is read: say how far it has got
        from magiccli.progress import tracked

        records = tracked(records, index.count(chosen), "records searched")
    hits = found(
        search(records, matcher, searched, least), nothing + (f" in a source graded {least} or better" if least else "")
    )
    if by:
        from magiccli.histogram import histogram
        from magiccli.views.histogram import histogram_view

        out.show(histogram_view(histogram(hits, by.value, each_wording), by.value))
    elif count:
        out.show(counts_view(count_rows(corpus, hits)))
    else:
        out.show(hits_view(corpus, hits, context, full))
