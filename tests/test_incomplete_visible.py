"""Incomplete texts, reply links and MAGIC wordings visible wherever records are listed: the one-line timeline,
export's CSV/TSV and cable --list --header."""

import csv
import io


def test_the_timeline_line_ends_with_time_and_complete(cli):
    lines = cli("timeline", "--from", "1945-07-21", "--to", "1945-07-21", "--kind", "cable", "--format", "tsv").output
    assert [line.split("\t")[5:7] for line in lines.splitlines()] == [
        ["time", "complete"], ["21:30 JST", "yes"], ["21:30 JST", "no"], ["17:00 MSK", "yes"]]
    # an event whose official text is only in part is marked too
    treaty = cli("timeline", "--from", "1905-09-05", "--to", "1905-09-05").output
    assert treaty == "1905-09-05\t\ttreaty\t1905-09-05-treaty-of-portsmouth\tTreaty of Portsmouth signed\t\tno\t\t\n"


def test_export_csv_says_complete_what_it_answers_and_its_wordings(cli, corpus):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(cli("export", "--format", "csv").output))}
    assert list(rows["frus1945Berlinv01-d582"].items())[15:19] == [
        ("complete", "no"), ("in_reply_to", "frus1945Berlinv01-d581"), ("translations", "2"),
        ("best_translation_grade", "weak")]
    assert list(rows["frus1945Berlinv01-d584"].items())[15:19] == [
        ("complete", "no"), ("in_reply_to", "frus1945Berlinv01-d580; frus1945Berlinv01-d581"), ("translations", "0"),
        ("best_translation_grade", "")]
    for cable in corpus.cables:
        row = rows[cable.id]
        assert row["translations"] == str(len(cable.translations))
        assert (row["best_translation_grade"] == "") == (not cable.translations)
    assert cli("export", "--format", "tsv").output.splitlines()[0].split("\t")[15:19] == [
        "complete", "in_reply_to", "translations", "best_translation_grade"]


def test_cable_list_header(cli):
    assert cli("cable", "1945-07-21", "--list", "--header").output.splitlines()[:2] == [
        "date\ttime\ttelegram_no\tparties\tplace\tid\tcomplete\tmatched_on\ttitle\tzone\tutc",
        "1945-07-21\t21:30 JST\t931\tTogo → Sato\tTokyo\tfrus1945Berlinv02-d1229\tyes\tsent 1945-07-21\tThe Konoye"
        " mission's purpose defined\tJST\t1945-07-21T12:30Z"]
    assert cli("cable", "1945-07-21", "--list").output.splitlines()[0].startswith("1945-07-21\t21:30 JST\t931\t")
    alone = cli("cable", "932", "--header")
    assert (alone.exit_code, alone.output) == (2, "magiccli: --header names the columns of tab-separated rows; this "
                                                  "prints a document (try --format tsv, or --list)\n")
