"""Help that reads like prose: every command's --help without typer's internals or broken words, one meaning per
short flag across the commands, -V, and the manual page written from the same definitions."""

import re
import subprocess
import sys
from collections import defaultdict

import pytest
import typer.main

from magiccli import __version__
from magiccli.app import app

from .conftest import ROOT

# What typer shows of itself: a value range ([x>=1], [0<=x<=2000]) and a Python type (<str>, <list[str]>, <int>).
TYPER_INTERNALS = re.compile(r"x\s*[<>]=|<=\s*x|<(str|int|float|bool|path|list|text|integer)\b", re.IGNORECASE)


def _commands():
    """(the words that run it, the click command) for the application and every command and subcommand."""
    root = typer.main.get_command(app)
    found = [((), root)]
    for name in list(root.commands):
        command = root.commands[name]
        found.append(((name,), command))
        found += [((name, sub), command.commands[sub]) for sub in list(getattr(command, "commands", None) or [])]
    return found


COMMANDS = _commands()
PATHS = [" ".join(words) or "magiccli" for words, _ in COMMANDS]


@pytest.mark.parametrize("words, command", COMMANDS, ids=PATHS)
@pytest.mark.parametrize("columns", [80, 200])
def test_help_shows_no_typer_internals_and_breaks_no_word(cli, words, command, columns):
    shown = cli(*words, "--help", env={"COLUMNS": str(columns)})
    assert shown.exit_code == 0
    assert not TYPER_INTERNALS.search(shown.output), TYPER_INTERNALS.search(shown.output)
    said = " ".join(
        filter(
            None, [command.help, *(getattr(p, "help", None) for p in command.params if p.param_type_name == "option")]
        )
    )
    words_shown = set(re.findall(r"[\w'’-]+", shown.output))
    assert [word for word in re.findall(r"[\w'’-]+", said) if word not in words_shown] == []


def test_a_short_flag_means_the_same_option_in_every_command():
    meanings = defaultdict(set)  # -k: {"--kind"}
    shorts = defaultdict(set)  # --kind: {"-k"}
    for words, command in COMMANDS:
        context = command.context_class(
            command, info_name=words[-1] if words else "magiccli", **(command.context_settings or {})
        )
        for param in command.get_params(context):
            names = [*param.opts, *param.secondary_opts]
            long = tuple(sorted(name for name in names if name.startswith("--")))
            for short in (name for name in names if re.fullmatch(r"-\w", name)):
                meanings[short].add(long)
                shorts[long].add(short)
    assert {short: longs for short, longs in meanings.items() if len(longs) > 1} == {}
    assert {long: flags for long, flags in shorts.items() if len(flags) > 1} == {}
    assert {"-f", "-k", "-a", "-d", "-V", "-q", "-h"} <= set(meanings)


def test_short_v_prints_the_version(cli):
    result = cli("-V")
    assert (result.exit_code, result.output) == (0, f"magiccli {__version__}\n")


def test_a_range_an_option_states_is_checked_in_words(cli):
    limit = cli("timeline", "--limit", "0")
    assert (limit.exit_code, limit.output) == (2, "magiccli: --limit takes a number of 1 or more, not 0\n")
    context = cli("quote", "emperor", "--context", "2001")
    assert (context.exit_code, context.output) == (2, "magiccli: --context takes a number from 0 to 2000, not 2001\n")
    assert cli("quote", "emperor", "--context", "2000", "--count").exit_code == 0


def test_the_manual_page_is_what_the_definitions_write_now():
    written = subprocess.run([sys.executable, "-m", "magiccli.manpage"], capture_output=True, text=True, check=True)
    assert (ROOT / "docs" / "magiccli.1").read_text(encoding="utf-8") == written.stdout, (
        "docs/magiccli.1 is out of date: python -m magiccli.manpage > docs/magiccli.1"
    )


def test_the_manual_page_has_every_command_option_exit_status_and_example():
    page = (ROOT / "docs" / "magiccli.1").read_text(encoding="utf-8")
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS", "EXAMPLES"):
        assert f"\n.SH {section}\n" in page
    for words, command in COMMANDS[1:]:
        if not hasattr(command, "commands"):
            assert f'\n.SS "magiccli {" ".join(words)} [OPTIONS]' in page, words
        for param in command.params:
            for name in param.opts if param.param_type_name == "option" else ():
                assert rf"\fB{name.replace('-', chr(92) + '-')}\fR" in page, (words, name)
    for status in ("0", "1", "2", "130", "141", "143"):
        assert f"\n.TP\n\\fB{status}\\fR\n" in page
    assert "\n.EX\nmagiccli cable 932\n.EE\n" in page


def test_version(cli):
    from magiccli import __version__

    result = cli("--version")
    assert result.exit_code == 0
    assert result.output == f"magiccli {__version__}\n"


def test_help_reads_like_the_tools_people_know(cli):
    group = typer.main.get_command(app)
    for name in [*group.commands, "corpus validate", "corpus info", "corpus reindex"]:
        assert "<bool>" not in cli(*name.split(), "--help").output, name
    usage = {
        name: cli(name, "--help").output.split(f" {name} ")[1].partition("\n")[0].strip()
        for name in ("cable", "quote", "thread", "who", "compare", "cite")
    }
    assert usage == {
        "cable": "[OPTIONS] [REF]",
        "quote": "[OPTIONS] PHRASE",
        "thread": "[OPTIONS] REF",
        "who": "[OPTIONS] [NAME]",
        "compare": "[OPTIONS] [REF]",
        "cite": "[OPTIONS] [REF]",
    }
    assert "[OPTIONS] [PATH]..." in cli("corpus", "validate", "--help").output
    wide = cli("thread", "--help", env={"COLUMNS": "200"}).output
    assert "positive: later), date, telegram number, parties, id, the neighbour nearer REF, a note, title." in wide
