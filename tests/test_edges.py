"""The promises at the edges, each tried with a real process: failing disks and a damaged index, odd entries in
corpus folders, hostile scalars, output that cannot be written, killed builds and odd environments."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from magiccli.load import bundled_corpus

from .conftest import run_in_terminal, run_magiccli

ROOT = Path(__file__).resolve().parents[1]
MAGICCLI = f"{sys.executable} -m magiccli"
ONE_CABLE = (bundled_corpus() / "cables" / "frus1945Berlinv01-d580.yaml").read_text(encoding="utf-8")


def _index_files(cache: Path) -> list[Path]:
    return sorted((cache / "magiccli").glob("index-*"))


# --- 1. SQLite errors on the cache --------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path):
    """A 256 KiB file system: too small for the index (mounting needs root)."""
    disk = tmp_path / "tiny"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_during_the_build_falls_back_to_memory_in_one_line(tiny_disk):
    result = run_magiccli("cable", "932", env={"XDG_CACHE_HOME": str(tiny_disk)})
    assert result.returncode == 0 and "932. Re my telegram No. 931." in result.stdout
    assert result.stderr == (
        f"magiccli: cannot write the index in {tiny_disk}/magiccli (database or disk is full);"
        " it is built in memory for this run\n"
    )
    assert _index_files(tiny_disk) == []  # the half-built file is gone
    reindex = run_magiccli("corpus", "reindex", env={"XDG_CACHE_HOME": str(tiny_disk)})
    assert reindex.returncode == 1 and reindex.stdout == ""
    assert reindex.stderr == f"magiccli: cannot write the index in {tiny_disk}/magiccli (database or disk is full)\n"


def test_reindex_where_the_cache_cannot_be_written_is_an_error(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = run_magiccli("corpus", "reindex", env={"XDG_CACHE_HOME": str(not_a_folder)})
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"magiccli: cannot write the index in {not_a_folder}/magiccli (Not a directory)\n"


def test_an_index_with_damaged_pages_is_deleted_and_rebuilt_by_the_next_run(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    expected = run_magiccli("cable", "932", env=env).stdout
    [index] = _index_files(tmp_path)
    size = index.stat().st_size
    # the length stays right, so only a query finds the damage: the header of every page after the first four (the
    # schema, meta and stamps, which the freshness check reads) overwritten, so that a page's type is none SQLite
    # knows (damage within a page's cells it need not notice)
    with open(index, "r+b") as file:
        for offset in range(4 * 65536, size, 65536):
            file.seek(offset)
            file.write(b"\xa5" * 16)
    damaged = run_magiccli("cable", "932", env=env)
    assert damaged.returncode == 1 and damaged.stdout == ""
    assert damaged.stderr == (
        f"magiccli: the index {index} was damaged (database disk image is malformed); it is"
        " deleted, and the next run builds it again\n"
    )
    again = run_magiccli("cable", "932", env=env)
    assert again.returncode == 0 and again.stdout == expected and again.stderr == ""


# --- 2. The corpus walk -------------------------------------------------------------------------------------


@pytest.fixture
def odd_folder(tmp_path):
    """A corpus folder with one good cable and every kind of entry that is no corpus file."""
    folder = tmp_path / "odd"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "good.yaml").write_text(
        ONE_CABLE.replace("frus1945Berlinv01-d580", "frus1945Berlinv01-d9580").replace(
            "telegram_no: '890'", "telegram_no: '9890'"
        ),
        encoding="utf-8",
    )
    (folder / "dangling.yaml").symlink_to(folder / "missing.yaml")
    os.mkfifo(folder / "fifo.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "elsewhere.yaml").write_text("id: [", encoding="utf-8")
    (folder / "outside.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "linked-folder").symlink_to(tmp_path)
    return folder


ODD_WARNINGS = [
    "dangling.yaml: skipped: a symbolic link to nothing",
    "fifo.yaml: skipped: a FIFO, not a regular file",
    "linked-folder: skipped: a symbolic link to a folder is not followed",
    "loop.yaml: skipped: a symbolic link that cannot be followed (Too many levels of symbolic links)",
    "outside.yaml: skipped: a symbolic link leading out of the corpus folders",
    "zero.yaml: skipped: a symbolic link leading out of the corpus folders",
]


def test_entries_that_are_no_regular_files_are_skipped_with_a_warning_the_same_way_everywhere(odd_folder):
    warnings = [f"magiccli: {odd_folder}/{warning}" for warning in ODD_WARNINGS]
    looked_up = run_magiccli("--corpus", odd_folder, "cable", "9890", "--list", timeout=60)
    assert looked_up.returncode == 0 and "frus1945Berlinv01-d9580" in looked_up.stdout
    assert looked_up.stderr.splitlines() == warnings  # said by the build; a later run reads the index quietly
    assert run_magiccli("--corpus", odd_folder, "cable", "9890", "--list", timeout=60).stderr == ""
    # validate reads the problems of the corpus in use from its index, and of other files by reading them
    validated = run_magiccli("--corpus", odd_folder, "corpus", "validate", timeout=60)
    assert (validated.returncode, validated.stdout, validated.stderr) == (0, "ok\n", "")
    validated = run_magiccli("corpus", "validate", odd_folder, timeout=60)
    assert validated.returncode == 0 and validated.stdout == "ok\n"
    assert validated.stderr.splitlines() == warnings


def _without_dac_override(*args):
    """magiccli run by root without the power to read what its permissions forbid (as any other user runs it)."""
    return subprocess.run(
        [
            "setpriv",
            "--bounding-set",
            "-dac_override,-dac_read_search",
            sys.executable,
            "-m",
            "magiccli",
            *map(str, args),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(os.geteuid() != 0 or not Path("/usr/bin/setpriv").exists(), reason="needs root and setpriv")
def test_an_unreadable_file_or_folder_is_a_problem_never_silently_missing(tmp_path):
    folder = tmp_path / "locked"
    (folder / "closed").mkdir(parents=True)
    (folder / "closed").chmod(0)
    validated = _without_dac_override("corpus", "validate", folder)
    assert (
        validated.returncode == 2
        and validated.stdout == f"{folder}/closed: cannot read this folder: Permission denied\n"
    )
    (folder / "closed").chmod(0o755)
    (folder / "closed" / "cable.yaml").write_text(ONE_CABLE, encoding="utf-8")
    (folder / "closed" / "cable.yaml").chmod(0)
    looked_up = _without_dac_override("--corpus", folder, "timeline")  # the rest of the corpus answers
    assert looked_up.returncode == 0 and "1945-07-21" in looked_up.stdout
    assert looked_up.stderr == (
        f"magiccli: {folder}/closed/cable.yaml: left out: 1 problem(s); 'magiccli corpus validate' lists them\n"
    )


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    (Path(os.fsdecode(bytes(folder) + b"/caf\xe9.yaml"))).write_text("id: [", encoding="utf-8")
    result = run_magiccli("--corpus", folder, "timeline")
    assert result.returncode == 0 and result.stderr.startswith(f"magiccli: {folder}/caf\\xe9.yaml: left out: 1 problem")
    validated = run_magiccli("corpus", "validate", folder)
    assert validated.returncode == 2 and f"{folder}/caf\\xe9.yaml:2: YAML syntax" in validated.stdout


def test_1500_nested_folders_are_walked(tmp_path):
    deep = tmp_path / "deep"
    deep.mkdir()
    os.chdir(deep)
    try:
        for _ in range(1500):  # os.makedirs recurses too
            os.mkdir("d")
            os.chdir("d")
        Path("bottom.yaml").write_text("id: [", encoding="utf-8")
        result = run_magiccli("--corpus", deep, "corpus", "validate")
        assert result.returncode == 2 and re.fullmatch(
            r"(/d){1500}/bottom\.yaml:2: YAML syntax: .*\n", result.stdout.removeprefix(str(deep))
        )
    finally:
        _remove_nested(deep)
        os.chdir(ROOT)


def _remove_nested(top: Path) -> None:
    """Remove a chain of nested folders from the bottom up (shutil.rmtree, and pytest's clean-up, recurse)."""
    os.chdir(top)
    depth = 0
    while os.path.isdir("d"):
        os.chdir("d")
        depth += 1
    for name in os.listdir("."):
        os.unlink(name)
    for _ in range(depth):
        os.chdir("..")
        os.rmdir("d")


def test_files_renamed_away_while_runs_read_them_are_simply_gone(tmp_path):
    folder = tmp_path / "moving"
    folder.mkdir()
    for n in range(60):
        (folder / f"c{n}.yaml").write_text(
            ONE_CABLE.replace("frus1945Berlinv01-d580", f"frus1945Berlinv01-d7{n:03}").replace(
                "telegram_no: '890'", f"telegram_no: '7{n:03}'"
            ),
            encoding="utf-8",
        )
    stop = threading.Event()

    def shuffle():
        while not stop.is_set():
            for path in folder.glob("c*.yaml"):
                path.rename(path.with_suffix(".away"))
            for path in folder.glob("c*.away"):
                path.rename(path.with_suffix(".yaml"))
            time.sleep(0.005)  # leave the runs some of the interpreter

    mover = threading.Thread(target=shuffle)
    mover.start()
    try:
        results = [
            run_magiccli("--corpus", folder, *args, env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
            for _ in range(2)
            for args in (("corpus", "validate"), ("cable", "932", "--list"))
        ]
    finally:
        stop.set()
        mover.join()
    assert [r.returncode for r in results] == [0] * len(results), [r.stderr for r in results]
    assert all(r.stderr == "" for r in results)


# --- 3. Scalars -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"id: x\x1b]2;pwned\x07\nkind: cable\n", ":1: YAML syntax: control character U+001B is not allowed"),
        (b"id: a\nkind: cable\ntitle: b\x00c\n", ":3: YAML syntax: control character U+0000 is not allowed"),
        (b"id: a\ntelegram_no: " + b"9" * 5000 + b"\n", ":2: an integer of 5,000 digits is too long (at most 18)"),
        (b"id: a\ncitation:\n  document: 0x" + b"f" * 100000 + b"\n", ":3: an integer of 100,002 digits is too long"),
    ],
)
def test_scalars_yaml_or_python_refuse_are_problems_of_their_line(tmp_path, content, problem):
    (tmp_path / "bad.yaml").write_bytes(content)
    validated = run_magiccli("corpus", "validate", tmp_path)
    assert validated.returncode == 2 and validated.stdout.startswith(f"{tmp_path}/bad.yaml{problem}")
    looked_up = run_magiccli("--corpus", tmp_path, "cable", "932")  # a lookup leaves the file out, and says so
    assert looked_up.returncode == 0 and "Traceback" not in looked_up.stderr
    assert looked_up.stderr.startswith(f"magiccli: {tmp_path}/bad.yaml: left out: ")


# --- 5. Output streams ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", ["cable 932", "-h", "timeline --help", "export", "corpus validate", "who konoye"])
def test_output_that_cannot_be_written_is_one_line_and_exit_1(args):
    closed = subprocess.run(["bash", "-c", f"{MAGICCLI} {args} >&-"], capture_output=True, text=True)
    assert (closed.returncode, closed.stderr) == (1, "magiccli: cannot write the output: standard output is closed\n")
    full = subprocess.run(["bash", "-c", f"{MAGICCLI} {args} >/dev/full"], capture_output=True, text=True)
    assert (full.returncode, full.stderr) == (1, "magiccli: cannot write the output: No space left on device\n")


@pytest.mark.skipif(not Path("/usr/bin/script").exists(), reason="script (util-linux) is not installed")
def test_a_pager_that_cannot_be_split_is_a_warning_and_the_text_follows():
    shown = subprocess.run(
        ["script", "-qec", f"{MAGICCLI} cable 1945-07-12..1945-07-21", "/dev/null"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PAGER": '"', "COLUMNS": "80", "LINES": "20"},
    ).stdout
    assert "magiccli: cannot run the pager $PAGER='\"' (No closing quotation); the text follows unpaged" in shown
    assert "Traceback" not in shown and "No. 932 Togo → Sato" in shown


# --- 6. Killed builds -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """2,400 synthetic cables: enough for the build to use worker processes."""
    folder = tmp_path_factory.mktemp("big")
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(folder), "2400"], check=True, capture_output=True
    )
    return folder


def _workers_of(pid: int) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        if children:
            return [int(child) for child in children]
        time.sleep(0.05)
    raise AssertionError("the build started no worker")


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_build_leaves_no_worker_and_no_temporary_file_behind(big_corpus, tmp_path, signum):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    build = subprocess.Popen(
        [sys.executable, "-m", "magiccli", "--corpus", str(big_corpus), "corpus", "reindex"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers = _workers_of(build.pid)
    build.send_signal(signum)
    _, err = build.communicate(timeout=60)
    assert build.returncode in (128 + signum, -signum) and "Traceback" not in err
    deadline = time.monotonic() + 20
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_running, workers))
    if signum == signal.SIGTERM:
        assert list((tmp_path / "magiccli").iterdir()) == []
    after = run_magiccli("--corpus", big_corpus, "cable", "932", "--list", env=env)
    assert (
        after.returncode == 0 and [p.name for p in (tmp_path / "magiccli").iterdir() if p.suffix == ".building"] == []
    )


# --- 7. The environment ---------------------------------------------------------------------------------------


def test_a_relative_xdg_cache_home_is_ignored(tmp_path):
    (tmp_path / "home").mkdir()  # a home that does not exist is not created (issue 25)
    result = run_magiccli(
        "cable", "932", env={"XDG_CACHE_HOME": "relative-cache", "HOME": str(tmp_path / "home")}, cwd=tmp_path
    )
    assert result.returncode == 0 and result.stderr == ""
    assert not (tmp_path / "relative-cache").exists() and _index_files(tmp_path / "home" / ".cache")


def test_a_cache_inside_a_corpus_folder_is_not_walked_nor_rebuilt_each_run(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "cable.yaml").write_text(
        ONE_CABLE.replace("frus1945Berlinv01-d580", "frus1945Berlinv01-d9580").replace(
            "telegram_no: '890'", "telegram_no: '9890'"
        ),
        encoding="utf-8",
    )
    env = {"XDG_CACHE_HOME": str(folder / "cache")}
    assert run_magiccli("--corpus", folder, "cable", "9890", env=env).returncode == 0
    [index] = _index_files(folder / "cache")
    built = index.stat().st_mtime_ns
    again = run_magiccli("--corpus", folder, "cable", "9890", env=env)
    assert again.returncode == 0 and index.stat().st_mtime_ns == built


def test_an_empty_corpus_name_is_an_error_not_the_current_folder(tmp_path):
    result = run_magiccli("--corpus", "", "timeline", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "magiccli: --corpus needs a folder or file name, not an empty one\n"
    validated = run_magiccli("corpus", "validate", "", cwd=tmp_path)
    assert (validated.returncode, validated.stdout) == (2, "")
    assert validated.stderr == "magiccli: corpus validate needs folder or file names, not an empty one\n"


def test_columns_0_is_taken_as_unset():
    result = run_in_terminal("timeline", "--from", "1945-07-26", "--to", "1945-07-26", env={"COLUMNS": "0"})
    assert result.returncode == 0 and "Potsdam Declaration" in result.stdout
