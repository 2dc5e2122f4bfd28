"""Building an index: parse, check and index the corpus a chunk of files at a time, the chunks in worker processes for
a big corpus, then write what needs the whole corpus (corpus order, labels from the people register). Updating one:
the same steps for the files changed alone, after their rows are deleted (update)."""

from __future__ import annotations

import gc
import json
import os
import re
import sqlite3
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from magiccli.errors import CorpusError
from magiccli.index.tables import COLLECTED, PAGE_SIZE, PARAGRAPH_BREAK, POSITION_STEP, STAGING, TABLES, version
from magiccli.locations import bundled_corpus
from magiccli.model import (
    RECORD_TYPES,
    Cable,
    Event,
    Person,
    Translation,
    from_dict,
    source_label,
    source_names,
    timed_dict,
    to_dict,
)
from magiccli.search import GREP_ONLY, grep_only_texts, record_passages
from magiccli.stats import Tally
from magiccli.tei import volume_id
from magiccli.text import holds_controls, index_words
from magiccli.walk import walk_corpus

PER_FILE_CHECK_LIMIT = 20_000  # corpus files: up to this many, the index keeps each one's stamp (index/cache.py)


def roots_text(roots: list[Path]) -> str:
    return json.dumps([str(root) for root in roots])


def _no_progress(total: int, what: str):
    return nullcontext(lambda n=1: None)


class NotIncremental(Exception):
    """The index cannot be brought up to date file by file (update): it is built again."""


class _BrokenShare(Exception):
    """A share of a TEI volume read in shares (load.map_work) has problems of the user's file, which leave the whole
    volume out: the shares written before must go too, so the build starts again with the volume read whole."""

    def __init__(self, file: Path):
        super().__init__(str(file))
        self.file = file


def build(
    roots: list[Path], target: str, staging: str = ":memory:", progress=None, whole: frozenset[Path] = frozenset()
) -> sqlite3.Connection:
    """Parse, check and index the corpus a chunk of files at a time, the chunks in worker processes for a big
    corpus, so that the parent only inserts rows and keeps no more of each record than the checks between
    records need. A file of the user's folders that cannot be read or breaks the schema is left out, and said so
    on every run until it is mended (Index.open); any other problem raises CorpusError and the half-built index is
    thrown away. The cables and events wait in ``staging``, a database file of their own, until they can be
    written in corpus order; the caller deletes it. ``whole``: TEI volumes read whole, not in shares
    (_BrokenShare)."""
    from magiccli.load import map_work  # the YAML parser and validator, needed only here

    walk = walk_corpus(roots)  # the stamps taken before reading, so that a file changed meanwhile shows as stale
    connection = _connect(target, staging, TABLES)
    file_ids = {str(path): n for n, path in enumerate(walk.files, start=1)}
    try:
        with _collector_paused(), (progress or _no_progress)(len(walk.files), "indexing corpus files") as advance:
            # the rows hold no cycles, and each collection would walk every record kept in reduced
            written = _insert(connection, map_work(_rows_of, walk.files, whole), file_ids, advance)
    except _BrokenShare as broken:
        connection.close()
        for path in (target, staging):
            if path != ":memory:":
                open(path, "wb").close()
        return build(roots, target, staging, progress, whole | {broken.file})
    with (progress or _no_progress)(1, "checking the records") as advance:
        _check(written, [])
        advance()
    _finish(connection, roots, walk, walk.files, file_ids, written, [], Tally(), progress)
    return connection


def update(roots: list[Path], target: str, staging: str = ":memory:", progress=None) -> sqlite3.Connection:
    """Bring the index at ``target`` up to date: a copy of the index of ``roots``, stale since a corpus file was
    added, changed or removed. Those files are read again with the files whose rows depend on theirs (_reread), and
    only their rows are deleted and written again, through the build's own steps, so that the index is the one a
    build would make (tests/test_index_update.py compares them table by table). NotIncremental where that cannot be
    done: a file of the people register among them (every label and mention reads the register), a problem
    between records (the build reports it), more than half the corpus to read again (a build is quicker), no room
    left between two positions."""
    walk = walk_corpus(roots)
    connection = _connect(target, staging, "")
    indexed, origins = _indexed(connection, walk)
    now = _stamps_of_files(walk)
    changed = {path for path, stamp in now.items() if indexed.get(path, ())[1:3] != stamp}
    changed |= indexed.keys() - now.keys()
    volumes = {path: volume for path, (*_, volume) in indexed.items() if volume}
    reread, chunks = _reread(changed, walk, origins, volumes, progress)
    _refuse_what_needs_a_build(walk, reread, chunks, origins)
    tally, words = _delete(connection, [indexed[path][0] for path in reread if path in indexed])
    next_file = (connection.execute("SELECT max(file) FROM files").fetchone()[0] or 0) + 1
    read_again = [file for file in walk.files if str(file) in reread]
    file_ids = {path: indexed[path][0] for path in now if path in indexed and path not in reread}
    file_ids.update((str(path), n) for n, path in enumerate(read_again, start=next_file))
    with _collector_paused():
        written = _insert(connection, chunks, file_ids, lambda n=1: None, words)
    kept = [entry for path, entries in origins.items() if path not in reread for entry in entries]
    _finish(connection, roots, walk, read_again, file_ids, written, kept, tally, progress)
    return connection


def _indexed(connection: sqlite3.Connection, walk) -> tuple[dict[str, tuple], dict[str, list]]:
    """The files the index holds (path: file number, size, mtime_ns, volume) and their records' origins (path:
    load.Entry of each record, reduced)."""
    from magiccli.load import Entry

    rows = connection.execute("SELECT file, path, size, mtime_ns, volume FROM files").fetchall()
    walked = {str(file): file for file in walk.files}  # a Path for each, made once (a path's parsing costs)
    paths = {file: walked.get(os.fsdecode(path)) or Path(os.fsdecode(path)) for file, path, *_ in rows}
    origins: dict[str, list] = {}
    for file, place, reduced in connection.execute("SELECT file, place, reduced FROM origins"):
        origins.setdefault(str(paths[file]), []).append(
            Entry(json.loads(reduced), paths[file], tuple(json.loads(place)))
        )
    return {str(paths[row[0]]): (row[0], *row[2:]) for row in rows}, origins


def _refuse_what_needs_a_build(walk, reread: set[str], chunks: list, origins: dict[str, list]) -> None:
    """NotIncremental where the files to read again call for a build: too many of them, the people register among
    them, a problem of the bundled corpus or between records (which the build reports)."""
    if len(reread) > max(len(walk.files) // 2, _ALWAYS_UPDATED):
        raise NotIncremental(f"{len(reread)} of {len(walk.files)} files to read again")
    read = [entry for chunk in chunks for entry in chunk.reduced]
    if any(entry.data["kind"] == "person" for entry in read + [e for p in reread for e in origins.get(p, [])]):
        raise NotIncremental("the people register changed")
    bundled = bundled_corpus().resolve()
    if any(Path(problem.file).resolve().is_relative_to(bundled) for chunk in chunks for problem in chunk.problems):
        raise NotIncremental("a problem in the bundled corpus")
    if any(chunk.split and chunk.problems for chunk in chunks):
        raise NotIncremental("a TEI volume read in shares has problems")
    kept = [entry for path, entries in origins.items() if path not in reread for entry in entries]
    try:
        _check(Written(reduced=read), kept)
    except CorpusError:
        raise NotIncremental("a problem between records") from None


_ALWAYS_UPDATED = 100  # files: up to this many read again, an update never gives way to a build


def _connect(target: str, staging: str, schema: str) -> sqlite3.Connection:
    """The index at ``target``, with ``schema`` written (TABLES for a new one), ready for a build's rows."""
    connection = sqlite3.connect(target)
    connection.execute("ATTACH DATABASE ? AS staging", (staging,))
    connection.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;"
        + schema
        + COLLECTED
        + STAGING
        + f"PRAGMA cache_size = {_build_cache_pages()};"
    )
    return connection


def _reread(
    changed: set[str], walk, origins: dict[str, list], volumes: dict[str, str], progress
) -> tuple[set[str], list]:
    """The files to read again for a change of the files ``changed`` (paths, some of them gone), and their chunks
    read: with each file, those whose records' rows are written with its records' (_ties): a MAGIC wording's and its
    cable's (the cable's entry counts its wordings, its document holds them, the wording's passages carry the cable's
    date and names), a quoted paper's and the cable quoting it (load._check_quotes reads both texts), a document of
    a FRUS volume in YAML and the volume's TEI file (the volume completes it: load.map_work). Read in one pass, as a
    build reads them, and again where the records read name a file more."""
    from magiccli.load import TEI_SUFFIX, map_work, volume_of

    file_of = {entry.data["id"]: path for path, entries in origins.items() for entry in entries}
    tied_to: dict[str, set[str]] = {}  # an id, and the files of the records tied to it
    holding_volume: dict[str, set[str]] = {}  # a volume, and the YAML files holding documents of it
    for path, entries in origins.items():
        for entry in entries:
            for other in _ties(entry.data):
                tied_to.setdefault(other, set()).add(path)
            volume = volume_of(entry.data["id"])
            if volume and not path.endswith(TEI_SUFFIX):
                holding_volume.setdefault(volume, set()).add(path)
    reread: set[str] = set()
    wanted = set(changed)
    chunks: list[_Rows] = []
    while wanted - reread:
        reread |= wanted
        files = [file for file in walk.files if str(file) in reread]
        with (progress or _no_progress)(len(files), "indexing corpus files") as advance:
            chunks.clear()
            for chunk in map_work(_rows_of, files):
                advance(chunk.files)
                chunks.append(chunk)
        entries = [entry for chunk in chunks for entry in chunk.reduced]
        entries += [entry for path in reread for entry in origins.get(path, [])]
        ids = {entry.data["id"] for entry in entries}
        wanted |= {file_of[other] for entry in entries for other in _ties(entry.data) if other in file_of}
        wanted |= {path for record_id in ids for path in tied_to.get(record_id, ())}
        in_volumes = {volume for volume in map(volume_of, ids) if volume}
        in_volumes |= {volumes[path] for path in reread if path in volumes}
        in_volumes |= {volume_id(file) for file in files if file.suffix == TEI_SUFFIX}
        wanted |= {path for path, volume in volumes.items() if volume in in_volumes}
        wanted |= {path for volume in in_volumes for path in holding_volume.get(volume, ())}
    return reread, chunks


def _ties(data: dict) -> list[str]:
    """The ids of the records whose rows are written with this record's (_reread): a MAGIC wording's cable, the
    record a quoted paper is quoted in."""
    ties = [data["cable"]] if data.get("kind") == "translation" and data.get("cable") else []
    return ties + ([data["quoted_in"]["record"]] if isinstance(data.get("quoted_in"), dict) else [])


def _check(written: Written, kept: list) -> None:
    """CorpusError for the problems of the files of the bundled corpus and those between records, of the records
    written and ``kept`` from the index."""
    from magiccli.load import check_across

    problems = written.problems or check_across(kept + written.reduced)
    if problems:
        raise CorpusError(problems)


def _delete(connection: sqlite3.Connection, files: list[int]) -> tuple[Tally, set[str]]:
    """Delete the rows of the records of ``files`` from every table that holds rows of a file (a file column) or of
    a cable or event (a position column), and their words from FTS5; the corpus's tally with their records taken
    out, and the words taken out. The tables whose rows are the whole index's (meta, stamps, terms) are written again by
    _finish."""
    connection.execute("CREATE TEMP TABLE gone (file INTEGER PRIMARY KEY)")
    connection.executemany("INSERT INTO gone VALUES (?)", ((file,) for file in files))
    tally = Tally.from_json(json.loads(_meta(connection, "tally")))
    old = [
        from_dict(RECORD_TYPES[kind], json.loads(data))
        for kind, data in connection.execute(
            "SELECT e.kind, d.data FROM entries e JOIN documents d ON d.position = e.position WHERE e.file IN gone"
            " UNION ALL SELECT kind, data FROM records WHERE file IN gone"
        )
    ]
    groups = {
        tuple(row[1:]): row[0]
        for row in connection.execute("SELECT n, record, source, field, grade FROM passages WHERE file IN gone")
    }
    words: set[str] = set()
    for record in old:
        tally.add(record, -1)
        for group in _passage_groups(record):
            words |= _terms_of(group[-1])
            n = groups.pop(tuple(group[:4]), None)
            if n is None:
                raise NotIncremental(f"no passages row for {group[:4]}")
            connection.execute("INSERT INTO words (words, rowid, text) VALUES ('delete', ?, ?)", (n, group[-1]))
    connection.execute("INSERT INTO answering SELECT DISTINCT target FROM links WHERE file IN gone AND reply")
    for table, columns in _tables(connection).items():
        if "position" in columns and "file" not in columns:
            connection.execute(
                f"DELETE FROM {table} WHERE position IN (SELECT position FROM entries WHERE file IN gone)"
            )
    for table, columns in _tables(connection).items():
        if "file" in columns:
            connection.execute(f"DELETE FROM {table} WHERE file IN gone")
    return tally, words


_WHOLE = {"meta", "stamps", "terms"}  # tables whose rows are the whole index's: _finish writes them again


def _tables(connection: sqlite3.Connection) -> dict[str, list[str]]:
    """The index's own tables (not FTS5's) and their columns. Each must hold rows of a file or of a cable or event,
    or be written whole by _finish (_WHOLE): an update could not keep any other true."""
    virtual = [
        name for (name,) in connection.execute("SELECT name FROM main.sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%'")
    ]
    tables = {}
    for (name,) in connection.execute("SELECT name FROM main.sqlite_schema WHERE type = 'table'"):
        if name in virtual or name in _WHOLE or any(name.startswith(f"{v}_") for v in virtual):
            continue
        columns = [column for _, column, *_ in connection.execute(f"PRAGMA main.table_info({name})")]
        if "file" not in columns and "position" not in columns:
            raise NotIncremental(f"table {name} holds rows of neither a file nor a record")
        tables[name] = columns
    return tables


@dataclass
class Written:
    """What the chunks of files written hold for the steps after the last one (_finish)."""

    problems: list = field(default_factory=list)  # those of the files of the bundled corpus
    reduced: list = field(default_factory=list)  # the records, reduced to what the checks between records read
    escaping: set = field(default_factory=set)  # the ids of the records whose JSON holds controls
    wordings: list = field(default_factory=list)  # (passages row, cable id) of each MAGIC wording
    tally: Tally = field(default_factory=Tally)
    left_out: Counter = field(default_factory=Counter)  # problems of each file of the user's folders
    countries: dict = field(default_factory=dict)  # the countries each file's events name
    words: set | None = None  # the words of the texts written, where an update keeps the terms


def _insert(connection: sqlite3.Connection, chunks, file_ids: dict[str, int], advance, words=None) -> Written:
    """Write the rows of each chunk of files (_Rows) as it comes, into the tables of the files' records and the
    collected ones (tables.COLLECTED); ``file_ids``, each file's number. Every file's problems are gathered; past a
    problem of the bundled corpus nothing more is written (the build fails: _check)."""
    written = Written(words=words)
    bundled = bundled_corpus().resolve()
    passages = connection.execute("SELECT coalesce(max(n), 0) FROM passages").fetchone()[0]
    for chunk in chunks:
        advance(chunk.files)
        if chunk.split and chunk.problems and not written.problems:
            raise _BrokenShare(Path(chunk.problems[0].file))
        _keep_problems(connection, "file", chunk.problems, file_ids)
        _keep_problems(connection, "unsafe", chunk.unsafe, file_ids)
        for problem in chunk.problems:
            if Path(problem.file).resolve().is_relative_to(bundled):
                written.problems.append(problem)
            else:
                written.left_out[str(problem.file)] += 1
        if written.problems:
            continue  # keep reading: every file's problems are reported at once
        written.reduced += chunk.reduced
        for file, countries in chunk.countries.items():
            written.countries.setdefault(file, set()).update(countries)
        written.escaping.update(chunk.escaping)
        written.tally.merge(chunk.tally)
        connection.executemany(
            "INSERT INTO records (id, kind, parent, data, file) VALUES (?, ?, ?, ?, ?)",
            ((*row[:-1], file_ids[row[-1]]) for row in chunk.records),
        )
        connection.executemany("INSERT INTO staging.texts VALUES (?, ?, ?)", chunk.texts)
        numbered = list(enumerate(chunk.passages, start=passages + 1))
        connection.executemany(
            "INSERT INTO named_passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((n, *passage[:-2], file_ids[passage[-2]]) for n, passage in numbered),
        )
        connection.executemany(
            "INSERT INTO words (rowid, text) VALUES (?, ?)", ((n, passage[-1]) for n, passage in numbered)
        )
        connection.executemany(
            "INSERT INTO group_texts VALUES (?, ?, ?)",
            ((n, passage[-1], file_ids[passage[-2]]) for n, passage in numbered),
        )
        if words is not None:
            words.update(word for passage in chunk.passages for word in _terms_of(passage[-1]))
        written.wordings += [(n, passage[0]) for n, passage in numbered if passage[2] == "magic"]
        connection.executemany(
            "INSERT OR IGNORE INTO lookup VALUES (?, ?, ?)", ((*row[:-1], file_ids[row[-1]]) for row in chunk.lookup)
        )
        connection.executemany(
            "INSERT INTO links VALUES (?, ?, ?, ?)", ((*row[:-1], file_ids[row[-1]]) for row in chunk.links)
        )
        connection.executemany(
            "INSERT INTO named_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((*row[:-1], file_ids[row[-1]]) for row in chunk.entries),
        )
        connection.executemany("INSERT INTO named_tags VALUES (?, ?)", chunk.tags)
        connection.executemany("INSERT INTO named_mentions VALUES (?, ?, ?)", chunk.mentions)
        passages += len(numbered)
    return written


def _terms_of(text: str) -> set[str]:
    """The words FTS5's ascii tokenizer makes of a passage group's text: split at every ASCII character but a letter
    or digit, every other character part of a word, ASCII letters lowercased."""
    return set(_TOKEN.findall(text.translate(_ASCII_LOWER)))


_TOKEN = re.compile(r"[^\x00-/:-@\[-`{-\x7f]+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _finish(
    connection: sqlite3.Connection,
    roots: list[Path],
    walk,
    read: list[Path],
    file_ids: dict[str, int],
    written: Written,
    kept: list,
    tally: Tally,
    progress,
) -> None:
    """What needs the whole corpus, after the last file: whom the texts name, the MAGIC wordings named as their
    cables, corpus order and labels, the documents in that order, the terms, the files read and their records'
    origins, the stamps and the corpus's counts; ``kept``: the records of the files not read (an update's), reduced.
    At 315,000 documents some 40 s, shown as steps of their own."""
    from magiccli.load import named_in_texts, unlisted_mentions

    with (progress or _no_progress)(len(_FINAL_STEPS), "writing the index") as advance:
        # who the texts name, known only now that the register is read (it may come in any chunk): role "named",
        # or the party a sender or addressee written as a name is
        persons = [entry for entry in kept if entry.data["kind"] == "person"]
        named = list(named_in_texts(persons + written.reduced))
        _keep_problems(connection, "mentions", unlisted_mentions(named), file_ids)
        connection.executemany(
            "INSERT INTO named_mentions VALUES (?, ?, ?)",
            (
                (entry.data["id"], person_id, parties.get(person_id, "named"))
                for entry, found, parties in named
                for person_id in {**found, **parties}
                if person_id not in (entry.data.get("from"), entry.data.get("to"), *entry.data.get("people", ()))
            ),
        )
        advance()
        _name_wordings(connection, written.wordings)
        advance()
        _place(connection)
        _order_and_label(connection)
        advance()
        _write_documents(connection, written.escaping)
        advance()
        _write_terms(connection, written.words)
        _write_origins(connection, read, file_ids, walk, written, kept)
        tally.merge(written.tally)
        _write_meta(connection, roots, walk, tally)
        connection.execute("DROP TABLE temp.placed")
        connection.commit()
        connection.execute("DETACH DATABASE staging")
        advance()


# the steps after the last file (_finish): whom the texts name, naming the MAGIC wordings, corpus order and labels,
# the documents in that order, the terms, origins, stamps and counts and the commit
_FINAL_STEPS = ("named", "wordings", "order", "documents", "commit")


def _keep_problems(connection: sqlite3.Connection, kind: str, problems, file_ids: dict[str, int]) -> None:
    """Keep ``problems`` for corpus validate (the problems table), by the number of their file, so that an update
    deletes them with its rows (0 for a problem of no file the walk found)."""
    connection.executemany(
        "INSERT INTO problems (file, path, line, message, kind) VALUES (?, ?, ?, ?, ?)",
        (
            (file_ids.get(str(problem.file), 0), os.fsencode(problem.file), problem.line, problem.message, kind)
            for problem in problems
        ),
    )


def _build_cache_pages() -> int:
    """Pages of SQLite's cache for a build: up to 4 GiB, a quarter of the machine's memory at most. FTS5's merges
    read back the segments they merge; held in the cache rather than reread through the OS, a build of 315,000
    documents took 119 s instead of 153 s with a 1 GiB cache (peak memory 2.6 GB against 1.8 GB); SQLite takes
    only the pages the index comes to fill."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # no sysconf (Windows) or no such name
        memory = 16 << 30
    return min(4 << 30, memory // 4) // PAGE_SIZE


@contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off for a while, if it was on."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass
class _Rows:
    """What one chunk of files adds to the index, and the records reduced to what the checks across them read."""

    files: int
    problems: list = field(default_factory=list)
    unsafe: list = field(default_factory=list)  # characters that would drive a terminal (load.unsafe_characters)
    reduced: list = field(default_factory=list)
    # each row ends with its file's path (a passages row's before its text): the parent numbers the files
    records: list = field(default_factory=list)  # a MAGIC wording's or person's (id, kind, parent, JSON)
    texts: list = field(default_factory=list)  # a cable's or event's (id, kind, JSON)
    passages: list = field(default_factory=list)  # a passages row without its number, then its text
    entries: list = field(default_factory=list)  # a named_entries row
    tags: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    lookup: list = field(default_factory=list)
    links: list = field(default_factory=list)
    countries: dict = field(default_factory=dict)  # each file's events' countries
    escaping: list = field(default_factory=list)  # the ids of the records whose JSON holds controls
    deferred: list = field(default_factory=list)  # YAML documents waiting for their TEI volume (load.Work)
    tally: Tally = field(default_factory=Tally)
    split: bool = False  # a share of a TEI volume (load.map_work)


def _rows_of(work) -> _Rows:
    """The rows of a load.Work's records."""
    from magiccli.load import read_and_check, unsafe_characters

    entries, problems, deferred = read_and_check(work)
    rows = _Rows(
        work.files_done,
        problems=problems,
        unsafe=unsafe_characters(entries),
        deferred=deferred,
        split=work.share is not None,
    )
    broken = {problem.file for problem in problems}
    for entry in entries:
        if entry.file in broken:
            continue
        data, file = entry.data, str(entry.file)
        rows.reduced.append(entry.reduced())
        record = from_dict(RECORD_TYPES[data["kind"]], data)
        rows.tally.add(record)
        parent = record.cable if isinstance(record, Translation) else None
        # a cable's or event's JSON as output gives it (with its zone and instant); a wording's or person's as its file
        text = json.dumps(
            timed_dict(record) if isinstance(record, (Cable, Event)) else to_dict(record),
            ensure_ascii=False,
            separators=(",", ":"),
        )
        if isinstance(record, (Cable, Event)):
            rows.texts.append((record.id, record.kind, text))
        else:
            rows.records.append((record.id, record.kind, parent, text, file))
        if holds_controls(text):
            rows.escaping.append(record.id)
        rows.passages += [(*group[:-1], file, group[-1]) for group in _passage_groups(record)]
        rows.lookup += [(key, parent or record.id, file) for key in _lookup_keys(record)]
        if isinstance(record, (Cable, Event)):
            rows.entries.append((*_named_entry(record), file))
            rows.tags += [(record.id, tag) for tag in record.tags]
            rows.mentions += [(record.id, key, role) for key, role in _mentioned(record).items()]
        if isinstance(record, Cable):
            rows.links += [(record.id, target, 1, file) for target in record.in_reply_to]
            rows.links += [
                (record.id, target, 0, file)
                for target in dict.fromkeys([*record.telegrams_mentioned, *record.documents_cited])
                if target not in record.in_reply_to
            ]
            if record.arrived:  # the record that attests its arrival, which its view names and a crossing reads
                rows.links.append((record.id, record.arrived.attested_by, 0, file))
        if isinstance(record, Event):
            rows.countries.setdefault(file, set()).update(record.countries)
    return rows


def _named_entry(record: Cable | Event) -> tuple:
    """A named_entries row: the record's Entry but for its heading and place in corpus order."""
    name, sender, addressee = source_names(record)
    return (
        record.id,
        record.kind,
        record.date,
        record.end,
        record.time,
        getattr(record, "direction", None),
        getattr(record, "telegram_no", None),
        name,
        sender,
        addressee,
        record.title,
        record.complete,
        record.zone,
        record.instant,
    )


def _mentioned(record: Cable | Event) -> dict[str, str]:
    """Who the record names, and how: a cable's sender, addressee and the people named in its curated list; an
    event's actors. (Whom a cable's texts name besides is added once the register is read: build.)"""
    if isinstance(record, Event):
        return dict.fromkeys(record.actors, "actor")
    roles = dict.fromkeys(record.people, "named")
    if record.to:
        roles[record.to] = "to"
    roles[record.from_] = "from"
    return roles


def _names(record: Cable | Event) -> tuple:
    """The date and instant that order a count of hits (model.in_order), and the name, sender and addressee that
    label it."""
    return record.date, record.instant, *source_names(record)


def _passage_groups(record) -> list[tuple]:
    """The passages rows (without their number) of each group of passages FTS5 indexes, each with its text for
    FTS5 (text.index_words), and the group of what only --grep reads (search.GREP_ONLY). A MAGIC wording is a group of its cable's, named as the cable once the index has it
    (_name_wordings)."""
    if isinstance(record, Translation):
        return (
            [(record.cable, record.id, "magic", record.source.grade, *[None] * 5, index_words(record.text))]
            if record.cable
            else []
        )
    if not isinstance(record, (Cable, Event)):
        return []
    groups: dict[tuple[str, str, str | None], list[str]] = {}
    for part, source, text, grade in record_passages(record):
        groups.setdefault((part, source, grade), []).append(index_words(text))
    groups[(GREP_ONLY, record.id, None)] = [index_words(text) for text in grep_only_texts(record)]
    return [
        (record.id, source, part, grade, *_names(record), PARAGRAPH_BREAK.join(texts))
        for (part, source, grade), texts in groups.items()
    ]


def _name_wordings(connection: sqlite3.Connection, wordings: list[tuple[int, str]]) -> None:
    """Name each MAGIC wording's passages row (number, cable id) as its cable, which may have come in any chunk."""
    cables = {}
    for _, cable_id in wordings:
        if cable_id not in cables:
            data = connection.execute(
                "SELECT data FROM staging.texts WHERE id = ? AND kind = 'cable'", (cable_id,)
            ).fetchone()
            cables[cable_id] = _names(from_dict(Cable, json.loads(data[0])))
    connection.executemany(
        "UPDATE named_passages SET date = ?, instant = ?, name = ?, sender = ?, addressee = ? WHERE n = ?",
        [(*cables[cable], n) for n, cable in wordings],
    )


def _place(connection: sqlite3.Connection) -> None:
    """Where each new cable and event (named_entries) goes in corpus order (placed): by date, instant and id, as
    Corpus.records orders them. In a new index, POSITION_STEP apart; in one updated, between the two records already
    there that it comes between, the new ones between the same two spread evenly over the room between them, which
    must leave each room for its passages groups (_ROOM), else NotIncremental."""
    new = connection.execute(
        "SELECT id, date, coalesce(instant, '') FROM named_entries ORDER BY date, coalesce(instant, ''), id"
    ).fetchall()
    if connection.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is None:
        connection.executemany(
            "INSERT INTO placed VALUES (?, ?)", ((row[0], n * POSITION_STEP) for n, row in enumerate(new, start=1))
        )
        return
    most = connection.execute(
        "SELECT max(c) FROM (SELECT count(*) AS c FROM named_passages GROUP BY record)"
    ).fetchone()
    if (most[0] or 0) >= _ROOM:
        raise NotIncremental("a record with more passages groups than there is room for")
    gaps: dict[tuple, list[str]] = {}  # (position before, position after or None): the new records between them
    days: dict[str, list] = {}
    for record_id, day, instant in new:
        if day not in days:
            days[day] = connection.execute(
                "SELECT position, coalesce(instant, ''), id FROM entries WHERE date = ? ORDER BY position", (day,)
            ).fetchall()
        before = [row[0] for row in days[day] if row[1:] < (instant, record_id)]
        after = [row[0] for row in days[day] if row[1:] > (instant, record_id)]
        low = before[-1] if before else _first(connection, "date < ? ORDER BY date DESC, position DESC", day) or 0
        high = after[0] if after else _first(connection, "date > ? ORDER BY date, position", day)
        gaps.setdefault((low, high), []).append(record_id)
    for (low, high), ids in gaps.items():
        step = POSITION_STEP if high is None else (high - low) // (len(ids) + 1)
        if step < _ROOM:
            raise NotIncremental("no room left between two positions")
        connection.executemany(
            "INSERT INTO placed VALUES (?, ?)", ((record_id, low + n * step) for n, record_id in enumerate(ids, 1))
        )


_ROOM = 1 << 10  # positions a record's passages groups may take after its own (passages.position)


def _first(connection: sqlite3.Connection, where: str, day: str) -> int | None:
    row = connection.execute(f"SELECT position FROM entries WHERE {where} LIMIT 1", (day,)).fetchone()
    return row[0] if row else None


def _order_and_label(connection: sqlite3.Connection) -> None:
    """Write the rows that need corpus order or the people register, both known only now: the new entries and
    passages labelled with their sources' names and parties, tags and mentions by place in corpus order, and when
    each cable new or answered by a new one was first answered. (A unary + keeps SQLite from looking a record up by
    its kind, which without statistics it takes for the better index: that read every cable for each entry.)"""
    people = {
        person.id: person
        for person in (
            from_dict(Person, json.loads(data))
            for (data,) in connection.execute("SELECT data FROM records WHERE kind = 'person'")
        )
    }
    connection.create_function("label", 4, partial(source_label, people), deterministic=True)
    # corpus order (Corpus.records): a record's fields sort as FIELDS lists them, cable ones and event ones apart
    connection.executescript("""
        INSERT INTO entries SELECT p.position, e.id, e.kind, e.date, e.end, e.time, e.direction, e.telegram_no,
            CASE WHEN e.sender IS NOT NULL THEN label(e.name, e.sender, e.addressee, '') END, e.title, e.complete, e.zone,
            e.instant, NULL,
            (SELECT count(*) FROM records w WHERE w.parent = e.id AND +w.kind = 'translation'), e.file
            FROM named_entries e JOIN placed p ON p.id = e.id ORDER BY 1;
        INSERT INTO passages SELECT g.n, p.position + row_number() OVER (PARTITION BY g.record ORDER BY g.field, g.n) - 1,
            g.record, g.source, g.field, g.date, label(g.name, g.sender, g.addressee, g.field), g.grade, g.file
            FROM named_passages g JOIN placed p ON p.id = g.record ORDER BY g.n;
        INSERT OR IGNORE INTO answering SELECT id FROM placed;
        INSERT OR IGNORE INTO answering SELECT target FROM links WHERE reply AND id IN (SELECT id FROM placed);
        UPDATE entries SET answered = (SELECT min(r.instant) FROM links l JOIN entries r ON r.id = l.id
            WHERE l.target = entries.id AND l.reply AND r.direction != entries.direction)
            WHERE instant IS NOT NULL AND direction IS NOT NULL AND id IN answering;
        INSERT OR IGNORE INTO tags SELECT t.tag, p.position FROM named_tags t JOIN placed p ON p.id = t.id;
        INSERT OR IGNORE INTO mentions SELECT m.key, p.position, m.role FROM named_mentions m JOIN placed p ON p.id = m.id;
        INSERT OR IGNORE INTO mentions SELECT json_extract(r.data, '$.nationality'), p.position, 'country'
            FROM named_mentions m JOIN placed p ON p.id = m.id JOIN records r ON r.id = m.key AND +r.kind = 'person'
            WHERE m.role IN ('from', 'to', 'actor');
        DROP TABLE named_passages; DROP TABLE named_entries; DROP TABLE named_tags; DROP TABLE named_mentions;
        DROP TABLE answering;
    """)


def _write_documents(connection: sqlite3.Connection, escaping: set[str]) -> None:
    """The documents of the new cables and events, in corpus order: each one's JSON, a cable's MAGIC wordings, and
    whether they hold no control character (text.holds_controls; ``escaping``: the ids of the records that hold one,
    none in a corpus without control characters)."""
    connection.execute("""
        INSERT INTO documents SELECT p.position, t.data, CASE WHEN t.kind = 'cable' THEN '[]' END, 1
            FROM placed p JOIN staging.texts t ON t.id = p.id ORDER BY p.position""")
    wordings: dict[str, list[str]] = {}
    not_cleared = set(escaping)
    for cable_id, wording_id, data in connection.execute(
        "SELECT parent, id, data FROM records WHERE kind = 'translation' AND parent IN (SELECT id FROM placed)"
        " ORDER BY n"
    ):
        wordings.setdefault(cable_id, []).append(data)
        if wording_id in escaping:
            not_cleared.add(cable_id)
    connection.executemany(
        "UPDATE documents SET wordings = ? WHERE position = (SELECT position FROM entries WHERE id = ? AND kind = 'cable')",
        (("[" + ",".join(texts) + "]", cable_id) for cable_id, texts in wordings.items()),
    )
    connection.executemany(
        "UPDATE documents SET cleared = 0 WHERE position = (SELECT position FROM entries WHERE id = ?)",
        ((record_id,) for record_id in not_cleared),
    )


def _write_terms(connection: sqlite3.Connection, words: set[str] | None) -> None:
    """The terms table: every word FTS5 holds, read from it whole in a new index; in one updated, each of the
    ``words`` of the texts taken out and written kept or taken out as FTS5 now holds it or not."""
    if words is None:
        connection.execute("INSERT INTO terms SELECT term FROM word_totals")
        return
    for word in words:
        # a phrase query of the one word: a third of the time of fts5vocab's lookup of a term
        held = connection.execute("SELECT 1 FROM words WHERE words MATCH ? LIMIT 1", (f'"{word}"',)).fetchone()
        connection.execute(
            "INSERT OR IGNORE INTO terms VALUES (?)" if held else "DELETE FROM terms WHERE term = ?", (word,)
        )


def _write_origins(
    connection: sqlite3.Connection, read: list[Path], file_ids: dict[str, int], walk, written: Written, kept: list
) -> None:
    """The files read (their stamps, problems, volume and countries) and their records' origins; the stamps of the
    corpus's folders and files, which the freshness check compares."""
    from magiccli.load import TEI_SUFFIX

    stamps = _stamps_of_files(walk)
    connection.executemany(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (
                file_ids[str(path)],
                os.fsencode(path),  # paths as bytes: a name need not be UTF-8
                *stamps[str(path)],
                written.left_out.get(str(path), 0),
                volume_id(path) if path.suffix == TEI_SUFFIX else None,
                json.dumps(sorted(written.countries[str(path)])) if written.countries.get(str(path)) else None,
            )
            for path in read
        ),
    )
    quoted = {
        e.data["quoted_in"]["record"] for e in kept + written.reduced if isinstance(e.data.get("quoted_in"), dict)
    }
    connection.executemany(
        "INSERT INTO origins VALUES (?, ?, ?, ?)",
        (
            (
                entry.data["id"],
                file_ids[str(entry.file)],
                json.dumps(entry.path),
                json.dumps(
                    entry.data if "quoted_in" in entry.data or entry.data["id"] in quoted else _textless(entry.data),
                    ensure_ascii=False,
                ),
            )
            for entry in written.reduced
        ),
    )
    connection.execute("DELETE FROM stamps")
    files = walk.folder_stamps + (walk.file_stamps if len(walk.files) <= PER_FILE_CHECK_LIMIT else [])
    connection.executemany(
        "INSERT INTO stamps VALUES (?, ?, ?)", ((os.fsencode(path), size, mtime_ns) for path, size, mtime_ns in files)
    )


def _stamps_of_files(walk) -> dict[str, tuple]:
    """The (size, mtime_ns) of each corpus file, by its path as walk.files holds it (the walk's stamps name a file
    by the same string)."""
    return {
        path: (size, mtime_ns) for path, size, mtime_ns in walk.folder_stamps + walk.file_stamps if size is not None
    }


def _textless(data: dict) -> dict:
    """A reduced record without the texts of a cable (load.Entry.reduced), which only the check of a quote reads."""
    return {key: value for key, value in data.items() if not key.startswith(" ")}


def _write_meta(connection: sqlite3.Connection, roots: list[Path], walk, tally: Tally) -> None:
    """The meta rows: format version, roots, the countries events name, the corpus's counts and the files left
    out, all read from the index's rows but the tally of its records."""
    countries = set()
    for (names,) in connection.execute("SELECT countries FROM files WHERE countries IS NOT NULL"):
        countries.update(json.loads(names))
    span = connection.execute("SELECT min(date), max(coalesce(end, date)) FROM entries").fetchone()
    incomplete = [
        row[0]
        for row in connection.execute("SELECT id FROM entries WHERE kind = 'cable' AND NOT complete ORDER BY position")
    ]
    left_out = sorted(
        (os.fsdecode(path), problems)
        for path, problems in connection.execute("SELECT path, problems FROM files WHERE problems")
    )
    connection.execute("DELETE FROM meta")
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("version", version()),
            ("roots", roots_text(roots)),
            ("countries", json.dumps(sorted(countries))),
            ("stats", json.dumps(tally.result(len(walk.files), span, incomplete))),
            ("left_out", json.dumps(left_out)),
            ("tally", json.dumps(tally.as_json(), sort_keys=True)),
        ],
    )


def _meta(connection: sqlite3.Connection, key: str) -> str:
    return connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0]


def _lookup_keys(record) -> set[str]:
    """The keys that find a cable: its date, id, FRUS reference and number; a MAGIC wording's dates and id."""
    if isinstance(record, Cable):
        keys = {f"date:{record.date}", f"id:{record.id}", f"frus:{record.citation.ref}"}
        return keys | ({f"telegram:{record.telegram_no}"} if record.telegram_no else set())
    if isinstance(record, Translation) and record.cable:
        return {f"date:{day}" for day in record.dates()} | {f"id:{record.id}"}
    return set()
