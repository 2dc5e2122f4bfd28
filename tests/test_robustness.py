"""Any input gets a result or a one-line error with its exit code; signals, widths and a real terminal."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .conftest import run_in_terminal, run_magiccli

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Strings near the grammar (dates, months, ranges, numbers, ids, FRUS references) and anything at all.
_PIECES = st.sampled_from(
    [
        "1945",
        "-",
        "07",
        "21",
        "13",
        "..",
        "932",
        "0",
        "frus1945Berlinv02",
        "/d",
        "1230",
        "-d",
        "x",
        " ",
        "99",
        "2",
        "13",
        "00",
        "\u00e9",
        "\n",
        "--",
        "31",
        "02-29",
        "1944",
    ]
)
NEAR_GRAMMAR = st.lists(_PIECES, min_size=1, max_size=7).map("".join)
ANY_TEXT = st.text(max_size=30)


def _assert_answered(result, allowed=(0, 1)):
    """A result (exit 0 or 1), or exit 2 with one line of error and no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (*allowed, 2), result.output
    if result.exit_code != 0:
        lines = result.output.splitlines()
        assert len(lines) == 1 and lines[0].startswith("magiccli: "), result.output


@FUZZ
@given(ref=st.one_of(NEAR_GRAMMAR, ANY_TEXT))
@example("1945-07-21..1945-07-12")
@example("1945-02-30")
@example("9" * 40)
@example("frus1945Berlinv02/d")
@example("-")
def test_any_cable_reference_gets_a_result_or_one_line(cli, ref):
    _assert_answered(cli("cable", "--list", "--", ref))


@FUZZ
@given(start=st.one_of(NEAR_GRAMMAR, ANY_TEXT), end=st.one_of(NEAR_GRAMMAR, ANY_TEXT), actor=ANY_TEXT)
def test_any_timeline_options_get_a_result_or_one_line(cli, start, end, actor):
    _assert_answered(cli("timeline", f"--from={start}", f"--to={end}"))
    _assert_answered(cli("timeline", f"--actor={actor}", f"--grep={actor}"))


@FUZZ
@given(phrase=ANY_TEXT, regex=st.booleans(), context=st.integers(-5, 3000))
def test_any_quote_gets_a_result_or_one_line(cli, phrase, regex, context):
    _assert_answered(cli("quote", "--regex" if regex else "--all-words", f"--context={context}", "--", phrase))


def test_a_catastrophic_regex_ends_within_the_limit_with_a_message(cli):
    started = time.monotonic()
    result = cli("quote", "--regex", r"(\w+\s?)+$")
    assert time.monotonic() - started < 6
    assert result.exit_code == 2
    assert result.output.startswith("magiccli: the regular expression took more than 2 s on one passage;")


@pytest.mark.parametrize("width", [20, 60, 200, 300])
@pytest.mark.parametrize(
    "args", [("timeline",), ("cable", "1945-07-21", "--no-pager"), ("quote", "konoye"), ("quote", "konoye", "--count")]
)
def test_every_width_renders_within_the_width(width, args):
    result = run_in_terminal(*args, columns=width)
    assert result.returncode == 0, result.stderr
    lines = ANSI.sub("", result.stdout).splitlines()
    assert lines and max(map(len, lines)) <= width


def test_ctrl_c_exits_130_without_a_traceback():
    run_magiccli("cable", "932")  # the index is built before the clock starts
    process = subprocess.Popen(
        [sys.executable, "-m", "magiccli", "quote", "--regex", r"(\w+\s?)+$"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 130 and "Traceback" not in err and out == ""


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")
class TestInARealTerminal:
    """magiccli as a person sees it: tmux runs it on a pseudo-terminal and shows the screen."""

    @pytest.fixture
    def screen(self, tmp_path):
        socket = str(tmp_path / "tmux.sock")
        env_args = [
            arg
            for key in ("XDG_CACHE_HOME", "PATH", "VIRTUAL_ENV")
            if key in os.environ
            for arg in ("-e", f"{key}={os.environ[key]}")
        ]

        def start(command: str, width: int, height: int = 20, pager: str = "less -R"):
            subprocess.run(
                [
                    "tmux",
                    "-S",
                    socket,
                    "new-session",
                    "-d",
                    "-x",
                    str(width),
                    "-y",
                    str(height),
                    *env_args,
                    "-e",
                    f"PAGER={pager}",
                    "-e",
                    "TERM=xterm-256color",
                    # the pane's size, also where a COLUMNS the test run inherited would say otherwise
                    "-e",
                    f"COLUMNS={width}",
                    "-e",
                    f"LINES={height}",
                    # the pane takes its size a moment after the session starts
                    f'until [ "$(stty size)" = "{height} {width}" ]; do sleep 0.05; done; '
                    f"{sys.executable} -m magiccli {command}; echo EXIT=$?; sleep 30",
                ],
                check=True,
            )

        def capture(colors: bool = False) -> str:
            time.sleep(0.2)
            return subprocess.run(
                ["tmux", "-S", socket, "capture-pane", "-p", *(["-e"] if colors else []), "-t", "0"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout

        def wait_for(text: str, colors: bool = False) -> str:
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                shown = capture(colors)
                if text in ANSI.sub("", shown):
                    return shown
            raise AssertionError(f"{text!r} never appeared:\n{shown}")

        def keys(*keys: str):
            subprocess.run(["tmux", "-S", socket, "send-keys", "-t", "0", *keys], check=True)

        run_magiccli("cable", "932")  # build the index first
        yield start, wait_for, keys
        subprocess.run(["tmux", "-S", socket, "kill-server"], check=False)

    def test_timeline_is_coloured_with_a_legend(self, screen):
        start, wait_for, _ = screen
        start("timeline --from 1945-07 --to 1945-07", width=100, height=80)
        shown = wait_for("EXIT=0", colors=True)  # all of it: the legend comes first, the days after
        assert "\x1b[" in shown
        assert "Tokyo→Moscow" in ANSI.sub("", shown) and "1945-07-26" in ANSI.sub("", shown)

    def test_a_long_cable_pages_in_colour_and_q_leaves_the_pager(self, screen):
        start, wait_for, keys = screen
        start("cable 1945-07-12..1945-07-21", width=80, height=15)
        first_page = wait_for("No. 890 Togo → Sato", colors=True)
        assert "\x1b[" in first_page and "EXIT=" not in first_page
        assert len(first_page.rstrip("\n").splitlines()) <= 15
        keys("q")
        wait_for("EXIT=0")

    def test_a_narrow_window_wraps_within_its_width(self, screen):
        start, wait_for, _ = screen
        start("cable 932 --no-pager", width=40, height=120)
        shown = wait_for("EXIT=0")
        assert "No. 932 Togo → Sato" in shown and "in any situation." in shown
        assert max(len(line.rstrip()) for line in shown.splitlines()) <= 40
