import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from magiccli.cli import app
from magiccli.load import bundled_corpus, load

ROOT = Path(__file__).resolve().parents[1]
SHARED_SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory):
    """Tests build their index in a cache of their own, never the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("MAGICCLI_CORPUS", None)


@pytest.fixture(scope="session")
def corpus():
    return load()


@pytest.fixture
def cli():
    """Run magiccli in-process as a pipe would see it (no terminal): returns the Result."""
    runner = CliRunner()

    def run(*args, **kwargs):
        return runner.invoke(app, [str(a) for a in args], **kwargs)

    return run


def run_magiccli(*args, env=None, cwd=None, input=None, timeout=None):
    """Run magiccli as a real process with its output going to a pipe."""
    return subprocess.run(
        [sys.executable, "-m", "magiccli", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", errors="replace", env={**os.environ, **(env or {})}, cwd=cwd, input=input,
        timeout=timeout,
    )


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
from magiccli import cli
parse = cli.MagicGroup.main
def parse_and_say(*args, **kwargs):
    print("typer-parsing", file=sys.stderr)
    return parse(*args, **kwargs)
cli.MagicGroup.main = parse_and_say
sys.argv = ["magiccli", *sys.argv[1:]]
try:
    cli.main()
except SystemExit:
    pass
print(*(m for m in ("yaml", "rich", "magiccli.schema", "magiccli.load", "pydantic") if m in sys.modules), file=sys.stderr)
"""
