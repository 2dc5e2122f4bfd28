"""The README and the help as tests: every ```console example in README.md prints what it shows, and every example
in a command's --help runs cleanly. A change of output fails here until the README shows the new output."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from magiccli.app import app

from .conftest import ROOT

CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)
BIN = Path(sys.executable).parent  # where this Python's magiccli script is


def console_examples(text: str) -> list[tuple[int, str, str]]:
    """(line number, command, the output shown) of every ``$ command`` in the console blocks of ``text``."""
    examples = []
    for block in CONSOLE_BLOCK.finditer(text):
        first_line = text.count("\n", 0, block.start(1)) + 1
        for offset, chunk in _commands(block.group(1)):
            command, _, shown = chunk.partition("\n")
            examples.append((first_line + offset, command[2:], shown))
    return examples


def _commands(block: str):
    lines = block.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
    assert starts and starts[0] == 0, "a console block starts with a $ command"
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        yield start, "".join(lines[start:end])


def run_shell(command: str, cwd) -> subprocess.CompletedProcess:
    """``command`` as a user types it, with this checkout's magiccli first on PATH; stderr into stdout, as a
    terminal shows them."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=cwd,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "line, command, shown",
    console_examples(README),
    ids=[f"README.md:{line}" for line, _, _ in console_examples(README)],
)
def test_readme_shows_what_magiccli_prints(tmp_path, line, command, shown):
    # a transcript cannot show whether its output ended in blank lines: those are left out on both sides
    assert run_shell(command, tmp_path).stdout.rstrip("\n") == shown.rstrip("\n")


def help_examples() -> list[str]:
    group = typer.main.get_command(app)
    commands = [group.commands[n] for n in group.commands]
    commands += [sub for c in commands for sub in getattr(c, "commands", {}).values()]
    return [
        line.strip()
        for c in commands
        for line in (c.epilog or "").splitlines()
        if line.strip().startswith(("magiccli ", "printf "))
    ]


@pytest.mark.parametrize("command", help_examples())
def test_every_help_example_runs_cleanly(tmp_path, command):
    missing = [tool for tool in re.findall(r"\|\s*(\w+)", command) if not shutil.which(tool) and tool != "magiccli"]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed")
    result = run_shell(command, tmp_path)
    assert result.returncode == 0, result.stdout
    assert "Traceback" not in result.stdout and "magiccli:" not in result.stdout


def test_the_console_blocks_are_read_as_commands_and_output():
    text = "x\n```console\n$ a | b\none\n\ntwo\n\n$ c\nthree\n```\n"
    assert console_examples(text) == [(3, "a | b", "one\n\ntwo\n\n"), (8, "c", "three\n")]
