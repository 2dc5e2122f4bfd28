"""The wording every view shares, in its terminal and plain forms alike: how a cable is headed, when it was sent,
how a citation, a source and its grade, a MAGIC wording and a hit's source are named."""

from __future__ import annotations

from magiccli import clock
from magiccli.model import Cable, Corpus, Event, Source, Translation, parties_label, source_label, source_names


def parties(corpus: Corpus, record: Cable | Translation) -> str:
    return parties_label(corpus.people, record.from_, record.to)


def cable_heading(corpus: Corpus, cable: Cable) -> str:
    return f"{cable.number} {parties(corpus, cable)}"


def sent(cable: Cable) -> str:
    return " ".join(part for part in (f"{cable.place}, {cable.date}", true_time(cable)) if part)


def local_time(cable: Cable) -> str:
    """Its local time of sending and zone, "21:30 JST", as far as known."""
    return clock.local_time(cable.time, cable.zone)


def true_time(record: Cable | Event) -> str:
    """A record's local time with its zone and the UTC time it was, as every view words it: "21:30 JST, 12:30 UTC"
    ("02:20 JST, 1945-07-11 17:20 UTC" where the UTC day is another); the local time alone where the zone is
    unknown; "" without a time."""
    local = clock.local_time(record.time, record.zone)
    instant = record.instant
    if not (local and instant):
        return local
    day = "" if instant[:10] == record.date else f"{instant[:10]} "
    return f"{local}, {day}{instant[11:16]} UTC"


def text_provenance(cable: Cable) -> str:
    """Where its text (heading, dateline, footnotes) was read, with the page's grade."""
    if cable.text_left_out:
        return "Text from: left out by --min-grade, from a source graded lower."
    return f"Text from: {cited(cable.text_from)}" if cable.text_from else "Text from: not recorded."


def time_provenance(record: Cable | Event) -> list[str]:
    """Where its date and time were established, the best source first, each with its grade."""
    if getattr(record, "time_left_out", False):
        return ["Date and time from: the time of sending is left out by --min-grade, from sources graded lower."]
    if not record.time_from:
        return ["Date and time from: not recorded."] if isinstance(record, Cable) else []
    label = "Date and time from:" if isinstance(record, Cable) else "Time from:"  # an event's date rests on its sources
    return [label, *(f"  — {cited(source)}" for source in record.time_from)]


def arrival(corpus: Corpus, cable: Cable) -> str:
    """When it reached its addressee, where a text attests it, and which record says so; "" where none does."""
    a = cable.arrived
    if not a:
        return ""
    by = corpus.by_id.get(a.attested_by)
    witness = cable_heading(corpus, by) if isinstance(by, Cable) else a.attested_by
    when = " ".join(
        part for part in (a.date, clock.local_time(a.time, clock.zone_name(a.date, a.time, a.place))) if part
    )
    return f"Arrived: {a.place}, {when}, as {witness} says: “{a.as_given}”"


def text_heading(cable: Cable) -> str:
    """What a cable's text is, over it: FRUS's translation, or the text of another edition or archive (such as a
    Japanese original), never called FRUS's."""
    return "FRUS translation" if cable.citation.is_frus else "Text"


def cross_references(corpus: Corpus, cable: Cable) -> list[str]:
    """The FRUS documents its text refers to, each with its heading where the corpus holds it."""
    if not (cited := cable.documents_cited):
        return []

    def one(ref: str) -> str:
        other = corpus.by_id.get(ref)
        return f"  {ref}: {cable_heading(corpus, other)}" if isinstance(other, Cable) else f"  {ref}: not in the corpus"

    return ["Documents it refers to (FRUS):", *map(one, cited)]


def provenance_lines(corpus: Corpus, cable: Cable) -> list[str]:
    """Where a cable's text and its date and time come from, and its arrival where attested."""
    return [text_provenance(cable), *time_provenance(cable), *([arrival(corpus, cable)] if cable.arrived else [])]


def reply_refs(targets: list[Cable | str]) -> str:
    """The telegrams a cable answers (thread.answered): a cable of the corpus by its number, else the bare number."""

    def one(target: Cable | str) -> str:
        if isinstance(target, Cable):
            return f"No. {target.telegram_no}" if target.telegram_no else target.id
        return f"No. {target} (not in the corpus)"

    return ", ".join(map(one, targets))


def citation(record: Cable | Event) -> str:
    """The volume, document (said where its number is inferred), page or pages, file number, address: only the parts
    the citation has, so that a document of another edition or an archive prints no "document None". An event's
    citation, its official printing, starts with the paper's title."""
    c = record.citation
    if c is None:
        return ""
    parts = [c.title, c.volume_title] if c.title else [c.volume_title]
    if c.document is not None:
        parts.append(f"document {c.document}" + (" (number inferred)" if c.document_inferred else ""))
    if c.page_text:
        parts.append(c.page_text)
    elif c.section_pages:
        parts.append(f"pp. {c.section_pages} (section)")
    if c.file_number:
        parts.append(f"file {c.file_number}")
    return f"{', '.join(parts)}. {c.url}"


def incomplete_notice(cable: Cable) -> str:
    if not cable.text:
        return f"[No text of this document could be had. Full text: {cable.citation.url}]"
    return f"[Text incomplete: only part of this document could be had. Full text: {cable.citation.url}]"


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


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
    return "MAGIC summary wording: none in the corpus for this cable."  # a claim about the corpus, not the archives


def magic_lines(cable: Cable) -> list[str]:
    if not cable.translations:
        return [no_wording(cable)]
    lines = []
    for t in cable.translations:
        lines += [
            f"MAGIC summary wording ({t.id}; {translation_date(t)}; match {t.match}):",
            *spaced_paragraphs(t.text),
            *(f"  {line}" for line in wording_sources(t)),
            "",
        ]
    return lines[:-1]


def spaced_paragraphs(text: str) -> list[str]:
    out = []
    for paragraph in text.split("\n\n"):
        out += [paragraph, ""]
    return out[:-1]


def hit_label(corpus: Corpus, hit) -> str:
    return source_label(corpus.people, *source_names(hit.passage.record), hit.passage.field)
