"""The commands as a user runs them: in-process through CliRunner, and as real processes in a pipe."""

import csv
import io
import json
import os
import re
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT, RUN_THEN_LIST_MODULES, run_magiccli

ESCAPE = re.compile(r"\x1b\[")


def test_version(cli):
    from magiccli import __version__

    result = cli("--version")
    assert result.exit_code == 0
    assert result.output == f"magiccli {__version__}\n"


# --- cable ---------------------------------------------------------------------------------------------------


def test_cable_of_a_day_prints_each_cable_with_header_text_and_citation(cli, corpus):
    result = cli("cable", "1945-07-21")
    assert result.exit_code == 0
    headers = [l for l in result.output.splitlines() if l.startswith("== ")]
    assert headers == [
        "== No. 931 Togo → Sato · Tokyo, 1945-07-21 21:30 JST, 12:30 UTC ==",
        "== No. 932 Togo → Sato · Tokyo, 1945-07-21 21:30 JST, 12:30 UTC ==",
        "== No. 1433 Sato → Togo · Moscow, 1945-07-21 17:00 MSK, 14:00 UTC ==",
    ]
    for number in ("931", "932", "1433"):
        cable = next(c for c in corpus.cables if c.telegram_no == number)
        for paragraph in cable.paragraphs:
            assert paragraph in result.output
        assert f"Citation: {cable.citation.volume_title}, document {cable.citation.document}" in result.output
    assert "in reply to: No. 1417, No. 1418" in result.output


@pytest.mark.parametrize("ref", ["932", "frus1945Berlinv02-d1230", "frus1945Berlinv02/d1230", "magic-932-unable-to-consent"])
def test_one_cable_by_number_id_frus_reference_or_translation_id(cli, ref):
    result = cli("cable", ref)
    assert result.exit_code == 0
    assert [l for l in result.output.splitlines() if l.startswith("== ")] == [
        "== No. 932 Togo → Sato · Tokyo, 1945-07-21 21:30 JST, 12:30 UTC =="
    ]


def test_cable_range_and_month_list_in_date_order(cli, corpus):
    result = cli("cable", "1945-07-12..1945-07-13", "--list")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.output.splitlines()]
    sent = {c.id for c in corpus.cables if "1945-07-12" <= c.date <= "1945-07-13"}
    assert {row[5] for row in rows if row[7].startswith("sent ")} == sent
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    # No. 890 was sent on the 11th; the seed dates its MAGIC wording the 12th, which finds it too
    assert ["1945-07-11", "890", "MAGIC wording quoted as of 1945-07-12"] == [rows[0][0], rows[0][2], rows[0][7][:37]]
    month = cli("cable", "1945-07", "--list").output.splitlines()
    assert len(month) == len([c for c in corpus.cables if c.date.startswith("1945-07")])


def test_no_cable_on_a_day_names_the_nearest_days(cli):
    result = cli("cable", "1945-07-14")
    assert result.exit_code == 1
    assert result.output == "magiccli: no cable on 1945-07-14; nearest: 1945-07-13 (898, 1385, 1386), 1945-07-15 (1392)\n"


def test_unknown_id_is_not_found(cli):
    result = cli("cable", "July")
    assert (result.exit_code, result.output) == (1, "magiccli: no cable with id July in the corpus\n")


@pytest.mark.parametrize("ref", ["1945-13-01", "1945-02-30", "1945-07-21..1945-07-01", "a/b", "1945-07-1"])
def test_malformed_reference_is_one_line_and_exit_2(cli, ref):
    result = cli("cable", ref)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert result.output.startswith("magiccli: ")
    assert "a date 1945-07-21" in result.output or "ends before it starts" in result.output


@pytest.mark.parametrize(
    "day, translation_id, opening",
    [
        ("1945-07-12", "magic-890-secretly-considering", "We are now secretly giving consideration to termination of the war"),
        ("1945-07-13", "magic-893-emperor-mindful", "His Majesty the Emperor, mindful of the fact"),
        ("1945-07-17", "magic-913-emperor-determination", "The Emperor himself has deigned to express his determination"),
        ("1945-07-21", "magic-932-unable-to-consent", "With regard to unconditional surrender"),
    ],
)
def test_each_seed_quote_is_shown_for_its_date(cli, corpus, day, translation_id, opening):
    translation = corpus.by_id[translation_id]
    result = cli("cable", day, "--translation", "all")
    assert result.exit_code == 0
    assert translation.text.startswith(opening)
    assert translation.text.split("\n")[0] in result.output
    assert f"MAGIC summary wording ({translation_id};" in result.output


def test_a_summary_date_finds_its_cable_and_says_so(cli):
    result = cli("cable", "1945-07-13", "--list")
    rows = [line.split("\t") for line in result.output.splitlines()]
    by_number = {row[2]: row[7] for row in rows}
    assert by_number["893"] == "MAGIC wording quoted as of 1945-07-13 (magic-893-emperor-mindful)"
    assert by_number["898"] == "sent 1945-07-13"


def test_cable_json_carries_corpus_fields(cli, corpus):
    result = cli("cable", "932", "--format", "json")
    data = json.loads(result.output)
    assert [d["id"] for d in data] == ["frus1945Berlinv02-d1230"]
    assert data[0]["from"] == "togo-shigenori" and data[0]["to"] == "sato-naotake"
    assert data[0]["text"] == corpus.by_id["frus1945Berlinv02-d1230"].text
    assert {t["id"] for t in data[0]["translations"]} >= {"magic-932-unable-to-consent"}


# --- timeline ------------------------------------------------------------------------------------------------


def test_timeline_lists_every_record_in_date_order_starting_with_its_date(cli, corpus):
    lines = cli("timeline").output.splitlines()
    assert len(lines) == len(corpus.records)
    dates = [line.split("\t")[0] for line in lines]
    assert dates == sorted(dates)
    assert all(re.match(r"^\d{4}-\d{2}-\d{2}\t", line) for line in lines)


def test_timeline_filters_combine(cli, corpus):
    lines = cli("timeline", "--kind", "cable", "--direction", "moscow-tokyo", "--from", "1945-07-20", "--to", "1945-07-25").output.splitlines()
    expected = [c for c in corpus.records if c.kind == "cable" and c.place == "Moscow" and c.doc_type == "telegram"
                and "1945-07-20" <= c.date <= "1945-07-25"]
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
        assert output.splitlines()[0] == "| date | end | kind | id | title | time | complete | zone | utc |" and len(output.splitlines()) == n + 2


# --- quote ---------------------------------------------------------------------------------------------------


def test_quote_is_insensitive_to_case_accents_and_punctuation(cli):
    plain = cli("quote", "unconditional surrender").output
    assert plain
    assert cli("quote", "Unconditional-Surrender").output == plain
    assert cli("quote", "UNCONDITIONAL SURRENDER!").output == plain


def test_quote_lines_carry_date_reference_and_context(cli, corpus):
    lines = cli("quote", "unconditional surrender", "--context", "20").output.splitlines()
    for line in lines:
        date, source_id, field, label, left, hit, right, grade = line.split("\t")
        assert hit.lower() == "unconditional surrender"
        assert grade in ("published", "weak", "secondary-web")
        assert len(left) <= 20 and len(right) <= 20
        assert source_id in corpus.by_id
    assert any(l.startswith("1945-07-21\tmagic-932-unable-to-consent\tmagic\tNo. 932 Togo → Sato (MAGIC)\t") for l in lines)


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


# --- real processes: pipes, terminals, installs ---------------------------------------------------------------


def test_piped_output_has_no_escape_codes_and_is_not_wrapped():
    for args in (["timeline"], ["cable", "1945-07-21"], ["quote", "unconditional surrender"], ["quote", "emperor", "--count"]):
        result = run_magiccli(*args, env={"COLUMNS": "40"})
        assert result.returncode == 0, result.stderr
        assert not ESCAPE.search(result.stdout), args
    long_line = max(run_magiccli("cable", "932", env={"COLUMNS": "40"}).stdout.splitlines(), key=len)
    assert len(long_line) > 200  # a paragraph stays on one line


SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("args", [["timeline", "--header"], ["quote", "konoye", "--count"], ["corpus", "info"]])
def test_color_always_and_force_color_colour_the_pipes_layout_and_no_color_wins(args):
    plain = run_magiccli(*args).stdout
    for coloured in (run_magiccli(*args, "--color", "always").stdout, run_magiccli(*args, env={"FORCE_COLOR": "1"}).stdout):
        assert SGR.search(coloured)
        assert SGR.sub("", coloured) == plain  # the same tab-separated lines, coloured
    assert run_magiccli(*args, "--color", "always", env={"NO_COLOR": "1"}).stdout == plain
    assert run_magiccli(*args, "--format", "tsv", env={"FORCE_COLOR": "1"}).stdout.count("\x1b") == 0  # data stays data


def test_piping_into_head_prints_no_traceback():
    for command in ("timeline", "cable 1945-07", "quote the"):
        shell = f"{sys.executable} -m magiccli {command} | head -1"
        result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True)
        assert result.stdout.count("\n") == 1
        assert result.stderr == "", result.stderr


def test_installed_wheel_works_from_any_directory(tmp_path):
    """Build the wheel, install it apart from the checkout, and run it from elsewhere."""
    wheel_dir, target, elsewhere = tmp_path / "wheel", tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", wheel_dir, ROOT],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    (wheel,) = wheel_dir.glob("magiccli-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "magiccli/corpus/schema.json" in names
    assert "magiccli/corpus/cables/frus1945Berlinv02-d1230.yaml" in names
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    env = {"PYTHONPATH": str(target)}
    where = run_magiccli("-c", "pass", env=env, cwd=elsewhere)  # noqa: the next line asks the module itself
    located = subprocess.run([sys.executable, "-c", "import magiccli.load as l; print(l.bundled_corpus())"],
                             capture_output=True, text=True, cwd=elsewhere, env={**os.environ, **env})
    assert located.stdout.strip().startswith(str(target)), located.stdout
    result = run_magiccli("cable", "1945-07-21", env=env, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "== No. 932 Togo → Sato" in result.stdout


@pytest.mark.parametrize(
    "words, cword, expected",
    [
        ("magiccli cable 1945-07-2", 2, ["1945-07-20", "1945-07-21"]),
        ("magiccli cable 93", 2, ["931", "932"]),
        ("magiccli timeline --actor Kon", 3, ["Konoe", "Konoe Fumimaro", "Konoye"]),
        ("magiccli timeline --kind tr", 3, ["treaty"]),
    ],
)
def test_shell_completion_offers_corpus_values(words, cword, expected):
    result = run_magiccli(env={"_MAGICCLI_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    offered = result.stdout.splitlines()
    assert all(value in offered for value in expected), offered
    assert all(value.casefold().startswith(words.split()[-1].casefold()) for value in offered)


def test_a_latin_1_terminal_gets_replacement_characters_not_an_error():
    result = run_magiccli("cable", "932", env={"PYTHONIOENCODING": "latin-1", "LC_ALL": "C", "LANG": "C"})
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_json_to_a_stream_of_another_encoding_is_in_that_encoding(fmt):
    """export writes the records it holds in UTF-8 as they are, but not to an ASCII stream: there, as through the
    text layer, a character the encoding lacks becomes ?."""
    args = ["export", "--from", "1945-07-12", "--to", "1945-07-13", "--format", fmt]
    in_utf8 = run_magiccli(*args).stdout
    in_ascii = run_magiccli(*args, env={"PYTHONIOENCODING": "ascii"})
    assert not in_utf8.isascii() and in_ascii.returncode == 0
    assert in_ascii.stdout == in_utf8.encode("ascii", "replace").decode()


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
    lines = cli("timeline", "--kind", "treaty", "--kind", "conference", "--kind", "diplomatic", "--kind", "military",
                "--kind", "domestic", "--kind", "intelligence", "--from", date, "--to", date).output.splitlines()
    assert any(line.startswith(date + "\t") and words in line.lower() for line in lines), lines


_LINES_BOTH_WAYS = [
    ("cable", "1945-07-21"), ("cable", "932"), ("cable", "1945-07-14"), ("cable", "no-such-thing"),
    ("cable", "1945-07", "--list"), ("cable", "893", "-l"), ("cable", "--list", "1945-07-21", "--header"),
    ("cable", "932", "--format", "json"), ("cable", "932", "--format=csv", "--no-pager"), ("--quiet", "cable", "932"),
    ("cable", "1945-07", "--list", "--actor", "lozovsky", "--direction", "moscow-tokyo"),
    ("quote", "unconditional surrender"), ("quote", "konoye", "--count"), ("quote", "Konoye", "-c", "--full"),
    ("quote", "zzz", "--count"), ("quote", "soviet union", "--all-words", "--full"), ("quote", "(a+)+$", "--count"),
    ("quote", "emperor", "--in", "magic", "--in", "official", "-C", "10"), ("quote", "konoye", "--by", "month"),
    ("thread", "1441"), ("thread", "890", "--down", "--format", "csv"), ("who",), ("who", "konoye"),
    ("compare", "893", "--diff"), ("compare", "932", "--min-grade", "published"), ("cite", "932", "--style", "bibtex"),
    ("timeline", "--from", "1945-07", "--to", "1945-07"), ("timeline", "-k", "cable", "-d", "moscow-tokyo", "--header"),
    ("timeline", "--kind", "cable", "--kind", "treaty", "--limit", "5", "--reverse", "--color", "always"),
    ("export", "--format", "tsv", "--min-grade", "published"),
    # lines typer explains: a value a parameter refuses, a repeated or unknown option, a missing argument
    ("timeline", "--limit", "0"), ("quote", "x", "--context", "99999"), ("cable", "932", "--format", "yaml"),
    ("timeline", "--kind", "nope"), ("quote", "konoye", "-c", "-c"), ("thread",), ("timeline", "--from"),
    ("cable", "932", "--bogus"), ("cable", "932", "--list=yes"), ("--corpus", "", "cable", "932"), ("corpus", "info"),
]


@pytest.mark.parametrize("args", _LINES_BOTH_WAYS)
def test_a_line_run_without_typers_parsing_prints_what_typer_prints(typer_cli, args):
    """main() runs most lines without typer (see magiccli.direct); typer_cli always uses typer."""
    typed = typer_cli(*args, prog_name="magiccli")
    direct = run_magiccli(*args, input="")
    assert (direct.returncode, direct.stdout, direct.stderr) == (typed.exit_code, typed.stdout, typed.stderr)


@pytest.mark.parametrize("args, through_typer", [
    (("cable", "932"), False), (("quote", "konoye", "--count"), False), (("who", "konoye"), False),
    (("timeline", "--from", "1945-07", "--to", "1945-07"), False), (("--quiet", "thread", "1441", "--up"), False),
    (("quote", "konoye", "-c", "-c"), True), (("cable", "932", "--help"), True), (("timeline", "--limit", "0"), True),
    (("timeline", "-rn", "3"), True), (("corpus", "info"), True)])
def test_only_lines_typer_must_explain_go_through_its_parsing(args, through_typer):
    loaded = subprocess.run([sys.executable, "-c", RUN_THEN_LIST_MODULES, *args], capture_output=True, text=True).stderr.split()
    assert ("typer-parsing" in loaded) is through_typer
    assert through_typer or "pydantic" not in loaded  # what typer's parsing costs in recent releases
