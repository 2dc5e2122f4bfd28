"""magiccli thread: the chain of telegrams a cable answers and the cables that answer it."""

from __future__ import annotations

from typing import Annotated

import typer

from magiccli.commands import command, examples
from magiccli.commands.common import named_cables, open_index
from magiccli.errors import NothingFound, UsageProblem
from magiccli.options import RefArg, with_output
from magiccli.output import Output


@command(
    epilog=examples(
        "magiccli thread 932", "magiccli thread 890 --down", "magiccli thread frus1945Berlinv02-d1229 --up --format csv"
    )
)
@with_output()
def thread(
    ref: RefArg,
    up: Annotated[bool, typer.Option("--up", help="Only the telegrams it answers, and those they answer.")] = False,
    down: Annotated[
        bool, typer.Option("--down", help="Only the cables answering it, and those answering them.")
    ] = False,
    *,
    out: Output,
):
    """The chain of telegrams a cable answers and the cables that answer it (from their "Re your telegram" lines).

    In a pipe, one cable per line: depth (negative: earlier in the chain, 0: REF, positive: later), date, telegram number, parties, id, the neighbour nearer REF, a note, title."""
    from magiccli.thread import thread as reply_chain
    from magiccli.thread import thread_corpus
    from magiccli.views.thread import no_thread_message, thread_view

    index = open_index()
    _, matches = named_cables(index, ref)
    if len(matches) > 1:
        numbers = ", ".join(m.cable.telegram_no or m.cable.id for m in matches)
        raise UsageProblem(f"'{ref}' names {len(matches)} cables ({numbers}); give one telegram number or id")
    up, down = up or up == down, down or up == down
    corpus = thread_corpus(index, matches[0].cable.id, up=up, down=down)
    cable = next(c for c in corpus.cables if c.id == matches[0].cable.id)
    links = reply_chain(corpus, cable, up=up, down=down, crossings=index.crossings(c.id for c in corpus.cables))
    if len(links) == 1:
        raise NothingFound(no_thread_message(corpus, cable, up, down))
    out.show(thread_view(corpus, links))
