"""Generated corpus folders of odd entries: whatever they hold, magiccli answers with an exit code of 0, 1 or 2,
no traceback, stderr lines that are its own or a corpus file's problems, and leaves the folder as it was."""

import hashlib
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from magiccli.load import bundled_corpus

CABLE = (bundled_corpus() / "cables" / "frus1945Berlinv01-d580.yaml").read_text(encoding="utf-8")
NAMES = st.one_of(
    st.sampled_from(["a", "b.yaml", "c.yml", "-", ".hidden.yaml", "space name.yaml", "ü.yaml"]),
    st.binary(min_size=1, max_size=8)
    .map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_") + b".yaml")
    .filter(lambda b: b not in (b".yaml",)),
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=6).map(
        lambda t: t + ".yaml"
    ),
)


def _cable(n: int) -> bytes:
    return (
        CABLE.replace("frus1945Berlinv01-d580", f"frus1945Berlinv01-d{9000 + n}")
        .replace("telegram_no: '890'", f"telegram_no: '{9000 + n}'")
        .encode()
    )


CONTENTS = st.one_of(
    st.integers(0, 50).map(_cable),
    st.sampled_from(
        [
            b"",
            b"id: [",
            b"- 1\n- 2\n",
            b"!!python/object:os.system ls\n",
            b"a: &x 1\nb: *x\n",
            b"title: \x1b]2;pwned\x07\n",
            b"n: " + b"9" * 5000 + b"\n",
            b"\xff\xfe",
            b"---\n---\n",
        ]
    ),
    st.binary(max_size=200),
)
ENTRIES = st.lists(
    st.tuples(
        st.sampled_from(
            ["file", "file", "file", "folder", "symlink-in", "symlink-out", "dangling", "fifo", "devzero", "unreadable"]
        ),
        NAMES,
        CONTENTS,
        st.integers(0, 40),
    ),
    max_size=10,
)


def _build(folder: Path, entries) -> None:
    folder.mkdir()
    made = []
    for kind, name, content, depth in entries:
        parent = folder
        if kind == "folder":
            parent = folder.joinpath(*["d"] * depth)
            parent.mkdir(parents=True, exist_ok=True)
            kind = "file"
        path = Path(os.fsdecode(bytes(parent) + b"/" + (name if isinstance(name, bytes) else os.fsencode(name))))
        if os.path.lexists(path):
            continue
        if kind in ("file", "unreadable"):
            path.write_bytes(content)
            if kind == "unreadable":
                path.chmod(0)
            made.append(path)
        elif kind == "symlink-in" and made:
            path.symlink_to(made[-1])
        elif kind == "symlink-out":
            path.symlink_to(bundled_corpus() / "people.yaml")
        elif kind == "dangling":
            path.symlink_to(folder / "nothing-here")
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "devzero":
            path.symlink_to("/dev/zero")


def _fingerprint(folder: Path) -> dict:
    """Every entry's kind, mode, link target and content hash."""
    seen = {}
    for top, folders, files in os.walk(folder):
        for name in folders + files:
            path = os.path.join(top, name)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                seen[path] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                seen[path] = (
                    "file",
                    info.st_mode,
                    info.st_mtime_ns,
                    hashlib.sha256(Path(path).read_bytes()).hexdigest(),
                )
            else:
                seen[path] = ("other", info.st_mode)
    return seen


def _run(folder: Path, cache: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "magiccli", "--corpus", str(folder), *args],
        capture_output=True,
        timeout=60,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
    )


# no shrinking: each example runs magiccli twice, and a shrink would run it hundreds of times
@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(entries=ENTRIES)
def test_any_corpus_folder_gets_an_answer_and_stays_as_it_was(tmp_path_factory, entries):
    base = tmp_path_factory.mktemp("fuzz")
    folder = base / "corpus"
    _build(folder, entries)
    before = _fingerprint(folder)
    own_line = re.compile(rb"magiccli: |" + re.escape(bytes(folder)) + rb"/.*?(:\d+)?: ")
    for args in (("corpus", "validate"), ("timeline", "--limit", "3")):
        result = _run(folder, base / "cache", *args)
        assert result.returncode in (0, 1, 2), result.stderr
        assert b"Traceback" not in result.stderr
        for line in result.stderr.splitlines():
            assert own_line.match(line), line
    assert _fingerprint(folder) == before
