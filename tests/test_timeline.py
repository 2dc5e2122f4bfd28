"""timeline: every cable and event in date order, a line each, narrowed by its filters, in every format."""

import csv
import io
import json
import re

import pytest


def test_timeline_lists_every_record_in_date_order_starting_with_its_date(cli, corpus):
    lines = cli("timeline").output.splitlines()
    assert len(lines) == len(corpus.records)
    dates = [line.split("\t")[0] for line in lines]
    assert dates == sorted(dates)
    assert all(re.match(r"^\d{4}-\d{2}-\d{2}\t", line) for line in lines)


def test_timeline_filters_combine(cli, corpus):
    lines = cli(
        "timeline", "--kind", "cable", "--direction", "moscow-tokyo", "--from", "1945-07-20", "--to", "1945-07-25"
    ).output.splitlines()
    expected = [
        c
        for c in corpus.records
        if c.kind == "cable"
        and c.place == "Moscow"
        and c.doc_type == "telegram"
        and "1945-07-20" <= c.date <= "1945-07-25"
    ]
    assert [l.split("\t")[3] for l in lines] == [c.id for c in expected]
    assert expected


@pytest.mark.parametrize("alias", ["togo", "Tōgō", "TOGO SHIGENORI", "Shigenori Togo"])
def test_actor_by_any_alias(cli, alias):
    base = cli("timeline", "--actor", "togo-shigenori").output
    assert cli("timeline", "--actor", alias).output == base
    assert "No. 932 Togo → Sato" in base


def test_timeline_limit_reverse_and_grep(cli):
    newest = cli("timeline", "--reverse", "--limit", "1").output.splitlines()
    everything = cli("timeline").output.splitlines()
    assert newest == [everything[-1]]
    konoye = cli("timeline", "--grep", "KONOYE").output.splitlines()
    assert konoye and all("\t" in l for l in konoye)


def test_grep_finds_what_the_index_holds_apart_from_the_passages_quote_searches(cli):
    def ids(grep: str) -> list[str]:
        return [line.split("\t")[3] for line in cli("timeline", "--grep", grep).output.splitlines()]

    assert ids("end the war, for Molotov") == ["frus1945Berlinv01-d582"]  # a title's words
    # the title's end and the summary's start, read as one text; the first word folded may end a word of the text
    assert ids("lOTOV BEFORE Potsdam togo as") == ["frus1945Berlinv01-d582"]
    # a paper quoted inside another record: its words are in both
    assert ids("Envoy Extraordinary and Ambassador Plenipotentiary to the Soviet Union") == [
        "frus1945Berlinv02-d1226-lozovsky-note",
        "frus1945Berlinv02-d1226",
    ]


def test_unknown_actor_and_bad_date_are_usage_errors(cli):
    result = cli("timeline", "--actor", "Napoleon")
    assert (result.exit_code, result.output) == (2, "magiccli: no person or country called 'Napoleon' in the corpus\n")
    assert cli("timeline", "--from", "45-07").exit_code == 2


def test_bad_option_is_one_line(cli):
    result = cli("timeline", "--kind", "poem")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "--kind" in result.output


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "markdown"])
def test_timeline_formats_parse(cli, corpus, fmt):
    output = cli("timeline", "--format", fmt).output
    n = len(corpus.records)
    if fmt == "json":
        assert len(json.loads(output)) == n
    elif fmt == "jsonl":
        assert [json.loads(l)["id"] for l in output.splitlines()] == [r.id for r in corpus.records]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(output)))
        assert [r["id"] for r in rows] == [r.id for r in corpus.records]
    elif fmt == "tsv":
        assert output.splitlines()[0] == "date\tend\tkind\tid\ttitle\ttime\tcomplete\tzone\tutc"
        assert len(output.splitlines()) == n + 1
    else:
        assert (
            output.splitlines()[0] == "| date | end | kind | id | title | time | complete | zone | utc |"
            and len(output.splitlines()) == n + 2
        )


@pytest.mark.parametrize(
    "date, words",
    [
        ("1905-09-05", "portsmouth"),
        ("1941-04-13", "neutrality pact"),
        ("1945-02-11", "yalta"),
        ("1945-04-05", "denunciation"),
        ("1945-07-26", "potsdam declaration"),
        ("1945-08-08", "declar"),
        ("1945-08-09", "manchuria"),
        ("1945-09-02", "surrender"),
    ],
)
def test_timeline_has_the_key_events_at_their_dates(cli, date, words):
    lines = cli(
        "timeline",
        "--kind",
        "treaty",
        "--kind",
        "conference",
        "--kind",
        "diplomatic",
        "--kind",
        "military",
        "--kind",
        "domestic",
        "--kind",
        "intelligence",
        "--from",
        date,
        "--to",
        date,
    ).output.splitlines()
    assert any(line.startswith(date + "\t") and words in line.lower() for line in lines), lines


def test_the_timeline_line_ends_with_time_and_complete(cli):
    lines = cli("timeline", "--from", "1945-07-21", "--to", "1945-07-21", "--kind", "cable", "--format", "tsv").output
    assert [line.split("\t")[5:7] for line in lines.splitlines()] == [
        ["time", "complete"],
        ["21:30 JST", "yes"],
        ["21:30 JST", "no"],
        ["17:00 MSK", "yes"],
    ]
    # an event whose official text is only in part is marked too
    treaty = cli("timeline", "--from", "1905-09-05", "--to", "1905-09-05").output
    assert treaty == "1905-09-05\t\ttreaty\t1905-09-05-treaty-of-portsmouth\tTreaty of Portsmouth signed\t\tno\t\t\n"
