"""The corpus index: an SQLite file in the user's cache that lookups read instead of the corpus files.

Built from the validated corpus on first use and again whenever the corpus changes, it holds every record as
JSON (so a lookup needs neither the YAML parser nor the schema validator), keys for finding cables, and an
FTS5 index of their words, from which quote takes its candidate documents before matching them exactly.

The FTS5 rows are passage groups: the paragraphs of one field of one source (a cable's text, its footnotes, a
MAGIC wording, an event's summary, its official text), with a ¶ between paragraphs, each paragraph given to the
ascii tokenizer in a form it splits into exactly the matcher's words of letters and digits (text.index_words), so
FTS5 phrase matching is the matcher's own phrase matching, paragraph by paragraph; and a group whose text holds a
phrase holds it once if the phrase's rarest word is there no more often than in the phrase, which lets quote
--count count most groups without reading their text.

Freshness: the index keeps the modification time of every corpus folder and named file, which changes when
a file is added, removed, renamed or saved by replacement (as git and most editors save); and the size and
modification time of every corpus file, which it compares too while the corpus has at most
PER_FILE_CHECK_LIMIT files, since stat-ing each file of a corpus of hundreds of thousands would cost more
than the query. Above that, ``magiccli corpus reindex`` picks up a file edited in place.
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import NamedTuple

from magiccli.boundary import UNSAFE, Cleared, escapes, warn
from magiccli.errors import CacheProblem, CorpusError
from magiccli.locations import bundled_corpus, cache_dir
from magiccli.model import GRADES, RECORD_TYPES, Cable, Corpus, Entry, Event, Person, Translation, from_dict, graded, reaches, to_dict
from magiccli.progress import progress
from magiccli.query import NO_FILTERS, Filters, searchable_text
from magiccli.refs import Ref
from magiccli.render import record_object, source_label, source_names
from magiccli.search import FIELDS, Matcher, record_passages
from magiccli.stats import Tally
from magiccli.text import fold_plain, index_words
from magiccli.walk import walk_corpus

FORMAT = "18"  # bump when what the rows hold changes (labels too); a change of the tables changes _version() by itself
PER_FILE_CHECK_LIMIT = 20_000
_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUILDING = ".building"  # the suffix of an index being built
_PARAGRAPH_BREAK = " ¶ "  # a word that text.index_words never makes (¶ is no letter or digit), so no phrase spans it

# 64 KiB pages: a record (a few KB of JSON) then sits whole in a page; with 4 KiB pages each record spills into
# overflow pages and the uneven parts left behind pack the leaf pages so badly that an eighth of the file is empty.
_PAGE_SIZE = 65536
_TABLES = f"""
PRAGMA page_size = {_PAGE_SIZE};
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- what the freshness check compares: every folder and named file, and every file up to PER_FILE_CHECK_LIMIT
CREATE TABLE stamps (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER NOT NULL) WITHOUT ROWID;
-- the MAGIC wordings (parent: their cable) and the people register, as their files hold them; cables and events are
-- in documents
CREATE TABLE records (n INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT, data TEXT NOT NULL);
CREATE INDEX records_id ON records (id);
CREATE INDEX records_parent ON records (parent);
CREATE INDEX records_kind ON records (kind);
CREATE TABLE lookup (key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID;
-- a cable's in_reply_to (reply = 1) and telegrams_mentioned: ids, or bare numbers of telegrams the corpus lacks
CREATE TABLE links (id TEXT NOT NULL, target TEXT NOT NULL, reply INTEGER NOT NULL);
CREATE INDEX links_id ON links (id);
CREATE INDEX links_target ON links (target);
-- what a list, a filter or a chart reads of each cable and event (model.Entry), in corpus order, so that none of them
-- parses a record; heading is a cable's number and parties from the people register
CREATE TABLE entries (position INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL,
                      date TEXT NOT NULL, end TEXT, time TEXT, direction TEXT, telegram_no TEXT, heading TEXT,
                      title TEXT NOT NULL, complete INTEGER NOT NULL, zone TEXT, instant TEXT,
                      answered TEXT, wordings INTEGER NOT NULL);
-- instant: when a cable was sent, in UTC, where known (clock.instant); answered: when the other side first sent a
-- reply to it, the first sign that it had reached them (Index.crossings)
CREATE INDEX entries_id ON entries (id);
CREATE INDEX entries_sent ON entries (direction, instant) WHERE instant IS NOT NULL;
CREATE INDEX entries_answered ON entries (answered) WHERE answered IS NOT NULL;
CREATE INDEX entries_date ON entries (date);
CREATE INDEX entries_end ON entries (end) WHERE end IS NOT NULL;
-- each cable and event as its file holds it, by place in corpus order, so that a stream of whole records reads the
-- file front to back (a table in the order the files were read jumps about: export took 18.7 s at 315,000
-- documents): its JSON, a cable's MAGIC wordings as a JSON array (records in order of n), and whether the output
-- boundary found nothing in either to escape (boundary.escapes)
CREATE TABLE documents (position INTEGER PRIMARY KEY, data TEXT NOT NULL, wordings TEXT, cleared INTEGER NOT NULL);
CREATE TABLE tags (tag TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (tag, position)) WITHOUT ROWID;
-- who a record names, and how (from, to, named, actor), and the countries of its parties (role: country): --actor
-- and who read this
CREATE TABLE mentions (key TEXT NOT NULL, position INTEGER NOT NULL, role TEXT NOT NULL,
                       PRIMARY KEY (key, position, role)) WITHOUT ROWID;
-- what quote --count shows of a source (render.source_label), kept here so that counting never reads the records;
-- position is the groups' order in the corpus (Corpus.records), one integer to sort by
CREATE TABLE passages (n INTEGER PRIMARY KEY, position INTEGER NOT NULL, record TEXT NOT NULL, source TEXT NOT NULL,
                       field TEXT NOT NULL, date TEXT, label TEXT NOT NULL, grade TEXT);
CREATE VIRTUAL TABLE words USING fts5 (text, content='', columnsize=0, detail='full', tokenize='ascii');
-- FTS5 writes its pending words out as a segment every 1 MB by default, and merges the segments again and again
INSERT INTO words (words, rank) VALUES ('hashsize', 67108864);
CREATE VIRTUAL TABLE word_instances USING fts5vocab (words, instance);
CREATE VIRTUAL TABLE word_totals USING fts5vocab (words, row);
-- every word FTS5 holds, written once at build end: listing them through fts5vocab counts each word's rows too
CREATE TABLE terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
"""
# rows as the build collects them, before the people register is whole and corpus order is known
_COLLECTED = """
CREATE TEMP TABLE named_passages (n INTEGER PRIMARY KEY, record TEXT, source TEXT, field TEXT, grade TEXT,
                                  date TEXT, instant TEXT, name TEXT, sender TEXT, addressee TEXT);
CREATE TEMP TABLE named_entries (id TEXT, kind TEXT, date TEXT, end TEXT, time TEXT, direction TEXT, telegram_no TEXT,
                                 name TEXT, sender TEXT, addressee TEXT, title TEXT, complete INTEGER, zone TEXT,
                                 instant TEXT);
CREATE TEMP TABLE named_tags (id TEXT, tag TEXT);
CREATE TEMP TABLE named_mentions (id TEXT, key TEXT, role TEXT);
"""
# the cables and events as the build reads them, in a file of their own (Index._build's staging) until corpus order is
# known and documents takes them in that order: the index holds each record's JSON once
_STAGING = f"""
PRAGMA staging.page_size = {_PAGE_SIZE};
PRAGMA staging.journal_mode = OFF;
PRAGMA staging.synchronous = OFF;
CREATE TABLE staging.texts (id TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX staging.texts_id ON texts (id);
"""


class Index:
    """An open, fresh index; ``location`` is its file, or ':memory:' when the cache cannot be written."""

    def __init__(self, connection: sqlite3.Connection, location: str):
        self._db = connection
        self.location = location

    @classmethod
    def open(cls, roots: list[Path], *, rebuild: bool = False) -> Index:
        """The index of ``roots``, rebuilt if stale (or ``rebuild``); where the cache cannot be written (read-only,
        full), an index in memory for this run, said in one line, or with ``rebuild`` a CacheProblem."""
        path = cache_dir() / f"index-{_roots_key(roots)}.sqlite3"
        _remove_stale_builds(path.parent)
        if not rebuild:
            connection = _open_if_fresh(path, roots)
            if connection is not None:
                return cls(connection, str(path)).said_left_out()
        try:
            _build_into_file(roots, path)
        except (OSError, sqlite3.Error) as err:
            reason = f"cannot write the index in {path.parent} ({getattr(err, 'strerror', None) or err})"
            if rebuild:
                raise CacheProblem(reason) from None
            warn(f"{reason}; it is built in memory for this run")
            return cls(_build(roots, ":memory:"), ":memory:").said_left_out()
        _prune(path)
        return cls(_open_if_fresh(path, roots, check_stamps=False) or _build(roots, ":memory:"), str(path)
                   ).said_left_out()

    def said_left_out(self) -> Index:
        """Warn of each file of the user's folders that the index leaves out for its problems."""
        for file, problems in json.loads(self._meta("left_out")):
            warn(f"{file}: left out: {problems} problem(s); 'magiccli corpus validate' lists them")
        return self

    def corpus(self, ids: Iterable[str], *, with_linked: bool = False) -> Corpus:
        """The records ``ids`` with their translations and the people register, ``with_linked`` with the cables they
        answer or mention: a few records as a model."""
        self._keys_table("wanted", ids)
        if with_linked:
            self._db.execute("INSERT OR IGNORE INTO wanted SELECT target FROM links WHERE id IN wanted")
        rows = self._db.execute("SELECT e.kind, d.data FROM entries e JOIN documents d ON d.position = e.position"
                                " WHERE e.id IN wanted ORDER BY e.position").fetchall()
        rows += self._db.execute(  # indexed lookups: an OR of them would read every record
            "SELECT kind, data FROM records WHERE n IN (SELECT n FROM records WHERE parent IN wanted"
            " UNION SELECT n FROM records WHERE kind = 'person') ORDER BY n").fetchall()
        return Corpus.of([from_dict(RECORD_TYPES[kind], json.loads(data)) for kind, data in rows],
                         countries=set(json.loads(self._meta("countries"))))

    def people(self) -> Corpus:
        """The people register and the countries events name, without any cable or event."""
        return self.corpus(())

    def entries(self, filters: Filters = NO_FILTERS, *, reverse: bool = False, among: str = "") -> Iterator[Entry]:
        """The cables and events through ``filters``, in corpus order (``reverse``: newest first), streamed;
        ``among``: an SQL query of the positions to keep."""
        if filters.grep:  # the one filter that reads the texts
            return (entry for entry, _ in self.records(filters, reverse=reverse, among=among))
        return map(Entry._make, self._select(filters, reverse, among))

    def records(self, filters: Filters = NO_FILTERS, *, reverse: bool = False, among: str = "",
                least: str | None = None) -> Iterator[tuple[Entry, Cable | Event]]:
        """entries() with the whole record of each, its MAGIC wordings attached; with ``least``, as model.graded
        leaves it (those it leaves nothing of left out)."""
        for *row, data, wordings in self._select(filters, reverse, among, f"{_ENTRY_COLUMNS}, d.data, d.wordings"):
            record = from_dict(RECORD_TYPES[row[2]], json.loads(data))
            if wordings is not None:
                record.translations = [from_dict(Translation, wording) for wording in json.loads(wordings)]
            if filters.grep and filters.grep not in fold_plain(searchable_text(record)):
                continue
            record = graded(record, least)
            if record is not None:
                yield Entry(*row), record

    def record_texts(self, filters: Filters = NO_FILTERS, *, with_wordings: bool, reverse: bool = False,
                     least: str | None = None) -> Iterator[str | Cleared]:
        """Each record through ``filters`` (and graded ``least``, as records() does) as the JSON its file holds
        (render.record_object's with its MAGIC wordings, ``with_wordings``), written by the build and passed on
        unparsed where nothing is taken out of it: as the bytes the index holds where the build found nothing in
        them for the output boundary to escape."""
        if filters.grep or least:
            for _, record in self.records(filters, reverse=reverse, least=least):
                yield json.dumps(record_object(record) if with_wordings else to_dict(record), ensure_ascii=False,
                                 separators=(",", ":"))
            return
        columns = "CAST(d.data AS BLOB), CAST(d.wordings AS BLOB), d.cleared"  # bytes: UTF-8 as the output wants it
        for data, wordings, cleared in self._select(filters, reverse, "", columns):
            if with_wordings and wordings is not None:
                data = data[:-1] + b',"translations":' + wordings + b"}"
            yield Cleared(data) if cleared else data.decode()

    def among_ids(self, ids: Iterable[str]) -> str:
        """An SQL query of the positions of the cables and events ``ids``, for entries() and records()."""
        self._keys_table("chosen", ids)
        return "SELECT position FROM entries WHERE id IN chosen"

    def _keys_table(self, name: str, keys: Iterable[str | int]) -> None:
        """A temporary table ``name`` of these ids or numbers, for a query to read where one SQL variable a key
        would fail past SQLite's limit (32,766 in default builds). Its column has no type, so that a number stays
        a number and a text a text."""
        self._db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (key PRIMARY KEY)")
        self._db.execute(f"DELETE FROM {name}")
        self._db.executemany(f"INSERT OR IGNORE INTO {name} VALUES (?)", ((key,) for key in keys))

    def _select(self, filters: Filters, reverse: bool, among: str, columns: str = "") -> sqlite3.Cursor:
        """Entries rows through the filters but --grep, or ``columns`` of entries (as e) and their documents (as d)."""
        where, params = _where(filters)
        if among:
            where.append(f"e.position IN ({among})")
        join = " JOIN documents d ON d.position = e.position" if columns else ""
        return self._db.execute(
            f"SELECT {columns or _ENTRY_COLUMNS} FROM entries e{join}"
            f" WHERE {' AND '.join(where) or '1'} ORDER BY e.position{' DESC' if reverse else ''}", params)

    def appearances(self, person_id: str) -> Iterator[tuple[Entry, str]]:
        """The cables and events that name the person, and how (from, to, named, actor), in corpus order,
        streamed."""
        rows = self._db.execute(
            f"SELECT {_ENTRY_COLUMNS}, m.role FROM mentions m JOIN entries e ON e.position = m.position"
            " WHERE m.key = ? AND m.role != 'country' ORDER BY e.position", (person_id,))
        return ((Entry(*row[:-1]), row[-1]) for row in rows)

    def thread_ids(self, cable_id: str, *, up: bool, down: bool) -> set[str]:
        """The cables a thread from ``cable_id`` can reach: what it answers and what answers it, step by step."""
        steps = []
        if up:
            steps.append("SELECT l.target FROM links l JOIN chain c ON l.id = c.id WHERE l.reply")
        if down:
            steps.append("SELECT l.id FROM links l JOIN chain c ON l.target = c.id WHERE l.reply")
        return {row[0] for row in self._db.execute(
            f"WITH RECURSIVE chain(id) AS (SELECT ? UNION {' UNION '.join(steps)}) SELECT id FROM chain",
            (cable_id,))}

    def crossings(self, ids: Iterable[str]) -> dict[str, list[Entry]]:
        """The telegrams each of the cables ``ids`` crossed on the wire: those the other side sent after it was sent
        but before it reached them, and those the other side had sent before it whose reaching this side came after
        it. When a telegram reached the other side no source gives; the first reply it drew from there is taken
        for it (so a telegram nobody answered crosses none). Cables whose instant of sending is unknown (no time, or
        a place of unknown zone) cross none."""
        ids = list(ids)
        found: dict[str, list[Entry]] = {}
        # the longest wait for an answer bounds how far back a telegram that crossed one can have been sent, so that
        # both sides of the OR read a range of the other direction's instants (entries_sent), not all before it
        longest_wait = self._db.execute("SELECT max(julianday(answered) - julianday(instant)) FROM entries"
                                        " WHERE answered IS NOT NULL").fetchone()[0]
        for cable_id, *row in self._db.execute(
                f"SELECT a.id, {_ENTRY_COLUMNS.replace('e.', 'b.')} FROM entries a JOIN entries b"
                " ON b.direction = CASE a.direction WHEN 'tokyo-moscow' THEN 'moscow-tokyo'"
                " WHEN 'moscow-tokyo' THEN 'tokyo-moscow' END"
                " AND (b.instant > a.instant AND b.instant < a.answered OR b.instant < a.instant"
                "      AND b.instant >= strftime('%Y-%m-%dT%H:%MZ', julianday(a.instant) - ?) AND b.answered > a.instant)"
                f" WHERE a.id IN ({', '.join('?' * len(ids))}) ORDER BY a.id, b.position", (longest_wait, *ids)):
            found.setdefault(cable_id, []).append(Entry(*row))
        return found

    def with_wordings(self) -> list[Entry]:
        """The cables that have a MAGIC wording."""
        return [Entry(*row[:-1]) for row in self._db.execute(
            f"SELECT {_ENTRY_COLUMNS}, 0 FROM entries e WHERE e.wordings > 0 ORDER BY e.position")]

    def stats(self) -> dict:
        return json.loads(self._meta("stats"))

    def keys(self, prefix: str) -> list[str]:
        """Lookup keys of cables (date:, telegram:, id:, frus:) that start with ``prefix``, for completion."""
        return [key for (key,) in self._db.execute(
            "SELECT DISTINCT key FROM lookup WHERE key >= ? AND key < ? ORDER BY key", (prefix, prefix + "\uffff"))]

    def tag_names(self) -> list[str]:
        return [tag for (tag,) in self._db.execute("SELECT DISTINCT tag FROM tags ORDER BY tag")]

    def cable_ids(self, ref: Ref) -> set[str]:
        """The cables that ``ref`` may find (find_cables decides): by date, translation date, number, id."""
        if ref.kind == "span":
            span = ref.value
            rows = self._db.execute("SELECT id FROM lookup WHERE key BETWEEN ? AND ?",
                                    (f"date:{span.start.isoformat()}", f"date:{span.end.isoformat()}"))
        else:
            rows = self._db.execute("SELECT id FROM lookup WHERE key = ?", (f"{ref.kind}:{ref.value}",))
        return {row[0] for row in rows}

    def cable_ids_next_to(self, ref: Ref) -> set[str]:
        """The cables of the nearest day with cables before the span and after it."""
        span = ref.value
        days = self._db.execute(
            "SELECT (SELECT max(date) FROM entries WHERE kind = 'cable' AND date < ?),"
            " (SELECT min(date) FROM entries WHERE kind = 'cable' AND date > ?)",
            (span.start.isoformat(), span.end.isoformat())).fetchone()
        rows = self._db.execute("SELECT id FROM entries WHERE kind = 'cable' AND date IN (?, ?)", days)
        return {row[0] for row in rows}

    def phrase_groups(self, words: list[str], fields: Iterable[str] = FIELDS, least: str | None = None
                      ) -> PhraseGroups:
        """The passage groups in ``fields``, graded ``least`` or better, that hold the phrase of folded ``words``,
        and those of all groups that hold its rarest word more often than it does: each other group holds the
        phrase once."""
        totals = {word: self._totals(word) for word in words}
        rarest = min(words, key=lambda word: totals[word][1])
        groups_with_it, times_in_all = totals[rarest]
        in_phrase = words.count(rarest)
        more = {}  # the groups that hold the rarest word more often than the phrase does, and how often
        if times_in_all > groups_with_it:
            more = dict(self._db.execute("SELECT doc, count(*) FROM word_instances WHERE term = ?"
                                         " GROUP BY doc HAVING count(*) > ?", (rarest, in_phrase)))
        # no more columns than a count shows: making each value a Python object is most of a big count's time
        with _pages_in_place(self._db):
            rows = self._passages_matching("n, source, date, label, grade", '"' + " ".join(words) + '"', fields,
                                           least, order="position")
            return PhraseGroups(rows.fetchall(), more)

    def passage_places(self, numbers: Iterable[int]) -> dict[int, tuple[str, str]]:
        """The record and field of each passage group numbered."""
        self._keys_table("numbered", numbers)
        return {n: (record, field) for n, record, field in self._db.execute(
            "SELECT n, record, field FROM passages WHERE n IN numbered")}

    def _passages_matching(self, columns: str, fts_query: str, fields: Iterable[str], least: str | None,
                           order: str = "") -> sqlite3.Cursor:
        """``columns`` of the passage groups in ``fields``, graded ``least`` or better, whose text FTS5 finds for
        ``fts_query``."""
        fields = list(fields)
        grades = [grade for grade in GRADES if reaches(grade, least)] if least else []
        grade_test = f" AND grade IN ({', '.join('?' * len(grades))})" if grades else ""
        return self._db.execute(
            f"SELECT {columns} FROM words JOIN passages ON n = words.rowid WHERE words MATCH ?"
            f" AND field IN ({', '.join('?' * len(fields))}){grade_test}" + (f" ORDER BY {order}" if order else ""),
            (fts_query, *fields, *grades))

    def _totals(self, word: str) -> tuple[int, int]:
        """In how many groups the word is, and how many times in all."""
        return self._db.execute("SELECT doc, cnt FROM word_totals WHERE term = ?", (word,)).fetchone() or (0, 0)

    def passing(self, filters: Filters, ids: Iterable[str]) -> set[str]:
        """Those of the records ``ids`` that pass the filters but --grep."""
        return {row[1] for row in self._select(filters, False, self.among_ids(ids))}

    def count(self, filters: Filters = NO_FILTERS) -> int:
        """How many cables and events pass the filters but --grep."""
        where, params = _where(filters)
        return self._db.execute(f"SELECT count(*) FROM entries e WHERE {' AND '.join(where) or '1'}", params).fetchone()[0]

    def candidates(self, matcher: Matcher, fields: Iterable[str]) -> str | None:
        """An SQL query of the positions of the cables and events whose text in ``fields`` may hold what the matcher
        looks for (and maybe more), taken from FTS5: a phrase's or the words' groups, or for a regular expression
        the groups with a word holding its required literal; None when every record must be read."""
        if matcher.index_query():
            query = matcher.index_query()
        elif matcher.required_literal:
            terms = [term for (term,) in self._db.execute(
                "SELECT term FROM terms WHERE instr(term, ?) LIMIT ?", (matcher.required_literal, _MOST_TERMS + 1))]
            if len(terms) > _MOST_TERMS:
                return None
            query = " OR ".join(f'"{term}"' for term in terms) or '"¶"'  # ¶ is in no group: no candidate at all
        else:
            return None
        fields = list(fields)
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS candidates (position INTEGER PRIMARY KEY)")
        self._db.execute("DELETE FROM candidates")
        try:
            self._db.execute(
                "INSERT OR IGNORE INTO candidates SELECT e.position FROM words JOIN passages p ON p.n = words.rowid"
                f" JOIN entries e ON e.id = p.record WHERE words MATCH ? AND p.field IN ({', '.join('?' * len(fields))})",
                (query, *fields))
        except sqlite3.OperationalError:  # a query FTS5 cannot parse: read everything rather than miss a hit
            return None
        return "SELECT position FROM candidates"

    def _meta(self, key: str) -> str:
        return self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0]


_MOST_TERMS = 1000  # words holding a regular expression's literal: past this, reading every record is as quick
_NOWHERE = 1 << 62  # a position past every entry
_ENTRY_COLUMNS = ", ".join(f"e.{name}" for name in Entry._fields)


def _where(filters: Filters) -> tuple[list[str], list]:
    """SQL conditions on entries (as e) and their parameters for every filter but --grep, which reads the texts."""
    where, params = [], []
    if filters.start:
        # entries are in date order: a record ends in the window or after its start from the first one dated in
        # it, or the first one lasting into it, on
        where.append(f"e.position >= min(coalesce((SELECT position FROM entries WHERE date >= ? ORDER BY date, position"
                     f" LIMIT 1), {_NOWHERE}), coalesce((SELECT min(position) FROM entries WHERE end >= ?), {_NOWHERE}))"
                     " AND coalesce(e.end, e.date) >= ?")
        params += [filters.start] * 3
    if filters.end:
        where.append("e.position <= (SELECT position FROM entries WHERE date <= ? ORDER BY date DESC, position DESC"
                     " LIMIT 1)")
        params.append(filters.end)
    if filters.kinds:
        where.append(f"e.kind IN ({', '.join('?' * len(filters.kinds))})")
        params += sorted(filters.kinds)
    if filters.direction:
        where.append("e.direction = ?")
        params.append(filters.direction)
    if filters.tags:
        where.append(f"e.position IN (SELECT position FROM tags WHERE tag IN ({', '.join('?' * len(filters.tags))}))")
        params += sorted(filters.tags)
    for keys in filters.actors:  # each --actor: any of its keys
        where.append(f"e.position IN (SELECT position FROM mentions WHERE key IN ({', '.join('?' * len(keys))}))")
        params += sorted(keys)
    return where, params


class PhraseGroups(NamedTuple):
    """The groups of paragraphs (one field of one source) that the index finds a phrase in."""

    rows: list[tuple[int, str, str, str]]  # number (see Index.passage_places), source, date and label, in corpus order
    more: dict[int, int]  # the groups holding the phrase's rarest word more often than it does, and how often


def _version() -> str:
    """The index's format, its tables and the output boundary's rule, whose verdicts the documents keep."""
    return f"{FORMAT}-{zlib.crc32((_TABLES + UNSAFE.pattern).encode()):08x}"


def _roots_key(roots: list[Path]) -> str:
    """A name for this set of corpus folders (crc32: hashlib's import alone would cost a lookup 5 ms; two sets
    whose names clash only rebuild each other's index, since the index records its roots)."""
    return f"{zlib.crc32(_roots_text(roots).encode()):08x}"


def _roots_text(roots: list[Path]) -> str:
    return json.dumps([str(root) for root in roots])


def _open_if_fresh(path: Path, roots: list[Path], *, check_stamps: bool = True) -> sqlite3.Connection | None:
    """The index of ``roots`` at ``path`` opened read-only, or None if it is missing, damaged, from another
    version, of other roots or stale."""
    if not _looks_whole(path):
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        connection.execute("PRAGMA temp_store = MEMORY")  # for the ids a lookup asks for
        version, indexed_roots = connection.execute(
            "SELECT (SELECT value FROM meta WHERE key = 'version'), (SELECT value FROM meta WHERE key = 'roots')"
        ).fetchone()
        if (version, indexed_roots) != (_version(), _roots_text(roots)) or (
                check_stamps and not _stamps_match(connection)):
            connection.close()
            return None
        _opened.append(path)
        return connection
    except sqlite3.DatabaseError:
        return None


def _looks_whole(path: Path) -> bool:
    """An SQLite file exactly as long as its header says: a truncated or overwritten index is rebuilt."""
    try:
        with open(path, "rb") as file:
            header = file.read(100)
            size = os.fstat(file.fileno()).st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return size == page_size * int.from_bytes(header[28:32], "big")


def _stamps_match(connection: sqlite3.Connection) -> bool:
    for path, size, mtime_ns in connection.execute("SELECT path, size, mtime_ns FROM stamps"):
        try:
            stat = os.stat(path)
        except OSError:
            return False
        if stat.st_mtime_ns != mtime_ns or (size is not None and stat.st_size != size):
            return False
    return True


def _build_into_file(roots: list[Path], path: Path) -> None:
    """Build beside ``path`` and rename over it, so that no reader ever sees half an index. The temporary file's
    name holds this process's id, by which a later build knows one left by a killed build."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f"{path.stem}-{os.getpid()}-", suffix=_BUILDING, dir=path.parent)
    os.close(handle)
    staging = temporary.removesuffix(_BUILDING) + "-staging" + _BUILDING  # _remove_stale_builds knows it as well
    try:
        _build(roots, temporary, staging).close()
        os.replace(temporary, path)
    finally:
        for leftover in (temporary, staging):
            if os.path.exists(leftover):
                os.unlink(leftover)


def _remove_stale_builds(folder: Path) -> None:
    """Delete the temporary files of builds whose process is gone (killed; a build of a few GB must not stay
    behind), or that have not been written for a day (their process id may have been given to another)."""
    try:
        names = os.listdir(folder)
    except OSError:  # no cache yet
        return
    for temporary in (folder / name for name in names if name.endswith(_BUILDING)):
        try:
            owner = int(temporary.name.split("-")[2])
            if _alive(owner) and time.time() - temporary.stat().st_mtime < 86400:
                continue
            temporary.unlink()
        except (ValueError, IndexError, OSError):  # not named by a build of this version, or gone already
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # there, but another user's
        return True
    return True


_opened: list[Path] = []  # the index files this run has opened, for discard_damaged_index


def discard_damaged_index(error: sqlite3.DatabaseError) -> str:
    """Delete the index files this run opened, after SQLite found one damaged in a query (a page the check on
    opening could not see), so that the next run builds a new one; what to tell the user."""
    removed = []
    for path in _opened:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            continue
    if not removed:
        return f"the index could not be read ({error})"
    return f"the index {removed[0]} was damaged ({error}); it is deleted, and the next run builds it again"


def _build(roots: list[Path], target: str, staging: str = ":memory:") -> sqlite3.Connection:
    """Parse, check and index the corpus a chunk of files at a time, the chunks in worker processes for a big
    corpus, so that the parent only inserts rows and keeps no more of each record than the checks between
    records need. A file of the user's folders that cannot be read or breaks the schema is left out, and said so
    on every run until it is mended (Index.open); any other problem raises CorpusError and the half-built index is
    thrown away. The cables and events wait in ``staging``, a database file of their own, until they can be
    written in corpus order; the caller deletes it."""
    from magiccli.load import check_across, map_chunks  # the YAML parser and validator, needed only here

    walk = walk_corpus(roots)  # the stamps taken before reading, so that a file changed meanwhile shows as stale
    files = walk.files
    stamps = walk.folder_stamps + (walk.file_stamps if len(files) <= PER_FILE_CHECK_LIMIT else [])
    connection = sqlite3.connect(target)
    connection.execute("ATTACH DATABASE ? AS staging", (staging,))
    connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;"
                             + _TABLES + _COLLECTED + _STAGING + f"PRAGMA cache_size = {_build_cache_pages()};")
    reduced, problems, countries, passages, wordings, tally, left_out = [], [], set(), 0, [], Tally(), Counter()
    escaping = set()
    bundled = bundled_corpus().resolve()
    with _collector_paused(), progress(len(files), "indexing corpus files") as advance:
        # the rows hold no cycles, and each collection would walk every record kept in reduced
        for chunk in map_chunks(_rows_of, files):
            advance(chunk.files)
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
            connection.executemany("INSERT INTO named_passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   ((n, *passage[:-1]) for n, passage in numbered))
            connection.executemany("INSERT INTO words (rowid, text) VALUES (?, ?)",
                                   ((n, passage[-1]) for n, passage in numbered))
            wordings += [(n, passage[0]) for n, passage in numbered if passage[2] == "magic"]
            connection.executemany("INSERT OR IGNORE INTO lookup VALUES (?, ?)", chunk.lookup)
            connection.executemany("INSERT INTO links VALUES (?, ?, ?)", chunk.links)
            connection.executemany("INSERT INTO named_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   chunk.entries)
            connection.executemany("INSERT INTO named_tags VALUES (?, ?)", chunk.tags)
            connection.executemany("INSERT INTO named_mentions VALUES (?, ?, ?)", chunk.mentions)
            passages += len(numbered)
    problems = problems or check_across(reduced)
    if problems:
        connection.close()
        raise CorpusError(problems)
    _name_wordings(connection, wordings)
    _order_and_label(connection)
    _write_documents(connection, escaping)
    connection.executemany("INSERT INTO stamps VALUES (?, ?, ?)",  # paths as bytes: a name need not be UTF-8
                           ((os.fsencode(path), size, mtime_ns) for path, size, mtime_ns in stamps))
    connection.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("version", _version()), ("roots", _roots_text(roots)),
        ("countries", json.dumps(sorted(countries))), ("stats", json.dumps(tally.result(len(files)))),
        ("left_out", json.dumps(sorted(left_out.items())))])
    connection.commit()
    connection.execute("DETACH DATABASE staging")
    return connection


KEPT_INDEXES = 4  # index files of other sets of corpus folders kept in the cache, the ones built last


def _prune(kept: Path) -> None:
    """Remove the index files of all but the KEPT_INDEXES sets of corpus folders built last, besides ``kept``: each
    set of folders has one, and a big one takes gigabytes. A file another run still reads stays readable until
    that run closes it."""
    others = []
    for path in kept.parent.glob("index-*.sqlite3"):
        try:
            others.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(others, reverse=True)[KEPT_INDEXES + 1:]:
        if path != kept:
            path.unlink(missing_ok=True)


def _build_cache_pages() -> int:
    """Pages of SQLite's cache for a build: up to 4 GiB, a quarter of the machine's memory at most. FTS5's merges
    read back the segments they merge; held in the cache rather than reread through the OS, a build of 315,000
    documents took 119 s instead of 153 s with a 1 GiB cache (peak memory 2.6 GB against 1.8 GB); SQLite takes
    only the pages the index comes to fill."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # no sysconf (Windows) or no such name
        memory = 16 << 30
    return min(4 << 30, memory // 4) // _PAGE_SIZE


@contextmanager
def _pages_in_place(connection: sqlite3.Connection):
    """Read the index's pages in place rather than copy them, for a query that reads many small rows spread over
    the file (quote --count: a fifth faster at 315,000 documents). Not for a stream of records, where every page
    read would stay mapped into the process. Safe: an index file is never written after its rename into place (a
    rebuild writes a new file), and _looks_whole saw it whole, so no read can run past its end."""
    connection.execute("PRAGMA mmap_size = 1099511627776")
    try:
        yield
    finally:
        connection.execute("PRAGMA mmap_size = 0")


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
    escaping: list = field(default_factory=list)  # the ids of the records whose JSON the output boundary escapes
    tally: Tally = field(default_factory=Tally)


def _rows_of(files: list[Path]) -> _Rows:
    from magiccli.load import read_and_check

    entries, problems = read_and_check(files)
    rows = _Rows(len(files), problems=problems)
    broken = {problem.file for problem in problems}
    for entry in entries:
        if entry.file in broken:
            continue
        data = entry.data
        rows.reduced.append(entry.reduced())
        record = from_dict(RECORD_TYPES[data["kind"]], data)
        rows.tally.add(record)
        parent = record.cable if isinstance(record, Translation) else None
        text = json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":"))
        if isinstance(record, (Cable, Event)):
            rows.texts.append((record.id, record.kind, text))
        else:
            rows.records.append((record.id, record.kind, parent, text))
        if escapes(text):
            rows.escaping.append(record.id)
        rows.passages += _passage_groups(record)
        rows.lookup += [(key, parent or record.id) for key in _lookup_keys(record)]
        if isinstance(record, (Cable, Event)):
            rows.entries.append(_named_entry(record))
            rows.tags += [(record.id, tag) for tag in record.tags]
            rows.mentions += [(record.id, key, role) for key, role in _mentioned(record).items()]
        if isinstance(record, Cable):
            rows.links += [(record.id, target, 1) for target in record.in_reply_to]
            rows.links += [(record.id, target, 0) for target in record.telegrams_mentioned
                           if target not in record.in_reply_to]
        if isinstance(record, Event):
            rows.countries |= set(record.countries)
    return rows


def _named_entry(record: Cable | Event) -> tuple:
    """A named_entries row: the record's Entry but for its heading and place in corpus order."""
    name, sender, addressee = source_names(record)
    return (record.id, record.kind, record.date, record.end, record.time, getattr(record, "direction", None),
            getattr(record, "telegram_no", None), name, sender, addressee, record.title, record.complete,
            record.zone, record.instant)


def _mentioned(record: Cable | Event) -> dict[str, str]:
    """Who the record names, and how: a cable's sender, addressee and the people named; an event's actors."""
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
    FTS5 (text.index_words). A MAGIC wording is a group of its cable's, named as the cable once the index has it
    (_name_wordings)."""
    if isinstance(record, Translation):
        return [(record.cable, record.id, "magic", record.source.grade, *[None] * 5, index_words(record.text))
                ] if record.cable else []
    if not isinstance(record, (Cable, Event)):
        return []
    groups: dict[tuple[str, str, str | None], list[str]] = {}
    for field, source, text, grade in record_passages(record):
        groups.setdefault((field, source, grade), []).append(index_words(text))
    return [(record.id, source, field, grade, *_names(record), _PARAGRAPH_BREAK.join(texts))
            for (field, source, grade), texts in groups.items()]


def _name_wordings(connection: sqlite3.Connection, wordings: list[tuple[int, str]]) -> None:
    """Name each MAGIC wording's passages row (number, cable id) as its cable, which may have come in any chunk."""
    cables = {}
    for _, cable_id in wordings:
        if cable_id not in cables:
            data = connection.execute("SELECT data FROM staging.texts WHERE id = ? AND kind = 'cable'",
                                      (cable_id,)).fetchone()
            cables[cable_id] = _names(from_dict(Cable, json.loads(data[0])))
    connection.executemany(
        "UPDATE named_passages SET date = ?, instant = ?, name = ?, sender = ?, addressee = ? WHERE n = ?",
        [(*cables[cable], n) for n, cable in wordings])


def _order_and_label(connection: sqlite3.Connection) -> None:
    """Write the rows that need corpus order or the people register, both known only now: passages and entries
    labelled with their sources' names and parties, and tags and mentions by place in corpus order. (A unary + keeps
    SQLite from looking a record up by its kind, which without statistics it takes for the better index: that read
    every cable for each entry.)"""
    people = {person.id: person for person in (from_dict(Person, json.loads(data)) for (data,) in connection.execute(
        "SELECT data FROM records WHERE kind = 'person'"))}
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
    whether the output boundary escapes nothing in them (``escaping``: the ids of the records it escapes
    something in; none in a corpus without control characters)."""
    connection.execute("""
        INSERT INTO documents SELECT e.position, t.data, CASE WHEN e.kind = 'cable' THEN '[]' END, 1
            FROM entries e JOIN staging.texts t ON t.id = e.id AND t.kind = e.kind ORDER BY e.position""")
    wordings: dict[str, list[str]] = {}
    not_cleared = set(escaping)
    for cable_id, wording_id, data in connection.execute(
            "SELECT parent, id, data FROM records WHERE kind = 'translation' AND parent IS NOT NULL ORDER BY n"):
        wordings.setdefault(cable_id, []).append(data)
        if wording_id in escaping:
            not_cleared.add(cable_id)
    connection.executemany(
        "UPDATE documents SET wordings = ? WHERE position = (SELECT position FROM entries WHERE id = ? AND kind = 'cable')",
        (("[" + ",".join(texts) + "]", cable_id) for cable_id, texts in wordings.items()))
    connection.executemany("UPDATE documents SET cleared = 0 WHERE position = (SELECT position FROM entries WHERE id = ?)",
                           ((record_id,) for record_id in not_cleared))


def _lookup_keys(record) -> set[str]:
    """The keys that find a cable: its date, id, FRUS reference and number; a MAGIC wording's dates and id."""
    if isinstance(record, Cable):
        keys = {f"date:{record.date}", f"id:{record.id}", f"frus:{record.citation.ref}"}
        return keys | ({f"telegram:{record.telegram_no}"} if record.telegram_no else set())
    if isinstance(record, Translation) and record.cable:
        return {f"date:{day}" for day in record.dates()} | {f"id:{record.id}"}
    return set()
