"""A build shows its progress on a terminal, every step of it, and nothing of it reaches a pipe or --quiet."""

import shutil
import subprocess
import sys

import pytest

from .conftest import run_magiccli


@pytest.mark.skipif(shutil.which("script") is None, reason="script (util-linux) is not installed")
@pytest.mark.parametrize("quiet", [False, True])
def test_a_build_on_a_terminal_shows_the_files_and_then_the_steps_after_them(quiet):
    command = " ".join([sys.executable, "-m", "magiccli", *(["-q"] if quiet else []), "corpus", "reindex"])
    shown = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        capture_output=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "TERM": "xterm", "COLUMNS": "120"} | _cache(),
    ).stdout.decode()
    steps = [step for step in ("indexing corpus files", "writing the index") if step in shown]
    assert steps == ([] if quiet else ["indexing corpus files", "writing the index"])
    assert "records indexed in" in shown


def test_a_pipe_sees_no_progress():
    result = run_magiccli("corpus", "reindex")
    assert result.returncode == 0 and result.stderr == ""


def _cache():
    import os

    return {"XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"], "HOME": os.environ.get("HOME", "/root")}
