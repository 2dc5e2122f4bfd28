"""The corpus index: an SQLite file in the user's cache that lookups read instead of the corpus files.

Built from the validated corpus on first use and again whenever the corpus changes (cache.py, build.py), it holds
every record as JSON (so a lookup needs neither the YAML parser nor the schema validator), a row a cable or event
for lists and filters, keys for finding cables, and an FTS5 index of their words, from which quote takes its
candidate documents before matching them exactly (tables.py). It knows nothing of how its answers are shown.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from magiccli.errors import CacheProblem, Problem
from magiccli.index.build import build
from magiccli.index.cache import (
    build_into_file,
    discard_damaged_index,
    distrusted,
    open_if_fresh,
    prune,
    remove_stale_builds,
    roots_key,
)
from magiccli.locations import NoCache, cache_dir
from magiccli.model import (
    GRADES,
    RECORD_TYPES,
    Cable,
    Corpus,
    Entry,
    Event,
    Person,
    Translation,
    from_dict,
    graded,
    reaches,
    record_object,
    timed_dict,
)
from magiccli.processes import TERMINATED, terminating
from magiccli.query import NO_FILTERS, Filters, searchable_text
from magiccli.refs import Ref
from magiccli.search import FIELDS, GREP_FIELDS, Matcher
from magiccli.text import Cleared, fold_plain

__all__ = ["Index", "PhraseGroups", "discard_damaged_index"]


class Crossing(NamedTuple):
    """A telegram another crossed on the wire, and why it is known to have (crossings.why)."""

    entry: Entry
    why: str


class Index:
    """An open, fresh index; ``location`` is its file, or ':memory:' when the cache cannot be written."""

    def __init__(self, connection: sqlite3.Connection, location: str, notices: list[str]):
        self._db = connection
        self.location = location
        self.notices = notices + [
            f"{file}: left out: {problems} problem(s); 'magiccli corpus validate' lists them"
            for file, problems in json.loads(self._meta("left_out"))
        ]

    @classmethod
    def open(cls, roots: list[Path], *, rebuild: bool = False, progress=None) -> Index:
        """The index of ``roots``, rebuilt if stale (or ``rebuild``); where the cache cannot be written (read-only,
        full), an index in memory for this run, with a notice saying so, or with ``rebuild`` a CacheProblem.
        ``progress(total, what)`` is a context manager giving a function that counts files done (progress.py).
        What a reader should be told (files left out, an index in memory) is in ``notices``."""
        try:
            folder = cache_dir()
        except NoCache as err:
            return cls._in_memory(roots, str(err), rebuild, progress)
        path = folder / f"index-{roots_key(roots)}.sqlite3"
        distrust = distrusted(folder, folder=True) or distrusted(path, folder=False)
        if distrust:
            return cls._in_memory(roots, distrust, rebuild, progress)
        remove_stale_builds(folder)
        if not rebuild:
            connection = open_if_fresh(path, roots)
            if connection is not None:
                return cls(connection, str(path), [])
        try:
            build_into_file(roots, path, progress, incremental=not rebuild)
        except (OSError, sqlite3.Error) as err:
            if terminating():  # SIGTERM during the build, come back as SQLite's or the pool's error: no fallback
                raise SystemExit(TERMINATED) from None
            reason = f"cannot write the index in {folder} ({getattr(err, 'strerror', None) or err})"
            return cls._in_memory(roots, reason, rebuild, progress)
        prune(path)
        connection = open_if_fresh(path, roots, check_stamps=False) or build(roots, ":memory:", progress=progress)
        return cls(connection, str(path), [])

    @classmethod
    def _in_memory(cls, roots: list[Path], reason: str, rebuild: bool, progress) -> Index:
        """The index built in memory for this run, with a notice saying why (``reason``); CacheProblem(reason) for
        ``rebuild``, whose work is the file."""
        if rebuild:
            raise CacheProblem(reason) from None
        return cls(
            build(roots, ":memory:", progress=progress), ":memory:", [f"{reason}; it is built in memory for this run"]
        )

    def corpus(self, ids: Iterable[str], *, with_linked: bool = False) -> Corpus:
        """The records ``ids`` with their translations and the people register, ``with_linked`` with the cables they
        answer or mention: a few records as a model."""
        self._keys_table("wanted", ids)
        if with_linked:  # a link's target by id, or by telegram number every cable of that number (thread.reply_target)
            self._db.execute(
                "INSERT OR IGNORE INTO wanted SELECT target FROM links WHERE id IN wanted"
                " UNION SELECT k.id FROM links l JOIN lookup k ON k.key = 'telegram:' || l.target WHERE l.id IN wanted"
            )
        rows = self._db.execute(
            "SELECT e.kind, d.data FROM entries e JOIN documents d ON d.position = e.position"
            " WHERE e.id IN wanted ORDER BY e.position"
        ).fetchall()
        rows += self._db.execute("SELECT kind, data FROM records WHERE parent IN wanted ORDER BY n").fetchall()
        records = [from_dict(RECORD_TYPES[kind], json.loads(data)) for kind, data in rows]
        return Corpus.of(records + self._register, countries=set(self._countries))

    @cached_property
    def _register(self) -> list[Person]:
        """The people register, read once: a stream of references asks for a corpus a reference, and parsing the
        register each time was most of the cost of each."""
        rows = self._db.execute("SELECT data FROM records WHERE kind = 'person' ORDER BY n")
        return [from_dict(Person, json.loads(data)) for (data,) in rows]

    @cached_property
    def _countries(self) -> list[str]:
        return json.loads(self._meta("countries"))

    def whole(self) -> Corpus:
        """Every record of the corpus as a model, MAGIC wordings tied to no cable among them: for a check of the
        whole corpus, never for a lookup (it holds every record in memory)."""
        rows = self._db.execute(
            "SELECT e.kind, d.data FROM entries e JOIN documents d ON d.position = e.position ORDER BY e.position"
        ).fetchall()
        rows += self._db.execute("SELECT kind, data FROM records ORDER BY n").fetchall()
        return Corpus.of(
            [from_dict(RECORD_TYPES[kind], json.loads(data)) for kind, data in rows], countries=set(self._countries)
        )

    def people(self) -> Corpus:
        """The people register and the countries events name, without any cable or event."""
        return self.corpus(())

    def entries(self, filters: Filters = NO_FILTERS, *, reverse: bool = False, among: str = "") -> Iterator[Entry]:
        """The cables and events through ``filters``, in corpus order (``reverse``: newest first), streamed;
        ``among``: an SQL query of the positions to keep."""
        if filters.grep:  # the one filter that reads the texts
            return (entry for entry, _ in self.records(filters, reverse=reverse, among=among))
        return map(Entry._make, self._select(filters, reverse, among))

    def records(
        self, filters: Filters = NO_FILTERS, *, reverse: bool = False, among: str = "", least: str | None = None
    ) -> Iterator[tuple[Entry, Cable | Event]]:
        """entries() with the whole record of each, its MAGIC wordings attached; with ``least``, as model.graded
        leaves it (those it leaves nothing of left out)."""
        if filters.grep:
            among = self._grepped(filters.grep, among)
        for *row, data, wordings in self._select(filters, reverse, among, f"{_ENTRY_COLUMNS}, d.data, d.wordings"):
            record = from_dict(RECORD_TYPES[row[2]], json.loads(data))
            if wordings not in (None, "[]"):  # most cables have none: no JSON to parse
                record.translations = [from_dict(Translation, wording) for wording in json.loads(wordings)]
            if filters.grep and filters.grep not in fold_plain(searchable_text(record)):
                continue
            record = graded(record, least)
            if record is not None:
                yield Entry(*row), record

    def record_texts(
        self, filters: Filters = NO_FILTERS, *, with_wordings: bool, reverse: bool = False, least: str | None = None
    ) -> Iterator[str | Cleared]:
        """Each record through ``filters`` (and graded ``least``, as records() does) as the JSON its file holds
        (model.record_object's with its MAGIC wordings, ``with_wordings``), written by the build and passed on
        unparsed where nothing is taken out of it: as the bytes the index holds where the build found nothing in
        them for the output boundary to escape."""
        if filters.grep or least:
            for _, record in self.records(filters, reverse=reverse, least=least):
                yield json.dumps(
                    record_object(record) if with_wordings else timed_dict(record),
                    ensure_ascii=False,
                    separators=(",", ":"),
                )
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
            f" WHERE {' AND '.join(where) or '1'} ORDER BY e.position{' DESC' if reverse else ''}",
            params,
        )

    def appearances(self, person_id: str) -> Iterator[tuple[Entry, str]]:
        """The cables and events that name the person, and how (from, to, named, actor), in corpus order,
        streamed."""
        rows = self._db.execute(
            f"SELECT {_ENTRY_COLUMNS}, m.role FROM mentions m JOIN entries e ON e.position = m.position"
            " WHERE m.key = ? AND m.role != 'country' ORDER BY e.position",
            (person_id,),
        )
        return ((Entry(*row[:-1]), row[-1]) for row in rows)

    def mentions(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """The people each of the records ``ids`` names (the mentions --actor and who read), in register order."""
        found: dict[str, list[str]] = {}
        for record_id, key in self._db.execute(
            "SELECT e.id, m.key FROM mentions m JOIN entries e ON e.position = m.position"
            f" WHERE m.role != 'country' AND e.position IN ({self.among_ids(ids)}) ORDER BY e.position, m.key"
        ):
            found.setdefault(record_id, []).append(key)
        return {record_id: list(dict.fromkeys(keys)) for record_id, keys in found.items()}

    def reply_candidates(self, ids: Iterable[str], *, up: bool, down: bool) -> set[str]:
        """The cables that may be one reply step from the cables ``ids`` (thread.thread_corpus): ``up``, what their
        replies name, by id or by telegram number (every cable of that number); ``down``, the cables whose replies
        name their id or their number. The model decides which are linked (thread.reply_target)."""
        self._keys_table("wanted", ids)
        steps = []
        if up:
            steps.append("SELECT target FROM links WHERE reply AND id IN wanted")
            steps.append(
                "SELECT k.id FROM links l JOIN lookup k ON k.key = 'telegram:' || l.target WHERE l.reply AND l.id IN wanted"
            )
        if down:
            steps.append(
                "SELECT id FROM links WHERE reply AND target IN"
                " (SELECT key FROM wanted UNION SELECT telegram_no FROM entries WHERE id IN wanted AND telegram_no IS NOT NULL)"
            )
        return {row[0] for row in self._db.execute(" UNION ".join(steps))}

    def crossings(self, ids: Iterable[str]) -> dict[str, list[Crossing]]:
        """The telegrams each of the cables ``ids`` crossed on the wire, with why: those of the other direction
        that, by their times of sending and the arrivals their texts attest (crossings.crossed), each left before the
        other reached its addressee. The candidates are the other direction's telegrams sent within the longest
        wait for an answer either side of it, so that the query reads a range of instants (entries_sent); the
        records decide. Cables whose instant of sending is unknown cross none."""
        from magiccli.crossings import crossed, why

        ids = list(ids)
        longest_wait = (
            self._db.execute(
                "SELECT max(julianday(answered) - julianday(instant)) FROM entries WHERE answered IS NOT NULL"
            ).fetchone()[0]
            or 0
        )
        pairs = [
            (cable_id, Entry(*row))
            for cable_id, *row in self._db.execute(
                f"SELECT a.id, {_ENTRY_COLUMNS.replace('e.', 'b.')} FROM entries a JOIN entries b"
                " ON b.direction = CASE a.direction WHEN 'tokyo-moscow' THEN 'moscow-tokyo'"
                " WHEN 'moscow-tokyo' THEN 'tokyo-moscow' END"
                " AND b.instant BETWEEN strftime('%Y-%m-%dT%H:%MZ', julianday(a.instant) - ?)"
                "                   AND strftime('%Y-%m-%dT%H:%MZ', julianday(a.instant) + ?)"
                f" WHERE a.id IN ({', '.join('?' * len(ids))}) ORDER BY a.id, b.position",
                (longest_wait, longest_wait, *ids),
            )
        ]
        if not pairs:
            return {}
        # the records of both sides, with those that attest their arrivals (links), to decide and to name them
        cables = self.corpus({i for pair in pairs for i in (pair[0], pair[1].id)}, with_linked=True).by_id
        found: dict[str, list[Crossing]] = {}
        for cable_id, other in pairs:
            a, b = cables[cable_id], cables[other.id]
            if isinstance(a, Cable) and isinstance(b, Cable) and crossed(a, b):
                found.setdefault(cable_id, []).append(Crossing(other, why(a, b, cables)))
        return found

    def with_wordings(self) -> list[Entry]:
        """The cables that have a MAGIC wording."""
        return [
            Entry(*row[:-1])
            for row in self._db.execute(
                f"SELECT {_ENTRY_COLUMNS}, 0 FROM entries e WHERE e.wordings > 0 ORDER BY e.position"
            )
        ]

    def problems(self) -> list[Problem]:
        """What corpus validate lists, as load.validate finds it, kept by the build: each file's own problems, or
        where there are none the people the texts name whom a people list lacks (the build refuses a corpus with
        any other problem between records), then the characters that would drive a terminal."""
        found: dict[str, list[Problem]] = {"file": [], "mentions": [], "unsafe": []}
        for file, line, message, kind in self._db.execute(
            "SELECT path, line, message, kind FROM problems ORDER BY path, n"
        ):
            found[kind].append(Problem(Path(os.fsdecode(file)), line, message))
        return (found["file"] or found["mentions"]) + found["unsafe"]

    def stats(self) -> dict:
        return json.loads(self._meta("stats"))

    def keys(self, prefix: str) -> list[str]:
        """Lookup keys of cables (date:, telegram:, id:, frus:) that start with ``prefix``, for completion."""
        return [
            key
            for (key,) in self._db.execute(
                "SELECT DISTINCT key FROM lookup WHERE key >= ? AND key < ? ORDER BY key", (prefix, prefix + "\uffff")
            )
        ]

    def tag_names(self) -> list[str]:
        return [tag for (tag,) in self._db.execute("SELECT DISTINCT tag FROM tags ORDER BY tag")]

    def cable_ids(self, ref: Ref) -> set[str]:
        """The cables that ``ref`` may find (find_cables decides): by date, translation date, number, id."""
        if ref.kind == "span":
            span = ref.span
            rows = self._db.execute(
                "SELECT id FROM lookup WHERE key BETWEEN ? AND ?",
                (f"date:{span.start.isoformat()}", f"date:{span.end.isoformat()}"),
            )
        else:
            rows = self._db.execute("SELECT id FROM lookup WHERE key = ?", (f"{ref.kind}:{ref.value}",))
        return {row[0] for row in rows}

    def cable_ids_next_to(self, ref: Ref) -> set[str]:
        """The cables of the nearest day with cables before the span and after it."""
        span = ref.span
        days = self._db.execute(
            "SELECT (SELECT max(date) FROM entries WHERE kind = 'cable' AND date < ?),"
            " (SELECT min(date) FROM entries WHERE kind = 'cable' AND date > ?)",
            (span.start.isoformat(), span.end.isoformat()),
        ).fetchone()
        rows = self._db.execute("SELECT id FROM entries WHERE kind = 'cable' AND date IN (?, ?)", days)
        return {row[0] for row in rows}

    def phrase_groups(self, words: list[str], fields: Iterable[str] = FIELDS, least: str | None = None) -> PhraseGroups:
        """The passage groups in ``fields``, graded ``least`` or better, that hold the phrase of folded ``words``,
        and those of all groups that hold its rarest word more often than it does: each other group holds the
        phrase once."""
        totals = {word: self._totals(word) for word in words}
        rarest = min(words, key=lambda word: totals[word][1])
        groups_with_it, times_in_all = totals[rarest]
        in_phrase = words.count(rarest)
        more = {}  # the groups that hold the rarest word more often than the phrase does, and how often
        if times_in_all > groups_with_it:
            more = dict(
                self._db.execute(
                    "SELECT doc, count(*) FROM word_instances WHERE term = ? GROUP BY doc HAVING count(*) > ?",
                    (rarest, in_phrase),
                )
            )
        # no more columns than a count shows: making each value a Python object is most of a big count's time
        with pages_in_place(self._db):
            rows = self._passages_matching(
                "n, source, date, label, grade", '"' + " ".join(words) + '"', fields, least, order="position"
            )
            return PhraseGroups(rows.fetchall(), more)

    def group_texts(self, numbers: Iterable[int]) -> Iterator[tuple[int, bytes]]:
        """The text FTS5 was given of each passage group numbered (text.index_words of each paragraph, PARAGRAPH_BREAK
        between them), in UTF-8, streamed."""
        self._keys_table("numbered", numbers)
        with pages_in_place(self._db):
            yield from self._db.execute("SELECT n, CAST(text AS BLOB) FROM group_texts WHERE n IN numbered")

    def _passages_matching(
        self, columns: str, fts_query: str, fields: Iterable[str], least: str | None, order: str = ""
    ) -> sqlite3.Cursor:
        """``columns`` of the passage groups in ``fields``, graded ``least`` or better, whose text FTS5 finds for
        ``fts_query``."""
        fields = list(fields)
        grades = [grade for grade in GRADES if reaches(grade, least)] if least else []
        grade_test = f" AND grade IN ({', '.join('?' * len(grades))})" if grades else ""
        return self._db.execute(
            f"SELECT {columns} FROM words JOIN passages ON n = words.rowid WHERE words MATCH ?"
            f" AND field IN ({', '.join('?' * len(fields))}){grade_test}" + (f" ORDER BY {order}" if order else ""),
            (fts_query, *fields, *grades),
        )

    def _totals(self, word: str) -> tuple[int, int]:
        """In how many groups the word is, and how many times in all."""
        return self._db.execute("SELECT doc, cnt FROM word_totals WHERE term = ?", (word,)).fetchone() or (0, 0)

    def passing(self, filters: Filters, ids: Iterable[str]) -> set[str]:
        """Those of the records ``ids`` that pass the filters but --grep."""
        return {row[1] for row in self._select(filters, False, self.among_ids(ids))}

    def count(self, filters: Filters = NO_FILTERS) -> int:
        """How many cables and events pass the filters but --grep."""
        where, params = _where(filters)
        return self._db.execute(
            f"SELECT count(*) FROM entries e WHERE {' AND '.join(where) or '1'}", params
        ).fetchone()[0]

    def candidates(self, matcher: Matcher, fields: Iterable[str]) -> str | None:
        """An SQL query of the positions of the cables and events whose text in ``fields`` may hold what the matcher
        looks for (and maybe more), taken from FTS5: a phrase's or the words' groups, or for a regular expression
        the groups with a word holding its required literal; None when every record must be read."""
        if matcher.index_query():
            query = matcher.index_query()
        elif matcher.required_literals:
            query = self._holding_all(matcher.required_literals)
            if query is None:
                return None
        else:
            return None
        fields = list(fields)
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS candidates (position INTEGER PRIMARY KEY)")
        self._db.execute("DELETE FROM candidates")
        try:
            self._db.execute(
                "INSERT OR IGNORE INTO candidates SELECT e.position FROM words JOIN passages p ON p.n = words.rowid"
                f" JOIN entries e ON e.id = p.record WHERE words MATCH ? AND p.field IN ({', '.join('?' * len(fields))})",
                (query, *fields),
            )
        except sqlite3.OperationalError:  # a query FTS5 cannot parse: read everything rather than miss a hit
            return None
        return "SELECT position FROM candidates"

    def _grepped(self, grep: str, among: str) -> str:
        """``among`` (an SQL query of positions, or "" for all) narrowed to the cables and events whose texts may
        hold --grep's folded words ``grep``: a record holds them only if, for each of its words, a group of
        GREP_FIELDS holds a word containing it (the first may end a word of the text, the last begin one), in the
        same group or not, as --grep reads a record's texts as one. records() decides on the texts."""
        holding = self._holding_each(grep.split(" "))
        if not holding:
            return among
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS grepped (position INTEGER PRIMARY KEY)")
        self._db.execute("DELETE FROM grepped")
        fields = ", ".join("?" * len(GREP_FIELDS))
        self._db.execute(
            "INSERT OR IGNORE INTO grepped "
            + " INTERSECT ".join(
                "SELECT e.position FROM words JOIN passages p ON p.n = words.rowid JOIN entries e ON e.id = p.record"
                f" WHERE words MATCH ? AND p.field IN ({fields})"
                for _ in holding
            ),
            [parameter for query in holding for parameter in (query, *GREP_FIELDS)],
        )
        return "SELECT position FROM grepped" + (f" WHERE position IN ({among})" if among else "")

    def _holding_all(self, literals: list[str]) -> str | None:
        """An FTS5 query of the groups with a word holding each of ``literals``, the rarest first (FTS5 reads an AND
        from its left: the rarest narrows most); None when every literal is held by too many words to narrow."""
        return " AND ".join(self._holding_each(literals)) or None

    def _holding_each(self, literals: list[str]) -> list[str]:
        """For each of ``literals``, the rarest first, an FTS5 query of the groups with a word holding it; the
        literals held by more than _MOST_TERMS words are left out, as they narrow little."""
        alternatives = []
        for literal in dict.fromkeys(literals):
            terms = [
                term
                for (term,) in self._db.execute(
                    "SELECT term FROM terms WHERE instr(term, ?) LIMIT ?", (literal, _MOST_TERMS + 1)
                )
            ]
            if len(terms) <= _MOST_TERMS:
                groups = sum(self._totals(term)[0] for term in terms)
                # ¶ is in no group: a literal no word holds leaves no candidate at all
                alternatives.append(
                    (groups, "(" + " OR ".join(f'"{term}"' for term in terms) + ")" if terms else '"¶"')
                )
        return [query for _, query in sorted(alternatives)]

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
        where.append(
            f"e.position >= min(coalesce((SELECT position FROM entries WHERE date >= ? ORDER BY date, position"
            f" LIMIT 1), {_NOWHERE}), coalesce((SELECT min(position) FROM entries WHERE end >= ?), {_NOWHERE}))"
            " AND coalesce(e.end, e.date) >= ?"
        )
        params += [filters.start] * 3
    if filters.end:
        where.append(
            "e.position <= (SELECT position FROM entries WHERE date <= ? ORDER BY date DESC, position DESC LIMIT 1)"
        )
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


@contextmanager
def pages_in_place(connection: sqlite3.Connection):
    """Read the index's pages in place rather than copy them, for a query that reads many small rows spread over
    the file (quote --count: a fifth faster at 315,000 documents). Not for a stream of records, where every page
    read would stay mapped into the process. Safe: an index file is never written after its rename into place (a
    rebuild writes a new file), and _looks_whole saw it whole, so no read can run past its end."""
    connection.execute("PRAGMA mmap_size = 1099511627776")
    try:
        yield
    finally:
        connection.execute("PRAGMA mmap_size = 0")
