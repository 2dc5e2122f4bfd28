"""Progress of long work (an index build, a search that reads every record) on stderr, when stderr is a terminal:
done, rate and time left, drawn by rich and gone when the work ends. Nothing of it in a pipe or with --quiet."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

quiet = False  # set by --quiet


@contextmanager
def progress(total: int, what: str):
    """A function that says ``n`` more of ``total`` are done."""
    if quiet or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:,.0f}/s" if task.speed else "", style="progress.data.speed")

    columns = (TextColumn(what), BarColumn(), MofNCompleteColumn(), Rate(), TimeRemainingColumn())
    # stdout on the same terminal goes above the bar instead of through it
    with Progress(
        *columns,
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=sys.stdout.isatty(),
        redirect_stderr=False,
    ) as bar:
        task = bar.add_task(what, total=total)
        yield lambda n=1: bar.advance(task, n)


def tracked(items: Iterable, total: int, what: str) -> Iterator:
    """``items`` as they come, each counted as done."""
    with progress(total, what) as advance:
        for item in items:
            advance()
            yield item
