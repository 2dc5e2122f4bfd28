"""A cable's FRUS text beside each MAGIC wording of it: side by side on a wide terminal, one after the other in a
pipe, the words only one side has marked (wdiff's markers in a pipe)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from magiccli.compare import Pair, Span
from magiccli.model import Cable, Corpus, Entry, to_dict
from magiccli.output import Table, View
from magiccli.views.wording import (
    cable_heading,
    incomplete_notice,
    sent,
    text_provenance,
    translation_date,
    wording_sources,
)

if TYPE_CHECKING:
    from rich.console import Console


def pairs_view(corpus: Corpus, pairs: list[Pair]) -> View:
    return View(
        table=lambda: compare_table(pairs),
        terminal=lambda out: compare(out, corpus, pairs),
        paged=True,
        plain=lambda: "\n".join(pair_document(corpus, p) for p in pairs),
    )


# wdiff's markers: words only the FRUS text has, and words only the MAGIC wording has
FRUS_ONLY = ("[-", "-]")
MAGIC_ONLY = ("{+", "+}")


def marked(text: str, spans: list[Span], markers: tuple[str, str]) -> str:
    """The text with each span between the two markers."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], markers[0], text[start:end], markers[1]]
        last = end
    return "".join(out + [text[last:]])


def without_wording(corpus: Corpus, cables: list[Cable], having: list[Entry]) -> str:
    """Why compare has nothing to show, and the cables (Index.with_wordings) it could show."""
    names = ", ".join(cable_heading(corpus, c) for c in cables)
    return f"no MAGIC summary wording is known for {names}; cables with one: " + ", ".join(
        c.telegram_no or c.id for c in having
    )


def without_wording_graded(corpus: Corpus, cables: list[Cable], least: str) -> str:
    """Why compare has nothing to show when the cables' MAGIC wordings (model.graded) rest on no source graded
    ``least`` or better."""
    names = ", ".join(cable_heading(corpus, c) for c in cables)
    return f"no MAGIC summary wording of {names} comes from a source graded {least} or better"


def pair_heading(corpus: Corpus, pair: Pair) -> str:
    return f"{cable_heading(corpus, pair.cable)} · {sent(pair.cable)}"


def frus_label(pair: Pair) -> str:
    """What the cable's text is: a FRUS translation by its reference, or the text of another edition or archive."""
    ref = pair.cable.citation.ref
    return f"FRUS translation ({ref})" if ref else f"Text ({pair.cable.citation.volume_title})"


def magic_label(pair: Pair) -> str:
    wording = pair.wording
    return f"MAGIC summary wording ({wording.id}; {translation_date(wording)}; match {wording.match})"


def pair_document(corpus: Corpus, pair: Pair) -> str:
    """One pair as plain text for a pipe: the FRUS text, then the MAGIC wording, changed words marked."""
    lines = [
        f"== {pair_heading(corpus, pair)} ==",
        text_provenance(pair.cable),
        f"{frus_label(pair)}:",
        marked(pair.cable.text, pair.frus_changes, FRUS_ONLY),
    ]
    if not pair.cable.complete:
        lines.append(incomplete_notice(pair.cable))
    lines += [
        "",
        f"{magic_label(pair)}:",
        marked(pair.wording.text, pair.magic_changes, MAGIC_ONLY),
        *(f"  {line}" for line in wording_sources(pair.wording)),
    ]
    return "\n".join(lines) + "\n"


def compare_table(found: list[Pair]) -> Table:
    rows = [
        {
            "cable": p.cable.id,
            "telegram_no": p.cable.telegram_no or "",
            "translation": p.wording.id,
            "frus": marked(p.cable.text, p.frus_changes, FRUS_ONLY),
            "magic": marked(p.wording.text, p.magic_changes, MAGIC_ONLY),
        }
        for p in found
    ]
    for row, p in zip(rows, found):
        row["grade"] = p.wording.source.grade or ""
    objects = [
        {
            **row,
            "frus_complete": p.cable.complete,
            "source": to_dict(p.wording.source),
            "other_sources": [to_dict(s) for s in p.wording.other_sources],
            "witnesses": [to_dict(w) for w in p.wording.witnesses],
            "text_from": to_dict(p.cable.text_from) if p.cable.text_from else None,
        }
        for row, p in zip(rows, found)
    ]
    return Table(["cable", "telegram_no", "translation", "grade", "frus", "magic"], rows, objects)


SIDE_BY_SIDE_WIDTH = 120  # narrower than this, two columns of prose get too thin to read
FRUS_ONLY_STYLE = "bold black on bright_red"
MAGIC_ONLY_STYLE = "bold black on bright_green"


def compare(out: Console, corpus: Corpus, pairs) -> None:
    from rich.console import Group
    from rich.table import Table as Grid
    from rich.text import Text

    from magiccli.views.terminal import style_of

    for pair in pairs:
        frus = _marked_paragraphs(pair.cable.text, pair.frus_changes, FRUS_ONLY_STYLE)
        if not pair.cable.complete:
            frus.append(Text(incomplete_notice(pair.cable), style="bold yellow"))
        magic = _marked_paragraphs(pair.wording.text, pair.magic_changes, MAGIC_ONLY_STYLE, style="italic")
        magic.append(Text("\n".join(wording_sources(pair.wording)), style="dim"))
        heading = Text(pair_heading(corpus, pair), style=style_of(pair.cable) + " underline")
        heading.append("\n" + text_provenance(pair.cable), style="dim")
        frus_title, magic_title = Text(frus_label(pair), style="bold"), Text(magic_label(pair), style="bold")
        if out.width >= SIDE_BY_SIDE_WIDTH:
            table = Grid(box=None, padding=(0, 2, 0, 0), expand=True)
            table.add_column(frus_title, ratio=1)
            table.add_column(magic_title, ratio=1)
            table.add_row(Group(*frus), Group(*magic))
            out.print(Group(heading, table, Text()))
        else:
            out.print(Group(heading, frus_title, *frus, magic_title, *magic, Text()))


def _marked_paragraphs(text: str, spans, marked_style: str, style: str = "") -> list:
    from rich.padding import Padding
    from rich.text import Text

    body = Text(text, style=style)
    for start, end in spans:
        body.stylize(marked_style, start, end)
    return [Padding(paragraph, (0, 0, 1, 0)) for paragraph in body.split("\n\n") if paragraph.plain.strip()]
