"""Source grades: every MAGIC wording's and event's source says how far it can be trusted, and the reader sees it."""

import csv
import io
import json
import re

import pytest

from magiccli.load import bundled_corpus

from .conftest import run_in_terminal, run_magiccli

GRADES = {"archival", "published", "secondary-web", "weak"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def source_lines(wording):
    return [f"— {s.title}. {s.url} [grade: {s.grade}]" for s in wording.sources]


def test_every_wording_and_event_source_has_a_grade(corpus):
    graded = [s for t in corpus.translations for s in t.sources]
    graded += [s for e in corpus.events for s in e.sources + ([e.official_text.source] if e.official_text else [])]
    assert {s.grade for s in graded} <= GRADES
    assert all(s.grade for s in graded)


def test_a_wording_source_without_a_grade_fails_validation(cli, tmp_path):
    # a user's wording (the bundled file's first, under an id of its own) checked with the bundled corpus
    first = (bundled_corpus() / "magic-summaries.yaml").read_text(encoding="utf-8").split("\n- id: ")[1]
    path = tmp_path / "wording.yaml"
    path.write_text("- id: user-" + first.replace("      grade: weak\n", "", 1), encoding="utf-8")
    result = cli("corpus", "validate", path)
    assert result.exit_code == 2
    assert "missing field 'witnesses[0].source.grade'" in result.output


def test_an_unknown_grade_fails_validation(cli, tmp_path):
    event = (bundled_corpus() / "events" / "1945-07-17-potsdam-conference.yaml").read_text(encoding="utf-8")
    path = tmp_path / "event.yaml"
    path.write_text(event.replace("grade: published", "grade: good", 1).replace(
        "id: 1945-07-17-potsdam-conference", "id: user-potsdam-conference"), encoding="utf-8")
    result = cli("corpus", "validate", path)
    assert result.exit_code == 2
    assert "sources[0].grade: 'good' is not one of: archival, published, secondary-web, weak" in result.output


@pytest.mark.parametrize("number", ["890", "893", "913", "932"])
def test_plain_cable_output_shows_every_source_of_each_wording_with_its_grade(cli, corpus, number):
    result = cli("cable", number, "--translation", "all")
    assert result.exit_code == 0
    cable = next(c for c in corpus.cables if c.telegram_no == number)
    assert cable.translations
    for wording in cable.translations:
        block = result.output[result.output.index(f"MAGIC summary wording ({wording.id};"):]
        for line in source_lines(wording):
            assert f"\n  {line}\n" in block


def test_a_forum_copy_is_shown_as_weak(cli):
    output = cli("cable", "893", "--translation", "magic").output
    assert "https://si.frajer.net/readmsg.aspx?msgid=20049429 [grade: weak]\n" in output


def test_the_terminal_cable_view_shows_the_grades(corpus):
    result = run_in_terminal("cable", "932", "--translation", "all", columns=400)
    lines = [l.strip() for l in ANSI.sub("", result.stdout).splitlines()]
    cable = corpus.by_id["frus1945Berlinv02-d1230"]
    for wording in cable.translations:
        for line in source_lines(wording):
            assert line in lines


def test_compare_shows_the_grades_in_a_pipe_and_on_a_terminal(cli, corpus):
    cable = corpus.by_id["frus1945Berlinv02-d1230"]
    piped = cli("compare", "932").output
    terminal = ANSI.sub("", run_in_terminal("compare", "932", columns=80).stdout)
    for wording in cable.translations:
        for line in source_lines(wording):
            assert f"\n  {line}\n" in piped
            # a narrow terminal wraps the line, a long address even inside a word, but prints all of it
            assert "".join(line.split()) in "".join(terminal.split())


def test_compare_tables_carry_the_grade(cli, corpus):
    cable = corpus.by_id["frus1945Berlinv01-d582"]
    rows = list(csv.DictReader(io.StringIO(cli("compare", "893", "--format", "csv").output)))
    assert [(r["translation"], r["grade"]) for r in rows] == [(t.id, t.source.grade) for t in cable.translations]
    objects = json.loads(cli("compare", "893", "--format", "json").output)
    for obj, wording in zip(objects, cable.translations):
        assert obj["source"] == {"title": wording.source.title, "url": wording.source.url, "grade": wording.source.grade}
        assert obj["other_sources"] == [{"title": s.title, "url": s.url, "grade": s.grade} for s in wording.other_sources]


# --- the grade of each hit, and --min-grade ------------------------------------------------------------------

RANK = ["archival", "published", "secondary-web", "weak"]


def expected_grade(corpus, hit):
    """The grade of the source a quote hit's text comes from, read off the corpus itself."""
    record = corpus.by_id[hit["record"]]
    if hit["field"] in ("cable", "footnote"):
        return "published"  # the FRUS volume prints them
    if hit["field"] == "magic":
        return corpus.by_id[hit["id"]].source.grade
    if hit["field"] == "official":
        return record.official_text.source.grade
    return min((s.grade for s in record.sources), key=RANK.index)


def hits(cli, *args):
    result = cli("quote", *args, "--format", "jsonl")
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("phrase", ["unconditional surrender", "emperor", "konoye"])
def test_each_quote_hit_carries_the_grade_of_its_source(cli, corpus, phrase):
    found = hits(cli, phrase, "--in", "cable", "--in", "footnote", "--in", "magic", "--in", "official", "--in", "summary")
    assert {h["field"] for h in found} >= {"cable", "magic"}
    assert [h["grade"] for h in found] == [expected_grade(corpus, h) for h in found]


def test_the_grade_is_the_last_column_of_a_quote_line(cli):
    line = cli("quote", "unconditional surrender", "--in", "magic").stdout.splitlines()[0]
    assert line.split("\t")[-1] == "weak"
    assert len(line.split("\t")) == 8


@pytest.mark.parametrize("least", RANK)
def test_min_grade_keeps_exactly_the_hits_graded_that_or_better(cli, least):
    every = hits(cli, "emperor", "--in", "cable", "--in", "magic", "--in", "official", "--in", "summary")
    kept = hits(cli, "emperor", "--in", "cable", "--in", "magic", "--in", "official", "--in", "summary",
                "--min-grade", least)
    assert kept == [h for h in every if RANK.index(h["grade"]) <= RANK.index(least)]


@pytest.mark.parametrize("phrase", ["unconditional surrender", "emperor", "konoye"])
def test_counts_by_the_index_and_from_the_texts_agree_under_min_grade(cli, phrase):
    # without a filter the index counts the hits; --from makes quote count them in the records' texts
    by_index = cli("quote", phrase, "--count", "--min-grade", "published", "--format", "jsonl").stdout
    from_texts = cli("quote", phrase, "--count", "--min-grade", "published", "--from", "1900",
                     "--format", "jsonl").stdout
    assert by_index == from_texts
    rows = [json.loads(line) for line in by_index.splitlines()]
    every = [json.loads(line) for line in cli("quote", phrase, "--count", "--format", "jsonl").stdout.splitlines()]
    assert rows and rows == [r for r in every if r["grade"] in ("archival", "published")]


def test_a_terminal_shows_each_hit_and_count_with_its_grade(cli):
    piped = [line.split("\t") for line in cli("quote", "unconditional surrender", "--count").stdout.splitlines()]
    screen = ANSI.sub("", run_in_terminal("quote", "unconditional surrender", "--count", columns=160).stdout)
    shown = [line.split() for line in screen.splitlines()][:len(piped)]
    assert [(words[0], words[-1]) for words in shown] == [(row[0], row[-1]) for row in piped]
    assert {row[-1] for row in piped} == {"published", "weak", "secondary-web"}
    hits = ANSI.sub("", run_in_terminal("quote", "unconditional surrender", "--in", "magic", columns=200).stdout)
    rows = [line for line in hits.splitlines() if line.strip()]
    assert rows and all(re.search(r"\(MAGIC\) +weak ", line) for line in rows)


def test_export_min_grade_leaves_out_the_sources_below_it_and_records_left_without_one(cli, corpus):
    exported = [json.loads(line) for line in cli("export", "--min-grade", "published").stdout.splitlines()]
    every = [json.loads(line) for line in cli("export").stdout.splitlines()]
    reaches = {"archival", "published"}
    expected = []
    for record in every:
        if record["kind"] == "cable":  # kept with what of its text, time and wordings reaches the grade (model.graded)
            wordings = [{**t, "witnesses": [w for w in t["witnesses"] if w["source"]["grade"] in reaches]}
                        for t in record["translations"] if t["witnesses"][0]["source"]["grade"] in reaches]
            text_kept = record.get("text_from", {}).get("grade") in reaches
            time_kept = any(s["grade"] in reaches for s in record["time_from"])
            if wordings or text_kept or time_kept:
                kept = {**record, "translations": wordings}
                kept.update({} if text_kept else {"text": "", "footnotes": []})
                kept.update({} if time_kept else {"time": None})
                expected.append(kept)
        elif any(s["grade"] in reaches for s in record["sources"]):
            kept = {**record, "sources": [s for s in record["sources"] if s["grade"] in reaches]}
            if "official_text" in record and record["official_text"]["source"]["grade"] not in reaches:
                kept.pop("official_text")
            expected.append(kept)
    assert exported == expected
    assert len(exported) < len(every)
    rows = list(csv.DictReader(io.StringIO(cli("export", "--min-grade", "published", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == [r["id"] for r in expected]
    assert {r["translations"] for r in rows if r["kind"] == "cable"} == {"0"}


def test_every_min_grade_export_is_the_whole_export_at_weak(cli):
    assert cli("export", "--min-grade", "weak").stdout == cli("export").stdout


def test_cable_says_how_many_wordings_min_grade_left_out(cli, corpus):
    result = cli("cable", "893", "--translation", "all", "--min-grade", "published")
    assert result.exit_code == 0
    left_out = len(corpus.by_id["frus1945Berlinv01-d582"].translations)
    assert f"\nMAGIC summary wording: {left_out} left out by --min-grade, from sources graded lower.\n" in result.stdout
    assert "[grade: weak]" not in result.stdout
    listed = list(csv.DictReader(io.StringIO(cli("cable", "893", "--min-grade", "published", "--format", "csv").stdout)))
    assert [r["id"] for r in listed] == ["frus1945Berlinv01-d582"]


def test_a_cable_has_nothing_graded_archival(cli):
    result = run_magiccli("cable", "893", "--min-grade", "archival")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "magiccli: none of these cables has a text graded archival or better\n"


def test_compare_says_no_wording_reaches_the_grade():
    result = run_magiccli("compare", "932", "--min-grade", "published")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("magiccli: no MAGIC summary wording of No. 932 Togo → Sato comes from a source graded"
                             " published or better\n")
    assert run_magiccli("compare", "932", "--min-grade", "weak").stdout == run_magiccli("compare", "932").stdout


def test_an_unknown_grade_is_a_one_line_usage_error():
    result = run_magiccli("quote", "emperor", "--min-grade", "good")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "'good' is not one of" in result.stderr
