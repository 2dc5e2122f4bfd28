"""magiccli who: the people register, or one person and every cable and event they appear in."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from magiccli.commands import command, examples
from magiccli.commands.common import open_index
from magiccli.errors import NothingFound
from magiccli.options import _complete_actor, with_output
from magiccli.output import Output
from magiccli.query import near_names, people_called


@command(
    epilog=examples("magiccli who", "magiccli who konoye", 'magiccli who "Tōgō Shigenori" --format jsonl | jq -r .id')
)
@with_output()
def who(
    name: Annotated[
        Optional[str],
        typer.Argument(
            metavar="NAME",
            autocompletion=_complete_actor,
            show_default=False,
            help="A person, by any alias (case, accents and punctuation ignored); none for the whole register.",
        ),
    ] = None,
    *,
    out: Output,
):
    """The people register, or one person: role in 1945, dates, aliases, and every cable and event they appear in."""
    from magiccli.views.who import people_view, register_view

    index = open_index()
    corpus = index.people()
    if name is None:
        out.show(register_view(corpus))
        return
    people = people_called(corpus, name)
    if not people:
        near = near_names(corpus, name)
        raise NothingFound(
            f"no person called '{name}' in the register" + (f"; did you mean: {', '.join(near)}?" if near else "")
        )
    out.show(people_view([(person, index.appearances(person.id)) for person in people]))
