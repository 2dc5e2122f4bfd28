"""The wording every view shares, in its terminal and plain forms alike: how a cable is headed, when it was sent,
how a citation, a source and its grade, a MAGIC wording and a hit's source are named."""

from __future__ import annotations

from magiccli import clock
from magiccli.model import Cable, Corpus, Source, Translation, parties_label, source_label, source_names


def parties(corpus: Corpus, record: Cable | Translation) -> str:
    return parties_label(corpus.people, record.from_, record.to)


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


def pages_cited(pages: str) -> str:
    """"p. 875" for one page, "pp. 875–877" for a range."""
    return f"pp. {pages}" if "–" in pages else f"p. {pages}"


def citation(cable: Cable) -> str:
    c = cable.citation
    pages = f", {pages_cited(c.pages)}" if c.pages else f", pp. {c.section_pages} (section)" if c.section_pages else ""
    file_number = f", file {c.file_number}" if c.file_number else ""
    return f"{c.volume_title}, document {c.document}{pages}{file_number}. {c.url}"


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
    return "MAGIC summary wording: none known for this cable."


def magic_lines(cable: Cable) -> list[str]:
    if not cable.translations:
        return [no_wording(cable)]
    lines = []
    for t in cable.translations:
        lines += [f"MAGIC summary wording ({t.id}; {translation_date(t)}; match {t.match}):", *spaced_paragraphs(t.text),
                  *(f"  {line}" for line in wording_sources(t)), ""]
    return lines[:-1]


def spaced_paragraphs(text: str) -> list[str]:
    out = []
    for paragraph in text.split("\n\n"):
        out += [paragraph, ""]
    return out[:-1]


def hit_label(corpus: Corpus, hit) -> str:
    return source_label(corpus.people, *source_names(hit.passage.record), hit.passage.field)
