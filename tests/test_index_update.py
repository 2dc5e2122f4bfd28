"""An index brought up to date file by file (index.build.update) is the index a build of the final corpus makes,
table by table; commands answer from it right after an edit; a reader never sees half an update."""

import importlib.util
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from magiccli.index.build import build, update
from magiccli.locations import bundled_corpus

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_VOLUME = ROOT / "tests" / "data" / "tei" / "frus1945Berlinv02-fixture.xml"


def _bench_generate():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


generate = _bench_generate()


# --- the corpus and its changes --------------------------------------------------------------------------------------
def _cable(n: int, seed: int, **lines: str) -> str:
    """Generated cable ``n`` (bench/generate.py) of ``seed``, with some of its top-level lines written anew."""
    text = generate.cable_yaml(n, seed)
    for key, value in lines.items():
        text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
    return text


ANCHOR = 100  # a cable the wording and the reply point at: changed, never removed


def _anchor(seed: int) -> str:
    return _cable(ANCHOR, seed, **{"from": "togo-shigenori", "to": "sato-naotake"})


def _reply(seed: int) -> str:
    """A cable answering the anchor from the other side, dated after every generated cable."""
    return _cable(
        101,
        seed,
        **{"from": "sato-naotake", "to": "togo-shigenori", "date": "1981-01-02", "in_reply_to": "[synth-0000100]"},
    )


def _wording(seed: int) -> str:
    wording = yaml.safe_load((bundled_corpus() / "magic-summaries.yaml").read_text(encoding="utf-8"))[0]
    wording.update(id="magic-user-1", cable=f"synth-{ANCHOR:07d}", telegram_no=None)
    wording["text"] = f"{wording['text']} Variant {seed}."
    return yaml.safe_dump(wording, allow_unicode=True)


def _completed_cable(seed: int) -> str:
    """A cable of the Berlin volume II that the fixture volume completes (tei.complete_record)."""
    cable = yaml.safe_load((bundled_corpus() / "cables" / "frus1945Berlinv02-d1230.yaml").read_text(encoding="utf-8"))
    cable.update(in_reply_to=[], telegrams_mentioned=[], telegram_no="99932", title=f"Edited {seed}")
    cable.pop("arrived", None)
    return yaml.safe_dump(cable, allow_unicode=True)


# what each change writes: (path in the corpus folder, its text for a seed); None removes the file
FILES = {
    "cable-1": ("a/synth-1.yaml", lambda seed: generate.cable_yaml(1, seed)),
    "cable-2": ("a/synth-2.yaml", lambda seed: generate.cable_yaml(2, seed)),
    "cable-3": ("b/synth-3.yaml", lambda seed: generate.cable_yaml(3, seed)),
    "anchor": ("b/anchor.yaml", _anchor),
    "reply": ("b/reply.yaml", _reply),
    "wording": ("c/wording.yaml", _wording),
    "completed": ("c/d1230.yaml", _completed_cable),
    "volume-1": ("volumes/v1.xml", lambda seed: generate.tei_volume(1, 1 + seed % 4, 0, seed)),
    "volume-2": ("volumes/v2.xml", lambda seed: generate.tei_volume(2, 1 + seed % 3, 10, seed)),
    "fixture-volume": ("volumes/frus1945Berlinv02.xml", lambda seed: FIXTURE_VOLUME.read_text(encoding="utf-8")),
    # a file the index leaves out (its problems), or mended
    "broken": (
        "c/broken.yaml",
        lambda seed: generate.cable_yaml(4, seed).replace("kind: cable", "kind: cabel", seed % 2),
    ),
}
NEVER_REMOVED = {"anchor"}  # the wording and the reply need their cable


def _write(folder: Path, name: str, seed: int | None) -> None:
    relative, text = FILES[name]
    path = folder / relative
    if seed is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text(seed), encoding="utf-8")


def _corpus(folder: Path) -> list[Path]:
    folder.mkdir()
    shutil.copy(bundled_corpus() / "people.yaml", folder / "people.yaml")
    for name in ("cable-1", "anchor", "wording", "volume-1"):
        _write(folder, name, 1)
    return [folder]


# --- the index, table by table ---------------------------------------------------------------------------------------
def _tables(db: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            " AND name NOT LIKE 'words\\_%' ESCAPE '\\' ORDER BY name"
        )
    ]


def dump(path: Path) -> dict:
    """Every table's rows, with the numbers an index gives as it likes in their place: a file's number as its
    path, a cable's or event's position as its id (the order positions make is compared as a list), a passages
    group's number (in passages and group_texts) as its record, source, field and grade; FTS5's content as each
    word's instances; the problems' numbers as their order in each file."""
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    files = dict(db.execute("SELECT file, path FROM files"))
    at = dict(db.execute("SELECT position, id FROM entries"))
    place = {record_id: position for position, record_id in at.items()}
    groups = {row[0]: row[1:] for row in db.execute("SELECT n, record, source, field, grade FROM passages")}
    tables = {}
    for table in _tables(db):
        columns = [column[1] for column in db.execute(f"PRAGMA table_info({table})")]
        rows = []
        for row in db.execute(f"SELECT * FROM {table}"):
            named = dict(zip(columns, row))
            if "file" in named:
                named["file"] = files.get(named["file"], named["file"])  # 0: a problem of no file walked
            if table == "passages":
                named["position"] -= place[named["record"]]  # its rank among its record's groups
            elif "position" in named:
                named["position"] = at[named["position"]]
            if table == "group_texts":
                named["n"] = groups[named["n"]]
            if table in ("records", "passages", "problems"):
                del named["n"]
            rows.append(tuple(sorted(named.items(), key=lambda item: item[0])))
        tables[table] = sorted(rows, key=repr)
    tables["corpus order"] = [row[0] for row in db.execute("SELECT id FROM entries ORDER BY position")]
    tables["passages order"] = [
        row for row in db.execute("SELECT record, source, field, grade FROM passages ORDER BY position")
    ]
    tables["problems order"] = list(db.execute("SELECT path, line, message, kind FROM problems ORDER BY path, n"))
    tables["wordings order"] = list(db.execute("SELECT parent, id FROM records WHERE parent IS NOT NULL ORDER BY n"))
    tables["words"] = sorted(
        (term, groups[doc], column, offset)
        for term, doc, column, offset in db.execute("SELECT term, doc, col, offset FROM word_instances")
    )
    db.close()
    return tables


def _compare(updated: Path, built: Path) -> None:
    got, want = dump(updated), dump(built)
    assert got.keys() == want.keys()
    for table in want:
        assert got[table] == want[table], table


changes = st.lists(
    st.tuples(st.sampled_from(sorted(FILES)), st.one_of(st.none(), st.integers(1, 6))), min_size=1, max_size=4
)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(changes, min_size=1, max_size=3))
def test_an_index_updated_file_by_file_is_the_index_a_build_makes(tmp_path_factory, steps):
    folder = tmp_path_factory.mktemp("update")
    roots = _corpus(folder / "corpus")
    index = folder / "index.sqlite3"
    build(roots, str(index)).close()
    for n, step in enumerate(steps):
        for name, seed in step:
            _write(roots[0], name, 1 if seed is None and name in NEVER_REMOVED else seed)
        updated = folder / f"updated-{n}.sqlite3"
        shutil.copyfile(index, updated)
        update(roots, str(updated)).close()
        built = folder / f"built-{n}.sqlite3"
        build(roots, str(built)).close()
        _compare(updated, built)
        index = updated


# --- through the commands --------------------------------------------------------------------------------------------
@pytest.fixture
def user_folder(cli, tmp_path, monkeypatch):
    """A folder of the user's (MAGICCLI_CORPUS) holding the anchor cable, its index built; from then on a whole
    build fails the test, so that what the commands answer comes from an update."""
    from magiccli.locations import CORPUS_ENV

    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "anchor.yaml").write_text(_anchor(1), encoding="utf-8")
    monkeypatch.setenv(CORPUS_ENV, str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert _answer(cli, "cable", "synth-0000100").startswith("== No. 9000100 Togo → Sato · Tokyo, 1933-03-26 19:23 JST")
    _no_whole_build(monkeypatch)
    return folder


def _no_whole_build(monkeypatch):
    """From now on a whole build of an index into the cache fails the test: an index must be updated."""
    from magiccli.index import cache

    def no_build(*args, **kwargs):
        raise AssertionError("the index was built whole")

    monkeypatch.setattr(cache, "build", no_build)


def _answer(cli, *args) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result.output


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_cable_and_quote_answer_from_the_edited_file(cli, user_folder):
    anchor = user_folder / "anchor.yaml"
    _edit(anchor, "title: 'The railway question; with the greatest caution'", "title: An edited title")
    _edit(anchor, "text: |-\n  ", "text: |-\n  An unmistakable marker sentence. ")
    assert _answer(cli, "cable", "synth-0000100").splitlines()[3] == "title: An edited title"
    assert (
        _answer(cli, "quote", "--count", "unmistakable marker")
        == "1\t1933-03-26\tsynth-0000100\tNo. 9000100 Togo → Sato\t\n"
    )
    _edit(anchor, "date: 1933-03-26", "date: 1933-03-27")
    assert _answer(cli, "cable", "--list", "1933-03-26..1933-03-27").splitlines() == [
        "1933-03-27\t19:23 JST\t9000100\tTogo → Sato\tTokyo\tsynth-0000100\tyes\tsent 1933-03-27\tAn edited title"
        "\tJST\t1933-03-27T10:23Z"
    ]


def test_thread_and_who_answer_from_a_file_added_and_removed(cli, user_folder):
    reply = user_folder / "reply.yaml"
    reply.write_text(_reply(1), encoding="utf-8")
    assert _answer(cli, "thread", "synth-0000100").splitlines() == [
        "0\t1933-03-26\t9000100\tTogo → Sato\tsynth-0000100\t\t\tThe railway question; with the greatest caution",
        "1\t1981-01-02\t9000101\tSato → Togo\tsynth-0000101\tsynth-0000100\t\tThe armistice terms; in strict secrecy",
    ]
    assert [line for line in _answer(cli, "who", "sato").splitlines() if "synth" in line] == [
        "1933-03-26\tcable\tsynth-0000100\tto\tNo. 9000100 Togo → Sato: The railway question; with the greatest caution",
        "1981-01-02\tcable\tsynth-0000101\tfrom\tNo. 9000101 Sato → Togo: The armistice terms; in strict secrecy",
    ]
    reply.unlink()
    alone = cli("thread", "synth-0000100")
    assert (alone.exit_code, alone.output) == (
        1,
        "magiccli: No. 9000100 Togo → Sato answers no telegram, and no cable in the corpus answers it\n",
    )
    assert "synth-0000101" not in _answer(cli, "who", "sato")


def test_a_volume_added_is_read_and_a_volume_removed_is_gone(cli, user_folder):
    volume = user_folder / "v1.xml"
    volume.write_text(generate.tei_volume(1, 3, 0, 1), encoding="utf-8")
    assert [_answer(cli, "cable", f"frus1862Synth0001-d{n}").splitlines()[0] for n in (1, 2, 3)] == [
        "== No. 390 Shigemitsu → Molotov · Tokyo, 1954-07-11 ==",
        "== No. 1116 Dulles → Grew · Bern, 1888-09-28 ==",
        "== No. 1017 Harriman → Togo · Moscow, 1875-02-26 14:35 LMT, 12:04 UTC ==",
    ]
    volume.unlink()
    gone = cli("cable", "frus1862Synth0001-d1")
    assert (gone.exit_code, gone.output) == (1, "magiccli: no cable with id frus1862Synth0001-d1 in the corpus\n")


READER = """
import json, sqlite3, sys, time
from pathlib import Path

path, stop = Path(sys.argv[1]), Path(sys.argv[2])
seen = []
while not stop.exists():
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)  # as Index.open opens it
    listed = [row[0] for row in db.execute("SELECT id FROM entries WHERE id LIKE 'frus1862%' ORDER BY position")]
    time.sleep(0.02)  # the writer may rename a new index over this one meanwhile
    documents = [
        json.loads(data)["id"]
        for (data,) in db.execute(
            "SELECT d.data FROM entries e JOIN documents d ON d.position = e.position"
            " WHERE e.id LIKE 'frus1862%' ORDER BY e.position"
        )
    ]
    grouped = {row[0] for row in db.execute("SELECT record FROM passages WHERE record LIKE 'frus1862%'")}
    found = {row[0] for row in db.execute(
        "SELECT p.record FROM words JOIN passages p ON p.n = words.rowid WHERE words MATCH 'frus'"
        " AND p.record LIKE 'frus1862%'"
    )}
    if not (listed == documents and set(listed) == grouped and found <= grouped):
        print("mixed", listed, documents, sorted(grouped), sorted(found))
        sys.exit(1)
    seen.append(len(listed))
    db.close()
print(" ".join(map(str, sorted(set(seen)))))
"""


def test_a_reader_during_updates_sees_the_old_index_or_the_new(tmp_path, monkeypatch):
    import subprocess

    from magiccli.index import Index

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(bundled_corpus() / "people.yaml", folder / "people.yaml")
    volume = folder / "v1.xml"
    volume.write_text(generate.tei_volume(1, 3, 0, 1), encoding="utf-8")
    index = Path(Index.open([folder]).location)
    _no_whole_build(monkeypatch)
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(index), str(stop)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        for count in (5, 3, 5, 3):
            volume.write_text(generate.tei_volume(1, count, 0, count), encoding="utf-8")
            Index.open([folder])
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    assert (reader.returncode, err) == (0, "")
    assert out.split() == ["3", "5"]


def test_an_edit_that_breaks_a_reference_fails_as_a_build_does(cli, tmp_path, monkeypatch):
    from magiccli.locations import CORPUS_ENV

    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "anchor.yaml").write_text(_anchor(1), encoding="utf-8")
    monkeypatch.setenv(CORPUS_ENV, str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert cli("cable", "synth-0000100").exit_code == 0
    (folder / "reply.yaml").write_text(_reply(1).replace("[synth-0000100]", "[synth-0000099]"), encoding="utf-8")
    updated = cli("cable", "synth-0000100")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-cache"))
    built = cli("cable", "synth-0000100")
    assert (updated.exit_code, updated.output) == (built.exit_code, built.output)
    assert built.exit_code == 2 and "'synth-0000099' is not a cable id in the corpus" in built.output
