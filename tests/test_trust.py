"""Issue 25: nothing from outside the process is trusted — the cache, the corpus files' shapes and numbers, the
arguments, the streams and the environment — each case tried with a real process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_magiccli

MAGICCLI = f"{sys.executable} -m magiccli"


# --- Shapes and numbers in a corpus file ------------------------------------------------------------------------

@pytest.mark.parametrize("content, problem", [
    ("id: a\nnotes: " + "[" * 500 + "]" * 500 + "\n", ":2: lists and mappings nested more than 64 deep"),
    ("id: a\nnotes:\n" + "".join("  " * i + "-\n" for i in range(300)), ":66: lists and mappings nested more than 64 deep"),
    ("id: a\nkind: cable\ncitation:\n  document: .inf\n", ":4: '.inf' is not a finite number"),
    ("id: a\nkind: event\nnotes: [1, -.Inf]\n", ":3: '-.Inf' is not a finite number"),
    ("id: a\nkind: event\nx: !!float .nan\n", ":3: '.nan' is not a finite number"),
])
def test_deep_nesting_and_non_finite_numbers_are_problems_of_their_line(tmp_path, content, problem):
    (tmp_path / "bad.yaml").write_text(content, encoding="utf-8")
    validated = run_magiccli("corpus", "validate", tmp_path)
    assert validated.returncode == 2 and "Traceback" not in validated.stderr
    assert validated.stdout.startswith(f"{tmp_path}/bad.yaml{problem}\n")
    looked_up = run_magiccli("--corpus", tmp_path, "timeline", "--format", "json")
    assert looked_up.returncode == 0 and "Traceback" not in looked_up.stderr
    assert "Infinity" not in looked_up.stdout and "NaN" not in looked_up.stdout
    assert looked_up.stderr.startswith(f"magiccli: {tmp_path}/bad.yaml: left out: ")


def test_sexagesimal_numbers_are_read_as_the_text_they_look_like(tmp_path):
    """YAML 1.1 reads 190:20:30 as 685,230 and 12:30 as 750; magiccli reads them as YAML 1.2 does, as text, so a
    field holding one is checked as the text it is, not a silent count of seconds."""
    (tmp_path / "bad.yaml").write_text("id: a\nkind: cable\ntelegram_no: 190:20:30\n", encoding="utf-8")
    validated = run_magiccli("corpus", "validate", tmp_path)
    assert validated.returncode == 2
    [line] = [line for line in validated.stdout.splitlines() if line.startswith(f"{tmp_path}/bad.yaml:3: ")]
    assert line.startswith(f"{tmp_path}/bad.yaml:3: telegram_no: '190:20:30' ")  # the text, not 685230
