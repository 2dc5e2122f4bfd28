"""A reply chain: a tree on a terminal, a cable a line (with its depth) in a pipe."""

from __future__ import annotations

from typing import TYPE_CHECKING

from magiccli.model import Cable, Corpus
from magiccli.output import Table, View
from magiccli.thread import Link
from magiccli.views.wording import cable_heading, local_time, parties

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree


def thread_view(corpus: Corpus, links: list[Link]) -> View:
    return View(table=lambda: thread_table(corpus, links), terminal=lambda out: thread_tree(out, corpus, links))


def link_label(corpus: Corpus, link: Link) -> str:
    if link.cable is None:
        return f"No. {link.number} (not in the corpus)"
    return cable_heading(corpus, link.cable)


def no_thread_message(corpus: Corpus, cable: Cable, up: bool, down: bool) -> str:
    name = cable_heading(corpus, cable)
    if not up:
        return f"no cable in the corpus answers {name}"
    return f"{name} answers no telegram" + (", and no cable in the corpus answers it" if down else "")


def thread_table(corpus: Corpus, links: list[Link]) -> Table:
    columns = ["depth", "date", "telegram_no", "parties", "id", "via", "note", "title"]
    rows = []
    for link in links:
        cable = link.cable
        rows.append(
            {
                "depth": link.depth,
                "date": cable.date if cable else "",
                "telegram_no": (cable.telegram_no or "") if cable else link.number,
                "parties": parties(corpus, cable) if cable else "",
                "id": cable.id if cable else "",
                "via": link.via.id if link.via else "",
                "note": link.note,
                "title": cable.title if cable else "",
            }
        )
    return Table(columns, rows, rows)


def thread_tree(out: Console, corpus: Corpus, links: list[Link]) -> None:
    from rich.text import Text
    from rich.tree import Tree

    root_link = next(link for link in links if link.depth == 0)
    tree = Tree(_link_text(corpus, root_link), guide_style="dim")
    for name, side in (
        ("answers", [link for link in links if link.depth < 0]),
        ("answered by", [link for link in links if link.depth > 0]),
    ):
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
    from rich.text import Text

    from magiccli.views.terminal import style_of

    if link.cable is None:
        return Text(link_label(corpus, link), style="dim")
    cable = link.cable
    text = Text(link_label(corpus, link), style=style_of(cable) + (" underline" if link.depth == 0 else ""))
    text.append(f"  {cable.date} {local_time(cable)}".rstrip(), style="dim")
    text.append(f"  {cable.title}")
    if link.note:
        text.append(f"  ({link.note})", style="dim italic")
    return text
