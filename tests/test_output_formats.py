"""The output contract every command keeps, checked on every command: each format it offers × (pipe, terminal), each
run as a real process; plain text in a pipe, coloured only when asked, a line reaching the pipe as soon as it is
found, silence when the reader goes away, the stream's encoding kept."""

import csv
import io
import json
import os
import re
import subprocess
import sys
import typing
from concurrent.futures import ThreadPoolExecutor

import pytest
import typer.main
import yaml

from magiccli.app import app
from magiccli.commands import COMMANDS, GROUPS

from .conftest import run_in_terminal, run_magiccli

# A command line for each command (and for each of its modes that prints other rows), all of which find something.
LINES = {
    "timeline": ["timeline", "--from", "1945-07-20", "--to", "1945-07-22"],
    "cable": ["cable", "1945-07-21"],
    "cable --list": ["cable", "1945-07-21", "--list"],
    "show": ["show", "1945-07-21"],
    "quote": ["quote", "unconditional surrender"],
    "quote --count": ["quote", "konoye", "--count"],
    "quote --by": ["quote", "emperor", "--by", "month"],
    "thread": ["thread", "932"],
    "who": ["who"],
    "who NAME": ["who", "konoye"],
    "compare": ["compare", "932", "--diff"],
    "cite": ["cite", "932"],
    "export": ["export", "--kind", "cable", "--from", "1945-07-20", "--to", "1945-07-22"],
    "corpus validate": ["corpus", "validate", "{broken}"],
    "corpus info": ["corpus", "info"],
    "corpus reindex": ["corpus", "reindex"],
}
EXIT = {"corpus validate": 2}  # it finds the problems of a broken file; every other line finds something: 0
# JSON's objects are the rows the tabular formats print, with those columns as keys (and maybe more), except where
# an object is a record whole, as the corpus spells it: then still one a row, or one holding all the rows.
WHOLE_RECORDS = {"timeline", "cable", "cable --list", "show", "export", "who"}
ONE_OBJECT_HOLDS_THE_ROWS = {"who NAME", "corpus info"}  # a person with their appearances; the counts


def _command(words: list[str]):
    command = typer.main.get_command(app)
    for word in words:
        if word.startswith("-") or not hasattr(command, "commands") or word not in command.commands:
            break
        command = command.commands[word]
    return command


def formats_of(words: list[str]) -> list[str]:
    """The formats the command's --format offers, from its function's signature."""
    function = GROUPS[words[0]][words[1]][0] if words[0] in GROUPS else COMMANDS[words[0]][0]
    hints = typing.get_type_hints(function, include_extras=True)
    return [fmt.value for fmt in typing.get_args(hints["fmt"])[0]]


CASES = [
    (name, fmt, where) for name, words in LINES.items() for fmt in formats_of(words) for where in ("pipe", "terminal")
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every case run once, a few processes at a time (each reads the session's one index)."""
    run_magiccli("corpus", "info")  # the index is built before the processes that share it start
    broken = tmp_path_factory.mktemp("broken")
    (broken / "broken.yaml").write_text("id: broken\nkind: cable\n")

    def run(case):
        name, fmt, where = case
        runner = run_magiccli if where == "pipe" else run_in_terminal
        return case, runner(*(word.format(broken=broken) for word in LINES[name]), "--format", fmt)

    with ThreadPoolExecutor(4) as pool:
        return dict(pool.map(run, CASES))


def test_every_command_that_prints_is_in_the_matrix():
    group = typer.main.get_command(app)
    names = {
        f"corpus {sub}" if name == "corpus" else name
        for name in group.commands
        for sub in (getattr(group.commands[name], "commands", None) or [""])
    }
    assert names == {name.split(" --")[0].replace(" NAME", "") for name in LINES}


@pytest.mark.parametrize("name, fmt, where", CASES)
def test_each_format_parses_in_a_pipe_and_on_a_terminal(runs, name, fmt, where):
    result = runs[name, fmt, where]
    assert result.returncode == EXIT.get(name, 0), result.stderr
    assert "Traceback" not in result.stderr and result.stdout.strip()
    if fmt == "text":
        if where == "pipe":
            assert "\x1b" not in result.stdout
        return
    if where == "terminal":  # data is the same data on a terminal
        assert result.stdout == runs[name, fmt, "pipe"].stdout
        return
    table = _parsed(fmt, result.stdout)
    if fmt in ("csv", "tsv", "markdown"):
        header, *rows = table
        assert rows and all(len(row) == len(header) for row in rows)
        objects = _parsed("json", runs[name, "json", "pipe"].stdout)
        if name in ONE_OBJECT_HOLDS_THE_ROWS:
            assert len(objects) == 1
            return
        assert len(objects) == len(rows)
        if name not in WHOLE_RECORDS:
            assert all(set(header) <= set(o) for o in objects), header


def _parsed(fmt: str, output: str):
    if fmt == "json":
        parsed = json.loads(output)
        assert isinstance(parsed, list) and all(isinstance(o, dict) for o in parsed)
        return parsed
    if fmt == "jsonl":
        return [json.loads(line) for line in output.splitlines()]
    if fmt == "yaml":
        return yaml.safe_load(output)
    if fmt in ("csv", "tsv"):
        return list(
            csv.reader(
                io.StringIO(output),
                delimiter="," if fmt == "csv" else "\t",
                quoting=csv.QUOTE_NONE if fmt == "tsv" else csv.QUOTE_MINIMAL,
            )
        )
    lines = output.splitlines()  # markdown: a header, a rule, then rows, every line a row of cells
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines[:1] + lines[2:])
    assert lines[1] == "|" + "---|" * (lines[0].count(" | ") + 1)
    return [_cells(line) for line in lines[:1] + lines[2:]]


def _cells(line: str) -> list[str]:
    cells, cell, escaped = [], "", False
    for char in line[2:-2]:
        if escaped or char == "\\":
            cell, escaped = cell + char, not escaped and char == "\\"
        elif char == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += char
    return cells + [cell.strip()]


@pytest.mark.parametrize("fmt", formats_of(["cable"]))
def test_nothing_found_is_exit_1_one_line_and_no_output_in_every_format(fmt):
    result = run_magiccli("cable", "1945-07-14", "--format", fmt)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("magiccli: no cable on 1945-07-14") and result.stderr.count("\n") == 1


TABULAR = ["timeline", "cable --list", "quote", "quote --count", "quote --by", "thread", "who", "export", "corpus info"]


@pytest.mark.parametrize("name", TABULAR)
def test_header_names_the_columns_of_the_text_in_a_pipe(name):
    words = LINES[name]
    text = run_magiccli(*words, "--format", "text").stdout
    headed = run_magiccli(*words, "--format", "text", "--header").stdout
    tsv_header = run_magiccli(*words, "--format", "tsv").stdout.partition("\n")[0]
    assert headed == tsv_header + "\n" + text


@pytest.mark.parametrize(
    "words",
    [
        ["cable", "932", "--header"],
        ["who", "konoye", "--header"],
        ["timeline", "--chart", "--header"],
        ["corpus", "validate", "--header"],
    ],
)
def test_header_on_a_document_is_a_usage_error(words):
    result = run_magiccli(*words)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("magiccli: --header names the columns") and result.stderr.count("\n") == 1


def test_an_option_a_command_cannot_honour_is_not_offered(cli):
    def options(*words):
        return {p.opts[0] for p in _command(list(words)).params if p.opts[0].startswith("--")}

    shared = {"--format", "--color", "--header"}
    for words in (["timeline"], ["cable"], ["quote"], ["thread"], ["who"], ["export"], ["corpus", "info"]):
        assert shared <= options(*words), words
    assert options("compare") & shared == {"--format", "--color"}  # its text is a document, no table
    assert options("cite") & shared == {"--format"}  # its text is the style's own file, never coloured
    assert options("corpus", "validate") & shared == {"--format", "--header"}
    assert options("corpus", "reindex") & shared == {"--format"}
    # the long documents page on a terminal (issue 24: compare took no --no-pager)
    assert [name for name in ("timeline", "cable", "quote", "who", "compare") if "--pager" in options(name)] == [
        "cable",
        "compare",
    ]
    result = cli("cite", "932", "--color", "always")
    assert result.exit_code == 2 and result.output.startswith("magiccli: No such option") and "--color" in result.output


def test_references_are_read_from_stdin_one_a_line():
    listed = run_magiccli("cable", "-", "--list", input="932\n\n1433\n")
    assert [line.split("\t")[2] for line in listed.stdout.splitlines()] == ["932", "1433"]
    assert run_magiccli("cable", "--list", input="932\n1433\n").stdout == listed.stdout  # no REF, stdin a pipe
    compared = run_magiccli("compare", "-", "--format", "jsonl", input="893\n932\n")
    assert {json.loads(line)["telegram_no"] for line in compared.stdout.splitlines()} == {"893", "932"}
    cited = run_magiccli("cite", "-", "--style", "bibtex", input="932\n1945-07-26-potsdam-declaration\n")
    assert cited.stdout.count("\n@") + cited.stdout.startswith("@") == 2
    missing = run_magiccli("cable", "-", "--list", input="932\n1945-07-14\n1433\n")  # the others still answered
    assert (missing.returncode, missing.stdout) == (1, listed.stdout)
    assert missing.stderr.startswith("magiccli: no cable on 1945-07-14")
    empty = run_magiccli("cable", "-", input="")
    assert (empty.returncode, empty.stderr) == (2, "magiccli: no reference on stdin\n")


def test_a_missing_reference_on_a_terminal_says_how_to_give_one():
    import pty

    controller, terminal = pty.openpty()
    result = subprocess.run([sys.executable, "-m", "magiccli", "cable"], stdin=terminal, capture_output=True, text=True)
    os.close(terminal), os.close(controller)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "magiccli: missing REF: give a reference, or - to read them from stdin one a line\n"


ESCAPE = re.compile(r"\x1b\[")


def test_piped_output_has_no_escape_codes_and_is_not_wrapped():
    for args in (
        ["timeline"],
        ["cable", "1945-07-21"],
        ["quote", "unconditional surrender"],
        ["quote", "emperor", "--count"],
    ):
        result = run_magiccli(*args, env={"COLUMNS": "40"})
        assert result.returncode == 0, result.stderr
        assert not ESCAPE.search(result.stdout), args
    long_line = max(run_magiccli("cable", "932", env={"COLUMNS": "40"}).stdout.splitlines(), key=len)
    assert len(long_line) > 200  # a paragraph stays on one line


SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("args", [["timeline", "--header"], ["quote", "konoye", "--count"], ["corpus", "info"]])
def test_color_always_and_force_color_colour_the_pipes_layout_and_no_color_wins(args):
    plain = run_magiccli(*args).stdout
    for coloured in (
        run_magiccli(*args, "--color", "always").stdout,
        run_magiccli(*args, env={"FORCE_COLOR": "1"}).stdout,
    ):
        assert SGR.search(coloured)
        assert SGR.sub("", coloured) == plain  # the same tab-separated lines, coloured
    assert run_magiccli(*args, "--color", "always", env={"NO_COLOR": "1"}).stdout == plain
    assert run_magiccli(*args, "--format", "tsv", env={"FORCE_COLOR": "1"}).stdout.count("\x1b") == 0  # data stays data


def test_piping_into_head_prints_no_traceback():
    for command in ("timeline", "cable 1945-07", "quote the"):
        shell = f"{sys.executable} -m magiccli {command} | head -1"
        result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True)
        assert result.stdout.count("\n") == 1
        assert result.stderr == "", result.stderr


def test_a_latin_1_terminal_gets_replacement_characters_not_an_error():
    result = run_magiccli("cable", "932", env={"PYTHONIOENCODING": "latin-1", "LC_ALL": "C", "LANG": "C"})
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_json_to_a_stream_of_another_encoding_is_in_that_encoding(fmt):
    """export writes the records it holds in UTF-8 as they are, but not to an ASCII stream: there, as through the
    text layer, a character the encoding lacks becomes ?."""
    args = ["export", "--from", "1945-07-12", "--to", "1945-07-13", "--format", fmt]
    in_utf8 = run_magiccli(*args).stdout
    in_ascii = run_magiccli(*args, env={"PYTHONIOENCODING": "ascii"})
    assert not in_utf8.isascii() and in_ascii.returncode == 0
    assert in_ascii.stdout == in_utf8.encode("ascii", "replace").decode()


@pytest.mark.parametrize(
    "args",
    [
        ["thread", "932"],
        ["who"],
        ["who", "konoye"],
        ["compare", "932", "--diff"],
        ["cite", "1945-07-21"],
        ["export"],
        ["timeline", "--chart"],
        ["quote", "emperor", "--by", "week"],
    ],
)
def test_new_commands_in_a_pipe_have_no_escape_codes_and_survive_head(args):
    result = run_magiccli(*args, env={"COLUMNS": "40"})
    assert result.returncode == 0 and result.stderr == ""
    assert "\x1b[" not in result.stdout
    shell = f"{sys.executable} -m magiccli {' '.join(args)} | head -1"
    piped = subprocess.run(["bash", "-c", shell], capture_output=True, text=True)
    assert piped.stdout.count("\n") == 1 and piped.stderr == ""


SLOW_ROWS = """
import sys, time
from magiccli import output

def rows():
    time.sleep(0.3)  # a search that takes a while to find its first hit
    yield {"hit": "first"}
    sys.stdin.readline()  # and then finds the next only when the test says so
    yield {"hit": "second"}

output.emit(output.Table(["hit"], rows(), rows()), sys.argv[1])
"""


@pytest.mark.parametrize("fmt", ["text", "jsonl", "csv"])
def test_a_line_found_after_a_pause_reaches_the_pipe_before_the_next_is_found(fmt):
    import os
    import select
    import time

    process = subprocess.Popen([sys.executable, "-c", SLOW_ROWS, fmt], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    received, deadline = b"", time.monotonic() + 10
    try:
        while b"first" not in received and time.monotonic() < deadline:  # whole lines, as a reader takes them
            if select.select([process.stdout], [], [], 0.5)[0]:
                received += os.read(process.stdout.fileno(), 4096)
        assert b"first" in received, "the first line waited in a buffer for more lines to come"
        assert received.endswith(b"\n"), "a line went out without its end"
        process.stdin.write(b"go\n")
        process.stdin.flush()
        rest = process.stdout.read()
    finally:
        process.kill()
        process.wait()
    assert b"second" in rest and b"first" not in rest
