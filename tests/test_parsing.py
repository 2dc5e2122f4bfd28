"""The command line as magiccli reads it: most lines without typer's parsing (magiccli.direct), which must print
what typer prints; the lines typer must explain; shell completion from the corpus."""

import subprocess
import sys

import pytest

from .conftest import RUN_THEN_LIST_MODULES, run_magiccli

_LINES_BOTH_WAYS = [
    ("cable", "1945-07-21"),
    ("cable", "932"),
    ("cable", "1945-07-14"),
    ("cable", "no-such-thing"),
    ("cable", "1945-07", "--list"),
    ("cable", "893", "-l"),
    ("cable", "--list", "1945-07-21", "--header"),
    ("cable", "932", "--format", "json"),
    ("cable", "932", "--format=csv", "--no-pager"),
    ("--quiet", "cable", "932"),
    ("cable", "1945-07", "--list", "--actor", "lozovsky", "--direction", "moscow-tokyo"),
    ("quote", "unconditional surrender"),
    ("quote", "konoye", "--count"),
    ("quote", "Konoye", "-c", "--full"),
    ("quote", "zzz", "--count"),
    ("quote", "soviet union", "--all-words", "--full"),
    ("quote", "(a+)+$", "--count"),
    ("quote", "emperor", "--in", "magic", "--in", "official", "-C", "10"),
    ("quote", "konoye", "--by", "month"),
    ("thread", "1441"),
    ("thread", "890", "--down", "--format", "csv"),
    ("who",),
    ("who", "konoye"),
    ("compare", "893", "--diff"),
    ("compare", "932", "--min-grade", "published"),
    ("cite", "932", "--style", "bibtex"),
    ("timeline", "--from", "1945-07", "--to", "1945-07"),
    ("timeline", "-k", "cable", "-d", "moscow-tokyo", "--header"),
    ("timeline", "--kind", "cable", "--kind", "treaty", "--limit", "5", "--reverse", "--color", "always"),
    ("export", "--format", "tsv", "--min-grade", "published"),
    # lines typer explains: a value a parameter refuses, a repeated or unknown option, a missing argument
    ("timeline", "--limit", "0"),
    ("quote", "x", "--context", "99999"),
    ("cable", "932", "--format", "yaml"),
    ("timeline", "--kind", "nope"),
    ("quote", "konoye", "-c", "-c"),
    ("thread",),
    ("timeline", "--from"),
    ("cable", "932", "--bogus"),
    ("cable", "932", "--list=yes"),
    ("--corpus", "", "cable", "932"),
    ("corpus", "info"),
]


@pytest.mark.parametrize("args", _LINES_BOTH_WAYS)
def test_a_line_run_without_typers_parsing_prints_what_typer_prints(typer_cli, args):
    """main() runs most lines without typer (see magiccli.direct); typer_cli always uses typer."""
    typed = typer_cli(*args, prog_name="magiccli")
    direct = run_magiccli(*args, input="")
    assert (direct.returncode, direct.stdout, direct.stderr) == (typed.exit_code, typed.stdout, typed.stderr)


@pytest.mark.parametrize(
    "args, through_typer",
    [
        (("cable", "932"), False),
        (("quote", "konoye", "--count"), False),
        (("who", "konoye"), False),
        (("timeline", "--from", "1945-07", "--to", "1945-07"), False),
        (("--quiet", "thread", "1441", "--up"), False),
        (("quote", "konoye", "-c", "-c"), True),
        (("cable", "932", "--help"), True),
        (("timeline", "--limit", "x"), True),
        (("timeline", "-rn", "3"), True),
        (("corpus", "info"), True),
    ],
)
def test_only_lines_typer_must_explain_go_through_its_parsing(args, through_typer):
    loaded = subprocess.run(
        [sys.executable, "-c", RUN_THEN_LIST_MODULES, *args], capture_output=True, text=True
    ).stderr.split()
    assert ("typer-parsing" in loaded) is through_typer
    assert through_typer or "pydantic" not in loaded  # what typer's parsing costs in recent releases


@pytest.mark.parametrize(
    "words, cword, expected",
    [
        ("magiccli cable 1945-07-2", 2, ["1945-07-20", "1945-07-21"]),
        ("magiccli cable 93", 2, ["931", "932"]),
        ("magiccli timeline --actor Kon", 3, ["Konoe", "Konoe Fumimaro", "Konoye"]),
        ("magiccli timeline --kind tr", 3, ["treaty"]),
    ],
)
def test_shell_completion_offers_corpus_values(words, cword, expected):
    result = run_magiccli(env={"_MAGICCLI_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    offered = result.stdout.splitlines()
    assert all(value in offered for value in expected), offered
    assert all(value.casefold().startswith(words.split()[-1].casefold()) for value in offered)
