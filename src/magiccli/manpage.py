"""The manual page, written from the definitions --help prints (the typer application's commands, options, help
and epilogs, and the exit statuses of magiccli.app.Exit), so that the two cannot disagree:

    python -m magiccli.manpage > docs/magiccli.1

tests/test_help.py checks that the committed page is what this module writes now."""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Iterator
from typing import Any

import typer.main
import typer.utils

from magiccli import __version__
from magiccli.app import Exit, app

SYNOPSIS = r"\fBmagiccli\fR [\fIOPTIONS\fR] \fICOMMAND\fR [\fIARGS\fR]..."


def manual() -> str:
    """The manual page, in roff (man(7))."""
    root = typer.main.get_command(app)
    context = root.context_class(root, info_name="magiccli", **root.context_settings)
    lines = [
        f'.TH MAGICCLI 1 "" "magiccli {__version__}" "User Commands"',
        ".nh",
        ".ad l",  # no word broken at a line's end, no spaces stretched between words
        ".SH NAME",
        rf"magiccli \- {_text(_first_sentence(root.help))}",
        ".SH SYNOPSIS",
        SYNOPSIS,
        ".SH DESCRIPTION",
        *_paragraphs(root.help),
        ".PP",
        r"Every command takes \fB\-h\fR, \fB\-\-help\fR: its options and examples.",
        ".SH OPTIONS",
        *_options(root, context, with_help=True),
    ]
    lines.append(".SH COMMANDS")
    examples = []
    for path, command, command_context in _commands(root, context):
        lines += [f'.SS "{_text(_usage(path, command, command_context))}"', *_paragraphs(command.help)]
        lines += _options(command, command_context)
        examples += _examples(command.epilog)
    lines += [".SH EXIT STATUS", *_exit_statuses()]
    lines += [".SH EXAMPLES"]
    for example in examples:
        lines += [".PP", ".EX", _text(example), ".EE"]
    lines += [
        ".SH SEE ALSO",
        "The README of magiccli: the corpus, its sources and grades, and every command at length.",
    ]
    return "\n".join(lines) + "\n"


def _commands(group, context) -> Iterator[tuple[list[str], Any, Any]]:
    """Each command under ``group`` (the groups' subcommands in their place) with its name path and a context."""
    for name in list(group.commands):
        command = group.commands[name]
        command_context = command.context_class(command, info_name=name, parent=context)
        if hasattr(command, "commands"):
            for path, sub, sub_context in _commands(command, command_context):
                yield [name, *path], sub, sub_context
        else:
            yield [name], command, command_context


def _usage(path: list[str], command, context) -> str:
    """The usage line --help prints: the command, [OPTIONS], then its arguments."""
    return " ".join(["magiccli", *path, *command.collect_usage_pieces(context)])


def _options(command, context, with_help: bool = False) -> list[str]:
    """The command's arguments and options as tagged paragraphs, in --help's order; -h only ``with_help`` (the
    main options: the description says that every command takes it)."""
    lines = []
    for param in command.get_params(context):
        if "--help" in param.opts and not with_help:
            continue
        if param.param_type_name == "argument":
            label = rf"\fI{_text(param.metavar or param.name.upper())}\fR"
            lines += [".TP", label, _text(_help(param) or _declared_help(command, param.name))]
            continue
        else:
            names = ", ".join(rf"\fB{_text(name)}\fR" for name in _shortest_last(param.opts) + param.secondary_opts)
            value = "" if getattr(param, "is_flag", False) else rf" \fI{_text(param.metavar or param.name.upper())}\fR"
            label = names + value
        lines += [".TP", label, _text(_help(param))]
    return lines


def _declared_help(command, name: str) -> str:
    """An argument's help as the command's function declares it (typer before 0.20 keeps none on the argument)."""
    declared = typer.utils.get_params_from_function(inspect.unwrap(command.callback))[name].default
    return " ".join((getattr(declared, "help", None) or "").split())


def _shortest_last(names: list[str]) -> list[str]:
    """A long name before its short flag, as --help lists them."""
    return sorted(names, key=lambda name: not name.startswith("--"))


def _help(param) -> str:
    """The parameter's help, and its default where --help shows one."""
    text = " ".join((getattr(param, "help", None) or "").split())
    default = getattr(param.default, "value", param.default)
    if getattr(param, "show_default", False) is True and default not in (None, False, True, ()):
        text += f" Default: {default}."
    return text


def _paragraphs(help_text: str | None) -> list[str]:
    return [
        line for paragraph in (help_text or "").split("\n\n") for line in (".PP", _text(" ".join(paragraph.split())))
    ]


def _first_sentence(help_text: str | None) -> str:
    """The help's first paragraph as NAME gives it: lower case first, no full stop."""
    first = " ".join((help_text or "").split("\n\n")[0].split()).rstrip(".")
    return first[:1].lower() + first[1:]


def _examples(epilog: str | None) -> list[str]:
    """The example command lines of an epilog (commands.examples wrote it)."""
    return [line.strip() for line in (epilog or "").splitlines()[1:] if line.strip()]


def _exit_statuses() -> list[str]:
    """magiccli.app.Exit, each status with the comment its definition carries."""
    said = {}
    for line in inspect.getsource(Exit).splitlines():
        found = re.match(r"\s*([A-Z_]+) = .*?#\s*(.+)", line)
        if found:
            said[found[1]] = found[2].strip()
    lines = []
    for status in Exit:
        meaning = said.get(status.name, "success" if status == 0 else status.name.lower().replace("_", " "))
        lines += [".TP", rf"\fB{int(status)}\fR", _text(meaning[:1].upper() + meaning[1:])]
    return lines


def _text(text: str) -> str:
    """Text roff prints as written: backslashes, hyphens and non-ASCII characters escaped, no line taken for a
    request."""
    escaped = text.replace("\\", r"\e").replace("-", r"\-")
    escaped = "".join(char if char.isascii() else rf"\[u{ord(char):04X}]" for char in escaped)  # no preconv needed
    return r"\&" + escaped if escaped.startswith((".", "'")) else escaped


def main() -> None:
    sys.stdout.write(manual())


if __name__ == "__main__":
    main()
