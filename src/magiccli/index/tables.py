"""The index's tables, and its format version, derived from everything that decides what the rows hold.

The FTS5 rows are passage groups: the paragraphs of one field of one source (a cable's text, its footnotes, a
MAGIC wording, an event's summary, its official text), with a ¶ between paragraphs, each paragraph given to the
ascii tokenizer in a form it splits into exactly the matcher's words of letters and digits (text.index_words), so
FTS5 phrase matching is the matcher's own phrase matching, paragraph by paragraph; and a group whose text holds a
phrase holds it once if the phrase's rarest word is there no more often than in the phrase, which lets quote
--count count most groups without reading their text.
"""

from __future__ import annotations

import zlib
from functools import cache
from pathlib import Path

POSITION_STEP = 1 << 20  # between two cables or events in corpus order, as built (entries)
PARAGRAPH_BREAK = " ¶ "  # a word that text.index_words never makes (¶ is no letter or digit), so no phrase spans it

# 64 KiB pages: a record (a few KB of JSON) then sits whole in a page; with 4 KiB pages each record spills into
# overflow pages and the uneven parts left behind pack the leaf pages so badly that an eighth of the file is empty.
PAGE_SIZE = 65536
TABLES = f"""
PRAGMA page_size = {PAGE_SIZE};
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- what the freshness check compares: every folder and named file, and every file up to PER_FILE_CHECK_LIMIT
CREATE TABLE stamps (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER NOT NULL) WITHOUT ROWID;
-- every corpus file, whatever their number, with its stamp (which an update compares), the problems that left it
-- out, the volume a TEI file holds and the countries its events name. A table with a file column holds rows of
-- that file's records, a table with a position column rows of a cable or event (entries): an update deletes and
-- writes a file's rows by them (build.update)
CREATE TABLE files (file INTEGER PRIMARY KEY, path BLOB NOT NULL, size INTEGER, mtime_ns INTEGER NOT NULL,
                    problems INTEGER NOT NULL, volume TEXT, countries TEXT);
-- each record's place in its file (load.Entry.path as JSON) and what the checks between records read of it
-- (load.Entry.reduced, a cable's texts only where a quote is checked): an update checks the corpus from these
CREATE TABLE origins (id TEXT NOT NULL, file INTEGER NOT NULL, place TEXT NOT NULL, reduced TEXT NOT NULL);
CREATE INDEX origins_file ON origins (file);
-- the MAGIC wordings (parent: their cable) and the people register, as their files hold them; cables and events are
-- in documents
CREATE TABLE records (n INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT, data TEXT NOT NULL,
                      file INTEGER NOT NULL);
CREATE INDEX records_file ON records (file);
CREATE INDEX records_id ON records (id);
CREATE INDEX records_parent ON records (parent);
CREATE INDEX records_kind ON records (kind);
CREATE TABLE lookup (key TEXT NOT NULL, id TEXT NOT NULL, file INTEGER NOT NULL, PRIMARY KEY (key, id, file))
    WITHOUT ROWID;
CREATE INDEX lookup_file ON lookup (file);
-- a cable's in_reply_to (reply = 1) and telegrams_mentioned: ids, or bare numbers of telegrams the corpus lacks
CREATE TABLE links (id TEXT NOT NULL, target TEXT NOT NULL, reply INTEGER NOT NULL, file INTEGER NOT NULL);
CREATE INDEX links_id ON links (id);
CREATE INDEX links_file ON links (file);
CREATE INDEX links_target ON links (target);
-- what a list, a filter or a chart reads of each cable and event (model.Entry), in corpus order, so that none of them
-- parses a record; heading is a cable's number and parties from the people register. Positions are POSITION_STEP
-- apart when built, so that an update places a new record between two others without moving any; a record's
-- passages groups take the positions after its own (passages.position)
CREATE TABLE entries (position INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL,
                      date TEXT NOT NULL, end TEXT, time TEXT, direction TEXT, telegram_no TEXT, heading TEXT,
                      title TEXT NOT NULL, complete INTEGER NOT NULL, zone TEXT, instant TEXT,
                      answered TEXT, wordings INTEGER NOT NULL, file INTEGER NOT NULL);
CREATE INDEX entries_file ON entries (file);
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
CREATE INDEX mentions_position ON mentions (position);  -- the people of given records (Index.mentions)
-- what quote --count shows of a source (render.source_label), kept here so that counting never reads the records;
-- position is the groups' order in the corpus (Corpus.records), one integer to sort by: their record's position
-- and their rank in it
CREATE TABLE passages (n INTEGER PRIMARY KEY, position INTEGER NOT NULL, record TEXT NOT NULL, source TEXT NOT NULL,
                       field TEXT NOT NULL, date TEXT, label TEXT NOT NULL, grade TEXT, file INTEGER NOT NULL);
CREATE INDEX passages_file ON passages (file);
-- the text FTS5 was given of each group (passages.n), in which quote --count counts a phrase where the index alone
-- cannot tell how often a group holds it (search.counted_groups): folded once here, not at each count
CREATE TABLE group_texts (n INTEGER PRIMARY KEY, text TEXT NOT NULL, file INTEGER NOT NULL);
CREATE INDEX group_texts_file ON group_texts (file);
CREATE VIRTUAL TABLE words USING fts5 (text, content='', columnsize=0, detail='full', tokenize='ascii');
-- FTS5 writes its pending words out as a segment every 1 MB by default, and merges the segments again and again
INSERT INTO words (words, rank) VALUES ('hashsize', 67108864);
CREATE VIRTUAL TABLE word_instances USING fts5vocab (words, instance);
CREATE VIRTUAL TABLE word_totals USING fts5vocab (words, row);
-- what corpus validate lists (Index.problems), by the file it is in (its number, and its path as bytes, as in stamps): a file's own problems
-- (kind 'file': unreadable, not YAML or TEI, against the schema; its records are left out), the people a cable's
-- texts name whom its people list lacks ('mentions', known once the register is read) and the characters that
-- would drive a terminal ('unsafe'); n keeps the order the checks found them in
CREATE TABLE problems (n INTEGER PRIMARY KEY, file INTEGER NOT NULL, path BLOB NOT NULL, line INTEGER,
                       message TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX problems_file ON problems (file);
-- every word FTS5 holds, written once at build end: listing them through fts5vocab counts each word's rows too
CREATE TABLE terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
"""
# rows as the build collects them, before the people register is whole and corpus order is known
COLLECTED = """
CREATE TEMP TABLE named_passages (n INTEGER PRIMARY KEY, record TEXT, source TEXT, field TEXT, grade TEXT,
                                  date TEXT, instant TEXT, name TEXT, sender TEXT, addressee TEXT, file INTEGER);
CREATE TEMP TABLE named_entries (id TEXT, kind TEXT, date TEXT, end TEXT, time TEXT, direction TEXT, telegram_no TEXT,
                                 name TEXT, sender TEXT, addressee TEXT, title TEXT, complete INTEGER, zone TEXT,
                                 instant TEXT, file INTEGER);
-- where the new cables and events go in corpus order; the cables whose time of answer is to be found again
CREATE TEMP TABLE placed (id TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
CREATE TEMP TABLE answering (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE named_tags (id TEXT, tag TEXT);
CREATE TEMP TABLE named_mentions (id TEXT, key TEXT, role TEXT);
"""
# the cables and events as the build reads them, in a file of their own (Index._build's staging) until corpus order is
# known and documents takes them in that order: the index holds each record's JSON once
STAGING = f"""
PRAGMA staging.page_size = {PAGE_SIZE};
PRAGMA staging.journal_mode = OFF;
PRAGMA staging.synchronous = OFF;
CREATE TABLE staging.texts (id TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX staging.texts_id ON texts (id);
"""

# The modules whose code decides what the index's rows hold: the tables (this file), the build, the model (records,
# labels), the text folding and control-character rule, the passages quote searches, the clock (instants), the
# people named, and the reading of the files (YAML records completed and checked, TEI documents made records). A
# change to any of them makes a new version, so no index built by other code is ever read.
_SHAPED_BY = (
    *("index/tables.py", "index/build.py", "model.py", "text.py", "search.py", "clock.py", "mentions.py"),
    *("load.py", "tei.py", "schema.py", "yamlsafe.py"),
)


@cache
def version() -> str:
    """The index format: a checksum of the code that shapes its rows (_SHAPED_BY), so that it is never bumped by
    hand. Reading those files costs a lookup about 0.1 ms."""
    package = Path(__file__).resolve().parents[1]
    checksum = 0
    for name in _SHAPED_BY:
        try:
            checksum = zlib.crc32((package / name).read_bytes(), checksum)
        except FileNotFoundError:  # a module this release does not have
            continue
    return f"{checksum:08x}"
