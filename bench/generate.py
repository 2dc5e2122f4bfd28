"""Deterministic synthetic corpora in magiccli's cable format, one file per document, 1,000 files per folder;
or, with --tei, FRUS TEI volumes of the real shape, 1,000 documents per volume file.

    python bench/generate.py /tmp/corpus-10k 10000
    python bench/generate.py --tei /tmp/tei-10k 10000            # 10 volumes of 1,000 documents
    python bench/generate.py --tei --per-volume 500 /tmp/tei-1k 1000

Texts of 1.5–4 KB are diplomatic prose assembled from FRUS-like sentence patterns, with proper names and
numbers drawn from wide ranges so that the vocabulary grows with the corpus as a real one does; one document
in ten has an accented word (aide-mémoire), which takes magiccli's slower path for non-ASCII text. PHRASE is in
exactly the documents whose number is a multiple of 100, and nowhere else, but its words are also on their own
in other documents ("unconditional" in 1% more, "surrender" in 3% more), so a search for it has a known answer
and does the work it does on a real corpus. COMMON_PHRASE, one of the sentences' subjects, is in about 46% of the
documents' texts (48% of the files, counting the summaries). Each document has its own seeded generator: the same number always gives the same bytes.

A TEI volume (``tei_volume``) is what magiccli.tei reads in the Office of the Historian's files: a teiHeader with
titles, editors and publication date, a terms list in the front matter, a compilation of chapters of 50
documents, each document a ``div type="document"`` with a source note, a heading whose sender and addressee are
``persName type="from"/"to"``, an opener with markings and a dateline (place, date, and time for telegrams; one
document in twenty undated, with notBefore/notAfter), paragraphs of the same prose as the YAML cables (PHRASE in
the same documents), page breaks between and inside documents every ~2,500 characters, footnotes (n restarting
in each document) with same-volume and other-volume page refs, and glossed code words.
"""

from __future__ import annotations

import argparse
import random
import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from xml.sax.saxutils import escape

PHRASE = "unconditional surrender"
COMMON_PHRASE = "the Soviet Government"  # one of SUBJECTS, so in about half the documents
VERSION = "3"  # written into each finished corpus's marker: a corpus made by another version is made again
PER_FOLDER = 1000
ACCENTED_SHARE = 0.1
WORDS_ALONE = [(0.01, "The reply must be unconditional."), (0.03, "The garrison's surrender is expected.")]
_SYLLABLES = [
    "ka",
    "ki",
    "ko",
    "ta",
    "to",
    "na",
    "no",
    "ma",
    "mi",
    "ro",
    "ri",
    "sa",
    "shi",
    "ya",
    "yo",
    "ha",
    "hi",
    "fu",
    "mo",
    "ku",
    "ne",
    "ra",
    "zu",
    "be",
    "gi",
    "do",
    "ga",
    "se",
    "te",
    "ju",
    "vo",
    "lo",
    "ev",
    "sky",
    "off",
    "in",
    "berg",
    "ton",
    "ley",
    "ham",
]

# People of corpus/people.yaml, with the heading words FRUS uses for them.
SENDERS = [
    ("togo-shigenori", "The Japanese Minister of Foreign Affairs (Togo)", "Tokyo"),
    ("sato-naotake", "The Japanese Ambassador in the Soviet Union (Sato)", "Moscow"),
    ("grew-joseph", "The Acting Secretary of State (Grew)", "Washington"),
    ("byrnes-james", "The Secretary of State (Byrnes)", "Washington"),
    ("harriman-averell", "The Ambassador in the Soviet Union (Harriman)", "Moscow"),
    ("molotov-vyacheslav", "The People's Commissar for Foreign Affairs (Molotov)", "Moscow"),
    ("stimson-henry", "The Secretary of War (Stimson)", "Washington"),
    ("dulles-allen", "The Chief of the OSS Mission in Switzerland (Dulles)", "Bern"),
    ("shigemitsu-mamoru", "The Japanese Minister of Foreign Affairs (Shigemitsu)", "Tokyo"),
    ("malik-yakov", "The Soviet Ambassador in Japan (Malik)", "Tokyo"),
]
MENTIONED = [
    "hirohito",
    "konoe-fumimaro",
    "suzuki-kantaro",
    "stalin-joseph",
    "truman-harry",
    "churchill-winston",
    "kido-koichi",
    "anami-korechika",
    "lozovsky-solomon",
    "umezu-yoshijiro",
    "hirota-koki",
    "attlee-clement",
]
NAMES = [
    "Prince Konoye",
    "Mr. Molotov",
    "Marshal Stalin",
    "Ambassador Malik",
    "Mr. Lozovsky",
    "the Emperor",
    "Premier Suzuki",
    "Marquis Kido",
    "Mr. Hirota",
    "General Umezu",
    "Admiral Toyoda",
    "President Truman",
    "Mr. Churchill",
    "Mr. Attlee",
    "Secretary Byrnes",
    "Ambassador Harriman",
    "Mr. Grew",
    "Mr. Dulles",
    "the Soviet Vice Commissar",
    "the British Ambassador",
    "the Swiss Minister",
    "the Swedish Minister",
]
PLACES = [
    "Moscow",
    "Tokyo",
    "Washington",
    "London",
    "Chungking",
    "Bern",
    "Stockholm",
    "Potsdam",
    "Berlin",
    "Manchuria",
    "Korea",
    "Sakhalin",
    "the Kurile Islands",
    "Okinawa",
    "Harbin",
    "Dairen",
    "Port Arthur",
    "Vladivostok",
    "the Kamchatka coast",
    "Outer Mongolia",
    "Lisbon",
    "Ankara",
    "Cairo",
    "Yalta",
    "Tehran",
]
SUBJECTS = [
    "the Government",
    "the Soviet Government",
    "the Imperial Government",
    "the Foreign Office",
    "the Embassy",
    "the Commissariat",
    "the Supreme War Council",
    "the General Staff",
    "our Minister",
    "the Allied Powers",
    "the United States",
    "Great Britain",
    "the Chinese Government",
    "this Ministry",
    "the military authorities",
    "the Cabinet",
    "the Legation",
    "the Delegation",
    "the press",
    "the Navy",
]
VERBS = [
    "has informed",
    "cannot accept",
    "is prepared to discuss",
    "has not yet answered",
    "will consider",
    "has strongly opposed",
    "wishes to clarify",
    "has repeatedly emphasized",
    "must reconsider",
    "has agreed in principle to",
    "is unwilling to commit itself to",
    "is examining",
    "has rejected",
    "has requested further details concerning",
    "intends to raise",
    "would welcome",
    "is deeply concerned about",
    "has postponed",
    "is anxious to settle",
    "has made no reference to",
]
OBJECTS = [
    "the proposal",
    "the question of neutrality",
    "the fisheries question",
    "the protocol of 1925",
    "the treaty of neutrality",
    "the matter of the special envoy",
    "the terms of peace",
    "the Soviet attitude",
    "the situation in Manchuria",
    "the oil concessions in northern Sakhalin",
    "the coal concessions",
    "the demarcation of the frontier",
    "the exchange of notes",
    "the reply",
    "the question of the Emperor's position",
    "the demand for an early reply",
    "the joint declaration",
    "the conference at Potsdam",
    "the repatriation of nationals",
    "the shipping arrangements",
    "the fisheries convention",
    "the renewal of the treaty",
    "the status of Port Arthur",
    "the railway question",
    "the transit of goods",
    "the armistice terms",
    "the draft agreement",
    "the minutes of the conversation",
    "the memorandum",
]
QUALIFIERS = [
    "at the earliest possible moment",
    "without delay",
    "in the present circumstances",
    "in view of the internal situation",
    "as a matter of the utmost importance",
    "for the time being",
    "with the greatest caution",
    "in accordance with His Majesty's wishes",
    "before the conference ends",
    "in strict secrecy",
    "at this stage",
    "on his return",
    "in the light of recent events",
    "as instructed",
    "through the usual channels",
    "if circumstances permit",
    "on both sides",
    "as reported in my previous telegram",
    "pending further instructions",
    "with some reservations",
]
OPENERS = [
    "I have the honor to report that",
    "Please note that",
    "It appears that",
    "I am informed that",
    "According to reliable information,",
    "In my opinion,",
    "It is my impression that",
    "I wish to point out that",
    "You will understand that",
    "It must be borne in mind that",
    "As far as I can judge,",
    "There is reason to believe that",
    "I was told this morning that",
    "It is reported here that",
    "I am bound to add that",
]
CONNECTIVES = [
    "Moreover,",
    "However,",
    "Nevertheless,",
    "Furthermore,",
    "On the other hand,",
    "Consequently,",
    "At the same time,",
    "In any case,",
    "Accordingly,",
    "Therefore,",
]
REASONS = [
    "because the war situation is grave",
    "since the enemy's intentions are not clear",
    "as the Soviet Union is bound by its agreements with the Allies",
    "owing to the lack of time",
    "in view of the attitude of the military",
    "since public opinion must be prepared",
    "because the answer may determine the fate of the country",
    "as the negotiations are at a delicate stage",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MARKINGS = ["[]", "[very secret]", "[urgent]", "[very secret, urgent]", "[secret]", "[most urgent]"]
TAGS = [
    "neutrality-pact",
    "terms",
    "konoye-mission",
    "manchuria",
    "sakhalin",
    "fisheries",
    "surrender",
    "soviet-entry",
    "potsdam",
    "peace-feelers",
    "shipping",
    "repatriation",
]
VOLUMES = [(f"frus{year}v{volume:02d}", year, volume) for year in range(1861, 1981, 3) for volume in (1, 3, 6)]


def _surname(rng: random.Random) -> str:
    """A made-up proper name of two to four syllables (nearly two million can be made; the short ones recur most)."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 2, 3, 3, 4)))).capitalize()


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.3:
        text = (
            f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS) if rng.random() < 0.5 else rng.choice(NAMES)} "
            f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."
        )
    elif kind < 0.5:
        text = (
            f"{rng.choice(CONNECTIVES)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
            f"{rng.choice(OBJECTS)}, {rng.choice(REASONS)}."
        )
    elif kind < 0.7:
        text = (
            f"{rng.choice(NAMES)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in {rng.choice(PLACES)} "
            f"{rng.choice(QUALIFIERS)}, and {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."
        )
    elif kind < 0.85:
        text = (
            f"Mr. {_surname(rng)} of the {rng.choice(PLACES).removeprefix('the ')} office "
            f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."
        )
    else:
        text = (
            f"With regard to {rng.choice(OBJECTS)}, I met {rng.choice(NAMES)} on the {rng.randint(1, 28)}th "
            f"and again discussed {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}; see my telegram "
            f"No. {rng.randint(100, 1999)} of {rng.randint(1, 28)} {rng.choice(MONTHS)}, file "
            f"{rng.randint(100, 899)}.{rng.randint(10, 99)}/{rng.randint(1, 9999)}."
        )
    return text[0].upper() + text[1:]


def _text(rng: random.Random, with_phrase: bool) -> str:
    target = rng.randint(1500, 4000)
    paragraphs = [f"{rng.randint(100, 1999)}. Re your telegram No. {rng.randint(100, 1999)}."]
    length = len(paragraphs[0])
    while length < target:
        paragraphs.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 6))))
        length += len(paragraphs[-1]) + 2
    if rng.random() < ACCENTED_SHARE:  # FRUS's French: aide-mémoire, démarche, chargé d'affaires
        paragraphs[rng.randrange(1, len(paragraphs))] += f" I handed {rng.choice(NAMES)} an aide-mémoire."
    for share, sentence in WORDS_ALONE:
        if rng.random() < share:
            paragraphs[rng.randrange(1, len(paragraphs))] += " " + sentence
    if with_phrase:
        sentence = f"{rng.choice(NAMES)} {rng.choice(VERBS)} {PHRASE} {rng.choice(QUALIFIERS)}."
        paragraphs[rng.randrange(1, len(paragraphs))] += " " + sentence[0].upper() + sentence[1:]
    return "\n\n".join(paragraphs)


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@cache
def _register():
    """The bundled people register (magiccli.mentions), by which a generated cable's people list names everyone its
    heading and text name, as corpus validate asks of every cable."""
    import yaml

    from magiccli.locations import bundled_corpus
    from magiccli.mentions import register

    people = yaml.safe_load((bundled_corpus() / "people.yaml").read_text(encoding="utf-8"))
    return register(
        {
            p["id"]: SimpleNamespace(name=p["name"], aliases=p.get("aliases") or [], native_name=p.get("native_name"))
            for p in people
        }
    )


def cable_yaml(n: int, seed: int = 1945) -> str:
    """Cable number ``n`` of the corpus made with ``seed``."""
    rng = random.Random(seed * 1_000_003 + n)
    sender, heading_from, place = rng.choice(SENDERS)
    addressee, heading_to, _ = rng.choice([s for s in SENDERS if s[0] != sender])
    day = date(1861, 1, 1) + timedelta(days=rng.randrange((date(1980, 12, 31) - date(1861, 1, 1)).days))
    hour, minute = rng.randrange(24), rng.randrange(60)
    volume, year, volume_no = rng.choice(VOLUMES)
    people = {sender, addressee, *rng.sample(MENTIONED, rng.randint(0, 3))}
    subject = rng.choice(OBJECTS)
    plain = _text(rng, with_phrase=n % 100 == 0)
    heading = f"{heading_from} to {heading_to[0].lower()}{heading_to[1:]}"
    people = sorted(people | set(_register().found([heading, plain])))
    text = plain.replace("\n", "\n  ")
    # Telegram numbers from 9,000,000 up, clear of the numbers the bundled corpus's cables name.
    return f"""id: synth-{n:07d}
kind: cable
doc_type: telegram
telegram_no: '{9_000_000 + n}'
title: {_quoted(f"{subject[0].upper()}{subject[1:]}; {rng.choice(QUALIFIERS)}")}
date: {day.isoformat()}
time: '{hour:02d}:{minute:02d}'
place: {place}
from: {sender}
to: {addressee}
in_reply_to: []
markings: {rng.choice(MARKINGS)}
translation: {rng.choice(["true", "null"])}
heading: {_quoted(heading)}
summary: {_quoted(f"{heading_from.split('(')[-1].rstrip(')')} reports that {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {subject}.")}
people: [{", ".join(people)}]
tags: [{", ".join(sorted(set(rng.sample(TAGS, rng.randint(1, 3)))))}]
citation:
  volume: {volume}
  volume_title: 'Foreign Relations of the United States, {year}, Volume {volume_no} (synthetic)'
  document: {n}
  pages: null
  section_pages: {rng.randint(1, 900)}–{rng.randint(901, 1800)}
  file_number: {rng.randint(100, 899)}.{rng.randint(10, 99)}/{rng.randint(1, 12)}–{rng.randint(1, 28)}{year % 100:02d}
  url: https://history.state.gov/historicaldocuments/{volume}/d{n}
complete: true
text: |-
  {text}
footnotes: []
text_source: null
dateline_as_given: generated
date_source: generated
telegrams_mentioned: []
notes: 'Synthetic cable made by magiccli''s benchmark (bench/generate.py); not a real document.'
"""


def generate(folder: Path, count: int, seed: int = 1945) -> Path:
    """Write ``count`` cables under ``folder`` (kept when a finished corpus of this version is there) and return it."""
    done = folder / ".complete"
    marker = f"{count} {seed} {VERSION}"
    if done.exists() and done.read_text() == marker:
        return folder
    for n in range(count):
        sub = folder / f"{n // PER_FOLDER:04d}"
        if n % PER_FOLDER == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"synth-{n:07d}.yaml").write_text(cable_yaml(n, seed), encoding="utf-8")
    done.write_text(marker)
    return folder


TEI_PER_VOLUME = 1000
TEI_PER_CHAPTER = 50
PAGE_CHARS = 2500  # characters of text per printed page, roughly as in FRUS
TERMS = [
    ("Octagon", "the Second Quebec Conference"),
    ("Terminal", "the Berlin (Potsdam) Conference"),
    ("Magic", "intercepted and decrypted Japanese diplomatic messages"),
    ("Niact", "night action; urgent"),
    ("Sacmed", "Supreme Allied Commander, Mediterranean"),
]


def tei_volume(number: int, count: int, first: int, seed: int = 1945) -> str:
    """Volume ``number`` of the TEI corpus made with ``seed``: documents ``first`` .. ``first + count - 1`` of it
    (so PHRASE is in the same documents as in the YAML corpus of that size), numbered d1.. in the volume."""
    year = 1861 + number % 120
    volume = tei_volume_id(number)
    editor = f"{_surname(random.Random(2 * number))} {_surname(random.Random(2 * number + 1))}"
    pages = _Pages(number)
    out = [
        f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0"
    xmlns:xi="http://www.w3.org/2001/XInclude" xml:id="{volume}">
    <teiHeader>
        <fileDesc>
            <titleStmt>
                <title type="complete">Foreign Relations of the United States, {year}, Volume {number}
                    (synthetic)</title>
                <title type="series">Foreign Relations of the United States</title>
                <title type="volume-number">Volume {number}</title>
                <title type="volume">Synthetic volume {number}</title>
                <editor role="primary">{editor}</editor>
            </titleStmt>
            <publicationStmt>
                <date calendar="gregorian" type="publication-date">{year + 60}</date>
                <idno type="frus">{volume}</idno>
            </publicationStmt>
            <sourceDesc><p>Synthetic volume made by magiccli's benchmark (bench/generate.py).</p></sourceDesc>
        </fileDesc>
        <encodingDesc><xi:include href="../shared/frus-dates.xml"/></encodingDesc>
    </teiHeader>
    <text>
        <front>
            {pages.next_break()}
            <div type="section" subtype="index" xml:id="terms">
                <head>List of Abbreviations, Symbols, and Code Names</head>
                <list type="terms">"""
    ]
    out += [
        f'<item><hi rend="strong"><term xml:id="t_{term}1">{term}</term>,</hi> {meaning}</item>'
        for term, meaning in TERMS
    ]
    out.append(f"""</list>
            </div>
        </front>
        <body>
            {pages.next_break()}
            <div type="compilation" xml:id="comp1"><head>Synthetic compilation {number}</head>""")
    for index in range(count):
        if index % TEI_PER_CHAPTER == 0:
            out.append(
                ("</div>" if index else "") + f'<div type="chapter" xml:id="ch{index // TEI_PER_CHAPTER + 1}">'
                f"<head>{index // TEI_PER_CHAPTER + 1}. Chapter of documents {index + 1}–"
                f"{min(count, index + TEI_PER_CHAPTER)}</head>"
            )
        out.append(_tei_document(first + index, index + 1, volume, pages, seed))
    out.append(("</div>" if count else "") + "</div>\n        </body>\n    </text>\n</TEI>\n")
    return "\n".join(out)


def tei_volume_id(number: int) -> str:
    return f"frus{1861 + number % 120}Synth{number:04d}"


class _Pages:
    """The volume's page counter: a pb now and then, and after every PAGE_CHARS characters of text."""

    def __init__(self, number: int):
        self.page, self.filled, self.facs = 0, 0, number * 10_000

    def next_break(self) -> str:
        self.page += 1
        self.facs += 1
        self.filled = 0
        return f'<pb facs="{self.facs:07d}" n="{self.page}" xml:id="pg_{self.page}"/>'

    def words(self, text: str) -> str:
        """``text`` with a pb at a word boundary wherever a page fills up."""
        out, start = [], 0
        while self.filled + len(text) - start > PAGE_CHARS:
            cut = text.find(" ", start + PAGE_CHARS - self.filled)
            if cut < 0:
                break
            out += [text[start : cut + 1], self.next_break()]
            start = cut + 1
        self.filled += len(text) - start
        return "".join(out) + text[start:]


def _tei_document(n: int, number: int, volume: str, pages: _Pages, seed: int) -> str:
    rng = random.Random(seed * 1_000_003 + n)
    start_break = pages.next_break() + "\n" if pages.filled > PAGE_CHARS * 0.8 else ""  # a new page first
    sender, heading_from, place = rng.choice(SENDERS)
    _, heading_to, _ = rng.choice([s for s in SENDERS if s[0] != sender])
    day = date(1861, 1, 1) + timedelta(days=rng.randrange((date(1980, 12, 31) - date(1861, 1, 1)).days))
    hour, minute = rng.randrange(24), rng.randrange(60)
    telegram = rng.random() < 0.7
    undated = rng.random() < 0.05
    text = _text(rng, with_phrase=n % 100 == 0)
    paragraphs = [pages.words(escape(paragraph)) for paragraph in text.split("\n\n")]
    # footnotes (numbered in document order) after the first sentence of some paragraphs, then a code word
    for mark, where in enumerate(sorted(rng.sample(range(len(paragraphs)), rng.choice((0, 1, 1, 2, 3)))), start=1):
        target = (
            f"#pg_{rng.randint(1, pages.page)}"
            if rng.random() < 0.5
            else f"frus{rng.randint(1861, 1980)}v{rng.randint(1, 9):02d}#pg_{rng.randint(1, 900)}"
        )
        note = (
            f'<note n="{mark}" xml:id="d{number}fn{mark}">See telegram No. {rng.randint(100, 1999)}, '
            f'<ref target="{target}">p. {target.rpartition("_")[2]}</ref>.</note>'
        )
        sentence_end = paragraphs[where].find(". ")
        paragraphs[where] = (
            paragraphs[where] + note
            if sentence_end < 0
            else f"{paragraphs[where][: sentence_end + 1]}{note}{paragraphs[where][sentence_end + 1 :]}"
        )
    if rng.random() < 0.3:
        term = rng.choice(TERMS)[0]
        paragraphs[-1] += f' Refer to <gloss target="#t_{term}1"><hi rend="smallcaps">{term}</hi></gloss>.'
    if undated:
        low, high = day - timedelta(days=rng.randint(1, 5)), day
        when = (
            f'notBefore="{low}T00:00:00-05:00" notAfter="{high}T23:59:59-05:00" '
            f'ana="#date_undated-inferred-from-document-content"'
        )
        printed, span = "undated", (f"{low}T00:00:00-05:00", f"{high}T23:59:59-05:00")
        printed_end = ""
    elif telegram:
        when = f'when="{day}T{hour:02d}:{minute:02d}:00"'
        printed = (
            f"{MONTHS[day.month - 1]} {day.day}, {day.year}—{(hour - 1) % 12 + 1}:{minute:02d} "
            f"{'a.m.' if hour < 12 else 'p.m.'}"
        )
        span, printed_end = (f"{day}T{hour:02d}:{minute:02d}:00-05:00",) * 2, ""
    else:
        when, printed = f'when="{day}"', f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
        span, printed_end = (f"{day}T00:00:00-05:00", f"{day}T23:59:59-05:00"), "."
    heading = (
        re.sub(r"\((\w+)\)", r'(<persName type="from">\1</persName>)', escape(heading_from))
        + " to "
        + re.sub(r"\((\w+)\)", r'(<persName type="to">\1</persName>)', escape(heading_to[0].lower() + heading_to[1:]))
    )
    markings = [marking for marking in rng.choice(MARKINGS).strip("[]").split(", ") if marking]
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    source = (
        f"{rng.randint(100, 899)}.{rng.randint(10, 99)}/{rng.randint(1, 9999)}: "
        f"{'Telegram' if telegram else 'Memorandum'}"
    )
    seg = "<lb/>".join(f'<hi rend="smallcaps">{marking}</hi>' for marking in markings)
    date_element = f'<date calendar="gregorian" {when}>{printed}</date>{printed_end}'
    return f"""{start_break}<div type="document" xml:id="d{number}" n="{number}" subtype="historical-document"
    frus:doc-dateTime-min="{span[0]}" frus:doc-dateTime-max="{span[1]}">
<note rend="inline" type="source">{source}</note>
<head>{heading}</head>
<opener><seg rendition="#left">{seg}</seg>
<dateline rendition="#right"><placeName>{place}</placeName>, {date_element}</dateline></opener>
{body}
</div>"""


def generate_tei(folder: Path, count: int, per_volume: int = TEI_PER_VOLUME, seed: int = 1945) -> Path:
    """Write ``count`` documents as TEI volumes of ``per_volume`` under ``folder`` (kept when a finished corpus of
    this version is there) and return it."""
    done = folder / ".complete"
    marker = f"tei {count} {per_volume} {seed} {VERSION}"
    if done.exists() and done.read_text() == marker:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for number, first in enumerate(range(0, count, per_volume), start=1):
        text = tei_volume(number, min(per_volume, count - first), first, seed)
        (folder / f"{tei_volume_id(number)}.xml").write_text(text, encoding="utf-8")
    done.write_text(marker)
    return folder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1945)
    parser.add_argument("--tei", action="store_true", help="write FRUS TEI volumes instead of YAML cables")
    parser.add_argument("--per-volume", type=int, default=TEI_PER_VOLUME, help="documents per TEI volume")
    args = parser.parse_args()
    if args.tei:
        print(generate_tei(args.folder, args.count, args.per_volume, args.seed))
    else:
        print(generate(args.folder, args.count, args.seed))
