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
    made = subprocess.run(["bash", "-c", f"umask 000; {MAGICCLI} cable 932 --list"], capture_output=True,
                          text=True, env={**os.environ, "XDG_CACHE_HOME": str(cache)})
    assert made.returncode == 0 and made.stderr == "" and ONE_LINE in made.stdout
    modes = [oct(path.stat().st_mode & 0o777) for path in (tmp_path / "new", cache, cache / "magiccli")]
    assert modes == ["0o700"] * 3
    [index] = (cache / "magiccli").glob("index-*.sqlite3")
    assert index.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("break_it, reason", [
    (lambda index: index.parent.chmod(0o777), "the index is not kept in {folder}: the folder can be written by"
                                              " other users (mode 0777)"),
    (lambda index: index.parent.chmod(0o775), "the index is not kept in {folder}: the folder can be written by"
                                              " other users (mode 0775)"),
    (lambda index: index.chmod(0o646), "the index {index} is not used: it can be written by other users (mode 0646)"),
    (lambda index: (index.unlink(), os.mkfifo(index)), "the index {index} is not used: it is not a regular file"),
    (lambda index: (index.rename(index.with_suffix(".x")), index.symlink_to(index.with_suffix(".x"))),
     "the index {index} is not used: it is not a regular file"),
])
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


def _as_nobody(*args, env):
    """magiccli run as the user nobody (the test runs as root), with a Python nobody may run."""
    if os.geteuid() != 0:
        pytest.skip("a second user needs root to switch to (setpriv)")
    root = Path(__file__).resolve().parents[1]
    paths = [str(root / "src"), *(p for p in sys.path if p.endswith("site-packages"))]
    command = ["setpriv", "--reuid", "nobody", "--regid", "nogroup", "--clear-groups", "env",
               f"PYTHONPATH={os.pathsep.join(paths)}", *(f"{k}={v}" for k, v in env.items()),
               "/usr/bin/python3", "-m", "magiccli", *args]
    try:
        result = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=120)
    except FileNotFoundError:
        pytest.skip("setpriv or /usr/bin/python3 is not installed")
    if "ModuleNotFoundError" in result.stderr:
        pytest.skip(f"nobody cannot import magiccli here: {result.stderr.splitlines()[-1]}")
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
    result = _as_nobody("export", "--format", "jsonl", env={"XDG_CACHE_HOME": str(shared), "HOME": "/nonexistent"})
    assert result.returncode == 0 and "\x1b" not in result.stdout and "pwned" not in result.stdout
    assert '"id":"frus1945Berlinv02-d1230"' in result.stdout
    assert result.stderr == (f"magiccli: the index is not kept in {index.parent}: the folder belongs to another user"
                             " (uid 0); it is built in memory for this run\n")


# --- No home folder -----------------------------------------------------------------------------------------------

def test_a_home_that_does_not_exist_is_not_created(tmp_path):
    home = tmp_path / "gone"
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_CACHE_HOME")
    result = subprocess.run([sys.executable, "-m", "magiccli", "cable", "932", "--list"], capture_output=True,
                            text=True, env=env)
    assert result.returncode == 0 and ONE_LINE in result.stdout
    assert result.stderr == "magiccli: no home folder to keep the index in; it is built in memory for this run\n"
    assert not home.exists()


def test_a_user_without_a_passwd_entry_or_home_uses_no_cache(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("a user without a passwd entry needs root to switch to (setpriv)")
    root = Path(__file__).resolve().parents[1]
    paths = [str(root / "src"), *(p for p in sys.path if p.endswith("site-packages"))]
    command = ["setpriv", "--reuid", "4242", "--regid", "4242", "--clear-groups", "env", "-i",
               f"PYTHONPATH={os.pathsep.join(paths)}", "/usr/bin/python3", "-m", "magiccli", "cable", "932", "--list"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if "ModuleNotFoundError" in result.stderr:
        pytest.skip("user 4242 cannot import magiccli here")
    assert result.returncode == 0 and ONE_LINE in result.stdout
    assert result.stderr == "magiccli: no home folder to keep the index in; it is built in memory for this run\n"
