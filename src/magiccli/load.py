"""Corpus files → validated records → the model."""

from __future__ import annotations

import json
import os
import re
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

from magiccli.boundary import UNSAFE
from magiccli.errors import CorpusError, Problem, WorkerLost
from magiccli.locations import bundled_corpus
from magiccli.model import (
    EVENT_KINDS,
    RECORD_TYPES,
    Corpus,
    from_dict,
)
from magiccli.processes import worker_started
from magiccli.schema import Validator, where
from magiccli.walk import walk_corpus
from magiccli.yamlsafe import Document, YamlProblem, read_yaml

SCHEMA_FILE = "schema.json"
_DEFINITION = {"cable": "cable", "translation": "translation", "person": "person", **{k: "event" for k in EVENT_KINDS}}
_BARE_NUMBER = re.compile(r"^[0-9]+$")
_PERSON_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


_PARALLEL_FROM = 2000  # files: below this, starting worker processes costs more than they save
_CHUNK = 500


@dataclass
class Entry:
    data: dict
    file: Path
    path: tuple  # where in its file: () for a file of one record, (n,) for the n-th of a list

    def line(self, subpath: tuple) -> int:
        return _lines_of(self.file).line_of(self.path + subpath)

    def problem(self, subpath: tuple, message: str) -> Problem:
        return Problem(self.file, self.line(subpath), message)

    def reduced(self) -> Entry:
        """The entry with only the fields check_across reads."""
        return Entry({k: self.data[k] for k in CROSS_CHECKED if k in self.data}, self.file, self.path)


def _lines_of(file: Path) -> Document:
    try:
        stat = file.stat()
        return _read_with_lines(file, stat.st_mtime_ns, stat.st_size)
    except (OSError, YamlProblem):  # gone or changed since it was read: its problems are shown at line 1
        return Document(None)


@lru_cache(maxsize=64)  # a file with many problems is read once; a file changed since is read again
def _read_with_lines(file: Path, mtime_ns: int, size: int) -> Document:
    return read_yaml(file)


def load(paths: list[Path] | None = None) -> Corpus:
    """Read, validate and build the corpus at ``paths`` (default: the bundled one); CorpusError lists every problem."""
    files = walk_corpus(paths or [bundled_corpus()]).files
    entries, problems = _read_and_check_all(files)
    if problems:
        raise CorpusError(problems)
    return _build(entries, files)


def validate(paths: list[Path]) -> list[Problem]:
    """Every problem of the corpus at ``paths``: what keeps it from loading, and the characters in its records that
    would drive a terminal (shown escaped, but a record should not hold them); read a chunk of files at a time,
    keeping of each record only what the checks between records read."""
    try:
        files = walk_corpus(paths).files
    except CorpusError as err:
        return err.problems
    problems, unsafe, reduced = [], [], []
    for chunk_reduced, chunk_problems, chunk_unsafe in map_chunks(_checked_and_reduced, files):
        problems += chunk_problems
        unsafe += chunk_unsafe
        reduced += chunk_reduced
    return (problems or check_across(reduced)) + unsafe


def _checked_and_reduced(files: list[Path]) -> tuple[list[Entry], list[Problem], list[Problem]]:
    entries, problems = read_and_check(files)
    unsafe = [problem for entry in entries for problem in _unsafe_characters(entry, entry.data, ())]
    return [entry.reduced() for entry in entries], problems, unsafe


def _read_and_check_all(files: list[Path]) -> tuple[list[Entry], list[Problem]]:
    entries, problems = _read_and_check_each(files)
    if not problems:  # cross-references only make sense between well-formed records
        problems = check_across(entries)
    return entries, problems


def _unsafe_characters(entry: Entry, value, path: tuple) -> list[Problem]:
    if isinstance(value, str):
        found = UNSAFE.search(value)
        return [entry.problem(path, f"control character U+{ord(found.group()):04X} in {where(path)}")] if found else []
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _unsafe_characters(entry, item, path + (key,))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _unsafe_characters(entry, item, path + (index,))]
    return []


def map_chunks(function, files: list[Path]):
    """``function`` over the files in chunks, the results in the chunks' order: in worker processes, one per core,
    for a big corpus."""
    cores = os.cpu_count() or 1
    if len(files) < _PARALLEL_FROM or cores < 2:
        yield function(files)
        return
    chunks = (files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK))
    pool = ProcessPoolExecutor(cores, initializer=worker_started, initargs=(os.getpid(),))
    try:
        # a few chunks ahead of the caller, not all of them, so that results can never pile up in memory behind a
        # caller slower than the workers
        running = deque(pool.submit(function, chunk) for chunk in islice(chunks, 2 * cores))
        while running:
            try:
                result = running.popleft().result()
            except BrokenProcessPool:  # a worker killed (the OOM killer): its chunk is lost, so is the whole
                raise WorkerLost("a worker process reading the corpus was killed (out of memory?); nothing was"
                                 " kept, run the command again") from None
            running.extend(pool.submit(function, chunk) for chunk in islice(chunks, 1))
            yield result
    finally:  # also when interrupted or terminated: the chunks not started are dropped, not waited for
        pool.shutdown(cancel_futures=True)


def _read_and_check_each(files: list[Path]) -> tuple[list[Entry], list[Problem]]:
    entries, problems = [], []
    for chunk_entries, chunk_problems in map_chunks(read_and_check, files):
        entries += chunk_entries
        problems += chunk_problems
    return entries, problems


def read_and_check(files: list[Path]) -> tuple[list[Entry], list[Problem]]:
    entries, problems = _read(files)
    return entries, problems + _check_schema(entries)


def _read(files: list[Path]) -> tuple[list[Entry], list[Problem]]:
    entries, problems = [], []
    for file in files:
        try:
            doc = read_yaml(file, with_lines=False)
        except FileNotFoundError:  # deleted since the walk listed it: gone, as if the walk had come later
            continue
        except UnicodeDecodeError as err:
            problems.append(Problem(file, 1, f"not UTF-8 text ({err.reason} at byte {err.start})"))
            continue
        except YamlProblem as err:
            problems.append(Problem(file, err.line, err.message))
            continue
        except OSError as err:
            problems.append(Problem(file, None, f"cannot read: {err.strerror}"))
            continue
        value = doc.value
        if isinstance(value, dict):
            entries.append(Entry(value, file, ()))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    entries.append(Entry(item, file, (index,)))
                else:
                    problems.append(Problem(file, _lines_of(file).line_of((index,)), "a record must be a mapping"))
        elif value is not None:
            problems.append(Problem(file, 1, "a corpus file holds a record (a mapping) or a list of records"))
    return entries, problems


@lru_cache(maxsize=1)
def _schema() -> Validator:
    return Validator(json.loads((bundled_corpus() / SCHEMA_FILE).read_text(encoding="utf-8")))


def _check_schema(entries: list[Entry]) -> list[Problem]:
    validator = _schema()
    problems = []
    for entry in entries:
        kind = entry.data.get("kind")
        if kind not in _DEFINITION:
            problems.append(entry.problem(("kind",), f"unknown kind {kind!r}; expected one of: {', '.join(_DEFINITION)}"))
            continue
        for path, message in validator.errors(entry.data, validator.definition(_DEFINITION[kind])):
            problems.append(entry.problem(path, message))
    return problems


# The fields check_across reads: a record reduced to them is enough for the checks between records.
CROSS_CHECKED = ("id", "kind", "telegram_no", "from", "to", "people", "in_reply_to", "telegrams_mentioned", "cable", "actors",
                 "name", "aliases")


def check_across(entries: list[Entry]) -> list[Problem]:
    """Problems between records: duplicate ids, references to records that are not there."""
    return _check_ids(entries) + _check_references(entries) + _check_lookalikes(entries)


def _check_ids(entries: list[Entry]) -> list[Problem]:
    first: dict[str, Entry] = {}
    problems = []
    for entry in entries:
        record_id = entry.data["id"]
        if record_id in first:
            other = first[record_id]
            where = f"{other.file}:{other.line(('id',))}"
            problems.append(entry.problem(("id",), f"duplicate id '{record_id}' (also in {where})"))
        else:
            first[record_id] = entry
    return problems


def _check_lookalikes(entries: list[Entry]) -> list[Problem]:
    """Ids that differ only in case (a reader cannot tell them apart, and a case-insensitive file system holds one
    of their files), and a person's name or alias that is a name of a person in another file: every lookup by that
    name would then find both (a user's file taking "Togo" would be searched with him). Names are compared as
    lookups compare them (fold_plain: case, accents, Unicode forms); a register's own file may share a surname
    between two people (two Roosevelts), as it is curated as one."""
    from magiccli.text import fold_plain

    problems, ids, names = [], {}, {}
    for entry in entries:
        record_id = entry.data["id"]
        other = ids.setdefault(record_id.casefold(), entry)
        if other.data["id"] != record_id:
            problems.append(entry.problem(("id",), f"id '{record_id}' differs only in case from '{other.data['id']}'"
                                                   f" ({other.file}:{other.line(('id',))})"))
        if entry.data["kind"] != "person":
            continue
        for where, name in [(("name",), entry.data.get("name")),
                            *((("aliases", n), alias) for n, alias in enumerate(entry.data.get("aliases") or []))]:
            if not isinstance(name, str) or not fold_plain(name):
                continue
            other = names.setdefault(fold_plain(name), entry)
            if other.file != entry.file and other.data["id"] != record_id:
                problems.append(entry.problem(where, f"'{name}' is also a name of {other.data['id']}"
                                                     f" ({other.file}:{other.line(('id',))})"))
    return problems


def _check_references(entries: list[Entry]) -> list[Problem]:
    kinds = {e.data["id"]: e.data["kind"] for e in entries}
    cable_numbers = {e.data["telegram_no"]: e.data["id"] for e in entries if e.data["kind"] == "cable" and e.data["telegram_no"]}
    problems = []

    def want(entry, path, value, kind):
        if value is not None and kinds.get(value) != kind:
            problems.append(entry.problem(path, f"'{value}' is not a {kind} id in the corpus"))

    def want_telegram(entry, path, value):
        if _BARE_NUMBER.match(value):
            if value in cable_numbers:
                problems.append(entry.problem(path, f"telegram {value} is in the corpus: write its id '{cable_numbers[value]}'"))
        else:
            want(entry, path, value, "cable")

    for entry in entries:
        data = entry.data
        if data["kind"] == "cable":
            want(entry, ("from",), data["from"], "person")
            want(entry, ("to",), data["to"], "person")
            for i, person in enumerate(data["people"]):
                want(entry, ("people", i), person, "person")
            for name in ("in_reply_to", "telegrams_mentioned"):
                for i, ref in enumerate(data[name]):
                    want_telegram(entry, (name, i), ref)
        elif data["kind"] == "translation":
            want(entry, ("cable",), data["cable"], "cable")
            want(entry, ("from",), data["from"], "person")
            want(entry, ("to",), data["to"], "person")
        elif data["kind"] in EVENT_KINDS:
            for i, actor in enumerate(data["actors"]):
                if _PERSON_ID.match(actor):  # lowercase: a person id; capitalised: a country's name
                    want(entry, ("actors", i), actor, "person")
    return problems


def _build(entries: list[Entry], files: list[Path]) -> Corpus:
    return Corpus.of([from_dict(RECORD_TYPES[e.data["kind"]], e.data) for e in entries], files=files)
