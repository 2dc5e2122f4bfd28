"""magiccli's commands, a module each: each reads its options and hands them to the stages (index → query → views →
output). A module registers its command here with ``command``; magiccli.app builds a command's typer parameters only
when it is the one run."""

from __future__ import annotations

from collections.abc import Callable

Registered = tuple[Callable, dict]
COMMANDS: dict[str, Registered] = {}  # top-level commands by name, in the order --help lists them
GROUPS: dict[str, dict[str, Registered]] = {"corpus": {}}  # command groups: magiccli corpus validate, …
GROUP_HELP = {"corpus": "Check and describe the corpus."}


def command(name: str | None = None, *, group: str | None = None, **settings) -> Callable[[Callable], Callable]:
    """Register a command (in ``group``, for ``magiccli GROUP NAME``) with typer's command settings (epilog, …)."""

    def register(function: Callable) -> Callable:
        table = GROUPS[group] if group else COMMANDS
        table[name or function.__name__.replace("_", "-")] = (function, {"help": _prose(function.__doc__), **settings})
        return function

    return register


def _prose(doc: str | None) -> str:
    """A docstring as help prints it: each paragraph one line, which the help then wraps to the terminal's width."""
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in (doc or "").split("\n\n"))


def examples(*lines: str) -> str:
    """An epilog of example command lines, as --help prints them."""
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in lines)


from magiccli.commands import cable, cite, compare, corpus, export, quote, show, thread, timeline, who  # noqa: E402  (each module registers its command, in --help's order)

__all__ = [
    "COMMANDS",
    "GROUPS",
    "cable",
    "cite",
    "command",
    "compare",
    "corpus",
    "examples",
    "export",
    "quote",
    "show",
    "thread",
    "timeline",
    "who",
]
