"""The new commands as real processes in a pipe: plain text, and silence when the reader goes away."""

import subprocess
import sys

import pytest

from .conftest import run_magiccli


@pytest.mark.parametrize("args", [["thread", "932"], ["who"], ["who", "konoye"], ["compare", "932", "--diff"],
                                  ["cite", "1945-07-21"], ["export"], ["timeline", "--chart"], ["quote", "emperor", "--by", "week"]])
def test_new_commands_in_a_pipe_have_no_escape_codes_and_survive_head(args):
    result = run_magiccli(*args, env={"COLUMNS": "40"})
    assert result.returncode == 0 and result.stderr == ""
    assert "\x1b[" not in result.stdout
    shell = f"{sys.executable} -m magiccli {' '.join(args)} | head -1"
    piped = subprocess.run(["bash", "-c", shell], capture_output=True, text=True)
    assert piped.stdout.count("\n") == 1 and piped.stderr == ""
