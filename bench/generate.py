"""Deterministic synthetic corpora in magiccli's cable format, one file per document, 1,000 files per folder.

Texts are diplomatic-sounding prose of 1.5–4 KB from a fixed vocabulary; PHRASE appears in exactly one
document in a hundred and nowhere else, so a search for it has a known answer.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PHRASE = "unconditional surrender"
_WORDS = ("the government ambassador minister telegram conversation proposal envoy mission soviet japanese "
          "imperial moscow tokyo situation war peace negotiations instructions reply commissar attitude "
          "question matter conference understanding intention desire effort relations position advice "
          "request message opportunity view assistance terms territory interests army navy manchuria "
          "sakhalin fisheries treaty neutrality cabinet council emperor prince special delegation").split()
_PEOPLE = ("togo-shigenori", "sato-naotake")
# Telegram numbers from 9,000,000 up, clear of the numbers the bundled corpus's cables name.
_TEMPLATE = """id: synth-{n:07d}
kind: cable
doc_type: telegram
telegram_no: '{number}'
title: Synthetic telegram {n}
date: {date}
time: '{hour:02d}:{minute:02d}'
place: {place}
from: {sender}
to: {addressee}
in_reply_to: []
markings: []
translation: null
heading: Synthetic telegram {n}
summary: A generated document for the benchmark.
people: [{sender}, {addressee}]
tags: [synthetic]
citation:
  volume: frus1945Synthetic
  volume_title: Synthetic volume
  document: {n}
  pages: null
  section_pages: none
  file_number: null
  url: https://history.state.gov/historicaldocuments/frus1945Synthetic/d{n}
complete: true
text: |-
{text}
footnotes: []
text_source: null
dateline_as_given: generated
date_source: generated
telegrams_mentioned: []
notes: generated
"""


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def _text(rng: random.Random, with_phrase: bool) -> str:
    target = rng.randint(1500, 4000)
    paragraphs, size = [], 0
    while size < target:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 7)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    if with_phrase:
        at = rng.randrange(len(paragraphs))
        paragraphs[at] += f" We cannot accept {PHRASE} in any situation."
    return "\n\n".join("  " + p for p in paragraphs)


def generate(folder: Path, count: int, seed: int = 1945) -> Path:
    """Write ``count`` cables under ``folder`` (skipped when a finished one is there) and return it."""
    done = folder / ".complete"
    if done.exists() and done.read_text() == str(count):
        return folder
    rng = random.Random(seed)
    for n in range(count):
        sub = folder / f"{n // 1000:04d}"
        if n % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        sender = _PEOPLE[n % 2]
        text = _text(rng, with_phrase=n % 100 == 0)
        (sub / f"synth-{n:07d}.yaml").write_text(_TEMPLATE.format(
            n=n, number=9_000_000 + n, date=f"{1900 + n % 46}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            hour=n % 24, minute=n % 60, place="Tokyo" if sender == "togo-shigenori" else "Moscow",
            sender=sender, addressee=_PEOPLE[1 - n % 2], text=text), encoding="utf-8")
    done.write_text(str(count))
    return folder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    args = parser.parse_args()
    print(generate(args.folder, args.count))
