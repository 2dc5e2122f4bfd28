"""The people register, and one person with every cable and event they appear in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING

from magiccli.model import Corpus, Entry, Person, to_dict
from magiccli.output import Table, View

if TYPE_CHECKING:
    from rich.console import Console


def register_view(corpus: Corpus) -> View:
    return View(table=lambda: register_table(corpus), terminal=lambda out: register(out, corpus))


def people_view(found: list[tuple[Person, Appearances]]) -> View:
    def terminal(out: Console) -> None:
        for who, appearances in found:
            person(out, who, appearances)

    return View(table=lambda: people_table(found), plain=lambda: people_lines(found), terminal=terminal)


def lifespan(person: Person) -> str:
    return f"{person.born or '?'} – {person.died or '?'}"


def register_table(corpus: Corpus) -> Table:
    columns = ["id", "name", "native_name", "born", "died", "nationality", "role_1945"]
    people = sorted(corpus.people.values(), key=lambda p: p.id)
    rows = [{c: getattr(p, c) or "" for c in columns} for p in people]
    return Table(columns, rows, [to_dict(p) for p in people])


Appearances = Iterable[tuple[Entry, str]]  # the cables and events naming a person (Index.appearances), and how


def appearance_rows(person: Person, appearances: Appearances) -> Iterator[dict]:
    return (
        {"person": person.id, "date": entry.date, "kind": entry.kind, "id": entry.id, "as": role, "title": entry.label}
        for entry, role in appearances
    )


def people_table(people: list[tuple[Person, Appearances]]) -> Table:
    """Each person's appearances as rows, streamed; in JSON, the register entry with its appearances. A table is
    written one way only, so each person's appearances are read once."""
    rows = (row for person, found in people for row in appearance_rows(person, found))
    objects = ({**to_dict(person), "appearances": list(appearance_rows(person, found))} for person, found in people)
    return Table(["person", "date", "kind", "id", "as", "title"], rows, objects)


def people_lines(people: list[tuple[Person, Appearances]]) -> Iterator[str]:
    """Each person as plain text for a pipe (person_lines), a blank line between them."""
    for number, (person, appearances) in enumerate(people):
        if number:
            yield "\n"
        yield from person_lines(person, appearances)


def person_lines(person: Person, appearances: Appearances) -> Iterator[str]:
    """One person as plain text for a pipe, a line at a time: the register entry, then one appearance per line."""
    native = f" ({person.native_name})" if person.native_name else ""
    yield from (
        f"{line}\n"
        for line in (
            f"== {person.name}{native} ==",
            f"id: {person.id}",
            f"role in 1945: {person.role_1945}",
            f"lived: {lifespan(person)}",
            f"nationality: {person.nationality}",
            f"aliases: {', '.join(person.aliases)}",
            f"summary: {person.summary}",
            "",
        )
    )
    appeared = False
    for row in appearance_rows(person, appearances):
        appeared = True
        yield f"{row['date']}\t{row['kind']}\t{row['id']}\t{row['as']}\t{row['title']}\n"
    if not appeared:
        yield "(in no cable or event)\n"


def register(out: Console, corpus: Corpus) -> None:
    from rich.table import Table as Grid
    from rich.text import Text

    table = Grid(box=None, header_style="bold", pad_edge=False)
    for name in ("name", "lived", "nationality", "role in 1945"):
        table.add_column(name, no_wrap=name in ("lived", "nationality"))
    for person in sorted(corpus.people.values(), key=lambda p: p.id):
        shown = Text.assemble((person.name, "bold"), (f" {person.native_name}" if person.native_name else "", "dim"))
        table.add_row(shown, lifespan(person), person.nationality, person.role_1945)
    out.print(table)


def person(out: Console, person, appearances) -> None:
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    from magiccli.views.terminal import print_in_grids, style_of

    head = Text()
    head.append(person.role_1945, style="bold")
    head.append(f"\n{lifespan(person)} · {person.nationality} · {person.id}", style="dim")
    head.append(f"\naliases: {', '.join(person.aliases)}", style="italic")
    head.append(f"\n\n{person.summary}")
    title = Text(person.name, style="bold") + (Text(f"  {person.native_name}") if person.native_name else Text())
    out.print(Panel(head, title=title, title_align="left"))
    rows = iter(appearances)
    first = next(rows, None)
    if first is None:
        out.print(Padding(Text("in no cable or event", style="dim"), (0, 0, 1, 2)))
        return
    columns: tuple[dict, ...] = ({"no_wrap": True, "style": "dim"}, {"no_wrap": True, "style": "dim"}, {})
    print_in_grids(
        out,
        columns,
        ((entry.date, role, Text(entry.label, style=style_of(entry))) for entry, role in chain([first], rows)),
        indent=2,
    )
    out.print()
