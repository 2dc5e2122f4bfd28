"""magiccli corpus validate | info | reindex: check, describe and index the corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from magiccli.boundary import one_line
from magiccli.commands import command
from magiccli.commands.common import added_corpora, open_index
from magiccli.errors import CorpusError, Problem, ProblemsFound, UsageProblem
from magiccli.index import Index
from magiccli.locations import corpus_roots
from magiccli.options import with_output
from magiccli.output import Output, Table, View


@command("validate", group="corpus")
@with_output(color=False)
def corpus_validate(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="PATH",
            show_default=False,
            help="Corpus folders or files, checked together with the bundled corpus as --corpus would read them (default: the bundled corpus and any --corpus).",
        ),
    ] = None,
    *,
    out: Output,
):
    """Check corpus files against the schema and each other: exit 0, or 2 with file:line: problem lines."""
    if paths and "" in paths:  # Path("") is the current folder
        raise UsageProblem("corpus validate needs folder or file names, not an empty one")
    problems = _problems(corpus_roots([*added_corpora, *(paths or [])]))
    rows = [{"file": str(p.file), "line": p.line, "problem": p.message} for p in problems]
    out.show(
        View(
            table=lambda: Table(["file", "line", "problem"], rows, rows),
            plain=lambda: "".join(f"{one_line(problem)}\n" for problem in problems) or "ok\n",
        )
    )
    if problems:
        raise ProblemsFound(f"{len(problems)} problem(s) found")


def _problems(roots: list[Path]) -> list[Problem]:
    """The problems of the corpus at ``roots``: of the corpus the commands read, as its index's build found them (the
    index built or brought up to date first); of other folders or files, or where the build refuses the corpus, as
    a check of its files finds them."""
    from magiccli.load import validate

    if roots == corpus_roots(added_corpora):
        from magiccli.progress import progress

        try:
            return Index.open(roots, progress=progress).problems()
        except CorpusError:  # what refuses the corpus is among what validate lists
            pass
    return validate(roots)


@command("info", group="corpus")
@with_output()
def corpus_info(*, out: Output):
    """Counts by kind, the date span, the sources and the texts that are incomplete."""
    stats = open_index().stats()
    rows = [{"what": k, "value": v} for k, v in stats.items() if not isinstance(v, (list, dict))]
    rows += [
        {"what": f"{k}.{sub}", "value": n} for k, v in stats.items() if isinstance(v, dict) for sub, n in v.items()
    ]
    rows += [{"what": k, "value": item} for k, v in stats.items() if isinstance(v, list) for item in v]
    out.show(View(table=lambda: Table(["what", "value"], rows, [stats])))  # JSON: the one object


@command("reindex", group="corpus")
@with_output(color=False, header=False)
def corpus_reindex(*, out: Output):
    """Rebuild the search index now (it rebuilds on its own when a corpus file is added, removed or changed)."""
    index = open_index(rebuild=True)
    rows = [{"records": index.count(), "location": str(index.location)}]
    out.show(
        View(
            table=lambda: Table(["records", "location"], rows, rows),
            plain=lambda: one_line(f"{index.count()} records indexed in {index.location}") + "\n",
        )
    )
