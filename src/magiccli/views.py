"""Terminal views (rich) of the thread, who, compare and quote --by commands; terminal.py holds the older ones."""

from __future__ import annotations

from itertools import chain

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from magiccli import render
from magiccli.model import Corpus
from magiccli.terminal import print_in_grids, style_of
from magiccli.thread import Link, link_label


def thread_tree(out: Console, corpus: Corpus, links: list[Link]) -> None:
    root_link = next(link for link in links if link.depth == 0)
    tree = Tree(_link_text(corpus, root_link), guide_style="dim")
    for name, side in (("answers", [l for l in links if l.depth < 0]), ("answered by", [l for l in links if l.depth > 0])):
        if side:
            _grow(tree.add(Text(name, style="bold")), corpus, side)
    out.print(tree)


def _grow(branch: Tree, corpus: Corpus, links: list[Link]) -> None:
    """Nest the depth-first links under ``branch``: each link hangs from the last one a step nearer the root."""
    stack = [branch]
    for link in links:
        level = abs(link.depth)
        del stack[level:]
        stack.append(stack[-1].add(_link_text(corpus, link)))


def _link_text(corpus: Corpus, link: Link) -> Text:
    if link.cable is None:
        return Text(link_label(corpus, link), style="dim")
    cable = link.cable
    text = Text(link_label(corpus, link), style=style_of(cable) + (" underline" if link.depth == 0 else ""))
    text.append(f"  {cable.date} {render.local_time(cable)}".rstrip(), style="dim")
    text.append(f"  {cable.title}")
    if link.note:
        text.append(f"  ({link.note})", style="dim italic")
    return text


def register(out: Console, corpus: Corpus) -> None:
    from magiccli.register import lifespan

    table = Table(box=None, header_style="bold", pad_edge=False)
    for name in ("name", "lived", "nationality", "role in 1945"):
        table.add_column(name, no_wrap=name in ("lived", "nationality"))
    for person in sorted(corpus.people.values(), key=lambda p: p.id):
        name = Text.assemble((person.name, "bold"), (f" {person.native_name}" if person.native_name else "", "dim"))
        table.add_row(name, lifespan(person), person.nationality, person.role_1945)
    out.print(table)


def person(out: Console, person, appearances) -> None:
    from magiccli.register import lifespan

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
    columns = [{"no_wrap": True, "style": "dim"}, {"no_wrap": True, "style": "dim"}, {}]
    print_in_grids(out, columns, ((entry.date, role, Text(entry.label, style=style_of(entry)))
                                  for entry, role in chain([first], rows)), indent=2)
    out.print()


SIDE_BY_SIDE_WIDTH = 120  # narrower than this, two columns of prose get too thin to read
FRUS_ONLY_STYLE = "bold black on bright_red"
MAGIC_ONLY_STYLE = "bold black on bright_green"


def compare(out: Console, corpus: Corpus, pairs) -> None:
    from magiccli import compare as cmp

    for pair in pairs:
        frus = _marked_paragraphs(pair.cable.text, pair.frus_changes, FRUS_ONLY_STYLE)
        if not pair.cable.complete:
            frus.append(Text(render.incomplete_notice(pair.cable), style="bold yellow"))
        magic = _marked_paragraphs(pair.wording.text, pair.magic_changes, MAGIC_ONLY_STYLE, style="italic")
        magic.append(Text("\n".join(render.wording_sources(pair.wording)), style="dim"))
        heading = Text(cmp.pair_heading(corpus, pair), style=style_of(pair.cable) + " underline")
        frus_label, magic_label = Text(cmp.frus_label(pair), style="bold"), Text(cmp.magic_label(pair), style="bold")
        if out.width >= SIDE_BY_SIDE_WIDTH:
            table = Table(box=None, padding=(0, 2, 0, 0), expand=True)
            table.add_column(frus_label, ratio=1)
            table.add_column(magic_label, ratio=1)
            table.add_row(Group(*frus), Group(*magic))
            out.print(Group(heading, table, Text()))
        else:
            out.print(Group(heading, frus_label, *frus, magic_label, *magic, Text()))


def _marked_paragraphs(text: str, spans, marked_style: str, style: str = "") -> list:
    body = Text(text, style=style)
    for start, end in spans:
        body.stylize(marked_style, start, end)
    return [Padding(paragraph, (0, 0, 1, 0)) for paragraph in body.split("\n\n") if paragraph.plain.strip()]


BAR_WIDTH = 40


def histogram(out: Console, rows: list[dict], by: str) -> None:
    most = max(r["count"] for r in rows)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(by, style="dim", no_wrap=True)
    grid.add_column("count", justify="right")
    grid.add_column("bar")
    for row in rows:
        bar = "█" * round(row["count"] * BAR_WIDTH / most) if row["count"] else ""
        grid.add_row(row["period"], str(row["count"]), Text(bar, style="bright_cyan"))
    out.print(grid)
