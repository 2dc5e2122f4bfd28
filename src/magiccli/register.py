"""The people register: finding a person by any alias, and every cable and event they appear in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from magiccli import render
from magiccli.model import Corpus, Entry, Person, to_dict
from magiccli.text import fold_plain


def near_names(corpus: Corpus, name: str) -> list[str]:
    """Register names with a word that starts with ``name``, for a 'did you mean' hint."""
    wanted = fold_plain(name)
    return [p.name for p in corpus.people.values()
            if wanted and any(word.startswith(wanted) for alias in p.names for word in fold_plain(alias).split())]


def lifespan(person: Person) -> str:
    return f"{person.born or '?'} – {person.died or '?'}"


def register_table(corpus: Corpus) -> render.Table:
    columns = ["id", "name", "native_name", "born", "died", "nationality", "role_1945"]
    people = sorted(corpus.people.values(), key=lambda p: p.id)
    rows = [{c: getattr(p, c) or "" for c in columns} for p in people]
    return render.Table(columns, rows, [to_dict(p) for p in people])


Appearances = Iterable[tuple[Entry, str]]  # the cables and events naming a person (Index.appearances), and how


def appearance_rows(person: Person, appearances: Appearances) -> Iterator[dict]:
    return ({"person": person.id, "date": entry.date, "kind": entry.kind, "id": entry.id, "as": role,
             "title": entry.label} for entry, role in appearances)


def people_table(people: list[tuple[Person, Appearances]]) -> render.Table:
    """Each person's appearances as rows, streamed; in JSON, the register entry with its appearances. A table is
    written one way only, so each person's appearances are read once."""
    rows = (row for person, found in people for row in appearance_rows(person, found))
    objects = ({**to_dict(person), "appearances": list(appearance_rows(person, found))} for person, found in people)
    return render.Table(["person", "date", "kind", "id", "as", "title"], rows, objects)


def people_lines(people: list[tuple[Person, Appearances]]) -> Iterator[str]:
    """Each person as plain text for a pipe (person_lines), a blank line between them."""
    for number, (person, appearances) in enumerate(people):
        if number:
            yield "\n"
        yield from person_lines(person, appearances)


def person_lines(person: Person, appearances: Appearances) -> Iterator[str]:
    """One person as plain text for a pipe, a line at a time: the register entry, then one appearance per line."""
    native = f" ({person.native_name})" if person.native_name else ""
    yield from (f"{line}\n" for line in (
        f"== {person.name}{native} ==",
        f"id: {person.id}",
        f"role in 1945: {person.role_1945}",
        f"lived: {lifespan(person)}",
        f"nationality: {person.nationality}",
        f"aliases: {', '.join(person.aliases)}",
        f"summary: {person.summary}",
        "",
    ))
    appeared = False
    for row in appearance_rows(person, appearances):
        appeared = True
        yield f"{row['date']}\t{row['kind']}\t{row['id']}\t{row['as']}\t{row['title']}\n"
    if not appeared:
        yield "(in no cable or event)\n"
