"""Quote search: every passage that says a phrase, as hits for a keyword-in-context concordance."""

from __future__ import annotations

import re
import signal
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

try:  # the parser behind re.compile, to read the literal text a pattern needs
    import re._parser as _parser  # type: ignore[import-not-found]
except ImportError:  # Python 3.10
    import sre_parse as _parser

from magiccli.errors import UsageProblem
from magiccli.model import Cable, Event, reaches
from magiccli.text import ascii_view, fold, fold_plain

FIELDS = ("cable", "footnote", "magic", "official", "summary")
# what quote searches unless told: the sources (FRUS texts and footnotes, MAGIC wordings, official texts), not the
# summaries of events we wrote ourselves
SOURCE_FIELDS = ("cable", "footnote", "magic", "official")
# the field of the index's passage group that holds what --grep reads but quote never searches (grep_only_texts)
GREP_ONLY = "grep"
# the fields whose groups hold every word --grep reads (query.searchable_text): all but the footnotes
GREP_FIELDS = ("cable", "magic", "official", "summary", GREP_ONLY)
PASSAGE_SECONDS = 2  # a --regex may take this long on one passage (backtracking patterns such as (a+)+$ can take
# years); a passage is a paragraph, so no harmless pattern comes near it, however big the corpus


class SearchError(UsageProblem):
    """A query that cannot be run (exit 2)."""


@dataclass(frozen=True)
class Passage:
    """One searchable stretch of text: a paragraph of a cable, a footnote, a MAGIC wording, a summary."""

    record: Cable | Event
    field: str
    source_id: str  # the cable, event or translation the text belongs to
    text: str
    grade: str | None  # of the source the text is taken from (model.GRADES)


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
        left = _one_line(text[max(0, self.start - width) : self.start])
        right = _one_line(text[self.end : self.end + width])
        return left, _one_line(text[self.start : self.end]), right


def _one_line(text: str) -> str:
    return " ".join(text.split()) if "\n" in text else text


def record_passages(record: Cable | Event, fields: Collection[str] = FIELDS):
    """(field, source id, text, grade) of each searchable stretch of one record: the grade of the source it is
    taken from (of a cable's text and footnotes, the page they were read on: Cable.text_grade), for our summary of
    an event the best grade of the sources it rests on. A paper quoted inside another record yields no text of its
    own (Cable.searched_paragraphs): its words are found, once, in the record that quotes it."""
    if isinstance(record, Cable):
        if "cable" in fields:
            yield from (("cable", record.id, p, record.text_grade) for p in record.searched_paragraphs)
        if "footnote" in fields:
            yield from (("footnote", record.id, f.text, record.text_grade) for f in record.footnotes)
        if "magic" in fields:
            yield from (("magic", t.id, t.text, t.source.grade) for t in record.translations)
    else:  # the source before our words
        official = record.official_text
        if "official" in fields and official:
            yield from (
                ("official", record.id, p, official.source.grade) for p in official.text.split("\n\n") if p.strip()
            )
        if "summary" in fields:
            yield "summary", record.id, record.summary, record.best_grade


def grep_only_texts(record: Cable | Event) -> list[str]:
    """What --grep reads of a record (query.searchable_text) that none of its record_passages holds: its title, a
    cable's summary, and the text of a paper quoted inside another record. The index keeps them as a passage group
    of their own (GREP_ONLY), so that --grep finds its candidates in the index."""
    if isinstance(record, Cable):
        return [record.title, record.summary, *([record.text] if record.quoted_in else [])]
    return [record.title]


class Matcher:
    """Finds the query in a passage: a phrase (default), any of several phrases (``spellings``, a name's), all its
    words, or a regular expression."""

    def __init__(self, query: str, *, all_words=False, regex=False, case_sensitive=False, spellings=()):
        self._regex: re.Pattern | None = None
        self._words: list[str] | None = None
        self.required_literals: list[str] = []
        if regex:
            try:
                self._regex = re.compile(query, 0 if case_sensitive else re.IGNORECASE)
            except re.error as err:
                raise SearchError(f"invalid regular expression: {err}") from None
            except (OverflowError, RecursionError, MemoryError) as err:  # a{99999999999}, thousands of nested groups
                raise SearchError(f"the regular expression is too large to compile ({type(err).__name__})") from None
            self._index_query = None
            self.required_literals = _required_literals(self._regex)
            self.phrase_words = None
        else:
            by_folded: dict[str, str] = {}
            for spelling in spellings:
                by_folded.setdefault(fold(spelling, case_sensitive)[0], spelling)
            by_folded.pop("", None)
            if len(by_folded) == 1:  # one spelling stands for the query
                query = next(iter(by_folded.values()))
            self._any = len(by_folded) > 1  # a passage holding any of the spellings, not all
            folded = fold(query, case_sensitive)[0]
            if not folded:
                raise SearchError("the query has no letters or digits to look for")
            self._words = folded.split(" ") if all_words else list(by_folded) if self._any else [folded]
            # In ASCII text a folded phrase is its words with anything but letters and digits between them, so
            # the text (lowercased unless case counts, which keeps its offsets) can be searched as it is, and a
            # plain substring test of the phrase's first word rules most texts out at once.
            self._ascii_patterns = [
                (word.split(" ")[0], re.compile(_phrase_pattern(word.split(" "), "0-9A-Za-z"))) for word in self._words
            ]
            # The index holds case-folded text, so its query is the case-folded phrase (or words) whatever the case.
            anycase = fold_plain(query)
            # What the index can count by itself: a phrase whose case does not count, as the index's words are folded.
            self.phrase_words = None if all_words or case_sensitive or self._any else anycase.split(" ")
            if self._any:
                self._index_query = " OR ".join(f'"{fold_plain(spelling)}"' for spelling in by_folded.values())
            else:
                self._index_query = " AND ".join(
                    f'"{phrase}"' for phrase in (anycase.split(" ") if all_words else [anycase])
                )
        self.case_sensitive = case_sensitive

    def index_query(self) -> str | None:
        """An FTS5 query over folded text that finds every document this phrase or these words can be in (and maybe
        more); None for a regular expression (see required_literals)."""
        return self._index_query

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self._regex is not None:
            return [m.span() for m in self._regex.finditer(text) if m.end() > m.start()]
        simple = ascii_view(text)
        if simple is None:
            # fold() maps each character back in Python: only for a text that holds a hit
            plain = f" {fold_plain(text)} "
            if not self.case_sensitive and not any(f" {word} " in plain for word in self._words or ()):
                return []
            per_word = self.folded_spans(text)
        else:
            haystack = simple if self.case_sensitive else simple.lower()
            per_word = [
                [m.span() for m in pattern.finditer(haystack)] if first in haystack else []
                for first, pattern in self._ascii_patterns
            ]
        if self._any:
            return _apart(sorted((span for hits in per_word for span in hits), key=lambda s: (s[0], -s[1])))
        if not all(per_word):
            return []
        return sorted(span for hits in per_word for span in hits)

    def paragraphs_with_hits(self, text: str) -> set[str] | None:
        """The paragraphs of ``text`` (model.paragraphs) that may hold the phrase, found in the whole text at once
        (a paragraph at a time, most of a concordance's time went to looking in paragraphs without it); None where
        that cannot be told so: a text that is not ASCII, a query other than one phrase, or a match that runs from
        one paragraph into the next (it might have hidden one inside a paragraph)."""
        simple = ascii_view(text)
        if simple is None or self._regex is not None or self._any or len(self._ascii_patterns) != 1:
            return None
        starts, pieces, offset = [], text.split("\n\n"), 0
        for piece in pieces:
            starts.append(offset)
            offset += len(piece) + 2
        found = set()
        for match in self._ascii_patterns[0][1].finditer(simple if self.case_sensitive else simple.lower()):
            n = bisect_right(starts, match.start()) - 1
            if match.end() > starts[n] + len(pieces[n]):
                return None
            found.add(pieces[n])
        return found

    def folded_spans(self, text: str) -> list[list[tuple[int, int]]]:
        """Each word's (or the phrase's) spans, found in the folded text and mapped back: right for any text."""
        folded, origin = fold(text, self.case_sensitive)
        return [
            [
                (origin[m.start()], origin[m.end() - 1] + 1)
                for m in re.finditer(r"(?<![^ ])" + re.escape(word) + r"(?![^ ])", folded)
            ]
            for word in self._words or ()
        ]

    @property
    def is_regex(self) -> bool:
        return self._regex is not None

    @property
    def one_hit_per_passage(self) -> bool:
        """With --all-words a passage is one hit (all its words marked); otherwise each occurrence is."""
        return self._words is not None and len(self._words) > 1 and not self._any


def _apart(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted by start (the longest first) without those that overlap one kept before them: where two
    spellings match at one place ("Konoe" in "Konoe Fumimaro"), one hit."""
    kept: list[tuple[int, int]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def search(
    records: Iterable[Cable | Event], matcher: Matcher, fields: set[str], least: str | None = None
) -> Iterator[Hit]:
    """The hits in ``records``, in their order, as they are found, in texts whose source is graded ``least`` or
    better."""
    with _passage_time_limit(matcher.is_regex) as matching:
        for record in records:
            # a cable's paragraphs read at once: those that may hold a hit, or None for all of them
            possible = matcher.paragraphs_with_hits(record.text) if isinstance(record, Cable) else None
            for field, source_id, text, grade in record_passages(record, fields):
                if not reaches(grade, least) or (field == "cable" and possible is not None and text not in possible):
                    continue
                with matching:
                    spans = matcher.spans(text)
                if not spans:
                    continue
                passage = Passage(record, field, source_id, text, grade)
                if matcher.one_hit_per_passage:
                    yield Hit(passage, tuple(spans))
                else:
                    yield from (Hit(passage, (span,)) for span in spans)


def counted_groups(
    index, matcher: Matcher, fields: set[str], least: str | None = None
) -> list[tuple[str, str, str, str | None, int]] | None:
    """(source, date, label, grade, hits) of each group of passages (one field of one source) graded ``least`` or
    better that says the matcher's phrase, in corpus order: the hits counted by the index where it can tell, else in
    the text of the few records where it cannot. None for a query the index cannot count (a regular expression,
    --all-words, --case-sensitive)."""
    if matcher.phrase_words is None:
        return None
    rows, more = index.phrase_groups(matcher.phrase_words, fields, least)
    if len(matcher.phrase_words) == 1:  # a word's hits are its instances, which the index counts
        return [(source, date, label, grade, more.get(n, 1)) for n, source, date, label, grade in rows]
    # The phrase as Matcher finds it in each paragraph, found in the UTF-8 of a group's text as the index holds it
    # (text.index_words), ASCII lowercased: in a paragraph kept as it is (ASCII), its words with anything but letters
    # and digits between them; in a folded one, its words with a space between them. A byte of a character that is
    # not ASCII belongs to a word, as for FTS5's ascii tokenizer (PARAGRAPH_BREAK's ¶ is one: no phrase spans it).
    # (The pattern is written with each byte as the character of that code, then made bytes.)
    utf8 = [word.encode().decode("latin-1") for word in matcher.phrase_words]
    phrase = re.compile(_phrase_pattern(utf8, "0-9a-z\x80-\xff").encode("latin-1"))
    hits = {
        n: len(phrase.findall(text.lower())) for n, text in index.group_texts(row[0] for row in rows if row[0] in more)
    }
    return [(source, date, label, grade, hits.get(n, 1)) for n, source, date, label, grade in rows]


def _phrase_pattern(words: list[str], letters: str) -> str:
    """A regular expression of the phrase of ``words`` standing apart, with anything but ``letters`` (a character
    class's inside) between its words and on neither side. It starts with the first word itself, so that the
    engine looks for that literal: led by its lookbehind it tried every position, 8 times slower."""
    first = re.escape(words[0])
    rest = "".join(f"[^{letters}]+{re.escape(word)}" for word in words[1:])
    return f"{first}(?<![{letters}]{first}){rest}(?![{letters}])"


def _required_literals(regex: re.Pattern) -> list[str]:
    """The runs of letters and digits (three at least) that every match of ``regex`` holds, lowercased, longest
    first, as far as they can be read off its parsed form: a word of the text holds each, so the index's vocabulary
    tells which passages may match (Index.candidates). Only plain sequences, groups and repeats of at least one
    count; an alternative, an optional part or a class ends a run."""
    runs, run = [], []

    def walk(items):
        for op, value in items:
            if op is _parser.LITERAL and chr(value).isascii() and chr(value).isalnum():
                run.append(chr(value))
                continue
            runs.append("".join(run))
            run.clear()
            if op is _parser.SUBPATTERN:
                walk(value[-1])
            elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) and value[0] >= 1:
                walk(value[2])
                runs.append("".join(run))
                run.clear()

    try:
        walk(_parser.parse(regex.pattern, regex.flags & ~re.UNICODE))
    except (re.error, RecursionError, OverflowError):
        return []
    runs.append("".join(run))
    return sorted({r.lower() for r in runs if len(r) >= 3}, key=len, reverse=True)


class _Matching:
    """Counts the passages a search has matched, and says whether it is matching one now, for the watchdog."""

    def __init__(self):
        self.started = 0
        self.busy = False

    def __enter__(self):
        self.started += 1
        self.busy = True

    def __exit__(self, *exc):
        self.busy = False


class _TimeUp(Exception):
    pass


@contextmanager
def _passage_time_limit(on: bool):
    """Stop a search that has spent PASSAGE_SECONDS or more on one passage (Python's regex engine checks for
    signals as it backtracks): a timer looks in each second. Only where there is a real-time interval timer: Unix,
    in the main thread; elsewhere a search has no bound."""
    matching = _Matching()
    if not on or not hasattr(signal, "setitimer"):
        yield matching
        return
    last_seen, ticks = [0], [0]

    def look_in(signum, frame):
        if not matching.busy or matching.started != last_seen[0]:
            last_seen[0], ticks[0] = matching.started, 0
            return
        ticks[0] += 1
        if ticks[0] >= PASSAGE_SECONDS:
            raise _TimeUp

    try:
        previous = signal.signal(signal.SIGALRM, look_in)
    except ValueError:  # not the main thread
        yield matching
        return
    signal.setitimer(signal.ITIMER_REAL, 1, 1)
    try:
        yield matching
    except _TimeUp:
        raise SearchError(
            f"the regular expression took more than {PASSAGE_SECONDS} s on one passage; simplify it"
            " (nested repeats such as (a+)+ backtrack without end)"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
