"""Every command reads the index, never the corpus files: on generated corpora, what the index gives is what a plain
scan of the files gives, computed here apart from the code under test."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from magiccli.locations import corpus_roots
from magiccli.mentions import cable_texts, mentioned
from magiccli.model import record_object, timed_dict
from magiccli.query import actor_keys, searchable_text
from magiccli.refs import parse_bound
from magiccli.text import fold_plain
from magiccli.views.wording import cable_heading

from .conftest import load, run_magiccli

PEOPLE = ["togo-shigenori", "sato-naotake", "konoe-fumimaro", "molotov-vyacheslav", "lozovsky-solomon"]
DAYS = ["1941-04-13", "1945-07-12", "1945-07-13", "1945-07-21", "1945-08-08"]
TAGS = ["alpha", "beta", "gamma"]
ZONES = {"Tokyo": "JST", "Moscow": "MSK"}  # the tz database's names for 1945; Berlin has no zone in magiccli
WORDS = ["peace", "Surrender", "envoy", "Tōgō", "naïve", "Moscow's", "1945"]


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _cable(
    n: int,
    day: str,
    time: str | None,
    place: str,
    sender: str,
    addressee: str,
    people: list,
    tags: list,
    replies: list,
    words: list,
) -> str:
    return f"""id: gen-cable-{n}
kind: cable
doc_type: telegram
telegram_no: '{8_000_000 + n}'
title: {_quoted(" ".join(words[:2]) or "untitled")}
date: {day}
time: {_quoted(time) if time else "null"}
place: {place}
from: {sender}
to: {addressee}
in_reply_to: [{", ".join(f"gen-cable-{r}" for r in replies)}]
markings: []
translation: null
heading: generated
summary: {_quoted(" ".join(words[1:]) or "nothing")}
people: [{", ".join(people)}]
tags: [{", ".join(tags)}]
citation:
  volume: frus1945Berlinv02
  volume_title: generated
  document: {90_000 + n}
  pages: null
  section_pages: 1–2
  file_number: null
  url: https://history.state.gov/historicaldocuments/frus1945Berlinv02/d{90_000 + n}
complete: {"true" if n % 3 else "false"}
text: {_quoted(" ".join(words) or "nothing")}
footnotes: []
text_source: null
dateline_as_given: generated
date_source: generated
telegrams_mentioned: []
notes: generated
"""


def _event(n: int, day: str, end: str | None, kind: str, actors: list, tags: list, words: list) -> str:
    return f"""id: gen-event-{n}
kind: {kind}
title: {_quoted(" ".join(words[:2]) or "untitled")}
date: {day}
end: {end or "null"}
actors: [{", ".join(actors)}]
places: []
summary: {_quoted(" ".join(words) or "nothing")}
tags: [{", ".join(tags)}]
sources: [{{title: generated, url: "https://example.org/{n}", grade: weak}}]
"""


_words = st.lists(st.sampled_from(WORDS), max_size=5)
_cables = st.lists(
    st.tuples(
        st.sampled_from(DAYS),
        st.sampled_from([None, "09:00", "21:30"]),
        st.sampled_from(["Tokyo", "Moscow", "Berlin"]),
        st.sampled_from(PEOPLE),
        st.sampled_from(PEOPLE),
        st.lists(st.sampled_from(PEOPLE), max_size=2, unique=True),
        st.lists(st.sampled_from(TAGS), max_size=2, unique=True),
        st.lists(st.integers(0, 5), max_size=2, unique=True),
        _words,
    ),
    max_size=6,
)
_events = st.lists(
    st.tuples(
        st.sampled_from(DAYS),
        st.sampled_from([None, "1945-07-20", "1945-09-02"]),
        st.sampled_from(["treaty", "military", "diplomatic"]),
        st.lists(st.sampled_from(PEOPLE + ["USSR", "Japan"]), min_size=1, max_size=2, unique=True),
        st.lists(st.sampled_from(TAGS), max_size=2, unique=True),
        _words,
    ),
    max_size=4,
)
_options = st.fixed_dictionaries(
    {},
    optional={
        "--from": st.sampled_from(["1941", "1945-07-13", "1945-08"]),
        "--to": st.sampled_from(["1945-07-13", "1945-07"]),
        "--kind": st.sampled_from(["cable", "treaty", "military"]),
        "--actor": st.sampled_from(["Konoye", "Togo", "USSR", "Japan"]),
        "--tag": st.sampled_from(TAGS),
        "--direction": st.sampled_from(["tokyo-moscow", "moscow-tokyo"]),
        "--grep": st.sampled_from(["peace", "tōgō", "MOSCOW S"]),
    },
)


def _write(folder: Path, cables: list, events: list) -> None:
    for n, (day, time, place, sender, addressee, people, tags, replies, words) in enumerate(cables):
        # a reply dated before what it answers is a problem of the corpus (load.check_across): none is generated
        replies = [r for r in replies if r < len(cables) and r != n and cables[r][0] <= day]
        (folder / f"c{n}.yaml").write_text(
            _cable(n, day, time, place, sender, addressee, people, tags, replies, words), encoding="utf-8"
        )
    for n, (day, end, kind, actors, tags, words) in enumerate(events):
        end = end if end and end > day else None
        (folder / f"e{n}.yaml").write_text(_event(n, day, end, kind, actors, tags, words), encoding="utf-8")


def _plain_matches(corpus, record, options: dict) -> bool:
    """The timeline's filters, as the README states them, applied to one record of a plain scan."""
    if "--from" in options and (record.end or record.date) < parse_bound(options["--from"]).isoformat():
        return False
    if "--to" in options and record.date > parse_bound(options["--to"], last=True).isoformat():
        return False
    if "--kind" in options and record.kind != options["--kind"]:
        return False
    if "--direction" in options and getattr(record, "direction", None) != options["--direction"]:
        return False
    if "--tag" in options and options["--tag"] not in record.tags:
        return False
    if "--actor" in options:
        if record.kind == "cable":  # its parties, its people list, and whom its heading, text and footnotes name
            texts = cable_texts(record.text, record.heading, (f.text for f in record.footnotes))
            named = {record.from_, record.to, *record.people, *mentioned(texts, corpus.people)}
            parties = {record.from_, record.to}
        else:
            named = parties = set(record.actors)
        countries = {corpus.people[p].nationality for p in parties if p in corpus.people}
        if not actor_keys(corpus, options["--actor"]) & (named | countries):
            return False
    return "--grep" not in options or fold_plain(options["--grep"]) in fold_plain(searchable_text(record))


def _complete(record) -> str:
    """yes, or no where only part of a cable's text or an event's official text could be had."""
    text = record if record.kind == "cable" else record.official_text
    return "no" if text is not None and text.complete is False else "yes"


def _args(options: dict) -> list[str]:
    return [part for option, value in options.items() for part in (option, value)]


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cables=_cables, events=_events, options=_options, reverse=st.booleans())
def test_timeline_and_export_through_the_index_are_a_plain_scan(tmp_path_factory, cables, events, options, reverse):
    folder = tmp_path_factory.mktemp("generated")
    _write(folder, cables, events)
    corpus = load(corpus_roots([folder]))
    found = [r for r in corpus.records if _plain_matches(corpus, r, options)]
    if reverse:
        found.reverse()
    order = ["--reverse"] if reverse else []

    lines = run_magiccli("--corpus", folder, "timeline", *_args(options), *order, "--format", "tsv")
    if (
        "--from" in options
        and "--to" in options
        and (parse_bound(options["--to"], last=True) < parse_bound(options["--from"]))
    ):
        assert (lines.returncode, lines.stderr) == (
            2,
            f"magiccli: --to {options['--to']} is before --from {options['--from']}\n",
        )
        return
    expected = ["date\tend\tkind\tid\ttitle\ttime\tcomplete\tzone\tutc"] + [
        "\t".join(
            [
                r.date,
                r.end or "",
                r.kind,
                r.id,
                f"{cable_heading(corpus, r)}: {r.title}" if r.kind == "cable" else r.title,
                " ".join(
                    filter(
                        None,
                        [
                            r.time,
                            ZONES.get(getattr(r, "place", None) or getattr(r, "time_place", None)) if r.time else None,
                        ],
                    )
                ),
                _complete(r),
                r.zone or "",
                r.instant or "",
            ]
        )
        for r in found
    ]
    assert (lines.returncode, lines.stdout.splitlines()) == ((0, expected) if found else (1, []))

    timeline_json = run_magiccli("--corpus", folder, "timeline", *_args(options), *order, "--format", "json")
    if found:
        assert json.loads(timeline_json.stdout) == [json.loads(json.dumps(timed_dict(r))) for r in found]

    exported = run_magiccli("--corpus", folder, "export", *_args(options), "--format", "jsonl")
    in_order = [r for r in corpus.records if r in found]
    assert [json.loads(line) for line in exported.stdout.splitlines()] == [
        json.loads(json.dumps(record_object(r))) for r in in_order
    ]


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cables=_cables, events=_events, person=st.sampled_from(PEOPLE))
def test_who_thread_and_info_through_the_index_are_a_plain_scan(tmp_path_factory, cables, events, person):
    folder = tmp_path_factory.mktemp("generated")
    _write(folder, cables, events)
    corpus = load(corpus_roots([folder]))

    rows = run_magiccli("--corpus", folder, "who", person, "--format", "tsv").stdout.splitlines()[1:]
    expected = []
    for r in corpus.records:
        if r.kind == "cable":  # named: in its people list, or by a name its heading, text or footnotes hold
            texts = cable_texts(r.text, r.heading, (f.text for f in r.footnotes))
            named = person in r.people or person in mentioned(texts, corpus.people)
            role = "from" if r.from_ == person else "to" if r.to == person else "named" if named else None
            title = f"{cable_heading(corpus, r)}: {r.title}"
        else:
            role, title = ("actor" if person in r.actors else None), r.title
        if role:
            expected.append("\t".join([person, r.date, r.kind, r.id, role, title]))
    assert rows == expected

    for cable in corpus.cables:
        if cable.id.startswith("gen-"):
            answered_by = {c.id for c in corpus.cables if cable.id in c.in_reply_to}
            listed = run_magiccli("--corpus", folder, "thread", cable.id, "--format", "tsv").stdout.splitlines()[1:]
            near = {line.split("\t")[4] for line in listed if line.split("\t")[0] in ("-1", "1")}
            assert near == {*cable.in_reply_to, *answered_by}

    info = json.loads(run_magiccli("--corpus", folder, "corpus", "info", "--format", "json").stdout)[0]
    assert info["records"] == len(corpus.records)
    assert info["kinds"] == {
        k: sum(r.kind == k for r in corpus.records) for k in sorted({r.kind for r in corpus.records})
    }
    # the ids in the order the files were read; the model read through the index has its cables in corpus order
    assert sorted(info["incomplete"]) == sorted(c.id for c in corpus.cables if not c.complete)
    assert (info["first_date"], info["last_date"]) == (
        corpus.records[0].date,
        max(r.end or r.date for r in corpus.records),
    )


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """3,000 generated cables: where a --regex once ran out of its 2 s for the whole search."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from generate import generate

    folder = tmp_path_factory.mktemp("big")
    generate(folder, 3000)
    return folder


@pytest.mark.slow
def test_a_harmless_regex_answers_on_a_big_corpus(big_corpus):
    """'quote e --regex --count' read every passage of 3,000 files under one 2 s limit and failed."""
    counted = run_magiccli("--corpus", big_corpus, "quote", "e", "--regex", "--count", "--format", "tsv")
    assert counted.returncode == 0, counted.stderr
    assert len(counted.stdout.splitlines()) > 3000


@pytest.mark.slow
def test_a_regex_with_a_literal_finds_what_the_plain_phrase_finds(big_corpus):
    phrase = run_magiccli("--corpus", big_corpus, "quote", "unconditional surrender", "--format", "tsv").stdout
    regex = run_magiccli(
        "--corpus", big_corpus, "quote", r"unconditional\s+surrender", "--regex", "--format", "tsv"
    ).stdout
    assert regex.splitlines() == phrase.splitlines() and len(phrase.splitlines()) > 30
