"""Output for pipes and files: plain text, JSON, JSON Lines, CSV, TSV and Markdown. No rich here."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from magiccli import clock
from magiccli.boundary import Cleared, batched_out, flush_if_due, shown
from magiccli.model import Cable, Corpus, Entry, Event, Source, Translation, to_dict


@dataclass
class Table:
    """Rows for the tabular formats, and the full objects for JSON: either may be a stream, and emit reads only the
    one its format needs. An object given as a str or Cleared is JSON text already (the index keeps records so)."""

    columns: list[str]
    rows: Iterable[dict]
    objects: Iterable[dict | str | Cleared]


def write(text: str) -> None:
    """A text out through the output boundary: what came from a corpus file cannot drive the terminal (boundary.py).
    The rows of JSON and tab-separated tables go out through boundary.batched_out instead, a batch at a time."""
    sys.stdout.write(shown(text))
    if text.endswith("\n"):  # whole lines only: a reader waits for a line's end
        flush_if_due(sys.stdout.flush)


class _Writer:
    """A file for csv.writer that hands what it writes to write()."""

    @staticmethod
    def write(text: str) -> None:
        write(text)


def emit(table: Table, fmt: str, *, header: bool = False, color: bool = False) -> None:
    """Write the table in ``fmt`` as its rows come: JSON as an array of one object a line. The text format is
    tab-separated, with a line of column names for ``header``; ``color`` makes that line bold and the first
    column dim (the data formats are never coloured)."""
    if fmt == "jsonl":
        with batched_out(sys.stdout) as out:
            for obj in table.objects:
                out(_json(obj))
                out("\n")
    elif fmt == "json":
        with batched_out(sys.stdout) as out:
            opening = "[\n"
            for obj in table.objects:
                out(opening)
                out(_json(obj))
                opening = ",\n"
            out("[]\n" if opening == "[\n" else "\n]\n")
    elif fmt == "csv":
        writer = csv.writer(_Writer, lineterminator="\n")
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow([_text(row[c]) for c in table.columns])
    elif fmt == "markdown":
        write("| " + " | ".join(table.columns) + " |\n|" + "---|" * len(table.columns) + "\n")
        for row in table.rows:
            write("| " + " | ".join(_cell(row[c]).replace("|", "\\|") for c in table.columns) + " |\n")
    elif color and fmt == "text":  # coloured: the same lines as without colour
        if header:
            _painted([(BOLD, "\t".join(table.columns))])
        for row in table.rows:
            _painted([(DIM, _cell(row[table.columns[0]]))]
                     + [(None, "\t" + _cell(row[c])) for c in table.columns[1:]])
    else:  # text and tsv: one record per line, tab-separated; tsv always has a header, text on asking
        with batched_out(sys.stdout) as out:
            if header or fmt == "tsv":
                out("\t".join(table.columns) + "\n")
            for row in table.rows:
                out(_tab_separated([row[c] for c in table.columns]))


BOLD, DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _painted(pieces: list[tuple[str | None, str]]) -> None:
    """A line of (escape code, text) pieces: the codes go to stdout as they are, the text through write()."""
    for code, text in pieces:
        if code:
            sys.stdout.write(code)
        write(text)
        if code:
            sys.stdout.write(_RESET)
    write("\n")


def _json(obj: dict | str | Cleared) -> str | Cleared:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) if isinstance(obj, dict) else obj


def _text(value) -> str:
    if value is None:
        return ""
    return ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


_LINE_BREAKS = re.compile(r"[\t\r\n]+")


def _cell(value) -> str:
    text = _text(value)
    return text if text.isprintable() else _LINE_BREAKS.sub(" ", text)


def _tab_separated(values: list) -> str:
    """A line of the values' cells, tab-separated: joined first and looked at as one line, since a cell at a time
    took a third of a timeline's time at 315,000 records; cell by cell only where some cell holds a tab or line
    break."""
    try:
        line = "\t".join(values)
    except TypeError:  # a value that is no text: None, a number, a list
        line = "\t".join(map(_text, values))
    if line.count("\t") != len(values) - 1 or "\n" in line or "\r" in line:
        line = "\t".join(map(_cell, values))
    return line + "\n"


# --- shared wording --------------------------------------------------------------------------------------


def parties(corpus: Corpus, record: Cable | Translation) -> str:
    return _parties(corpus.people, record.from_, record.to)


def _parties(people: dict, sender: str | None, addressee: str | None) -> str:
    def name(person_id):
        person = people.get(person_id or "")
        return _surname(person) if person else "—"

    return f"{name(sender)} → {name(addressee)}" if addressee else name(sender)


def _surname(person) -> str:
    # Japanese display names are "Shigenori Togo": the family name is last, as for the Western ones
    return person.name.split()[-1]


def cable_heading(corpus: Corpus, cable: Cable) -> str:
    return f"{cable.number} {parties(corpus, cable)}"


def sent(cable: Cable) -> str:
    return " ".join(part for part in (f"{cable.place}, {cable.date}", local_time(cable)) if part)


def local_time(cable: Cable) -> str:
    """Its local time of sending and zone, "21:30 JST", as far as known."""
    return clock.local_time(cable.time, cable.zone)


def reply_refs(corpus: Corpus, refs: list[str]) -> str:
    def one(ref):
        cable = corpus.by_id.get(ref)
        if isinstance(cable, Cable):
            return f"No. {cable.telegram_no}" if cable.telegram_no else cable.id
        return f"No. {ref} (not in the corpus)"

    return ", ".join(map(one, refs))


def citation(cable: Cable) -> str:
    c = cable.citation
    pages = f", p. {c.pages}" if c.pages else f", pp. {c.section_pages} (section)"
    file_number = f", file {c.file_number}" if c.file_number else ""
    return f"{c.volume_title}, document {c.document}{pages}{file_number}. {c.url}"


def incomplete_notice(cable: Cable) -> str:
    if not cable.text:
        return f"[No text of this document could be had. Full text: {cable.citation.url}]"
    return f"[Text incomplete: only part of this document could be had. Full text: {cable.citation.url}]"


# --- tables ----------------------------------------------------------------------------------------------


def timeline_table(entries: Iterable[Entry], objects: Iterable[dict | str | Cleared]) -> Table:
    """One line a record; in JSON each record as its file holds it (``objects``, in the same order)."""
    rows = ({"date": e.date, "end": e.end or "", "kind": e.kind, "id": e.id, "title": e.label, "time": e.local_time,
             "complete": yes_no(e.complete)} for e in entries)
    return Table(TIMELINE_COLUMNS, rows, objects)


# time (local, with its zone) and complete came after the first five, so they stand last: cut -f1-5 still works
TIMELINE_COLUMNS = ["date", "end", "kind", "id", "title", "time", "complete"]


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def record_object(record: Cable | Event, **extra) -> dict:
    """The record as the corpus spells it (then ``extra``); a cable carries its MAGIC wordings."""
    obj = {**to_dict(record), **extra}
    if isinstance(record, Cable):
        obj["translations"] = [to_dict(t) for t in record.translations]
    return obj


def cable_list_table(corpus: Corpus, matches, with_text: bool = False) -> Table:
    columns = ["date", "time", "telegram_no", "parties", "place", "id", "complete", "matched_on", "title"]
    rows, objects = [], []
    for match in matches:
        cable = match.cable
        rows.append({
            "date": cable.date, "time": local_time(cable), "telegram_no": cable.telegram_no or "",
            "parties": parties(corpus, cable), "place": cable.place, "id": cable.id,
            "complete": yes_no(cable.complete), "matched_on": match.matched_on, "title": cable.title,
            "text": cable.text,
        })
        objects.append(record_object(cable, matched_on=match.matched_on))
    return Table(columns + (["text"] if with_text else []), rows, objects)


def cable_document(corpus: Corpus, match, translation: str) -> str:
    """The full view of one cable as plain text (for a pipe) — the same parts the terminal view shows."""
    cable = match.cable
    lines = [f"== {cable_heading(corpus, cable)} · {sent(cable)} ==", f"id: {cable.id}   matched: {match.matched_on}"]
    if cable.markings:
        lines.append(f"markings: {', '.join(cable.markings)}")
    if cable.in_reply_to:
        lines.append(f"in reply to: {reply_refs(corpus, cable.in_reply_to)}")
    lines.append(f"title: {cable.title}")
    if translation in ("frus", "all"):
        lines += ["", "FRUS translation:" if translation == "all" else "", *_paragraphs(cable.text)]
        if not cable.complete:
            lines += ["", incomplete_notice(cable)]
    if translation in ("magic", "all"):
        lines += ["", *magic_lines(cable)]
    if cable.footnotes:
        lines += ["", "Editorial notes (FRUS):"]
        lines += [f"  {f.n}. {f.text}" + ("" if f.complete else " [cut off]") for f in cable.footnotes]
    lines += ["", f"Citation: {citation(cable)}"]
    return "\n".join(line for i, line in enumerate(lines) if line or (i and lines[i - 1])) + "\n"


def _paragraphs(text: str) -> list[str]:
    out = []
    for paragraph in text.split("\n\n"):
        out += [paragraph, ""]
    return out[:-1]


def translation_date(t: Translation) -> str:
    if t.summary_date:
        return f"summary of {t.summary_date}"
    return f"dated {t.date_as_given}" if t.date_as_given else "undated"


def cited(source: Source) -> str:
    """A source as every view prints it: title, address and grade, so that a reader sees how far to trust it."""
    return f"{source.title}. {source.url} [grade: {source.grade}]"


def wording_sources(t: Translation) -> list[str]:
    """One line for each page that prints the wording, the best first."""
    return [f"— {cited(source)}" for source in t.sources]


def no_wording(cable: Cable) -> str:
    """What a cable view says in place of MAGIC wordings where it has none to show."""
    if cable.wordings_left_out:
        return f"MAGIC summary wording: {cable.wordings_left_out} left out by --min-grade, from sources graded lower."
    return "MAGIC summary wording: none known for this cable."


def magic_lines(cable: Cable) -> list[str]:
    if not cable.translations:
        return [no_wording(cable)]
    lines = []
    for t in cable.translations:
        lines += [f"MAGIC summary wording ({t.id}; {translation_date(t)}; match {t.match}):", *_paragraphs(t.text),
                  *(f"  {line}" for line in wording_sources(t)), ""]
    return lines[:-1]


_FIELD_NOTES = {"magic": " (MAGIC)", "footnote": " (FRUS note)", "official": " (official text)"}


def hit_label(corpus: Corpus, hit) -> str:
    return source_label(corpus.people, *source_names(hit.passage.record), hit.passage.field)


def source_names(record: Cable | Event) -> tuple[str, str | None, str | None]:
    """What a hit's source is named by: a cable's number, sender and addressee; an event's title."""
    if isinstance(record, Cable):
        return record.number, record.from_, record.to
    return record.title, None, None


def source_label(people: dict, name: str, sender: str | None, addressee: str | None, field: str) -> str:
    """A cable's number and parties, or an event's title, and the part of it a passage is in."""
    heading = f"{name} {_parties(people, sender, addressee)}" if sender else name
    return heading + _FIELD_NOTES.get(field, "")


def quote_table(corpus: Corpus, hits, context: int, full: bool) -> Table:
    """A line a hit, as the hits come; ``corpus`` names their sources' parties."""
    def row(hit) -> dict:
        found = {"date": hit.passage.record.date, "id": hit.passage.source_id, "field": hit.passage.field,
                 "label": hit_label(corpus, hit)}
        if full:
            found["text"] = hit.passage.text
        else:
            found["left"], found["hit"], found["right"] = hit.context(context)
        found["grade"] = hit.passage.grade or ""
        return found

    # the grade came later, so it stands last: a column's place does not change
    columns = ["date", "id", "field", "label"] + (["text"] if full else ["left", "hit", "right"]) + ["grade"]
    objects = ({**row(hit), "record": hit.passage.record.id, "spans": [list(s) for s in hit.spans]} for hit in hits)
    return Table(columns, map(row, hits), objects)


def count_rows(corpus: Corpus, hits) -> list[dict]:
    return _tally((h.passage.source_id, h.passage.record.date, hit_label(corpus, h), h.passage.grade, 1) for h in hits)


def group_count_rows(groups) -> list[dict]:
    """count_rows for the groups of passages the index counted (search.counted_groups), labelled by the index as
    hit_label labels a hit."""
    return _tally(groups)


def _tally(counts) -> list[dict]:
    """One row per source (a cable, event or MAGIC wording), named as where it is first found, in that order."""
    rows: dict[str, dict] = {}
    for source, date, label, grade, count in counts:
        row = rows.get(source)
        if row is None:
            rows[source] = {"count": count, "date": date, "id": source, "label": label, "grade": grade or ""}
        else:
            row["count"] += count
    return list(rows.values())
