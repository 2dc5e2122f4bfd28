"""A cable's FRUS text beside each MAGIC wording of it: side by side on a wide terminal, one after the other in a
pipe, the words only one side has marked (wdiff's markers in a pipe)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from magiccli.compare import Pair, Span
from magiccli.model import Corpus, Entry, to_dict
from magiccli.output import Table, View
from magiccli.query import CableMatch
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


def pairs_view(found: Iterable[tuple[Corpus, Pair]]) -> View:
    """The pairs, each with the corpus its cable stands in, each written as it comes."""
    found = iter(found)  # read once, by whichever form is shown
    return View(
        table=lambda: compare_table(pair for _, pair in found),
        terminal=lambda out: compare(out, found),
        paged=True,
        plain=lambda: (("\n" if n else "") + pair_document(corpus, p) for n, (corpus, p) in enumerate(found)),
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


def without_wording(named: list[tuple[Corpus, CableMatch]], count: int, having: list[Entry]) -> str:
    """Why compare has nothing to show: the cables named (the first ``named`` of ``count``) have no MAGIC wording;
    and the cables (Index.with_wordings) it could show."""
    return f"no MAGIC summary wording is known for {_names(named, count)}; cables with one: " + ", ".join(
        c.telegram_no or c.id for c in having
    )


def without_wording_graded(named: list[tuple[Corpus, CableMatch]], count: int, least: str) -> str:
    """Why compare has nothing to show when the cables' MAGIC wordings (model.graded) rest on no source graded
    ``least`` or better."""
    return f"no MAGIC summary wording of {_names(named, count)} comes from a source graded {least} or better"


def _names(named: list[tuple[Corpus, CableMatch]], count: int) -> str:
    """The cables' headings, and how many more there were."""
    names = ", ".join(cable_heading(corpus, match.cable) for corpus, match in named)
    return names if count == len(named) else f"{names} and {count - len(named):,} more"


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


def compare_table(found: Iterable[Pair]) -> Table:
    """A row a pair for the tabular formats, an object a pair for JSON: emit reads one of them, as they come."""
    found = iter(found)
    rows = (_row(p) for p in found)
    objects = (
        {
            **_row(p),
            "frus_complete": p.cable.complete,
            "source": to_dict(p.wording.source),
            "other_sources": [to_dict(s) for s in p.wording.other_sources],
            "witnesses": [to_dict(w) for w in p.wording.witnesses],
            "text_from": to_dict(p.cable.text_from) if p.cable.text_from else None,
        }
        for p in found
    )
    return Table(["cable", "telegram_no", "translation", "grade", "frus", "magic"], rows, objects)


def _row(p: Pair) -> dict:
    return {
        "cable": p.cable.id,
        "telegram_no": p.cable.telegram_no or "",
        "translation": p.wording.id,
        "frus": marked(p.cable.text, p.frus_changes, FRUS_ONLY),
        "magic": marked(p.wording.text, p.magic_changes, MAGIC_ONLY),
        "grade": p.wording.source.grade or "",
    }


SIDE_BY_SIDE_WIDTH = 120  # narrower than this, two columns of prose get too thin to read
FRUS_ONLY_STYLE = "bold black on bright_red"
MAGIC_ONLY_STYLE = "bold black on bright_green"


def compare(out: Console, found: Iterable[tuple[Corpus, Pair]]) -> None:
    from rich.console import Group
    from rich.table import Table as Grid
    from rich.text import Text

    from magiccli.views.terminal import style_of

    for corpus, pair in found:
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
