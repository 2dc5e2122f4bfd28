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
    path.write_text("- id: user-" + first.replace("    grade: weak\n", "", 1), encoding="utf-8")
    result = cli("corpus", "validate", path)
    assert result.exit_code == 2
    assert "missing field 'source.grade'" in result.output


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
