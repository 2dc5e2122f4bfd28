"""True time in every format: tab, CSV and JSON rows carry the zone and the UTC instant, so that a spreadsheet sorted
on utc puts the telegrams in the order they were sent."""

import csv
import io
import json


def test_sorting_export_csv_on_utc_puts_931_and_932_before_1433(cli):
    rows = list(csv.DictReader(io.StringIO(cli("export", "--kind", "cable", "--format", "csv").output)))
    day = sorted((r for r in rows if r["date"] == "1945-07-21"), key=lambda r: r["utc"])
    assert [(r["telegram_no"], r["time"], r["zone"], r["utc"]) for r in day] == [
        ("931", "21:30", "JST", "1945-07-21T12:30Z"),
        ("932", "21:30", "JST", "1945-07-21T12:30Z"),
        ("1433", "17:00", "MSK", "1945-07-21T14:00Z"),
    ]
    # sorted on date and local time, as a spreadsheet did before, 1433 came first: the wrong order
    assert sorted(day, key=lambda r: (r["date"], r["time"]))[0]["telegram_no"] == "1433"


def test_zone_and_utc_stand_last_in_timeline_and_cable_list(cli):
    header, *lines = cli(
        "timeline", "--kind", "cable", "--from", "1945-07-21", "--to", "1945-07-21", "--format", "tsv"
    ).output.splitlines()
    assert header == "date\tend\tkind\tid\ttitle\ttime\tcomplete\tzone\tutc"
    assert [line.split("\t")[-2:] for line in lines] == [
        ["JST", "1945-07-21T12:30Z"],
        ["JST", "1945-07-21T12:30Z"],
        ["MSK", "1945-07-21T14:00Z"],
    ]
    listed = cli("cable", "1433", "--list", "--format", "csv").output.splitlines()
    assert listed[0] == "date,time,telegram_no,parties,place,id,complete,matched_on,title,zone,utc"
    assert listed[1].endswith(",MSK,1945-07-21T14:00Z")


def test_json_objects_carry_zone_and_instant(cli):
    for args in (
        ("timeline", "--kind", "cable", "--from", "1945-07-21", "--to", "1945-07-21"),
        ("export", "--kind", "cable", "--from", "1945-07-21", "--to", "1945-07-21"),
        ("cable", "1945-07-21", "--list"),
    ):
        objects = [json.loads(line) for line in cli(*args, "--format", "jsonl").output.splitlines()]
        assert [(o["zone"], o["instant"]) for o in objects] == [
            ("JST", "1945-07-21T12:30Z"),
            ("JST", "1945-07-21T12:30Z"),
            ("MSK", "1945-07-21T14:00Z"),
        ], args
    (event,) = json.loads(cli("show", "1945-08-08-soviet-declaration-of-war", "--format", "json").output)
    assert (event["zone"], event["instant"]) == ("MSK", "1945-08-08T14:00Z")
    graded = [
        json.loads(line)
        for line in cli(
            "export",
            "--kind",
            "cable",
            "--from",
            "1945-07-21",
            "--to",
            "1945-07-21",
            "--min-grade",
            "published",
            "--format",
            "jsonl",
        ).output.splitlines()
    ]
    assert {(o["time"], o["zone"], o["instant"]) for o in graded} == {
        (None, None, None)
    }  # the time rests on a web index


def test_export_rows_for_a_spreadsheet(cli):
    rows = {
        r["telegram_no"]: r
        for r in csv.DictReader(io.StringIO(cli("export", "--kind", "cable", "--format", "csv").output))
    }
    header = cli("export", "--kind", "cable", "--format", "csv").output.splitlines()[0].split(",")
    assert header[-12:] == [
        "best_translation_grade",
        "volume",
        "document",
        "first_page",
        "file_number",
        "text_from",
        "text_grade",
        "time_from",
        "time_grade",
        "zone",
        "utc",
        "in_reply_to_telegrams",
    ]
    pick = (
        "volume",
        "document",
        "first_page",
        "file_number",
        "text_grade",
        "time_grade",
        "in_reply_to",
        "in_reply_to_telegrams",
    )
    assert [rows["893"][k] for k in pick] == [
        "1",
        "582",
        "875",
        "761.94/7–2145",
        "published",
        "secondary-web",
        "frus1945Berlinv01-d581",
        "",
    ]
    assert [rows["890"][k] for k in ("in_reply_to", "in_reply_to_telegrams")] == ["", "884"]
    assert (rows["1441"]["text_grade"], rows["1441"]["text_from"]) == (
        "weak",
        "https://community.timeghost.tv/t/america-at-war-1941-part-5/11876/7384",
    )
    assert (
        rows["932"]["time_from"]
        == "http://web.archive.org/web/20040430005234/www.nuclearfiles.org/redocuments/togo-sato-index.html"
    )


def test_export_json_carries_the_magic_wordings_with_their_witnesses(cli):
    (cable,) = [
        json.loads(line)
        for line in cli("export", "--kind", "cable", "--format", "jsonl").output.splitlines()
        if json.loads(line)["telegram_no"] == "932"
    ]
    witnesses = [w for t in cable["translations"] for w in t["witnesses"]]
    assert witnesses and all(w["source"]["grade"] for w in witnesses)
