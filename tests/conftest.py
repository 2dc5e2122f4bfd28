import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.testing
from typer.testing import CliRunner

from magiccli import app
from magiccli.index import Index
from magiccli.load import bundled_corpus
from magiccli.locations import corpus_roots

ROOT = Path(__file__).resolve().parents[1]
SHARED_SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory):
    """Tests build their index in a cache of their own, never the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("MAGICCLI_CORPUS", None)


def load(roots=None):
    """The whole corpus of ``roots`` (default: the bundled one) as a model, read as every command reads it: through
    the index."""
    return Index.open(roots or corpus_roots()).whole()


@pytest.fixture(scope="session")
def corpus():
    return load()


class _Script:
    """What the installed script runs (magiccli.app.main), in the shape click's test runner calls."""

    name = "magiccli"

    @staticmethod
    def main(args=(), prog_name=None, **extra):
        app.main(list(args))


@pytest.fixture
def cli():
    """Run magiccli in-process as a pipe would see it (no terminal), through the entry point users run (the same
    parsing: magiccli.direct, else typer): returns the Result."""
    runner = CliRunner()

    def run(*args, prog_name=None, **kwargs):
        built = typer.testing._get_command  # what typer's runner makes of a Typer; _Script is one already
        typer.testing._get_command = lambda script: script
        try:
            return runner.invoke(_Script(), [str(a) for a in args], **kwargs)
        finally:
            typer.testing._get_command = built

    return run


@pytest.fixture
def typer_cli():
    """Run magiccli in-process through typer's parsing alone (magiccli.app.app), to compare with ``cli``."""
    runner = CliRunner()

    def run(*args, **kwargs):
        return runner.invoke(app.app, [str(a) for a in args], **kwargs)

    return run


def run_magiccli(*args, env=None, cwd=None, input=None, timeout=None):
    """Run magiccli as a real process with its output going to a pipe."""
    return subprocess.run(
        [sys.executable, "-m", "magiccli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, **(env or {})},
        cwd=cwd,
        input=input,
        timeout=timeout,
    )


def run_in_terminal(*args, env=None, columns=100, lines=50, input=None):
    """Run magiccli as a real process whose stdout is a terminal (a pty of ``columns`` × ``lines``); stdin and
    stderr are pipes, so that nothing pages. Line ends come back as "\\n"."""
    import fcntl
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines), **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "magiccli", *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=terminal,
        stderr=subprocess.PIPE,
        env=environment,
    )
    os.close(terminal)
    process.stdin.write((input or "").encode())
    process.stdin.close()
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the process has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    stdout = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return subprocess.CompletedProcess(process.args, process.wait(), stdout, stderr)


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the bundled corpus, to break."""
    target = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), target)
    return target


# Runs magiccli as its console script does, then lists on stderr which of the heavy modules it loaded, and
# "typer-parsing" if typer parsed the command line (whatever the typer release: only recent ones bring in pydantic).
RUN_THEN_LIST_MODULES = """
import sys
from magiccli import app
parse = app.MagicGroup.main
def parse_and_say(*args, **kwargs):
    print("typer-parsing", file=sys.stderr)
    return parse(*args, **kwargs)
app.MagicGroup.main = parse_and_say
sys.argv = ["magiccli", *sys.argv[1:]]
try:
    app.main()
except SystemExit:
    pass
print(*(m for m in ("yaml", "rich", "magiccli.schema", "magiccli.load", "pydantic") if m in sys.modules), file=sys.stderr)
"""


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def source_lines(wording):
    return [f"— {s.title}. {s.url} [grade: {s.grade}]" for s in wording.sources]
