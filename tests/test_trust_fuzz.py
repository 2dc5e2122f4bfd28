"""Issue 25: arbitrary bytes and text as every argument and as stdin of every command — never a traceback, and (in
real processes) never more than a fixed memory."""

import os
import resource
import subprocess
import sys
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

COMMANDS = [
    ["timeline"],
    ["cable"],
    ["quote"],
    ["thread"],
    ["who"],
    ["compare"],
    ["cite"],
    ["export"],
    ["corpus", "info"],
]
WORDS = [
    "-",
    "--format",
    "json",
    "csv",
    "--limit",
    "-n",
    "--actor",
    "--grep",
    "--from",
    "--to",
    "--kind",
    "--regex",
    "--count",
    "--diff",
    "--style",
    "bibtex",
    "--list",
    "--min-grade",
    "932",
    "1945-07",
    "togo",
    "--tag",
]
# an argument: a word of the vocabulary, any text, or any bytes as Python hands them over (surrogate escapes); a
# real command line holds no NUL
ARGUMENT = st.one_of(st.sampled_from(WORDS), st.text(max_size=40), st.binary(max_size=40).map(os.fsdecode)).filter(
    lambda a: "\x00" not in a
)
STDIN = st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))


def _no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMANDS), args=st.lists(ARGUMENT, max_size=4), stdin=STDIN)
def test_any_arguments_and_stdin_end_in_an_answer_or_one_line(cli, command, args, stdin):
    with tempfile.TemporaryDirectory() as folder:  # nothing it might write lands in the checkout
        before = os.getcwd()
        os.chdir(folder)
        try:
            result = cli(*command, *args, input=stdin)
        finally:
            os.chdir(before)
    _no_traceback(result)


MEMORY = 1 << 30  # bytes of address space: a run that needs more fails, and the test with it


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.parametrize(
    "args, stdin",
    [
        (["cite", "-"], b"932\n" * 2_000),
        (["cable", "-", "--list"], b"890\n" * 20_000),
        (["cable", "-"], b"\xff" * 10_000_000),
        (["timeline", "--grep", os.fsdecode(b"\xff\xfe" * 50_000)], b""),
        (["who", "x" * 100_000], b""),
        (["quote", "-"], os.urandom(1_000_000)),
    ],
)
def test_real_processes_fed_much_stay_in_bounded_memory(args, stdin):
    result = subprocess.run(
        [sys.executable, "-m", "magiccli", *args], input=stdin, capture_output=True, preexec_fn=_limited, timeout=120
    )
    assert result.returncode in (0, 1, 2) and b"Traceback" not in result.stderr, result.stderr[-500:]
    assert b"MemoryError" not in result.stderr and len(result.stderr) < 3000
