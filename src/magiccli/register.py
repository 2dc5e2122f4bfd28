"""The people register: finding a person by any alias, and every cable and event they appear in."""

from __future__ import annotations

from dataclasses import dataclass

from magiccli import render
from magiccli.model import Cable, Corpus, Event, Person, to_dict
from magiccli.text import fold_plain


@dataclass(frozen=True)
class Appearance:
    record: Cable | Event
    role: str  # from, to, named (in a cable) or actor (in an event)


def near_names(corpus: Corpus, name: str) -> list[str]:
    """Register names with a word that starts with ``name``, for a 'did you mean' hint."""
    wanted = fold_plain(name)
    return [p.name for p in corpus.people.values()
            if wanted and any(word.startswith(wanted) for alias in p.names for word in fold_plain(alias).split())]


def appearances(corpus: Corpus, person: Person) -> list[Appearance]:
    found = []
    for record in corpus.records:
        if isinstance(record, Event):
            if person.id in record.actors:
                found.append(Appearance(record, "actor"))
        elif person.id in (record.from_, record.to) or person.id in record.people:
            role = "from" if record.from_ == person.id else "to" if record.to == person.id else "named"
            found.append(Appearance(record, role))
    return found


def lifespan(person: Person) -> str:
    return f"{person.born or '?'} – {person.died or '?'}"


def register_table(corpus: Corpus) -> render.Table:
    columns = ["id", "name", "native_name", "born", "died", "nationality", "role_1945"]
    people = sorted(corpus.people.values(), key=lambda p: p.id)
    rows = [{c: getattr(p, c) or "" for c in columns} for p in people]
    return render.Table(columns, rows, [to_dict(p) for p in people])


def appearance_rows(corpus: Corpus, person: Person) -> list[dict]:
    return [{"person": person.id, "date": a.record.date, "kind": a.record.kind, "id": a.record.id, "as": a.role,
             "title": render.record_title(corpus, a.record)} for a in appearances(corpus, person)]


def people_table(corpus: Corpus, people: list[Person]) -> render.Table:
    """Each person's appearances as rows; in JSON, the register entry with its appearances."""
    rows = [row for person in people for row in appearance_rows(corpus, person)]
    objects = [{**to_dict(p), "appearances": appearance_rows(corpus, p)} for p in people]
    return render.Table(["person", "date", "kind", "id", "as", "title"], rows, objects)


def person_document(corpus: Corpus, person: Person) -> str:
    """One person as plain text for a pipe: the register entry, then one appearance per line."""
    native = f" ({person.native_name})" if person.native_name else ""
    lines = [
        f"== {person.name}{native} ==",
        f"id: {person.id}",
        f"role in 1945: {person.role_1945}",
        f"lived: {lifespan(person)}",
        f"nationality: {person.nationality}",
        f"aliases: {', '.join(person.aliases)}",
        f"summary: {person.summary}",
        "",
    ]
    rows = appearance_rows(corpus, person)
    lines += [f"{r['date']}\t{r['kind']}\t{r['id']}\t{r['as']}\t{r['title']}" for r in rows] or ["(in no cable or event)"]
    return "\n".join(lines) + "\n"
