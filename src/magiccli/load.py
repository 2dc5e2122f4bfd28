"""Corpus files → validated records → the model."""

from __future__ import annotations

import json
import os
import re
from collections import deque
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from magiccli.boundary import UNSAFE
from magiccli.errors import CorpusError, Problem, WorkerLost
from magiccli.locations import bundled_corpus
from magiccli.mentions import register
from magiccli.model import EVENT_KINDS, paragraphs
from magiccli.processes import worker_started
from magiccli.schema import Validator, where
from magiccli.tei import Share, TeiDocument, complete_record, read_records, tei_record, volume_id
from magiccli.walk import walk_corpus
from magiccli.yamlsafe import Document, YamlProblem, read_yaml

SCHEMA_FILE = "schema.json"
_DEFINITION = {"cable": "cable", "translation": "translation", "person": "person", **{k: "event" for k in EVENT_KINDS}}
_BARE_NUMBER = re.compile(r"^[0-9]+$")
_PERSON_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


_PARALLEL_FROM = (
    2000  # files (a TEI volume weighs its documents): below this, worker processes cost more than they save
)
_CHUNK = 500


@dataclass
class Entry:
    data: dict
    file: Path
    path: tuple  # where in its file: () for a file of one record, (n,) for the n-th of a list; ("tei", line)

    @property
    def from_tei(self) -> bool:
        """A document of a TEI volume, which magiccli.tei read: its line is known, and its people are names."""
        return self.path[:1] == ("tei",)

    def line(self, subpath: tuple) -> int:
        if self.from_tei:
            return self.path[1]
        return _lines_of(self.file).line_of(self.path + subpath)

    def problem(self, subpath: tuple, message: str) -> Problem:
        return Problem(self.file, self.line(subpath), message)

    def reduced(self) -> Entry:
        """The entry with only the fields check_across and check_mentions read: of a cable, its texts are kept as
        one list (the price of the mentions check is holding the corpus's texts, not its whole records)."""
        data = {k: self.data[k] for k in CROSS_CHECKED if k in self.data}
        if self.data.get("kind") == "cable":
            data[_TEXTS] = _texts(self)
        return Entry(data, self.file, self.path)


def _lines_of(file: Path) -> Document:
    try:
        stat = file.stat()
        return _read_with_lines(file, stat.st_mtime_ns, stat.st_size)
    except (OSError, YamlProblem):  # gone or changed since it was read: its problems are shown at line 1
        return Document(None)


@lru_cache(maxsize=64)  # a file with many problems is read once; a file changed since is read again
def _read_with_lines(file: Path, mtime_ns: int, size: int) -> Document:
    return read_yaml(file)


def validate(paths: list[Path]) -> list[Problem]:
    """Every problem of the corpus at ``paths``: what keeps it from loading, and the characters in its records that
    would drive a terminal (shown escaped, but a record should not hold them); read a chunk of files at a time,
    keeping of each record only what the checks between records read."""
    try:
        files = walk_corpus(paths).files
    except CorpusError as err:
        return err.problems
    problems, unsafe, reduced = [], [], []
    for chunk in map_work(checked_and_reduced, files):
        problems += chunk.problems
        unsafe += chunk.unsafe
        reduced += chunk.reduced
    return (problems or check_across(reduced) + check_mentions(reduced)) + unsafe


@dataclass
class Checked:
    """What checked_and_reduced makes of a Work: problems, unsafe characters, records reduced, and the YAML
    documents that wait for their TEI volume."""

    problems: list[Problem]
    unsafe: list[Problem]
    reduced: list[Entry]
    deferred: list[Entry]


def checked_and_reduced(work: Work) -> Checked:
    entries, problems, deferred = read_and_check(work)
    return Checked(problems, unsafe_characters(entries), [entry.reduced() for entry in entries], deferred)


def unsafe_characters(entries: list[Entry]) -> list[Problem]:
    """A problem for each of the records' strings that holds a character that would drive a terminal."""
    return [problem for entry in entries for problem in _unsafe_characters(entry, entry.data, ())]


def _unsafe_characters(entry: Entry, value, path: tuple) -> list[Problem]:
    if isinstance(value, str):
        found = UNSAFE.search(value)
        return [entry.problem(path, f"control character U+{ord(found.group()):04X} in {where(path)}")] if found else []
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _unsafe_characters(entry, item, path + (key,))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _unsafe_characters(entry, item, path + (index,))]
    return []


@dataclass(frozen=True)
class Work:
    """A chunk of the corpus for one worker: its ``files``; the ids of the volumes that have a TEI file in the
    corpus (``defer``), whose documents a YAML file holds are set aside until their volume is read, so that the
    volume completes them (tei.complete_record); the set-aside entries a TEI file is to complete (``completing``,
    by id); and entries read already (``entries``: set aside, and no document of their volume came). ``share``: the
    documents of its one TEI volume this Work reads (tei.read_volume), where a big volume is spread over workers;
    the file counts as done with its last share (``files_done``)."""

    files: list[Path]
    defer: frozenset[str] = frozenset()
    completing: dict[str, Entry] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    share: Share | None = None

    @property
    def files_done(self) -> int:
        return len(self.files) if self.share is None or self.share[1] is None else 0


def map_work(function, files: list[Path], whole: frozenset[Path] = frozenset()):
    """``function`` over the corpus files as Works, the results in order: the YAML files a chunk at a time, then each
    TEI volume with the YAML documents it completes, a big one in shares of _SHARE documents (but those in
    ``whole``, and those completing YAML documents), then the YAML documents no volume completed; in worker
    processes, one per core, for a big corpus. Each result has the ``deferred`` entries of its Work."""
    yaml_files = [file for file in files if file.suffix != TEI_SUFFIX]
    volumes = {file: volume_id(file) for file in files if file.suffix == TEI_SUFFIX}
    defer = frozenset(volumes.values())
    waiting: dict[str, dict[str, Entry]] = {}
    with _workers(len(yaml_files) + sum(map(_records_in_volume, volumes))) as run:
        chunks = [yaml_files[i : i + _CHUNK] for i in range(0, len(yaml_files), _CHUNK)] or [[]]
        for result in run(function, (Work(chunk, defer) for chunk in chunks)):
            for entry in result.deferred:  # each of a volume read_and_check set aside: volume_of names one
                waiting.setdefault(volume_of(entry.data["id"]) or "", {})[entry.data["id"]] = entry
            yield result
        unmatched: list[Entry] = []
        volume_works = (
            Work([file], completing=completing, share=share)
            for file, volume in volumes.items()
            for completing in [waiting.pop(volume, {})]
            for share in ([None] if completing or file in whole else _shares(file))
        )
        for result in run(function, volume_works):
            unmatched += result.deferred
            yield result
        unmatched += [entry for group in waiting.values() for entry in group.values()]
        if unmatched:
            yield function(Work([], entries=unmatched))


def _records_in_volume(path: Path) -> int:
    """About how many documents a TEI volume holds, by its size (a FRUS document takes some 3.6 KB: the Quebec 1944
    volume is 3.6 MB for about a thousand): a volume weighs as many YAML files in deciding on worker processes."""
    try:
        return max(1, path.stat().st_size // _TEI_DOCUMENT_BYTES)
    except OSError:  # gone since the walk: its reading says so
        return 1


_TEI_DOCUMENT_BYTES = 3600
_SHARE = 1000  # documents of a volume one worker reads: a volume of a few thousand is spread over the workers


def _shares(volume: Path) -> list[Share | None]:
    """The shares (tei.read_volume) a volume is read in, by its estimated number of documents: four a core, of
    _SHARE documents at the least, the last one open-ended (so that an estimate short of the truth loses nothing);
    None for a volume read whole. Each share skims the documents before it, 0.05 s a thousand: more shares hold
    less each but skim more (a volume of 20,000 in shares of 1,000 skimmed 9.5 s of CPU)."""
    documents = _records_in_volume(volume)
    size = max(_SHARE, documents // (4 * (os.cpu_count() or 1)))
    if documents < 2 * size:
        return [None]
    starts = range(0, documents, size)
    return [(start, start + size) for start in starts[:-1]] + [(starts[-1], None)]


TEI_SUFFIX = ".xml"
_TEI_ID = re.compile(r"^(frus[0-9A-Za-z-]+?)-d[0-9]+$")  # <volume>-d<n>: a document of a FRUS volume


def volume_of(record_id: str) -> str | None:
    match = _TEI_ID.match(record_id)
    return match[1] if match else None


@contextmanager
def _workers(files: int):
    """A function mapping a function over Works in order: in worker processes, one per core, for a big corpus."""
    cores = os.cpu_count() or 1
    if files < _PARALLEL_FROM or cores < 2:
        yield lambda function, works: map(function, works)
        return
    pool = ProcessPoolExecutor(cores, initializer=worker_started, initargs=(os.getpid(),))

    def run(function, works):
        works = iter(works)
        # a few works ahead of the caller, not all of them, so that results can never pile up in memory behind a
        # caller slower than the workers
        running = deque(pool.submit(function, work) for work in islice(works, 2 * cores))
        while running:
            try:
                result = running.popleft().result()
            except BrokenProcessPool:  # a worker killed (the OOM killer): its chunk is lost, so is the whole
                raise WorkerLost(
                    "a worker process reading the corpus was killed (out of memory?); nothing was"
                    " kept, run the command again"
                ) from None
            running.extend(pool.submit(function, work) for work in islice(works, 1))
            yield result

    try:
        yield run
    finally:  # also when interrupted or terminated: the chunks not started are dropped, not waited for
        pool.shutdown(cancel_futures=True)


def read_and_check(work: Work) -> tuple[list[Entry], list[Problem], list[Entry]]:
    """The records of a Work, checked: its entries (TEI documents completing the YAML ones they match), their
    problems, and the YAML documents set aside for their volume (Work.defer) or that no document of it completed."""
    entries, problems = _read(work.files, work.share)
    checked = problems + _check_schema([entry for entry in entries if not entry.from_tei])
    kept, deferred, completing = [], [], dict(work.completing)
    for entry in entries:
        if entry.from_tei and entry.data["id"] in completing:
            done = completing.pop(entry.data["id"])
            where = f"{entry.file}:{entry.path[1]}"
            kept.append(
                Entry(complete_record(done.data, TeiDocument(entry.path[1], entry.data), where), done.file, done.path)
            )
        elif (
            not entry.from_tei
            and entry.data.get("kind") == "cable"
            and volume_of(str(entry.data.get("id"))) in work.defer
        ):
            deferred.append(entry)
        else:
            kept.append(entry)
    return kept + work.entries, checked, deferred + list(completing.values())


def _read(files: list[Path], share: Share | None = None) -> tuple[list[Entry], list[Problem]]:
    entries, problems = [], []
    for file in files:
        if file.suffix == TEI_SUFFIX:
            volume, documents, volume_problems = read_records(file, share)
            problems += volume_problems
            entries += [
                Entry(tei_record(document.record, volume), file, ("tei", document.line)) for document in documents
            ]
            continue
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
            problems.append(
                entry.problem(("kind",), f"unknown kind {kind!r}; expected one of: {', '.join(_DEFINITION)}")
            )
            continue
        for path, message in validator.errors(entry.data, validator.definition(_DEFINITION[kind])):
            problems.append(entry.problem(path, message))
    return problems


# The fields check_across reads: a record reduced to them is enough for the checks between records.
CROSS_CHECKED = (
    "id",
    "kind",
    "date",
    "telegram_no",
    "from",
    "to",
    "people",
    "in_reply_to",
    "telegrams_mentioned",
    "cable",
    "actors",
    "arrived",
    "quoted_in",
    "name",
    "aliases",
    "native_name",
    "shares_names_with",
)
_TEXTS = " texts"  # a reduced cable's text, heading and footnotes (a key no record can have: it holds a space)


def _texts(entry: Entry) -> list[str]:
    """A cable's text, heading and footnotes ("" for any that is missing or not text: a record that broke the
    schema is reduced too), of a whole entry or a reduced one."""
    data = entry.data
    if _TEXTS in data:
        return data[_TEXTS]
    footnotes = data["footnotes"] if isinstance(data.get("footnotes"), list) else []
    texts = [data.get("text"), data.get("heading"), *(f.get("text") for f in footnotes if isinstance(f, dict))]
    return [t if isinstance(t, str) else "" for t in texts]


def check_across(entries: list[Entry]) -> list[Problem]:
    """Problems between records: duplicate ids, references to records that are not there, dates that cannot be (a
    reply dated before what it answers, an arrival before the sending)."""
    return (
        _check_ids(entries)
        + _check_references(entries)
        + _check_dates(entries)
        + _check_quotes(entries)
        + _check_lookalikes(entries)
        + _check_shared_names(entries)
    )


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
    """Ids that differ only in case: a reader cannot tell them apart, and a case-insensitive file system holds one
    of their files."""
    problems: list[Problem] = []
    ids: dict[str, Entry] = {}
    for entry in entries:
        record_id = entry.data["id"]
        other = ids.setdefault(record_id.casefold(), entry)
        if other.data["id"] != record_id:
            problems.append(
                entry.problem(
                    ("id",),
                    f"id '{record_id}' differs only in case from '{other.data['id']}'"
                    f" ({other.file}:{other.line(('id',))})",
                )
            )
    return problems


def _check_shared_names(entries: list[Entry]) -> list[Problem]:
    """A name (display name, alias or native name) that two people share, in one file or two, unless each of them
    declares the other in ``shares_names_with``: a text that uses it names neither (magiccli.mentions) and ``quote``
    searches both, so a shared name must be known to be one (the two Roosevelts), never a slip or a user's file
    taking "Togo". Names are compared as mentions compare them (fold_plain: NFC, case, accents). A declaration
    between two people who share no name is a problem too: it would let a later slip pass."""
    from magiccli.text import fold_plain

    people = [entry for entry in entries if entry.data["kind"] == "person"]
    declared = {entry.data["id"]: _declared_sharers(entry) for entry in people}
    holders: dict[str, dict[str, tuple[Entry, tuple, str]]] = {}  # folded name → {person id: (entry, path, name)}
    for entry in people:
        for path, name in _person_names(entry):
            if folded := fold_plain(name):
                holders.setdefault(folded, {}).setdefault(entry.data["id"], (entry, path, name))
    problems = []
    sharing: set[frozenset[str]] = set()
    for held in holders.values():
        earlier: list[tuple[Entry, tuple, str]] = []
        for entry, path, name in held.values():
            for other, other_path, _ in earlier:
                one, two = entry.data["id"], other.data["id"]
                sharing.add(frozenset((one, two)))
                if not (one in declared[two] and two in declared[one]):
                    problems.append(
                        entry.problem(
                            path,
                            f"'{name}' is also a name of {two} ({other.file}:{other.line(other_path)}); if both are"
                            f" called so, each must say so: shares_names_with [{two}] here, [{one}] there",
                        )
                    )
            earlier.append((entry, path, name))
    for entry in people:
        for n, other_id in enumerate(declared[entry.data["id"]]):
            if frozenset((entry.data["id"], other_id)) not in sharing:
                problems.append(entry.problem(("shares_names_with", n), f"shares no name with {other_id}"))
    return problems


def _person_names(entry: Entry) -> list[tuple[tuple, str]]:
    """(path, name) of each name by which a text may name the person, as magiccli.mentions reads them."""
    data = entry.data
    aliases = data.get("aliases")
    listed = enumerate(aliases if isinstance(aliases, list) else [])
    named = [(("name",), data.get("name")), *((("aliases", n), alias) for n, alias in listed)]
    named.append((("native_name",), data.get("native_name")))
    return [(path, name) for path, name in named if isinstance(name, str)]


def _declared_sharers(entry: Entry) -> list[str]:
    """The people ``entry`` says it shares a name with (a list of ids; anything else the schema reports)."""
    declared = entry.data.get("shares_names_with")
    return [d for d in declared if isinstance(d, str)] if isinstance(declared, list) else []


def _check_references(entries: list[Entry]) -> list[Problem]:
    kinds = {e.data["id"]: e.data["kind"] for e in entries}
    cable_numbers = {
        e.data["telegram_no"]: e.data["id"]
        for e in entries
        if e.data["kind"] == "cable" and e.data["telegram_no"] and not e.from_tei
    }
    problems = []

    def want(entry, path, value, kind):
        if value is not None and kinds.get(value) != kind:
            problems.append(entry.problem(path, f"'{value}' is not a {kind} id in the corpus"))

    def want_telegram(entry, path, value):
        if _BARE_NUMBER.match(value):
            if value in cable_numbers:
                problems.append(
                    entry.problem(path, f"telegram {value} is in the corpus: write its id '{cable_numbers[value]}'")
                )
        else:
            want(entry, path, value, "cable")

    for entry in entries:
        data = entry.data
        if entry.from_tei:
            continue  # its people are names as printed, its telegram numbers those of the whole series
        if data["kind"] == "cable":
            want(entry, ("from",), data["from"], "person")
            want(entry, ("to",), data["to"], "person")
            for i, person in enumerate(data["people"]):
                want(entry, ("people", i), person, "person")
            for name in ("in_reply_to", "telegrams_mentioned"):
                for i, ref in enumerate(data[name]):
                    want_telegram(entry, (name, i), ref)
            if data.get("quoted_in"):
                want(entry, ("quoted_in", "record"), data["quoted_in"]["record"], "cable")
            if data.get("arrived"):
                want(entry, ("arrived", "attested_by"), data["arrived"]["attested_by"], "cable")
        elif data["kind"] == "translation":
            want(entry, ("cable",), data["cable"], "cable")
            want(entry, ("from",), data["from"], "person")
            want(entry, ("to",), data["to"], "person")
        elif data["kind"] in EVENT_KINDS:
            for i, actor in enumerate(data["actors"]):
                if _PERSON_ID.match(actor):  # lowercase: a person id; capitalised: a country's name
                    want(entry, ("actors", i), actor, "person")
    return problems


def _check_quotes(entries: list[Entry]) -> list[Problem]:
    """A paper quoted inside another (quoted_in) must be word for word the paragraphs it names there: its text is kept
    whole for reading, and its words are searched and counted in the quoting record only."""
    texts = {e.data["id"]: _texts(e)[0] for e in entries if e.data["kind"] == "cable"}
    problems = []
    for entry in entries:
        quoted_in = entry.data.get("quoted_in")
        if entry.data["kind"] != "cable" or not quoted_in or quoted_in["record"] not in texts:
            continue  # a missing record is _check_references's problem
        there = paragraphs(texts[quoted_in["record"]])
        wanted = [there[n - 1] if 0 < n <= len(there) else None for n in quoted_in["paragraphs"]]
        if wanted != paragraphs(_texts(entry)[0]):
            problems.append(
                entry.problem(
                    ("quoted_in", "paragraphs"),
                    f"the text is not paragraphs "
                    f"{', '.join(map(str, quoted_in['paragraphs']))} of '{quoted_in['record']}' word for word",
                )
            )
    return problems


def _check_dates(entries: list[Entry]) -> list[Problem]:
    """A reply dated before a telegram it answers, and an arrival dated before the sending, cannot be: one of the
    dates is wrong. (Dates only: a local date at each end, so a reply of the same day is not judged.)"""
    dates = {e.data["id"]: e.data["date"] for e in entries if e.data["kind"] == "cable"}
    problems = []
    for entry in entries:
        data = entry.data
        if data["kind"] != "cable":
            continue
        for i, ref in enumerate(data["in_reply_to"]):
            if ref in dates and dates[ref] > data["date"]:
                problems.append(
                    entry.problem(
                        ("in_reply_to", i),
                        f"this reply is dated {data['date']}, before '{ref}' "
                        f"({dates[ref]}) which it answers: check both dates",
                    )
                )
        arrived = data.get("arrived")
        if arrived and arrived["date"] < data["date"]:
            problems.append(
                entry.problem(
                    ("arrived", "date"),
                    f"it arrived on {arrived['date']}, before it was sent ({data['date']}): check both dates",
                )
            )
    return problems


def check_mentions(entries: list[Entry]) -> list[Problem]:
    """A problem for each person a cable's heading, text or footnotes name whom its curated ``people`` list lacks
    (names found through the register: magiccli.mentions), so that the lists cannot drift from the texts. A document
    read from a TEI volume has no curated list (tei.py leaves it empty): what it names is derived, not checked."""
    return unlisted_mentions(named_in_texts(entries))


def unlisted_mentions(named: Iterable[tuple[Entry, dict[str, str], dict[str, str]]]) -> list[Problem]:
    """check_mentions's problems of what named_in_texts found."""
    problems = []
    for entry, found, _ in named:
        if entry.file.suffix == ".xml":
            continue
        for person_id, name in found.items():
            if person_id not in entry.data["people"]:
                problems.append(entry.problem(("people",), f"text names {name} but people lacks {person_id}"))
    return problems


def named_in_texts(entries: list[Entry]):
    """(entry, {person id: the name found}, {person id: "from" or "to"}) of each cable among ``entries`` (whole or
    reduced): the people its heading, text and footnotes name through the register of the persons among them
    (magiccli.mentions), and the parties its sender and addressee name where they are written as names."""
    people = {
        e.data["id"]: _Names(e.data["name"], e.data["aliases"], e.data["native_name"])
        for e in entries
        if e.data["kind"] == "person"
    }
    names = register(people)
    for entry in entries:
        if entry.data["kind"] == "cable":
            yield entry, names.found(_texts(entry)), _parties(entry.data, names, people)


def _parties(data: dict, names, people: dict) -> dict[str, str]:
    """{person id: "from" or "to"} for a sender or addressee written as a name rather than a register id (as a TEI
    heading gives them: "Churchill"), where the name is one person's."""
    parties = {}
    for role in ("to", "from"):
        written = data.get(role)
        if isinstance(written, str) and written not in people:
            named = names.found([written])
            if len(named) == 1:
                parties[next(iter(named))] = role
    return parties


@dataclass(frozen=True)
class _Names:
    """What magiccli.mentions reads of a person."""

    name: str
    aliases: list
    native_name: str | None
