"""Command lines read without typer's parsing. Recent typer releases convert each parameter through a pydantic
adapter, and importing pydantic for that is a third of a lookup's time. A line whose every word this module can
read as its function declares it (typer's Annotated options and arguments) is turned into a call of the function;
anything else — --help, a value a parameter refuses, an unknown or repeated option, no command at all — is left
to typer, which says what is wrong in its own words. tests/test_cli.py runs lines both ways and compares them."""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Optional

from typer.models import ArgumentInfo, OptionInfo
from typer.utils import get_params_from_function


class _Unread(Exception):
    """A word this module leaves to typer."""


@dataclass(frozen=True)
class _Param:
    name: str
    kind: type  # bool, int, str, Path or an Enum, after Optional[...] and list[...] are taken off
    many: bool  # list[...]: repeatable
    info: OptionInfo | ArgumentInfo

    def value(self, word: str):
        if self.kind is bool or self.info.callback is not None:
            raise _Unread  # a flag takes no value; a callback (--version) is typer's
        if issubclass(self.kind, Enum):
            try:
                return self.kind(word)
            except ValueError:
                raise _Unread from None
        if self.kind is int:
            try:
                return int(word)  # its range is the command's to check (options.within), as typer's parsing leaves it
            except ValueError:
                raise _Unread from None
        if self.kind in (str, Path):
            return self.kind(word)
        raise _Unread  # a type magiccli does not use yet


@cache
def _params(function: Callable) -> tuple[dict[str, tuple[_Param, Any]], list[_Param]]:
    """The function's options by each of their names (with the value a flag name gives) and its arguments in order,
    as typer reads them off its signature."""
    options, arguments = {}, []
    for name, meta in get_params_from_function(function).items():
        kind, info = meta.annotation, meta.default
        if typing.get_origin(kind) is typing.Union:  # Optional[X]
            kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
        many = typing.get_origin(kind) is list
        kind = typing.get_args(kind)[0] if many else kind
        param = _Param(name, kind, many, info)
        if isinstance(info, ArgumentInfo):
            arguments.append(param)
            continue
        for declared in info.param_decls or ("--" + name.replace("_", "-"),):
            on, _, off = declared.partition("/")
            options[on] = (param, True)
            if off:
                options[off] = (param, False)
    return options, arguments


def _read(function: Callable, words: list[str], *, stop_at_word: bool = False) -> tuple[dict, list[str]]:
    """The keyword arguments ``words`` give ``function`` and, with ``stop_at_word``, the words from its first
    positional word on (a command line's main options, then its command)."""
    options, arguments = _params(function)
    given: dict[str, Any] = {}
    positional = []
    words = list(words)
    while words:
        word = words.pop(0)
        if word == "-" or not word.startswith("-"):
            if stop_at_word:
                return given, [word, *words]
            positional.append(word)
            continue
        name, equals, attached = word.partition("=")
        if name not in options:
            raise _Unread  # --help, an unknown option, a cluster of short flags, --
        param, flag_value = options[name]
        if param.name in given and not param.many:
            raise _Unread  # typer keeps the last; this module leaves such a line to typer rather than guess
        if param.kind is bool and param.info.callback is None:
            if equals:
                raise _Unread
            given[param.name] = flag_value
            continue
        if not equals:
            if not words:
                raise _Unread
            attached = words.pop(0)
        value = param.value(attached)
        given[param.name] = [*given.get(param.name, []), value] if param.many else value
    if len(positional) > len(arguments):
        raise _Unread
    for param, word in zip(arguments, positional):
        given[param.name] = param.value(word)
    if any(param.info.default is ... and param.name not in given for param in arguments):
        raise _Unread  # a missing argument: typer's message
    return given, []


def direct_call(main_options: Callable, commands: dict[str, Callable], words: list[str]) -> Optional[Callable[[], Any]]:
    """A call running the command line ``words`` (main options, a command of ``commands``, its words), or None
    for a line left to typer."""
    try:
        main_given, rest = _read(main_options, words, stop_at_word=True)
        if not rest or rest[0] not in commands:
            return None
        command = commands[rest[0]]
        given, _ = _read(command, rest[1:])
    except _Unread:
        return None

    def call():
        main_options(**main_given)
        return command(**given)

    return call
