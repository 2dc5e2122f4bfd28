"""Deterministic synthetic corpora in magiccli's cable format, one file per document, 1,000 files per folder.

    python bench/generate.py /tmp/corpus-10k 10000

Texts of 1.5–4 KB are diplomatic prose assembled from FRUS-like sentence patterns, with proper names and
numbers drawn from wide ranges so that the vocabulary grows with the corpus as a real one does; one document
in ten has an accented word (aide-mémoire), which takes magiccli's slower path for non-ASCII text. PHRASE is in
exactly the documents whose number is a multiple of 100, and nowhere else, but its words are also on their own
in other documents ("unconditional" in 1% more, "surrender" in 3% more), so a search for it has a known answer
and does the work it does on a real corpus. COMMON_PHRASE, one of the sentences' subjects, is in about 46% of the
documents' texts (48% of the files, counting the summaries). Each document has its own seeded generator: the same number always gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

PHRASE = "unconditional surrender"
COMMON_PHRASE = "the Soviet Government"  # one of SUBJECTS, so in about half the documents
VERSION = "3"  # written into each finished corpus's marker: a corpus made by another version is made again
PER_FOLDER = 1000
ACCENTED_SHARE = 0.1
WORDS_ALONE = [(0.01, "The reply must be unconditional."), (0.03, "The garrison's surrender is expected.")]
_SYLLABLES = ("ka ki ko ta to na no ma mi ro ri sa shi ya yo ha hi fu mo ku ne ra zu be gi do ga se te ju "
              "vo lo ev sky off in berg ton ley ham").split()

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
MENTIONED = ["hirohito", "konoe-fumimaro", "suzuki-kantaro", "stalin-joseph", "truman-harry", "churchill-winston",
             "kido-koichi", "anami-korechika", "lozovsky-solomon", "umezu-yoshijiro", "hirota-koki", "attlee-clement"]
NAMES = ["Prince Konoye", "Mr. Molotov", "Marshal Stalin", "Ambassador Malik", "Mr. Lozovsky", "the Emperor",
         "Premier Suzuki", "Marquis Kido", "Mr. Hirota", "General Umezu", "Admiral Toyoda", "President Truman",
         "Mr. Churchill", "Mr. Attlee", "Secretary Byrnes", "Ambassador Harriman", "Mr. Grew", "Mr. Dulles",
         "the Soviet Vice Commissar", "the British Ambassador", "the Swiss Minister", "the Swedish Minister"]
PLACES = ["Moscow", "Tokyo", "Washington", "London", "Chungking", "Bern", "Stockholm", "Potsdam", "Berlin",
          "Manchuria", "Korea", "Sakhalin", "the Kurile Islands", "Okinawa", "Harbin", "Dairen", "Port Arthur",
          "Vladivostok", "the Kamchatka coast", "Outer Mongolia", "Lisbon", "Ankara", "Cairo", "Yalta", "Tehran"]
SUBJECTS = ["the Government", "the Soviet Government", "the Imperial Government", "the Foreign Office",
            "the Embassy", "the Commissariat", "the Supreme War Council", "the General Staff", "our Minister",
            "the Allied Powers", "the United States", "Great Britain", "the Chinese Government", "this Ministry",
            "the military authorities", "the Cabinet", "the Legation", "the Delegation", "the press", "the Navy"]
VERBS = ["has informed", "cannot accept", "is prepared to discuss", "has not yet answered", "will consider",
         "has strongly opposed", "wishes to clarify", "has repeatedly emphasized", "must reconsider",
         "has agreed in principle to", "is unwilling to commit itself to", "is examining", "has rejected",
         "has requested further details concerning", "intends to raise", "would welcome", "is deeply concerned about",
         "has postponed", "is anxious to settle", "has made no reference to"]
OBJECTS = ["the proposal", "the question of neutrality", "the fisheries question", "the protocol of 1925",
           "the treaty of neutrality", "the matter of the special envoy", "the terms of peace",
           "the Soviet attitude", "the situation in Manchuria", "the oil concessions in northern Sakhalin",
           "the coal concessions", "the demarcation of the frontier", "the exchange of notes", "the reply",
           "the question of the Emperor's position", "the demand for an early reply",
           "the joint declaration", "the conference at Potsdam", "the repatriation of nationals",
           "the shipping arrangements", "the fisheries convention", "the renewal of the treaty",
           "the status of Port Arthur", "the railway question", "the transit of goods", "the armistice terms",
           "the draft agreement", "the minutes of the conversation", "the memorandum"]
QUALIFIERS = ["at the earliest possible moment", "without delay", "in the present circumstances",
              "in view of the internal situation", "as a matter of the utmost importance", "for the time being",
              "with the greatest caution", "in accordance with His Majesty's wishes", "before the conference ends",
              "in strict secrecy", "at this stage", "on his return", "in the light of recent events",
              "as instructed", "through the usual channels", "if circumstances permit", "on both sides",
              "as reported in my previous telegram", "pending further instructions", "with some reservations"]
OPENERS = ["I have the honor to report that", "Please note that", "It appears that", "I am informed that",
           "According to reliable information,", "In my opinion,", "It is my impression that",
           "I wish to point out that", "You will understand that", "It must be borne in mind that",
           "As far as I can judge,", "There is reason to believe that", "I was told this morning that",
           "It is reported here that", "I am bound to add that"]
CONNECTIVES = ["Moreover,", "However,", "Nevertheless,", "Furthermore,", "On the other hand,", "Consequently,",
               "At the same time,", "In any case,", "Accordingly,", "Therefore,"]
REASONS = ["because the war situation is grave", "since the enemy's intentions are not clear",
           "as the Soviet Union is bound by its agreements with the Allies", "owing to the lack of time",
           "in view of the attitude of the military", "since public opinion must be prepared",
           "because the answer may determine the fate of the country", "as the negotiations are at a delicate stage"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MARKINGS = ["[]", "[very secret]", "[urgent]", "[very secret, urgent]", "[secret]", "[most urgent]"]
TAGS = ["neutrality-pact", "terms", "konoye-mission", "manchuria", "sakhalin", "fisheries", "surrender",
        "soviet-entry", "potsdam", "peace-feelers", "shipping", "repatriation"]
VOLUMES = [(f"frus{year}v{volume:02d}", year, volume) for year in range(1861, 1981, 3) for volume in (1, 3, 6)]


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.35:
        text = (f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS) if rng.random() < 0.5 else rng.choice(NAMES)} "
                f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}.")
    elif kind < 0.6:
        text = (f"{rng.choice(CONNECTIVES)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
                f"{rng.choice(OBJECTS)}, {rng.choice(REASONS)}.")
    elif kind < 0.8:
        text = (f"{rng.choice(NAMES)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in {rng.choice(PLACES)} "
                f"{rng.choice(QUALIFIERS)}, and {rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
                f"{rng.choice(OBJECTS)}.")
    else:
        text = (f"With regard to {rng.choice(OBJECTS)}, I met {rng.choice(NAMES)} on the {rng.randint(1, 28)}th "
                f"and again discussed {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}; see my telegram "
                f"No. {rng.randint(100, 1999)}.")
    return text[0].upper() + text[1:]


def _surname(rng: random.Random) -> str:
    """A made-up proper name of two to four syllables (nearly two million can be made; the short ones recur most)."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 2, 3, 3, 4)))).capitalize()


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.3:
        text = (f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS) if rng.random() < 0.5 else rng.choice(NAMES)} "
                f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}.")
    elif kind < 0.5:
        text = (f"{rng.choice(CONNECTIVES)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
                f"{rng.choice(OBJECTS)}, {rng.choice(REASONS)}.")
    elif kind < 0.7:
        text = (f"{rng.choice(NAMES)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in {rng.choice(PLACES)} "
                f"{rng.choice(QUALIFIERS)}, and {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}.")
    elif kind < 0.85:
        text = (f"Mr. {_surname(rng)} of the {rng.choice(PLACES).removeprefix('the ')} office "
                f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}.")
    else:
        text = (f"With regard to {rng.choice(OBJECTS)}, I met {rng.choice(NAMES)} on the {rng.randint(1, 28)}th "
                f"and again discussed {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}; see my telegram "
                f"No. {rng.randint(100, 1999)} of {rng.randint(1, 28)} {rng.choice(MONTHS)}, file "
                f"{rng.randint(100, 899)}.{rng.randint(10, 99)}/{rng.randint(1, 9999)}.")
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


def cable_yaml(n: int, seed: int = 1945) -> str:
    """Cable number ``n`` of the corpus made with ``seed``."""
    rng = random.Random(seed * 1_000_003 + n)
    sender, heading_from, place = rng.choice(SENDERS)
    addressee, heading_to, _ = rng.choice([s for s in SENDERS if s[0] != sender])
    day = date(1861, 1, 1) + timedelta(days=rng.randrange((date(1980, 12, 31) - date(1861, 1, 1)).days))
    hour, minute = rng.randrange(24), rng.randrange(60)
    volume, year, volume_no = rng.choice(VOLUMES)
    people = sorted({sender, addressee, *rng.sample(MENTIONED, rng.randint(0, 3))})
    subject = rng.choice(OBJECTS)
    text = _text(rng, with_phrase=n % 100 == 0).replace("\n", "\n  ")
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
translation: {rng.choice(['true', 'null'])}
heading: {_quoted(f"{heading_from} to {heading_to[0].lower()}{heading_to[1:]}")}
summary: {_quoted(f"{heading_from.split('(')[-1].rstrip(')')} reports that {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {subject}.")}
people: [{', '.join(people)}]
tags: [{', '.join(sorted(set(rng.sample(TAGS, rng.randint(1, 3)))))}]
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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1945)
    args = parser.parse_args()
    print(generate(args.folder, args.count, args.seed))
