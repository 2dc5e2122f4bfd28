"""Quote search: every passage that says a phrase, as hits for a keyword-in-context concordance."""

from __future__ import annotations

import re
import signal
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

from magiccli.errors import UsageProblem
from magiccli.model import Cable, Corpus, Event
from magiccli.query import Filters
from magiccli.text import ascii_view, fold, fold_plain

FIELDS = ("cable", "footnote", "magic", "event", "official")
REGEX_SECONDS = 2.0  # a --regex search ends within this; backtracking patterns such as (a+)+$ can take years


class SearchError(UsageProblem):
    """A query that cannot be run (exit 2)."""


@dataclass(frozen=True)
class Passage:
    """One searchable stretch of text: a paragraph of a cable, a footnote, a MAGIC wording, a summary."""

    record: Cable | Event
    field: str
    source_id: str  # the cable, event or translation the text belongs to
    text: str


@dataclass(frozen=True)
class Hit:
    passage: Passage
    spans: tuple[tuple[int, int], ...]  # the matched stretches of passage.text, the first one centred

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[0][1]

    def context(self, width: int) -> tuple[str, str, str]:
        text = self.passage.text
        left = _one_line(text[max(0, self.start - width):self.start])
        right = _one_line(text[self.end:self.end + width])
        return left, _one_line(text[self.start:self.end]), right


def _one_line(text: str) -> str:
    return " ".join(text.split()) if "\n" in text else text


def record_passages(record: Cable | Event, fields: set[str] = frozenset(FIELDS)):
    """(field, source id, text) of each searchable stretch of one record."""
    if isinstance(record, Cable):
        if "cable" in fields:
            yield from (("cable", record.id, p) for p in record.paragraphs)
        if "footnote" in fields:
            yield from (("footnote", record.id, f.text) for f in record.footnotes)
        if "magic" in fields:
            yield from (("magic", t.id, t.text) for t in record.translations)
    else:
        if "event" in fields:
            yield "event", record.id, record.summary
        if "official" in fields and record.official_text:
            yield from (("official", record.id, p) for p in record.official_text.text.split("\n\n") if p.strip())


class Matcher:
    """Finds the query in a passage: a phrase (default), all its words, or a regular expression."""

    def __init__(self, query: str, *, all_words=False, regex=False, case_sensitive=False):
        if regex:
            try:
                self._regex = re.compile(query, 0 if case_sensitive else re.IGNORECASE)
            except re.error as err:
                raise SearchError(f"invalid regular expression: {err}") from None
            self._words = None
            self._index_query = None  # only reading every document will do
            self.phrase_words = None
        else:
            folded = fold(query, case_sensitive)[0]
            if not folded:
                raise SearchError("the query has no letters or digits to look for")
            self._regex = None
            self._words = folded.split(" ") if all_words else [folded]
            # In ASCII text a folded phrase is its words with anything but letters and digits between them, so
            # the text (lowercased unless case counts, which keeps its offsets) can be searched as it is, and a
            # plain substring test of the phrase's first word rules most texts out at once.
            self._ascii_patterns = [
                (word.split(" ")[0], re.compile(
                    r"(?<![0-9A-Za-z])" + r"[^0-9A-Za-z]+".join(map(re.escape, word.split(" "))) + r"(?![0-9A-Za-z])"))
                for word in self._words]
            # The index holds case-folded text, so its query is the case-folded phrase (or words) whatever the case.
            anycase = fold_plain(query)
            # What the index can count by itself: a phrase whose case does not count, as the index's words are folded.
            self.phrase_words = None if all_words or case_sensitive else anycase.split(" ")
            self._index_query = " AND ".join(f'"{phrase}"' for phrase in (anycase.split(" ") if all_words else [anycase]))
        self.case_sensitive = case_sensitive

    def index_query(self) -> str | None:
        """An FTS5 query over folded text that finds every document this matcher can hit (and maybe more);
        None when only reading every document will do."""
        return self._index_query

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self._regex is not None:
            return [m.span() for m in self._regex.finditer(text) if m.end() > m.start()]
        simple = ascii_view(text)
        if simple is None:
            per_word = self.folded_spans(text)
        else:
            haystack = simple if self.case_sensitive else simple.lower()
            per_word = [[m.span() for m in pattern.finditer(haystack)] if first in haystack else []
                        for first, pattern in self._ascii_patterns]
        if not all(per_word):
            return []
        return sorted(span for hits in per_word for span in hits)

    def folded_spans(self, text: str) -> list[list[tuple[int, int]]]:
        """Each word's (or the phrase's) spans, found in the folded text and mapped back: right for any text."""
        folded, origin = fold(text, self.case_sensitive)
        return [[(origin[m.start()], origin[m.end() - 1] + 1)
                 for m in re.finditer(r"(?<![^ ])" + re.escape(word) + r"(?![^ ])", folded)]
                for word in self._words]

    @property
    def is_regex(self) -> bool:
        return self._regex is not None

    @property
    def one_hit_per_passage(self) -> bool:
        """With --all-words a passage is one hit (all its words marked); otherwise each occurrence is."""
        return self._words is not None and len(self._words) > 1


def search(corpus: Corpus, matcher: Matcher, filters: Filters, fields: set[str]) -> list[Hit]:
    hits = []
    with _time_limit(REGEX_SECONDS if matcher.is_regex else None):
        for record in corpus.records:
            if not filters.matches(corpus, record):
                continue
            for field, source_id, text in record_passages(record, fields):
                spans = matcher.spans(text)
                if not spans:
                    continue
                passage = Passage(record, field, source_id, text)
                if matcher.one_hit_per_passage:
                    hits.append(Hit(passage, tuple(spans)))
                else:
                    hits += [Hit(passage, (span,)) for span in spans]
    return hits


def counted_groups(index, matcher: Matcher, fields: set[str]) -> list[tuple[str, str, str, int]] | None:
    """(source, date, label, hits) of each group of passages (one field of one source) that says the matcher's
    phrase, in corpus order: the hits counted by the index where it can tell, else in the text of the few records
    where it cannot. None for a query the index cannot count (a regular expression, --all-words,
    --case-sensitive)."""
    if matcher.phrase_words is None:
        return None
    rows, more = index.phrase_groups(matcher.phrase_words, fields)
    if len(matcher.phrase_words) == 1:  # a word's hits are its instances, which the index counts
        return [(source, date, label, more.get(n, 1)) for n, source, date, label in rows]
    unsure = index.passage_places(row[0] for row in rows if row[0] in more)
    hits = Counter()
    if unsure:
        records = {record for record, _ in unsure.values()}
        hits.update((hit.passage.source_id, hit.passage.field) for hit in search(
            index.corpus(records, with_people=False), matcher, Filters(), {field for _, field in unsure.values()}))
    return [(source, date, label, hits[source, unsure[n][1]] if n in unsure else 1)
            for n, source, date, label in rows]


class _TimeUp(Exception):
    pass


@contextmanager
def _time_limit(seconds: float | None):
    """Stop the search after ``seconds`` (Python's regex engine checks for signals as it backtracks).
    Only where there is a real-time interval timer: Unix, in the main thread."""
    if seconds is None or not hasattr(signal, "setitimer"):
        yield
        return
    def time_up(signum, frame):
        raise _TimeUp

    try:
        previous = signal.signal(signal.SIGALRM, time_up)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimeUp:
        raise SearchError(f"the regular expression took more than {seconds:g} s; "
                          "simplify it (nested repeats such as (a+)+ backtrack without end)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
