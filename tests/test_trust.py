"""Issue 25: nothing from outside the process is trusted — the cache, the corpus files' shapes and numbers, the
arguments, the streams and the environment — each case tried with a real process."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import run_magiccli

MAGICCLI = f"{sys.executable} -m magiccli"


# --- Shapes and numbers in a corpus file ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, problem",
    [
        ("id: a\nnotes: " + "[" * 500 + "]" * 500 + "\n", ":2: lists and mappings nested more than 64 deep"),
        (
            "id: a\nnotes:\n" + "".join("  " * i + "-\n" for i in range(300)),
            ":66: lists and mappings nested more than 64 deep",
        ),
        ("id: a\nkind: cable\ncitation:\n  document: .inf\n", ":4: '.inf' is not a finite number"),
        ("id: a\nkind: event\nnotes: [1, -.Inf]\n", ":3: '-.Inf' is not a finite number"),
        ("id: a\nkind: event\nx: !!float .nan\n", ":3: '.nan' is not a finite number"),
    ],
)
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
    assert line.startswith(f"{tmp_path}/bad.yaml:3: telegram_no: '190:20:30': ")  # the text, not 685230


# --- The cache is ours or not used ------------------------------------------------------------------------------

ONE_LINE = "frus1945Berlinv02-d1230"  # cable 932, in `cable 932 --list`'s line


def _cached(cache: Path, *, mode: int = 0o755) -> Path:
    """A cache with the bundled corpus's index in it, built by this user; the index file."""
    built = run_magiccli("cable", "932", "--list", env={"XDG_CACHE_HOME": str(cache)})
    assert built.returncode == 0 and built.stderr == ""
    (cache / "magiccli").chmod(mode)
    [index] = (cache / "magiccli").glob("index-*.sqlite3")
    return index


def test_the_cache_folder_and_its_missing_parents_are_made_private_whatever_the_umask(tmp_path):
    cache = tmp_path / "new" / "cache"
    made = subprocess.run(
        ["bash", "-c", f"umask 000; {MAGICCLI} cable 932 --list"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
    )
    assert made.returncode == 0 and made.stderr == "" and ONE_LINE in made.stdout
    modes = [oct(path.stat().st_mode & 0o777) for path in (tmp_path / "new", cache, cache / "magiccli")]
    assert modes == ["0o700"] * 3
    [index] = (cache / "magiccli").glob("index-*.sqlite3")
    assert index.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "break_it, reason",
    [
        (
            lambda index: index.parent.chmod(0o777),
            "the index is not kept in {folder}: the folder can be written by other users (mode 0777)",
        ),
        (
            lambda index: index.parent.chmod(0o775),
            "the index is not kept in {folder}: the folder can be written by other users (mode 0775)",
        ),
        (
            lambda index: index.chmod(0o646),
            "the index {index} is not used: it can be written by other users (mode 0646)",
        ),
        (lambda index: (index.unlink(), os.mkfifo(index)), "the index {index} is not used: it is not a regular file"),
        (
            lambda index: (index.rename(index.with_suffix(".x")), index.symlink_to(index.with_suffix(".x"))),
            "the index {index} is not used: it is not a regular file",
        ),
    ],
)
def test_a_cache_others_can_write_or_no_regular_index_is_not_used(tmp_path, break_it, reason):
    index = _cached(tmp_path, mode=0o700)
    break_it(index)
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    looked_up = run_magiccli("cable", "932", "--list", env=env, timeout=60)  # a FIFO read would hang
    assert looked_up.returncode == 0 and ONE_LINE in looked_up.stdout
    shown = reason.format(folder=index.parent, index=index)
    assert looked_up.stderr == f"magiccli: {shown}; it is built in memory for this run\n"
    reindexed = run_magiccli("corpus", "reindex", env=env, timeout=60)
    assert (reindexed.returncode, reindexed.stderr) == (1, f"magiccli: {shown}\n")


def _as_user(user: str, group: str, *args, env: dict, clear_env: bool = False):
    """magiccli run as another user (the test runs as root), with a Python that user may run; ``clear_env``: with
    no environment but ``env`` (no HOME, no USER), as a container's user may start."""
    if os.geteuid() != 0:
        pytest.skip("a second user needs root to switch to (setpriv)")
    root = Path(__file__).resolve().parents[1]
    paths = [str(root / "src"), *(p for p in sys.path if p.endswith("site-packages"))]
    command = [
        "setpriv",
        "--reuid",
        user,
        "--regid",
        group,
        "--clear-groups",
        "env",
        *(["-i"] if clear_env else []),
        f"PYTHONPATH={os.pathsep.join(paths)}",
        *(f"{k}={v}" for k, v in env.items()),
        "/usr/bin/python3",
        "-m",
        "magiccli",
        *args,
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=120)
    except FileNotFoundError:
        pytest.skip("setpriv or /usr/bin/python3 is not installed")
    if "ModuleNotFoundError" in result.stderr:
        pytest.skip(f"user {user} cannot import magiccli here: {result.stderr.splitlines()[-1]}")
    return result


@pytest.fixture
def shared():
    """A folder every user can reach (pytest's own are root's alone)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="magiccli-shared-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_an_index_another_user_wrote_is_never_read(shared):
    """Another user's index (here root's, world-readable, as a shared cache folder would hold it) with a raw
    escape sequence planted in a record stored as needing no escaping: nobody's run does not read it at all."""
    import sqlite3

    index = _cached(shared)
    index.chmod(0o644)
    with sqlite3.connect(index) as db:
        db.execute("UPDATE documents SET data = replace(data, 'Konoye', X'1b5d323b70776e656407'), cleared = 1")
    db.close()
    result = _as_user(
        "nobody", "nogroup", "export", "--format", "jsonl", env={"XDG_CACHE_HOME": str(shared), "HOME": "/nonexistent"}
    )
    assert result.returncode == 0 and "\x1b" not in result.stdout and "pwned" not in result.stdout
    assert '"id":"frus1945Berlinv02-d1230"' in result.stdout
    assert result.stderr == (
        f"magiccli: the index is not kept in {index.parent}: the folder belongs to another user"
        " (uid 0); it is built in memory for this run\n"
    )


# --- No home folder -----------------------------------------------------------------------------------------------


def test_a_home_that_does_not_exist_is_not_created(tmp_path):
    home = tmp_path / "gone"
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_CACHE_HOME")
    result = subprocess.run(
        [sys.executable, "-m", "magiccli", "cable", "932", "--list"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0 and ONE_LINE in result.stdout
    assert result.stderr == "magiccli: no home folder to keep the index in; it is built in memory for this run\n"
    assert not home.exists()


def test_a_user_without_a_passwd_entry_or_home_uses_no_cache(tmp_path):
    result = _as_user("4242", "4242", "cable", "932", "--list", env={}, clear_env=True)  # no passwd entry
    assert result.returncode == 0 and ONE_LINE in result.stdout
    assert result.stderr == "magiccli: no home folder to keep the index in; it is built in memory for this run\n"


# --- What we hand to other programs and to the terminal --------------------------------------------------------

from magiccli.load import bundled_corpus  # noqa: E402

from .conftest import run_in_terminal  # noqa: E402

ONE_CABLE = (bundled_corpus() / "cables" / "frus1945Berlinv01-d580.yaml").read_text(encoding="utf-8")


def _user_cable(folder: Path, title: str) -> Path:
    """A corpus folder holding one more cable, No. 9890, titled ``title`` (a YAML double-quoted string's body)."""
    folder.mkdir(exist_ok=True)
    text = (
        ONE_CABLE.replace("frus1945Berlinv01-d580", "frus1945Berlinv01-d9580")
        .replace("telegram_no: '890'", "telegram_no: '9890'")
        .replace("title: 'War''s end now considered: sound out how far Moscow can help'", f'title: "{title}"')
    )
    (folder / "cable.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt, separator", [("csv", ","), ("tsv", "\t")])
@pytest.mark.parametrize("title", ["=HYPERLINK(1)", "+1+2", "-2+3", "@SUM(A1)", "\\tlead", "\\rlead"])
def test_cells_a_spreadsheet_would_evaluate_get_an_apostrophe(tmp_path, fmt, separator, title):
    folder = _user_cable(tmp_path / "mine", title)
    result = run_magiccli("--corpus", folder, "cable", "9890", "--list", "--format", fmt)
    assert result.returncode == 0 and result.stderr == ""
    header, row = result.stdout.splitlines()
    cells = dict(zip(header.split(separator), row.split(separator)))
    # TSV: a tab or CR in a cell is a space; CSV keeps a tab, and shows a CR escaped as every output does
    shown = {"\\tlead": " lead" if fmt == "tsv" else "\tlead", "\\rlead": " lead" if fmt == "tsv" else "\\x0dlead"}.get(
        title, title
    )
    assert cells["title"] == "'" + shown
    assert cells["date"] == "1945-07-11" and cells["telegram_no"] == "9890"  # dates and numbers as they are


def test_the_coloured_terminal_view_shows_bel_bs_and_cr_escaped(tmp_path):
    folder = _user_cable(tmp_path / "mine", "ring\\a back\\b return\\r end")
    result = run_in_terminal("--corpus", folder, "cable", "9890", env={"PAGER": "cat"})
    assert result.returncode == 0
    assert "ring\\x07 back\\x08 return\\x0d end" in result.stdout
    assert "\x07" not in result.stdout and "\x08" not in result.stdout


def test_the_searched_line_of_quote_escapes_a_hostile_alias(tmp_path):
    people = (bundled_corpus() / "people.yaml").read_text(encoding="utf-8")
    attlee = people[people.index("- id: attlee-clement") :]
    attlee = attlee[: attlee.index("\n- id:") + 1]
    hostile = (
        attlee.replace("attlee-clement", "hostile-person")
        .replace(
            "aliases: [Clement Richard Attlee, Earl Attlee, Attlee, Prime Minister Attlee]",
            'aliases: ["Konoye\\e]2;owned\\a\\u202e"]',
        )
        .replace("name: Clement Attlee", "name: Hostile Konoye")
    )
    (tmp_path / "people.yaml").write_text(hostile, encoding="utf-8")
    result = run_magiccli("--corpus", tmp_path, "quote", "Hostile Konoye", "--count")
    searched = [line for line in result.stderr.splitlines() if line.startswith("searched: ")]
    assert searched == ["searched: Hostile Konoye, Konoye\\x1b]2;owned\\x07\\u202e"]
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


# --- Arguments, streams and environment that are not what they should be ------------------------------------------


def _bash(script: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", script], capture_output=True, env={**os.environ, **(env or {})}, timeout=timeout
    )


@pytest.mark.parametrize(
    "args",
    [
        "export --format csv --tag $'\\xff'",
        "cite $'\\xff'",
        "who $'caf\\xe9'",
        "timeline --grep $'\\xffab'",
        "quote $'\\xff\\xfe'",
    ],
)
def test_an_argument_that_is_not_utf8_is_refused_in_one_line(args):
    result = _bash(f"{MAGICCLI} {args}")
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.startswith(b"magiccli: an argument is not UTF-8 text: '")
    assert result.stderr.count(b"\n") == 1 and b"Traceback" not in result.stderr


def test_a_file_name_may_be_any_bytes(tmp_path):
    result = _bash(f"{MAGICCLI} --corpus $'{tmp_path}/\\xff' cable 932")
    assert (result.returncode, result.stderr) == (
        2,
        f"magiccli: no such corpus folder or file: {tmp_path}/\\xff\n".encode(),
    )


def test_a_cache_folder_whose_name_is_not_utf8_is_not_used(tmp_path):
    result = _bash(f"XDG_CACHE_HOME=$'{tmp_path}/\\xff' {MAGICCLI} cable 932 --list")
    assert result.returncode == 0 and ONE_LINE.encode() in result.stdout
    assert (
        result.stderr
        == (
            f"magiccli: the cache folder's name '{tmp_path}/\\xff/magiccli' is not UTF-8 text;"
            " it is built in memory for this run\n"
        ).encode()
    )


@pytest.mark.parametrize("command", ["cable -", "cite -", "compare -"])
def test_references_on_stdin_that_are_not_utf8_or_too_long_are_one_short_line(command):
    bad = _bash(f"printf '932\\n\\xff\\n' | {MAGICCLI} {command}")
    assert bad.returncode == 2
    assert bad.stderr == b"magiccli: line 2 of stdin is not UTF-8 text (invalid start byte at byte 1)\n"
    huge = _bash(f"head -c 10000000 /dev/zero | tr '\\0' x | {MAGICCLI} {command}")
    assert huge.returncode == 2 and len(huge.stderr) < 200
    assert huge.stderr.startswith(
        b"magiccli: line 1 of stdin is longer than a reference can be (1,000 characters): xxx"
    )


class _Conversation:
    """magiccli as a process fed references on a pipe one at a time: each answer is read before the next reference
    is written, so a command that waited for the end of stdin (or kept its answer in a buffer) never answers."""

    def __init__(self, *args: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "magiccli", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.pending = {self.process.stdout: b"", self.process.stderr: b""}

    def ask(self, reference: str, lines: int = 1, stream: str = "stdout") -> list[str]:
        """Write the reference, and read ``lines`` lines of its answer on ``stream`` (within 30 s)."""
        import select

        self.process.stdin.write(reference.encode() + b"\n")
        self.process.stdin.flush()
        source = getattr(self.process, stream)
        deadline = time.monotonic() + 30
        while self.pending[source].count(b"\n") < lines:
            ready, _, _ = select.select([source], [], [], max(0, deadline - time.monotonic()))
            if not ready:
                self.process.kill()
                pytest.fail(f"no answer to {reference!r} before the next reference: {self.pending[source]!r}")
            chunk = os.read(source.fileno(), 65536)
            assert chunk, f"{stream} closed before the answer to {reference!r}"
            self.pending[source] += chunk
        *answer, self.pending[source] = self.pending[source].split(b"\n", lines)
        return [line.decode() for line in answer]

    def end(self) -> tuple[int, str, str]:
        """Close stdin: the exit status, and what stdout and stderr still said."""
        out, err = self.process.communicate(timeout=60)
        return (
            self.process.returncode,
            (self.pending[self.process.stdout] + out).decode(),
            (self.pending[self.process.stderr] + err).decode(),
        )


@pytest.mark.parametrize(
    "args, field",
    [
        (("cable", "-", "--list"), lambda line: line.split("\t")[2]),  # tab-separated rows, batched
        (("compare", "-", "--format", "jsonl"), lambda line: json.loads(line)["telegram_no"]),  # a pair a line
        (("cite", "-"), lambda line: line.split("telegram No. ")[1].split(",")[0]),  # a Chicago entry a line
    ],
    ids=["cable", "compare", "cite"],
)
def test_each_reference_on_stdin_is_answered_before_the_next_is_read(args, field):
    """Every command that reads references on stdin (`-`) answers each as its line comes, an unknown one with its
    error line while the others are still answered; the exit status is then 1, as for an unknown reference alone."""
    talk = _Conversation(*args)
    assert list(map(field, talk.ask("932"))) == ["932"]
    assert talk.ask("99999", stream="stderr") == ["magiccli: no telegram No. 99999 in the corpus"]
    assert list(map(field, talk.ask("1416"))) == ["1416"]
    assert talk.end() == (1, "", "")


def test_a_document_on_stdin_is_answered_whole_before_the_next_reference():
    """The plain document of `cable -`, several lines a cable and a blank line between, each cable whole as its
    reference comes; a JSON array's objects go out as they come (the comma and the closing bracket with what
    follows)."""
    documents = [run_magiccli("cable", number).stdout.splitlines() for number in ("932", "1433")]
    talk = _Conversation("cable", "-")
    assert talk.ask("932", lines=len(documents[0])) == documents[0]
    assert talk.ask("1433", lines=len(documents[1]) + 1) == ["", *documents[1]]
    assert talk.end() == (0, "", "")
    array = _Conversation("compare", "-", "--format", "json")
    assert array.ask("932", lines=1) == ["["]
    assert json.loads(array.ask("1416", lines=1)[0].rstrip(","))["telegram_no"] == "932"
    code, rest, errors = array.end()
    assert (code, errors) == (0, "")
    assert json.loads("[" + rest)[0]["telegram_no"] == "1416"


def test_references_on_stdin_keep_their_errors_one_line_each():
    """An unknown reference among others: its line, the others answered, exit 1; a malformed one, exit 2, the
    worse; every reference unknown: nothing on stdout (no empty JSON array), as for one reference alone."""
    listed = run_magiccli("cable", "-", "--list", input="932\n99999\n1945-13-01\n1433\n")
    assert [line.split("\t")[2] for line in listed.stdout.splitlines()] == ["932", "1433"]
    assert listed.stderr.splitlines() == [
        "magiccli: no telegram No. 99999 in the corpus",
        "magiccli: '1945-13-01' is not a real date (month must be in 1..12). A cable reference is a date 1945-07-21,"
        " a month 1945-07, a range 1945-07-12..1945-07-21, a telegram number 932, a corpus id frus1945Berlinv02-d1230"
        " or a FRUS reference frus1945Berlinv02/d1230",
    ]
    assert listed.returncode == 2
    for args in (("cable", "-", "--format", "json"), ("compare", "-", "--format", "json"), ("cite", "-")):
        none = run_magiccli(*args, input="99999\n1945-07-14\n")
        assert (none.returncode, none.stdout) == (1, ""), args
        assert none.stderr.startswith("magiccli: no telegram No. 99999 in the corpus\nmagiccli: no cable on 1945-07-14")


def test_closed_stdin_is_one_line():
    result = _bash(f"{MAGICCLI} cable - <&-")
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == (
        b"magiccli: standard input is closed; give a reference, or - with references on stdin one a line\n"
    )


def test_closed_stderr_sends_no_warning_into_stdout(tmp_path):
    (tmp_path / "broken.yaml").write_text("id: broken\nkind: cable\n", encoding="utf-8")
    result = _bash(f"{MAGICCLI} --corpus {tmp_path} timeline --format json 2>&-")
    assert result.returncode == 0

    assert json.loads(result.stdout)[0]["id"] == "1905-05-27-battle-of-tsushima"  # JSON, and only JSON


@pytest.mark.parametrize("limit", ["99999999999999999999999", "9" * 5000])
def test_a_limit_past_the_platforms_integer_is_a_usage_error(limit, typer_cli):
    result = run_magiccli("timeline", "--limit", limit)
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        (
            "magiccli: --limit takes a number up to ",  # read as a number, then refused
            "magiccli: Invalid value for '--limit' / '-n': ",
        )
    )  # too long to read as one


@pytest.mark.parametrize("columns", ["100000000", "9" * 5000])
def test_a_huge_columns_is_cut_to_a_thousand(columns):
    result = run_in_terminal("who", "togo", env={"COLUMNS": columns, "PAGER": "cat"}, columns=200)
    assert result.returncode == 0 and result.stderr == "" and "Togo" in result.stdout
    import re

    assert max(len(re.sub("\x1b\\[[0-9;]*m", "", line)) for line in result.stdout.splitlines()) == 1000


def test_compare_diff_gives_up_past_its_bounds():
    from magiccli.compare import DIFF_WORDS, TooLong, changed_words

    with pytest.raises(TooLong):
        changed_words("word " * (DIFF_WORDS + 1), "word")
    import time

    started = time.monotonic()
    with pytest.raises(TooLong):  # repeated words: 1,500 of them took difflib minutes
        changed_words("the " * 1500, "the a " * 750)
    assert time.monotonic() - started < 4


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_build_worker_killed_is_one_line_and_leaves_no_index(tmp_path_factory, tmp_path):
    import signal
    import time

    big = tmp_path_factory.mktemp("big")
    root = Path(__file__).resolve().parents[1]
    subprocess.run(
        [sys.executable, str(root / "bench" / "generate.py"), str(big), "2400"], check=True, capture_output=True
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    build = subprocess.Popen(
        [sys.executable, "-m", "magiccli", "--corpus", str(big), "cable", "932", "--list"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    workers: list[str] = []
    while not workers and time.monotonic() < deadline:
        workers = subprocess.run(["pgrep", "-P", str(build.pid)], capture_output=True, text=True).stdout.split()
        time.sleep(0.02)
    assert workers, "the build started no worker"
    os.kill(int(workers[0]), signal.SIGKILL)  # as the OOM killer would
    out, err = build.communicate(timeout=60)
    assert (build.returncode, out) == (1, "")
    assert err == (
        "magiccli: a worker process reading the corpus was killed (out of memory?); nothing was kept,"
        " run the command again\n"
    )
    assert [p.name for p in (tmp_path / "magiccli").iterdir()] == []


# --- Unicode forms and lookalikes ---------------------------------------------------------------------------------


def test_a_name_typed_decomposed_finds_its_person():
    decomposed = "To\u0304go\u0304"  # Tōgō as macOS and copied text give it
    who = run_magiccli("who", decomposed)
    assert who.returncode == 0 and who.stdout.startswith("== Shigenori Togo")
    actor = run_magiccli("timeline", "--actor", decomposed, "--kind", "cable", "--limit", "1")
    assert actor.returncode == 0 and actor.stderr == "" and "Togo" in actor.stdout


def test_validate_reports_a_name_taken_from_another_file_and_ids_differing_only_in_case(tmp_path):
    people = (bundled_corpus() / "people.yaml").read_text(encoding="utf-8")
    attlee = people[people.index("- id: attlee-clement") :]
    attlee = attlee[: attlee.index("\n- id:") + 1]
    (tmp_path / "people.yaml").write_text(
        attlee.replace("attlee-clement", "impostor-person")
        .replace(
            "aliases: [Clement Richard Attlee, Earl Attlee, Attlee, Prime Minister Attlee]",
            "aliases: [Impostor, To\u0304go\u0304]",
        )
        .replace("name: Clement Attlee", "name: Impostor Person"),
        encoding="utf-8",
    )
    _user_cable(tmp_path / "cables", "A cable").joinpath("cable.yaml").write_text(
        ONE_CABLE.replace("id: frus1945Berlinv01-d580", "id: FRUS1945Berlinv01-d580").replace(
            "telegram_no: '890'", "telegram_no: '9890'"
        ),
        encoding="utf-8",
    )
    result = run_magiccli("corpus", "validate", tmp_path)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(f"{tmp_path}/people.yaml:5: 'To\u0304go\u0304' is also a name of togo-shigenori (")
        for line in lines
    ), lines
    assert any(
        line.startswith(
            f"{tmp_path}/cables/cable.yaml:1: id 'FRUS1945Berlinv01-d580' differs only in case"
            " from 'frus1945Berlinv01-d580' ("
        )
        for line in lines
    ), lines


def _person(person_id: str, aliases: str, shares: str = "") -> str:
    """A person record of the register's shape, as a list item of a people file."""
    attlee = (bundled_corpus() / "people.yaml").read_text(encoding="utf-8")
    attlee = attlee[attlee.index("- id: attlee-clement") :]
    attlee = attlee[: attlee.index("\n- id:") + 1]
    declared = f"  shares_names_with: [{shares}]\n" if shares else ""
    return (
        attlee.replace("attlee-clement", person_id)
        .replace("name: Clement Attlee", f"name: {person_id.title()}")
        .replace(
            "  aliases: [Clement Richard Attlee, Earl Attlee, Attlee, Prime Minister Attlee]\n",
            f"  aliases: [{aliases}]\n{declared}",
        )
    )


def test_validate_reports_a_name_two_people_share_unless_both_declare_it(tmp_path):
    """Two people of one file both called "Twin" (NFC, case and accents folded as mentions fold them), and one
    taking "Roosevelt" from the register's file: each is one line at the later name, exit 2; declared by one of
    the two only, it is still a problem."""
    (tmp_path / "people.yaml").write_text(
        _person("twin-one", "Twin") + _person("twin-two", "TWI\u0301N, Roosevelt", shares="twin-one"),
        encoding="utf-8",
    )
    result = run_magiccli("corpus", "validate", tmp_path)
    register = bundled_corpus() / "people.yaml"
    franklin, theodore = (
        register.read_text(encoding="utf-8").splitlines().index(line) + 1
        for line in (
            "  aliases: [Franklin Delano Roosevelt, FDR, Roosevelt, President Roosevelt]",
            "  aliases: [Teddy Roosevelt, T. R., TR, President Theodore Roosevelt, Roosevelt]",
        )
    )
    alias_line = 25  # twin-two's aliases: the first record has 20 lines, a record's aliases are its fifth
    assert sorted(result.stdout.splitlines()) == [
        f"{tmp_path}/people.yaml:{alias_line}: 'Roosevelt' is also a name of roosevelt-franklin ({register}:{franklin});"
        " if both are called so, each must say so: shares_names_with [roosevelt-franklin] here, [twin-two] there",
        f"{tmp_path}/people.yaml:{alias_line}: 'Roosevelt' is also a name of roosevelt-theodore ({register}:{theodore});"
        " if both are called so, each must say so: shares_names_with [roosevelt-theodore] here, [twin-two] there",
        f"{tmp_path}/people.yaml:{alias_line}: 'TWI\u0301N' is also a name of twin-one ({tmp_path}/people.yaml:5);"
        " if both are called so, each must say so: shares_names_with [twin-one] here, [twin-two] there",
    ]
    assert (result.returncode, result.stderr) == (2, "magiccli: 3 problem(s) found\n")


def test_validate_accepts_a_shared_name_both_people_declare_and_no_stale_declaration(tmp_path):
    (tmp_path / "people.yaml").write_text(
        _person("twin-one", "Twin", shares="twin-two") + _person("twin-two", "Twin", shares="twin-one"),
        encoding="utf-8",
    )
    declared = run_magiccli("corpus", "validate", tmp_path)
    assert (declared.returncode, declared.stdout, declared.stderr) == (0, "ok\n", "")
    (tmp_path / "people.yaml").write_text(
        _person("twin-one", "Twin", shares="twin-two") + _person("twin-two", "Zyzzyx", shares="twin-one"),
        encoding="utf-8",
    )
    stale = run_magiccli("corpus", "validate", tmp_path)
    assert stale.returncode == 2
    assert stale.stdout.splitlines() == [
        f"{tmp_path}/people.yaml:6: shares no name with twin-two",
        f"{tmp_path}/people.yaml:27: shares no name with twin-one",
    ]


def test_the_register_declares_its_shared_names_and_validates_clean():
    """The bundled register's shared names are the two Kases' ("Kase", 加瀬俊一) and the two Roosevelts'; a text
    naming only those names neither, and who says so."""
    assert run_magiccli("corpus", "validate").stdout == "ok\n"
    who = run_magiccli("who", "加瀬俊一")
    assert who.returncode == 0
    assert [line for line in who.stdout.splitlines() if line.startswith("== ")] == [
        "== Shun'ichi Kase (加瀬俊一) ==",
        "== Toshikazu Kase (加瀬俊一) ==",
    ]


# --- Smaller -----------------------------------------------------------------------------------------------------


def test_grep_of_punctuation_only_is_refused_as_quote_refuses_it():
    result = run_magiccli("timeline", "--grep", "!!!")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "magiccli: --grep has no letters or digits to look for\n"


@pytest.mark.parametrize("args", ["-h", "timeline --help", "export --format jsonl"])
def test_a_reader_gone_away_is_exit_141_for_help_and_data_alike(args):
    result = _bash(f"{MAGICCLI} {args} | head -c 1 >/dev/null; exit ${{PIPESTATUS[0]}}")
    assert (result.returncode, result.stderr) == (141, b"")


# --- The pictures (made safe before issue 25; checked here) -------------------------------------------------------


def test_a_picture_is_not_written_through_a_symlink_nor_twice_to_one_file(tmp_path):
    (tmp_path / "target").write_text("old")
    (tmp_path / "link.svg").symlink_to(tmp_path / "target")
    linked = run_magiccli("timeline", "--svg", tmp_path / "link.svg")
    assert linked.returncode == 2 and (tmp_path / "target").read_text() == "old"
    twice = run_magiccli("timeline", "--svg", tmp_path / "x", "--html", tmp_path / "x")
    assert twice.returncode == 2 and not (tmp_path / "x").exists()
    assert twice.stderr == f"magiccli: --svg and --html name the same file ({tmp_path / 'x'}): give each its own\n"


@pytest.mark.parametrize("option", ["--svg", "--html"])
def test_a_picture_shows_c1_and_bidi_controls_escaped(tmp_path, option):
    folder = _user_cable(tmp_path / "mine", "evil\\u202e \\x9b31m end")
    result = run_magiccli("--corpus", folder, "timeline", "--from", "1945-07-11", "--to", "1945-07-11", option, "-")
    assert result.returncode == 0
    assert "\u202e" not in result.stdout and "\x9b" not in result.stdout
    assert "\\u202e" in result.stdout and "\\u009b" in result.stdout
