"""quote's hits in context (a keyword-in-context concordance), and its counts a source a line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from magiccli.model import Corpus
from magiccli.output import Table, View
from magiccli.views.wording import hit_label

if TYPE_CHECKING:
    from rich.console import Console


COUNT_COLUMNS = ["count", "date", "id", "label", "grade"]


def hits_view(corpus: Corpus, hits, context: int, full: bool) -> View:
    """A line a hit, as the hits come; ``corpus`` names their sources' parties."""
    return View(
        table=lambda: quote_table(corpus, hits, context, full),
        terminal=lambda out: quote_hits(out, corpus, hits, context, full),
    )


def counts_view(rows: list[dict]) -> View:
    """Hits a source (count_rows or group_count_rows), with the sum on a terminal."""
    return View(table=lambda: Table(COUNT_COLUMNS, rows, rows), terminal=lambda out: counts(out, rows))


def quote_table(corpus: Corpus, hits, context: int, full: bool) -> Table:
    """A line a hit, as the hits come; ``corpus`` names their sources' parties."""

    def row(hit) -> dict:
        found = {
            "date": hit.passage.record.date,
            "id": hit.passage.source_id,
            "field": hit.passage.field,
            "label": hit_label(corpus, hit),
        }
        if full:
            found["text"] = hit.passage.text
        else:
            found["left"], found["hit"], found["right"] = hit.context(context)
        found["grade"] = hit.passage.grade or ""
        return found

    # the grade came later, so it stands last: a column's place does not change
    columns = ["date", "id", "field", "label"] + (["text"] if full else ["left", "hit", "right"]) + ["grade"]
    objects = ({**row(hit), "record": hit.passage.record.id, "spans": [list(s) for s in hit.spans]} for hit in hits)
    return Table(columns, map(row, hits), objects)


def count_rows(corpus: Corpus, hits) -> list[dict]:
    return _tally((h.passage.source_id, h.passage.record.date, hit_label(corpus, h), h.passage.grade, 1) for h in hits)


def group_count_rows(groups) -> list[dict]:
    """count_rows for the groups of passages the index counted (search.counted_groups), labelled by the index as
    hit_label labels a hit."""
    return _tally(groups)


def _tally(counts) -> list[dict]:
    """One row per source (a cable, event or MAGIC wording), named as where it is first found, in that order."""
    rows: dict[str, dict] = {}
    for source, date, label, grade, count in counts:
        row = rows.get(source)
        if row is None:
            rows[source] = {"count": count, "date": date, "id": source, "label": label, "grade": grade or ""}
        else:
            row["count"] += count
    return list(rows.values())


def quote_hits(out: Console, corpus: Corpus, hits, context: int, full: bool) -> None:
    from rich.text import Text

    from magiccli.views.terminal import HIT_STYLE, graded, print_in_grids, style_of

    def row(hit) -> tuple:
        if full:
            body = Text(hit.passage.text)
            for start, end in hit.spans:
                body.stylize(HIT_STYLE, start, end)
        else:
            left, word, right = hit.context(context)
            body = Text(left.rjust(context)) + Text(word, style=HIT_STYLE) + Text(right)
        record = hit.passage.record
        return (record.date, Text(hit_label(corpus, hit), style=style_of(record)), graded(hit.passage.grade), body)

    columns = (
        {"no_wrap": True, "style": "dim"},
        {"no_wrap": True},
        {"no_wrap": True},
        {"ratio": 1, "no_wrap": not full, "overflow": "ellipsis" if not full else "fold"},
    )
    print_in_grids(out, columns, map(row, hits))


def counts(out: Console, rows: list[dict]) -> None:
    from rich.table import Table as Grid
    from rich.text import Text

    from magiccli.views.terminal import graded

    grid = Grid.grid(padding=(0, 2))
    for name in ("count", "date", "what", "grade"):
        grid.add_column(name, justify="right" if name == "count" else "left")
    for row in rows:
        grid.add_row(str(row["count"]), row["date"], row["label"], graded(row["grade"]))
    grid.add_row(Text(str(sum(r["count"] for r in rows)), style="bold"), "", Text("hits in all", style="bold"))
    out.print(grid)
