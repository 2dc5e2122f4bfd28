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
