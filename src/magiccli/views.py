"""Terminal views (rich) of the thread, who, compare and quote --by commands; terminal.py holds the older ones."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from magiccli import render
from magiccli.load import Corpus
from magiccli.terminal import style_of
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
    text.append(f"  {cable.date}" + (f" {cable.time}" if cable.time else ""), style="dim")
    text.append(f"  {cable.title}")
    if link.repeated:
        text.append("  (shown above)", style="dim italic")
    return text
