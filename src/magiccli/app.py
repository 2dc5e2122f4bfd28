"""The magiccli application: the main options, the commands (commands/) as typer builds them, and ``run``, the one
place where a command line's work is done and every failure becomes one line on stderr and an exit code.

``main`` is what the installed script and the tests run: a command line magiccli.direct can read whole is called
without typer's parsing (see direct.py), any other goes through typer, which explains what is wrong with it."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from enum import IntEnum
from itertools import pairwise
from typing import Annotated, Any, Optional

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from magiccli import __version__
from magiccli.commands import COMMANDS, GROUP_HELP, GROUPS, Registered
from magiccli.commands.common import added_corpora
from magiccli.errors import CommandError, CorpusError, UsageProblem
from magiccli.index import discard_damaged_index
from magiccli.options import _option
from magiccli.output import fail
from magiccli.processes import TERMINATED, end_on_sigterm, terminating

try:  # typer 0.29 carries its own copy of click; older releases use click itself
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException, NoArgsIsHelpError, UsageError  # type: ignore[no-redef,import-not-found]


class Exit(IntEnum):
    """magiccli's exit statuses (the README's table)."""

    OK = 0
    NOTHING_FOUND = 1  # nothing matches; or the output, or the index with corpus reindex, could not be written
    USAGE = 2  # a malformed reference or option, bad data in the corpus
    INTERRUPTED = 130  # Ctrl-C
    BROKEN_PIPE = 141  # the reader went away
    TERMINATED = TERMINATED  # SIGTERM


class _FlagsTakeNoValue:
    """Help shows a flag as ``--list``, not ``--list <bool>``, and an argument by its metavar alone, not
    ``REF <str>`` (typer 0.29 shows every parameter's type)."""

    def get_params(self, ctx):
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False):
                param.metavar = ""
            elif param.param_type_name == "argument":
                param.display_type_rich = lambda ctx: None
        return params


class FlagCommand(_FlagsTakeNoValue, TyperCommand):
    def collect_usage_pieces(self, ctx) -> list[str]:
        """The usage line as the tools people know write it, in every typer release: ``REF`` for a required
        argument (typer 0.29 writes ``{ref}``), ``[REF]`` for an optional one, ``[PATH]...`` for several."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or param.name.upper()
                pieces.append((name if param.required else f"[{name}]") + ("..." if param.nargs != 1 else ""))
        return pieces


class FlagGroup(_FlagsTakeNoValue, TyperGroup):
    pass


class _Commands(MutableMapping):
    """The subcommands by name, each built by typer when first looked up: a run builds only its own command's
    parameters, where building all of them would cost every lookup some 20 ms."""

    def __init__(self, commands: dict[str, Registered], groups: dict[str, dict[str, Registered]]):
        self._commands, self._groups = commands, groups
        self._built: dict = {}

    def __getitem__(self, name: str):
        if name not in self._built:
            if name in self._groups:
                group = typer.Typer(cls=FlagGroup, help=GROUP_HELP[name], no_args_is_help=True, add_completion=False)
                for sub, (function, settings) in self._groups[name].items():
                    group.command(sub, cls=FlagCommand, **settings)(function)
                source = group
            else:
                function, settings = self._commands[name]
                source = typer.Typer(add_completion=False)
                source.command(cls=FlagCommand, **settings)(function)
            command = typer.main.get_command(source)
            command.name = name
            self._built[name] = command
        return self._built[name]

    def __setitem__(self, name: str, command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("magiccli's commands are fixed")

    def __iter__(self) -> Iterator[str]:
        return iter({**self._commands, **self._groups, **self._built})

    def __len__(self) -> int:
        return len({**self._commands, **self._groups, **self._built})


class MagicGroup(FlagGroup):
    """magiccli itself: its commands are built when looked up (_Commands), and every failure is one line (run)."""

    def __init__(self, **settings):
        super().__init__(**settings)
        self.commands = _Commands(COMMANDS, GROUPS)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        import rich.console

        # rich ends a write into a closed pipe with exit 1 (help printed into `| head -1`); magiccli's rule for a
        # reader gone away is run()'s: silently, exit 141, as for every data command
        rich.console.Console.on_broken_pipe = _pipe_closed  # type: ignore[method-assign,assignment]

        def parse() -> Any:
            try:
                return super(MagicGroup, self).main(
                    args=args,
                    prog_name=prog_name or "magiccli",
                    complete_var=complete_var,
                    standalone_mode=False,
                    windows_expand_args=windows_expand_args,
                    **extra,
                )
            except SystemExit as done:
                # click ends a write into a closed pipe (help with rich before 13) with exit 1, once it has wrapped
                # stdout to keep quiet at exit: the same reader gone away as any other, for run() to say 141
                if done.code == 1 and "PacifyFlushWrapper" in type(sys.stdout).__name__:
                    raise BrokenPipeError from None
                raise

        code = run(parse)
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=MagicGroup,
    help="Read the 1945 Togo–Sato peace-feeler cables (FRUS, MAGIC) and the events around them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"magiccli {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    corpora: Annotated[
        Optional[list[str]],
        _option(
            "--corpus",
            metavar="FOLDER",
            help="Also read the corpus files in this folder (repeatable; MAGICCLI_CORPUS takes a list too).",
        ),
    ] = None,
    version: Annotated[
        Optional[bool],
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="No progress display for long work (an index build, a search that reads every record).",
        ),
    ] = False,
):
    """Read the 1945 Togo–Sato peace-feeler cables (FRUS, MAGIC) and the events around them."""
    from magiccli import progress

    added_corpora[:] = corpora or []
    progress.quiet = quiet


def run(call: Callable[[], object]) -> int:
    """The exit status of ``call``, a command line's work, with every failure turned into one line on stderr: the
    output written and flushed here, so that a failing write (a full disk) is one of them too."""
    if sys.stderr is None:  # started with stderr closed: print(file=None) would send warnings into stdout
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115  for the whole run; it also takes fd 2, so that no other file can
    if sys.stdout is None:  # started with stdout closed: any file opened now could take its place as fd 1
        fail("cannot write the output: standard output is closed")
        return Exit.NOTHING_FOUND
    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 locale gets "?" for →, not an encoding error
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        with end_on_sigterm():
            code = call()
            sys.stdout.flush()
        return code if isinstance(code, int) else Exit.OK
    except typer.Exit as done:  # raised by an eager option (--version)
        return done.exit_code
    except NoArgsIsHelpError as err:
        print(err.format_message())
        return Exit.USAGE
    except UsageError as err:
        command = err.ctx.command_path if err.ctx else "magiccli"
        fail(f"{' '.join(err.format_message().split())} (see '{command} --help')")
        return Exit.USAGE
    except ClickException as err:
        fail(err.format_message())
        return err.exit_code
    except (typer.Abort, KeyboardInterrupt):
        return Exit.INTERRUPTED
    except CommandError as err:
        if terminating():  # SIGTERM, come back as a lost worker: the run ends as terminated, without a word
            return Exit.TERMINATED
        fail(str(err))
        return err.exit_code
    except CorpusError as err:
        fail("the corpus has problems:", err.problems)
        return Exit.USAGE
    except BrokenPipeError:
        _stdout_to_devnull()
        return Exit.BROKEN_PIPE
    except sqlite3.DatabaseError as err:  # an index damaged where no check before the query could see
        fail(discard_damaged_index(err))
        return Exit.NOTHING_FOUND
    except OSError as err:  # the output could not be written (a full disk, a closed stream) or a file it was sent to
        if err.filename is None:
            _stdout_to_devnull()
        fail(f"cannot write {err.filename or 'the output'}: {err.strerror or err}")
        return Exit.NOTHING_FOUND


def _pipe_closed(console) -> None:
    raise BrokenPipeError


def _stdout_to_devnull() -> None:
    """The reader went away (``| head``) or the output cannot be written: say nothing more there, and keep Python
    from complaining when it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


# Options whose value is a file or folder name, which may be any bytes the file system allows; every other argument
# is text, and one that is not UTF-8 (Python hands its bytes over as lone surrogates) is refused as it comes in.
_NAME_OPTIONS = ("--corpus", "--svg", "--html")


def _not_utf8(words: list[str]) -> str | None:
    """The first argument that is not UTF-8 text and names no file, or None."""
    names_files = ("corpus", "validate") in pairwise(words)  # its arguments are folders and files
    for before, word in zip(["", *words], words):
        if word.isascii() or not _SURROGATE.search(word):
            continue
        if not (names_files or before in _NAME_OPTIONS or word.startswith(tuple(o + "=" for o in _NAME_OPTIONS))):
            return word
    return None


_SURROGATE = re.compile("[\udc80-\udcff]")


def _refuse(word: str):
    raise UsageProblem(f"an argument is not UTF-8 text: '{word}' (only file and folder names may be other bytes)")


def main(args: list[str] | None = None) -> None:
    """Run the command line ``args`` (default: the process's) and exit with its status."""
    from magiccli.direct import direct_call

    words = sys.argv[1:] if args is None else list(args)
    not_text = _not_utf8(words)
    if not_text:
        sys.exit(run(lambda: _refuse(not_text)))
    functions = {name: function for name, (function, _) in COMMANDS.items()}
    call = None if "_MAGICCLI_COMPLETE" in os.environ else direct_call(main_options, functions, words)
    if call is None:
        app(args=words, prog_name="magiccli")
    else:
        sys.exit(run(call))
