"""compare: FRUS text and MAGIC wordings, one after the other in a pipe, with --diff markers."""

import csv
import io
import json
import re

from magiccli.text import fold_plain

from .conftest import ANSI, run_in_terminal, run_magiccli, source_lines

MARK = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.S)


def unmarked(text):
    return MARK.sub(lambda m: m[1] if m[1] is not None else m[2], text)


def test_compare_prints_the_frus_text_then_each_magic_wording(cli, corpus):
    result = cli("compare", "932")
    assert result.exit_code == 0
    cable = corpus.by_id["frus1945Berlinv02-d1230"]
    blocks = result.output.split("\n== ")
    assert len(blocks) == len(cable.translations)
    for block, wording in zip(blocks, cable.translations):
        assert block.lstrip("= ").startswith(
            "No. 932 Togo → Sato · Tokyo, 1945-07-21 21:30 JST, 12:30 UTC ==\nText from: FRUS, Conference of Berlin "
            "(Potsdam) 1945, vol. II, document 1230 (Office of the Historian). "
            "https://history.state.gov/historicaldocuments/frus1945Berlinv02/d1230 [grade: published]\n"
            "FRUS translation (frus1945Berlinv02/d1230):\n"
        )
        assert cable.text in block and wording.text in block
        assert (
            block.index(cable.text) < block.index(f"MAGIC summary wording ({wording.id};") < block.index(wording.text)
        )
        for source in wording.sources:
            assert f"  — {source.title}. {source.url} [grade: {source.grade}]\n" in block


def test_diff_marks_exactly_the_words_one_side_lacks(cli, corpus):
    output = cli("compare", "932", "--diff", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(output)))
    cable = corpus.by_id["frus1945Berlinv02-d1230"]
    assert [r["translation"] for r in rows] == [t.id for t in cable.translations]
    for row, wording in zip(rows, cable.translations):
        assert unmarked(row["frus"]) == cable.text and unmarked(row["magic"]) == wording.text
        assert "{+" not in row["frus"] and "[-" not in row["magic"]
        # the wording's unmarked words are the FRUS text's, whatever their case and punctuation, in one stretch of
        # it (a short excerpt is compared with its passage alone: the FRUS words around that are unmarked too)
        assert f" {fold_plain(MARK.sub(' ', row['magic']))} " in f" {fold_plain(MARK.sub(' ', row['frus']))} "

    seed = next(r for r in rows if r["translation"] == "magic-932-unable-to-consent")
    assert "{+With regard to+} unconditional surrender" in seed["magic"]


def test_a_date_compares_only_the_cables_with_a_wording(cli, corpus):
    output = cli("compare", "1945-07-21", "--format", "tsv").output.splitlines()
    day = [c for c in corpus.cables if c.date == "1945-07-21"]
    assert len(output) - 1 == sum(len(c.translations) for c in day)
    assert {line.split("\t")[1] for line in output[1:]} == {c.telegram_no for c in day if c.translations}


def test_a_cable_without_wording_names_those_with_one(cli, corpus):
    result = cli("compare", "894")
    having = sorted((c for c in corpus.cables if c.translations), key=lambda c: (c.date, c.time or ""))
    assert result.exit_code == 1
    assert result.output == (
        "magiccli: no MAGIC summary wording is known for No. 894 Togo → Sato; cables with one: "
        + ", ".join(c.telegram_no for c in having)
        + "\n"
    )


def test_side_by_side_on_a_wide_terminal_one_after_the_other_on_a_narrow_one():
    wide = run_in_terminal("compare", "913", columns=160).stdout
    narrow = run_in_terminal("compare", "913", columns=80).stdout
    strip = re.compile(r"\x1b\[[0-9;]*m")
    wide_lines, narrow_lines = strip.sub("", wide).splitlines(), strip.sub("", narrow).splitlines()
    # side by side, the first FRUS line and the first MAGIC line share a row; one after the other, they do not
    assert any("913. Re your telegram No. 1392." in l and "Negotiations" in l for l in wide_lines)
    assert not any("913. Re your telegram No. 1392." in l and "Negotiations" in l for l in narrow_lines)
    assert max(map(len, narrow_lines)) <= 80


def test_a_short_excerpt_is_compared_with_the_passage_it_comes_from(cli):
    """A MAGIC fragment of a sentence or two is diffed against its place in the FRUS text, not the whole telegram:
    the FRUS words elsewhere are not 'FRUS only'; an excerpt from the part of a text the corpus lacks marks none."""
    pairs = cli("compare", "913", "--diff").output.split("\n== ")
    fragment = next(p for p in pairs if "magic-913-war-strength" in p)
    frus = fragment.split("MAGIC summary wording")[0]
    assert frus.count("[-") >= 1 and "[-913." not in frus and "[-1. In the present" not in frus
    lacking = cli("compare", "1427", "--diff").output.split("MAGIC summary wording")[0]
    assert "[-" not in lacking and "1427. Re your telegram No. 913." in lacking


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
        assert obj["source"] == {
            "title": wording.source.title,
            "url": wording.source.url,
            "grade": wording.source.grade,
        }
        assert obj["other_sources"] == [
            {"title": s.title, "url": s.url, "grade": s.grade} for s in wording.other_sources
        ]


def test_compare_says_no_wording_reaches_the_grade():
    result = run_magiccli("compare", "932", "--min-grade", "published")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "magiccli: no MAGIC summary wording of No. 932 Togo → Sato comes from a source graded published or better\n"
    )
    assert run_magiccli("compare", "932", "--min-grade", "weak").stdout == run_magiccli("compare", "932").stdout
