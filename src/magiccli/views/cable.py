"""A cable: its full view (heading, text, MAGIC wordings, notes, citation) or a line a cable."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from magiccli.model import Cable, Corpus, record_object
from magiccli.output import Table, View
from magiccli.query import CableMatch
from magiccli.thread import answered
from magiccli.views.wording import (
    cable_heading,
    citation,
    cross_references,
    incomplete_notice,
    local_time,
    magic_lines,
    no_wording,
    parties,
    provenance_lines,
    reply_refs,
    sent,
    spaced_paragraphs,
    text_heading,
    translation_date,
    wording_sources,
    yes_no,
)

if TYPE_CHECKING:
    from rich.console import Console


def cables_view(named: Iterable[tuple[Corpus, CableMatch]], translation: str, as_list: bool) -> View:
    """The cables found, each with the corpus it stands in, whole (``translation``: frus, magic or all) or
    ``as_list`` a line each; each written as it comes, so that references on stdin are answered one by one."""
    named = iter(named)  # read once, by whichever form is shown
    listed = View(table=lambda: cable_list_table(named, with_text=not as_list))
    if as_list:
        return listed

    def terminal(out: Console) -> None:
        for corpus, match in named:
            out.print(cable_view(corpus, match, translation))

    return View(
        table=listed.table,
        terminal=terminal,
        paged=True,
        plain=lambda: (
            ("\n" if n else "") + cable_document(corpus, match, translation) for n, (corpus, match) in enumerate(named)
        ),
    )


def cable_list_table(named: Iterator[tuple[Corpus, CableMatch]], with_text: bool = False) -> Table:
    """A row a cable for the tabular formats, an object a cable for JSON: emit reads one of them, as they come."""
    columns = ["date", "time", "telegram_no", "parties", "place", "id", "complete", "matched_on", "title"]
    rows = (_row(corpus, match) for corpus, match in named)
    objects = (record_object(match.cable, matched_on=match.matched_on) for _, match in named)
    # the zone and the UTC instant came last, after the text where it is shown: no column moves
    return Table(columns + (["text"] if with_text else []) + ["zone", "utc"], rows, objects)


def _row(corpus: Corpus, match: CableMatch) -> dict:
    cable = match.cable
    return {
        "date": cable.date,
        "time": local_time(cable),
        "telegram_no": cable.telegram_no or "",
        "parties": parties(corpus, cable),
        "place": cable.place,
        "id": cable.id,
        "complete": yes_no(cable.complete),
        "matched_on": match.matched_on,
        "title": cable.title,
        "text": cable.text,
        "zone": cable.zone or "",
        "utc": cable.instant or "",
    }


def cable_document(corpus: Corpus, match, translation: str) -> str:
    """The full view of one cable as plain text (for a pipe) — the same parts the terminal view shows."""
    cable = match.cable
    lines = [f"== {cable_heading(corpus, cable)} · {sent(cable)} ==", f"id: {cable.id}   matched: {match.matched_on}"]
    if cable.markings:
        lines.append(f"markings: {', '.join(cable.markings)}")
    if cable.in_reply_to:
        lines.append(f"in reply to: {reply_refs(answered(corpus, cable))}")
    lines.append(f"title: {cable.title}")
    if translation in ("frus", "all"):
        lines += ["", f"{text_heading(cable)}:" if translation == "all" else "", *spaced_paragraphs(cable.text)]
        if not cable.complete:
            lines += ["", incomplete_notice(cable)]
    if translation in ("magic", "all"):
        lines += ["", *magic_lines(cable)]
    if cable.footnotes:
        lines += ["", "Editorial notes (FRUS):"]
        lines += [f"  {f.n}. {f.text}" + ("" if f.complete else " [cut off]") for f in cable.footnotes]
    if cited := cross_references(corpus, cable):
        lines += ["", *cited]
    lines += ["", f"Citation: {citation(cable)}", *provenance_lines(corpus, cable)]
    return "\n".join(line for i, line in enumerate(lines) if line or (i and lines[i - 1])) + "\n"


def cable_view(corpus: Corpus, match, translation: str, *, width: int | None = None):
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    from magiccli.views.terminal import style_of

    cable = match.cable
    style = style_of(cable)
    head = Text()
    head.append(f"{sent(cable)}", style="bold")
    if cable.markings:
        head.append(f" · {', '.join(cable.markings)}", style="italic")
    if cable.in_reply_to:
        head.append(f"\nin reply to {reply_refs(answered(corpus, cable))}")
    head.append(f"\n{cable.id} · matched {match.matched_on}", style="dim")
    head.append(f"\n{cable.title}", style="italic")
    parts: list[Panel | Padding | Text] = [
        Panel(
            head,
            title=Text(cable_heading(corpus, cable), style=style),
            title_align="left",
            border_style=style,
            width=width,
        )
    ]
    if translation in ("frus", "all"):
        if translation == "all":
            parts.append(Text(text_heading(cable), style="bold underline"))
        parts += [Padding(Text(p), (0, 0, 1, 2)) for p in cable.paragraphs]
        if not cable.complete:
            parts.append(Padding(Text(incomplete_notice(cable), style="bold yellow"), (0, 0, 1, 2)))
    if translation in ("magic", "all"):
        parts += _magic(cable)
    if cable.footnotes:
        notes = Text("Editorial notes (FRUS)\n", style="bold")
        for f in cable.footnotes:
            notes.append(f"{f.n}. ", style="bold")
            notes.append(f.text + ("" if f.complete else " [cut off]") + "\n")
        parts.append(Padding(notes, (0, 0, 0, 2)))
    if cited := cross_references(corpus, cable):
        parts.append(Padding(Text(cited[0], style="bold").append("\n" + "\n".join(cited[1:])), (0, 0, 0, 2)))
    provenance = Text("\n").join(Text(line, style="dim") for line in provenance_lines(corpus, cable))
    parts.append(
        Padding(
            Text("Citation: ", style="bold").append(citation(cable), style="dim").append("\n").append(provenance),
            (0, 0, 1, 2),
        )
    )
    return Group(*parts)


def _magic(cable: Cable) -> list:
    from rich.padding import Padding
    from rich.text import Text

    if not cable.translations:
        return [Padding(Text(no_wording(cable), style="dim"), (0, 0, 1, 2))]
    parts: list[Padding | Text] = []
    for t in cable.translations:
        parts.append(Text(f"MAGIC summary wording · {translation_date(t)} · match {t.match}", style="bold underline"))
        parts += [Padding(Text(p, style="italic"), (0, 0, 0, 2)) for p in t.text.split("\n") if p.strip()]
        parts.append(Padding(Text("\n".join(wording_sources(t)), style="dim"), (0, 0, 1, 2)))
    return parts
