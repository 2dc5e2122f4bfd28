"""Building an index: parse, check and index the corpus a chunk of files at a time, the chunks in worker processes for
a big corpus, then write what needs the whole corpus (corpus order, labels from the people register)."""

from __future__ import annotations

import gc
import json
import os
import sqlite3
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from magiccli.errors import CorpusError
from magiccli.index.tables import COLLECTED, PAGE_SIZE, PARAGRAPH_BREAK, STAGING, TABLES, version
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
from magiccli.text import holds_controls, index_words
from magiccli.walk import walk_corpus

PER_FILE_CHECK_LIMIT = 20_000  # corpus files: up to this many, the index keeps each one's stamp (index/cache.py)


def roots_text(roots: list[Path]) -> str:
    return json.dumps([str(root) for root in roots])


def _no_progress(total: int, what: str):
    return nullcontext(lambda n=1: None)


def build(roots: list[Path], target: str, staging: str = ":memory:", progress=None) -> sqlite3.Connection:
    """Parse, check and index the corpus a chunk of files at a time, the chunks in worker processes for a big
    corpus, so that the parent only inserts rows and keeps no more of each record than the checks between
    records need. A file of the user's folders that cannot be read or breaks the schema is left out, and said so
    on every run until it is mended (Index.open); any other problem raises CorpusError and the half-built index is
    thrown away. The cables and events wait in ``staging``, a database file of their own, until they can be
    written in corpus order; the caller deletes it."""
    # the YAML parser and validator, needed only here
    from magiccli.load import check_across, map_work, named_in_texts, unlisted_mentions

    walk = walk_corpus(roots)  # the stamps taken before reading, so that a file changed meanwhile shows as stale
    files = walk.files
    stamps = walk.folder_stamps + (walk.file_stamps if len(files) <= PER_FILE_CHECK_LIMIT else [])
    connection = sqlite3.connect(target)
    connection.execute("ATTACH DATABASE ? AS staging", (staging,))
    connection.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;"
        + TABLES
        + COLLECTED
        + STAGING
        + f"PRAGMA cache_size = {_build_cache_pages()};"
    )
    reduced, problems, countries, passages, wordings, tally = [], [], set(), 0, [], Tally()
    left_out: Counter[str] = Counter()  # problems of each file of the user's folders, which the index leaves out
    escaping: set[str] = set()
    bundled = bundled_corpus().resolve()
    with _collector_paused(), (progress or _no_progress)(len(files), "indexing corpus files") as advance:
        # the rows hold no cycles, and each collection would walk every record kept in reduced
        for chunk in map_work(_rows_of, files):
            advance(chunk.files)
            _keep_problems(connection, "file", chunk.problems)
            _keep_problems(connection, "unsafe", chunk.unsafe)
            for problem in chunk.problems:
                if Path(problem.file).resolve().is_relative_to(bundled):
                    problems.append(problem)
                else:
                    left_out[str(problem.file)] += 1
            if problems:
                continue  # keep reading: every file's problems are reported at once
            reduced += chunk.reduced
            countries |= chunk.countries
            escaping.update(chunk.escaping)
            tally.merge(chunk.tally)
            connection.executemany("INSERT INTO records (id, kind, parent, data) VALUES (?, ?, ?, ?)", chunk.records)
            connection.executemany("INSERT INTO staging.texts VALUES (?, ?, ?)", chunk.texts)
            numbered = list(enumerate(chunk.passages, start=passages + 1))
            connection.executemany(
                "INSERT INTO named_passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ((n, *passage[:-1]) for n, passage in numbered),
            )
            connection.executemany(
                "INSERT INTO words (rowid, text) VALUES (?, ?)", ((n, passage[-1]) for n, passage in numbered)
            )
            connection.executemany(
                "INSERT INTO group_texts VALUES (?, ?)", ((n, passage[-1]) for n, passage in numbered)
            )
            wordings += [(n, passage[0]) for n, passage in numbered if passage[2] == "magic"]
            connection.executemany("INSERT OR IGNORE INTO lookup VALUES (?, ?)", chunk.lookup)
            connection.executemany("INSERT INTO links VALUES (?, ?, ?)", chunk.links)
            connection.executemany(
                "INSERT INTO named_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk.entries
            )
            connection.executemany("INSERT INTO named_tags VALUES (?, ?)", chunk.tags)
            connection.executemany("INSERT INTO named_mentions VALUES (?, ?, ?)", chunk.mentions)
            passages += len(numbered)
    # what needs the whole corpus, after the last file: at 315,000 documents some 40 s, shown as steps of their own
    with (progress or _no_progress)(len(_FINAL_STEPS), "writing the index") as advance:
        problems = problems or check_across(reduced)
        if problems:
            connection.close()
            raise CorpusError(problems)
        # who the texts name, known only now that the register is read (it may come in any chunk): role "named"
        named = list(named_in_texts(reduced))
        _keep_problems(connection, "mentions", unlisted_mentions(named))
        connection.executemany(
            "INSERT INTO named_mentions VALUES (?, ?, 'named')",
            (
                (entry.data["id"], person_id)
                for entry, found in named
                for person_id in found
                if person_id not in (entry.data.get("from"), entry.data.get("to"), *entry.data.get("people", ()))
            ),
        )
        advance()
        _name_wordings(connection, wordings)
        advance()
        _order_and_label(connection)
        advance()
        _write_documents(connection, escaping)
        advance()
        connection.executemany(
            "INSERT INTO stamps VALUES (?, ?, ?)",  # paths as bytes: a name need not be UTF-8
            ((os.fsencode(path), size, mtime_ns) for path, size, mtime_ns in stamps),
        )
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("version", version()),
                ("roots", roots_text(roots)),
                ("countries", json.dumps(sorted(countries))),
                ("stats", json.dumps(tally.result(len(files)))),
                ("left_out", json.dumps(sorted(left_out.items()))),
            ],
        )
        connection.commit()
        connection.execute("DETACH DATABASE staging")
        advance()
    return connection


# the steps after the last file (build): the checks between records, naming the MAGIC wordings, corpus order and
# labels, the documents in that order, the stamps and the commit
_FINAL_STEPS = ("checks", "wordings", "order", "documents", "commit")


def _keep_problems(connection: sqlite3.Connection, kind: str, problems) -> None:
    """Keep ``problems`` for corpus validate (the problems table)."""
    connection.executemany(
        "INSERT INTO problems (file, line, message, kind) VALUES (?, ?, ?, ?)",
        ((os.fsencode(problem.file), problem.line, problem.message, kind) for problem in problems),
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
    records: list = field(default_factory=list)  # a MAGIC wording's or person's (id, kind, parent, JSON)
    texts: list = field(default_factory=list)  # a cable's or event's (id, kind, JSON)
    passages: list = field(default_factory=list)  # a passages row without its number, then its text
    entries: list = field(default_factory=list)  # a named_entries row
    tags: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    lookup: list = field(default_factory=list)
    links: list = field(default_factory=list)
    countries: set = field(default_factory=set)
    escaping: list = field(default_factory=list)  # the ids of the records whose JSON holds controls
    deferred: list = field(default_factory=list)  # YAML documents waiting for their TEI volume (load.Work)
    tally: Tally = field(default_factory=Tally)


def _rows_of(work) -> _Rows:
    """The rows of a load.Work's records."""
    from magiccli.load import read_and_check, unsafe_characters

    entries, problems, deferred = read_and_check(work)
    rows = _Rows(len(work.files), problems=problems, unsafe=unsafe_characters(entries), deferred=deferred)
    broken = {problem.file for problem in problems}
    for entry in entries:
        if entry.file in broken:
            continue
        data = entry.data
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
            rows.records.append((record.id, record.kind, parent, text))
        if holds_controls(text):
            rows.escaping.append(record.id)
        rows.passages += _passage_groups(record)
        rows.lookup += [(key, parent or record.id) for key in _lookup_keys(record)]
        if isinstance(record, (Cable, Event)):
            rows.entries.append(_named_entry(record))
            rows.tags += [(record.id, tag) for tag in record.tags]
            rows.mentions += [(record.id, key, role) for key, role in _mentioned(record).items()]
        if isinstance(record, Cable):
            rows.links += [(record.id, target, 1) for target in record.in_reply_to]
            rows.links += [
                (record.id, target, 0) for target in record.telegrams_mentioned if target not in record.in_reply_to
            ]
            if record.arrived:  # the record that attests its arrival, which its view names and a crossing reads
                rows.links.append((record.id, record.arrived.attested_by, 0))
        if isinstance(record, Event):
            rows.countries |= set(record.countries)
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


def _order_and_label(connection: sqlite3.Connection) -> None:
    """Write the rows that need corpus order or the people register, both known only now: passages and entries
    labelled with their sources' names and parties, and tags and mentions by place in corpus order. (A unary + keeps
    SQLite from looking a record up by its kind, which without statistics it takes for the better index: that read
    every cable for each entry.)"""
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
        INSERT INTO passages SELECT n, row_number() OVER (ORDER BY date, coalesce(instant, ''), record, field, n),
            record, source,
            field, date, label(name, sender, addressee, field), grade FROM named_passages ORDER BY n;
        INSERT INTO entries SELECT row_number() OVER (ORDER BY e.date, coalesce(e.instant, ''), e.id), e.id,
            e.kind, e.date, e.end, e.time, e.direction, e.telegram_no,
            CASE WHEN e.sender IS NOT NULL THEN label(e.name, e.sender, e.addressee, '') END, e.title, e.complete, e.zone,
            e.instant, NULL,
            (SELECT count(*) FROM records w WHERE w.parent = e.id AND +w.kind = 'translation')
            FROM named_entries e ORDER BY 1;
        UPDATE entries SET answered = (SELECT min(r.instant) FROM links l JOIN entries r ON r.id = l.id
            WHERE l.target = entries.id AND l.reply AND r.direction != entries.direction)
            WHERE instant IS NOT NULL AND direction IS NOT NULL;
        INSERT OR IGNORE INTO tags SELECT t.tag, e.position FROM named_tags t JOIN entries e ON e.id = t.id;
        INSERT OR IGNORE INTO mentions SELECT m.key, e.position, m.role FROM named_mentions m JOIN entries e ON e.id = m.id;
        INSERT OR IGNORE INTO mentions SELECT json_extract(p.data, '$.nationality'), m.position, 'country'
            FROM mentions m JOIN records p ON p.id = m.key AND +p.kind = 'person' WHERE m.role IN ('from', 'to', 'actor');
        INSERT INTO terms SELECT term FROM word_totals;
        DROP TABLE named_passages; DROP TABLE named_entries; DROP TABLE named_tags; DROP TABLE named_mentions;
    """)


def _write_documents(connection: sqlite3.Connection, escaping: set[str]) -> None:
    """The documents table, in corpus order: each cable's and event's JSON, a cable's MAGIC wordings, and
    whether they hold no control character (text.holds_controls; ``escaping``: the ids of the records that hold one,
    none in a corpus without control characters)."""
    connection.execute("""
        INSERT INTO documents SELECT e.position, t.data, CASE WHEN e.kind = 'cable' THEN '[]' END, 1
            FROM entries e JOIN staging.texts t ON t.id = e.id AND t.kind = e.kind ORDER BY e.position""")
    wordings: dict[str, list[str]] = {}
    not_cleared = set(escaping)
    for cable_id, wording_id, data in connection.execute(
        "SELECT parent, id, data FROM records WHERE kind = 'translation' AND parent IS NOT NULL ORDER BY n"
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


def _lookup_keys(record) -> set[str]:
    """The keys that find a cable: its date, id, FRUS reference and number; a MAGIC wording's dates and id."""
    if isinstance(record, Cable):
        keys = {f"date:{record.date}", f"id:{record.id}", f"frus:{record.citation.ref}"}
        return keys | ({f"telegram:{record.telegram_no}"} if record.telegram_no else set())
    if isinstance(record, Translation) and record.cable:
        return {f"date:{day}" for day in record.dates()} | {f"id:{record.id}"}
    return set()
