"""quote: every passage that says a phrase, in context or counted; insensitive to case, accents and punctuation;
the sources searched unless asked for our own summaries; a name of the register found in every spelling; each hit
with the grade of its source, and --min-grade."""

import json
import re

import pytest

from .conftest import ANSI, run_in_terminal, run_magiccli


def test_quote_is_insensitive_to_case_accents_and_punctuation(cli):
    plain = cli("quote", "unconditional surrender").output
    assert plain
    assert cli("quote", "Unconditional-Surrender").output == plain
    assert cli("quote", "UNCONDITIONAL SURRENDER!").output == plain


def test_quote_lines_carry_date_reference_and_context(cli, corpus):
    lines = cli("quote", "unconditional surrender", "--context", "20").output.splitlines()
    for line in lines:
        _date, source_id, _field, _label, left, hit, right, grade = line.split("\t")
        assert hit.lower() == "unconditional surrender"
        assert grade in ("published", "weak", "secondary-web")
        assert len(left) <= 20 and len(right) <= 20
        assert source_id in corpus.by_id
    assert any(
        l.startswith("1945-07-21\tmagic-932-unable-to-consent\tmagic\tNo. 932 Togo → Sato (MAGIC)\t") for l in lines
    )


def test_quote_count_sums_to_the_hits(cli):
    hits = cli("quote", "unconditional surrender").output.splitlines()
    counts = [line.split("\t") for line in cli("quote", "unconditional surrender", "--count").output.splitlines()]
    assert sum(int(row[0]) for row in counts) == len(hits)


def test_quote_in_restricts_the_texts_searched(cli):
    magic = cli("quote", "unconditional surrender", "--in", "magic").output.splitlines()
    assert magic and all(l.split("\t")[2] == "magic" for l in magic)


def test_quote_regex_case_sensitive_and_all_words(cli):
    assert cli("quote", "Konoye", "--case-sensitive").exit_code == 0
    assert cli("quote", "KONOYE", "--case-sensitive").exit_code == 1
    regex = cli("quote", r"unconditional\s+surrender", "--regex").output.splitlines()
    assert len(regex) == len(cli("quote", "unconditional surrender").output.splitlines())
    both = cli("quote", "surrender emperor", "--all-words", "--full").output.splitlines()
    assert both and all("surrender" in l.lower() and "emperor" in l.lower() for l in both)


def test_quote_invalid_regex_and_nothing_found(cli):
    bad = cli("quote", "(unclosed", "--regex")
    assert bad.exit_code == 2 and bad.output.startswith("magiccli: invalid regular expression: ")
    none = cli("quote", "zeppelin airship")
    assert (none.exit_code, none.output) == (1, "magiccli: no passage says 'zeppelin airship'\n")


KONOE = "searched: Konoye, Konoe, 近衛文麿, 近衞文麿\n"


def test_our_summaries_are_searched_only_when_asked(cli):
    # "Konoe" is the spelling of our event summaries; the FRUS texts and MAGIC wordings spell him "Konoye"
    sources = run_magiccli("quote", "konoe", "--literal", "--count")
    assert (sources.returncode, sources.stdout, sources.stderr) == (1, "", "magiccli: no passage says 'konoe'\n")
    ours = cli("quote", "konoe", "--literal", "--in", "summary", "--format", "tsv").stdout.splitlines()
    assert ours[0] == "date\tid\tfield\tlabel\tleft\thit\tright\tgrade"
    assert {line.split("\t")[2] for line in ours[1:]} == {"summary"} and len(ours) == 7


def test_the_count_from_the_index_leaves_our_summaries_out(cli):
    counted = cli("quote", "Soong", "--literal", "--count").stdout  # counted by the index alone
    read = cli("quote", "Soong", "--literal", "--count", "--from", "1900").stdout  # counted from the records
    assert counted == read == "1\t1945-07-11\tfrus1945Berlinv01-d580\tNo. 890 Togo → Sato\tpublished\n"
    assert cli("quote", "Soong", "--literal", "--count", "--in", "summary").stdout == (
        "3\t1945-06-30\t1945-06-30-soong-stalin-talks\tSoong–Stalin talks in Moscow on the Yalta terms for China\tpublished\n"
    )


def test_a_name_finds_every_spelling_of_the_person(cli):
    konoe = run_magiccli("quote", "konoe", "--count")
    konoye = run_magiccli("quote", "Prince Fumimaro Konoye", "--count")
    assert konoe.stderr == konoye.stderr == KONOE
    assert konoe.stdout == konoye.stdout == run_magiccli("quote", "konoye", "--literal", "--count").stdout
    assert konoe.stdout.splitlines()[0] == "1\t1945-07-12\tfrus1945Berlinv01-d582\tNo. 893 Togo → Sato\tpublished"
    # "Prince Fumimaro Konoye" holds "Konoye": one hit, not two, centred on the shorter spelling
    first = run_magiccli("quote", "konoe", "--context", "15").stdout.splitlines()[0]
    assert (
        first
        == "1945-07-12\tfrus1945Berlinv01-d582\tcable\tNo. 893 Togo → Sato\trince Fumimaro \tKonoye\t as special env\tpublished"
    )


def test_literal_and_the_other_modes_search_the_phrase_alone(cli):
    for args in (["--literal"], ["--regex"], ["--all-words"], ["--case-sensitive"]):
        result = run_magiccli("quote", "Konoye", *args, "--count")
        assert result.returncode == 0 and result.stderr == "", args
    assert run_magiccli("quote", "zeppelin").stderr == "magiccli: no passage says 'zeppelin'\n"  # not a name: no note


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
    found = hits(
        cli, phrase, "--in", "cable", "--in", "footnote", "--in", "magic", "--in", "official", "--in", "summary"
    )
    assert {h["field"] for h in found} >= {"cable", "magic"}
    assert [h["grade"] for h in found] == [expected_grade(corpus, h) for h in found]


def test_the_grade_is_the_last_column_of_a_quote_line(cli):
    line = cli("quote", "unconditional surrender", "--in", "magic").stdout.splitlines()[0]
    assert line.split("\t")[-1] == "weak"
    assert len(line.split("\t")) == 8


@pytest.mark.parametrize("least", RANK)
def test_min_grade_keeps_exactly_the_hits_graded_that_or_better(cli, least):
    every = hits(cli, "emperor", "--in", "cable", "--in", "magic", "--in", "official", "--in", "summary")
    kept = hits(
        cli, "emperor", "--in", "cable", "--in", "magic", "--in", "official", "--in", "summary", "--min-grade", least
    )
    assert kept == [h for h in every if RANK.index(h["grade"]) <= RANK.index(least)]


@pytest.mark.parametrize("phrase", ["unconditional surrender", "emperor", "konoye"])
def test_counts_by_the_index_and_from_the_texts_agree_under_min_grade(cli, phrase):
    # without a filter the index counts the hits; --from makes quote count them in the records' texts
    by_index = cli("quote", phrase, "--count", "--min-grade", "published", "--format", "jsonl").stdout
    from_texts = cli(
        "quote", phrase, "--count", "--min-grade", "published", "--from", "1900", "--format", "jsonl"
    ).stdout
    assert by_index == from_texts
    rows = [json.loads(line) for line in by_index.splitlines()]
    every = [json.loads(line) for line in cli("quote", phrase, "--count", "--format", "jsonl").stdout.splitlines()]
    assert rows and rows == [r for r in every if r["grade"] in ("archival", "published")]


def test_a_terminal_shows_each_hit_and_count_with_its_grade(cli):
    piped = [line.split("\t") for line in cli("quote", "unconditional surrender", "--count").stdout.splitlines()]
    screen = ANSI.sub("", run_in_terminal("quote", "unconditional surrender", "--count", columns=160).stdout)
    shown = [line.split() for line in screen.splitlines()][: len(piped)]
    assert [(words[0], words[-1]) for words in shown] == [(row[0], row[-1]) for row in piped]
    assert {row[-1] for row in piped} == {"published", "weak", "secondary-web"}
    hits = ANSI.sub("", run_in_terminal("quote", "unconditional surrender", "--in", "magic", columns=200).stdout)
    rows = [line for line in hits.splitlines() if line.strip()]
    assert rows and all(re.search(r"\(MAGIC\) +weak ", line) for line in rows)


def test_an_unknown_grade_is_a_one_line_usage_error():
    result = run_magiccli("quote", "emperor", "--min-grade", "good")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "'good' is not one of" in result.stderr


def test_a_name_two_people_share_is_searched_as_written_and_stderr_says_why():
    result = run_magiccli("quote", "roosevelt", "--count")
    assert result.stderr == (
        "searched: roosevelt as written: it names 2 people of the register (Franklin D. Roosevelt, "
        "Theodore Roosevelt); a fuller name finds every spelling of one\n"
    )
    assert result.stdout == run_magiccli("quote", "roosevelt", "--count", "--literal").stdout


def test_a_phrase_is_found_in_each_paragraph_of_a_cable_never_across_two(cli, tmp_path):
    """A cable's text is searched whole for the paragraphs that may hold the phrase; a match that would run from one
    paragraph into the next must neither count nor hide the one inside the next paragraph."""
    import yaml

    from magiccli.load import bundled_corpus

    cable = yaml.safe_load((bundled_corpus() / "cables/frus1945Berlinv01-d582.yaml").read_text(encoding="utf-8"))
    cable.update(id="user-peace-cable", telegram_no=None, footnotes=[])
    cable["text"] = (
        "Talks on quince\n\nquince quince at once.\n\nNothing here.\n\nQuince, quince! And quince\n\nquince."
    )
    (tmp_path / "peace.yaml").write_text(yaml.safe_dump(cable, allow_unicode=True), encoding="utf-8")
    found = cli("--corpus", tmp_path, "quote", "quince quince", "--context", "3")
    assert found.output.splitlines() == [
        "1945-07-12\tuser-peace-cable\tcable\tTelegram Togo → Sato\t\tquince quince\t at\tpublished",
        "1945-07-12\tuser-peace-cable\tcable\tTelegram Togo → Sato\t\tQuince, quince\t! A\tpublished",
    ]
