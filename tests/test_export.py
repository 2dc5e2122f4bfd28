"""export: the corpus for other tools, filtered like the timeline."""

import csv
import io
import json

import yaml


def test_jsonl_holds_every_record_in_timeline_order_with_its_fields(cli, corpus):
    result = cli("export")
    assert result.exit_code == 0
    objects = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in objects] == [r.id for r in corpus.records]
    cable = next(o for o in objects if o["id"] == "frus1945Berlinv02-d1230")
    assert cable["text"] == corpus.by_id["frus1945Berlinv02-d1230"].text
    assert [t["id"] for t in cable["translations"]] == [
        t.id for t in corpus.by_id["frus1945Berlinv02-d1230"].translations
    ]


def test_filters_are_the_timelines(cli):
    args = ["--from", "1945-07-20", "--to", "1945-08-10", "--actor", "konoye"]
    timeline_ids = [line.split("\t")[3] for line in cli("timeline", *args).output.splitlines()]
    exported = [json.loads(line)["id"] for line in cli("export", *args).output.splitlines()]
    assert exported == timeline_ids and exported


def test_csv_is_one_flat_row_a_record_with_texts_intact(cli, corpus):
    rows = list(csv.DictReader(io.StringIO(cli("export", "--kind", "cable", "--format", "csv").output)))
    assert [r["id"] for r in rows] == [r.id for r in corpus.records if r.kind == "cable"]
    by_id = {r["id"]: r for r in rows}
    cable = corpus.by_id["frus1945Berlinv02-d1230"]
    row = by_id[cable.id]
    assert (row["telegram_no"], row["from"], row["to"], row["url"], row["text"]) == (
        "932",
        "togo-shigenori",
        "sato-naotake",
        cable.citation.url,
        cable.text,
    )
    assert row["tags"] == "; ".join(cable.tags)


def test_yaml_reads_back_as_the_json(cli):
    args = ["--kind", "treaty", "--kind", "cable", "--to", "1945-07-13"]
    from_yaml = yaml.safe_load(cli("export", *args, "--format", "yaml").output)
    from_json = json.loads(cli("export", *args, "--format", "json").output)
    assert from_yaml == from_json and len(from_json) > 1
    assert "text: |" in cli("export", *args, "--format", "yaml").output  # texts stay readable blocks


def test_tsv_has_a_header_and_one_line_a_record(cli, corpus):
    lines = cli("export", "--format", "tsv").output.splitlines()
    assert lines[0].split("\t")[:3] == ["kind", "id", "date"]
    assert len(lines) == len(corpus.records) + 1


def test_nothing_matching_and_bad_format(cli):
    assert cli("export", "--grep", "zeppelin airship").exit_code == 1
    assert cli("export", "--format", "xml").exit_code == 2


def test_export_csv_says_complete_what_it_answers_and_its_wordings(cli, corpus):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(cli("export", "--format", "csv").output))}
    assert list(rows["frus1945Berlinv01-d582"].items())[15:19] == [
        ("complete", "no"),
        ("in_reply_to", "frus1945Berlinv01-d581"),
        ("translations", "2"),
        ("best_translation_grade", "weak"),
    ]
    assert list(rows["frus1945Berlinv01-d584"].items())[15:19] == [
        ("complete", "no"),
        ("in_reply_to", "frus1945Berlinv01-d580; frus1945Berlinv01-d581"),
        ("translations", "0"),
        ("best_translation_grade", ""),
    ]
    for cable in corpus.cables:
        row = rows[cable.id]
        assert row["translations"] == str(len(cable.translations))
        assert (row["best_translation_grade"] == "") == (not cable.translations)
    assert cli("export", "--format", "tsv").output.splitlines()[0].split("\t")[15:19] == [
        "complete",
        "in_reply_to",
        "translations",
        "best_translation_grade",
    ]


def test_export_csv_gives_an_events_official_printing_in_the_citation_columns(cli):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(cli("export", "--format", "csv").output))}
    printed = ("volume", "document", "first_page", "file_number")
    assert [rows["1945-07-26-potsdam-declaration"][c] for c in printed] == ["2", "1382", "1474", ""]
    assert [rows["1945-08-10-japanese-conditional-acceptance"][c] for c in printed] == ["", "", "74", ""]
    assert [rows["1945-08-06-hiroshima"][c] for c in printed] == ["", "", "", ""]  # no official printing recorded


def test_export_min_grade_leaves_out_the_sources_below_it_and_records_left_without_one(cli, corpus):
    exported = [json.loads(line) for line in cli("export", "--min-grade", "published").stdout.splitlines()]
    every = [json.loads(line) for line in cli("export").stdout.splitlines()]
    reaches = {"archival", "published"}
    expected = []
    for record in every:
        if record["kind"] == "cable":  # kept with what of its text, time and wordings reaches the grade (model.graded)
            wordings = [
                {**t, "witnesses": [w for w in t["witnesses"] if w["source"]["grade"] in reaches]}
                for t in record["translations"]
                if t["witnesses"][0]["source"]["grade"] in reaches
            ]
            text_kept = record.get("text_from", {}).get("grade") in reaches
            time_kept = any(s["grade"] in reaches for s in record["time_from"])
            if wordings or text_kept or time_kept:
                kept = {**record, "translations": wordings}
                kept.update({} if text_kept else {"text": "", "footnotes": []})
                kept.update({} if time_kept else {"time": None, "zone": None, "instant": None})
                expected.append(kept)
        elif any(s["grade"] in reaches for s in record["sources"]):
            kept = {**record, "sources": [s for s in record["sources"] if s["grade"] in reaches]}
            if "official_text" in record and record["official_text"]["source"]["grade"] not in reaches:
                kept.pop("official_text")
            if not any(s["grade"] in reaches for s in record.get("time_from", [])):  # its time goes, the date stays
                for field in ("time", "time_place", "time_as_given", "time_from"):
                    kept.pop(field, None)
                kept.update(zone=None, instant=None)
            expected.append(kept)
    assert exported == expected
    assert len(exported) < len(every)
    rows = list(csv.DictReader(io.StringIO(cli("export", "--min-grade", "published", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == [r["id"] for r in expected]
    assert {r["translations"] for r in rows if r["kind"] == "cable"} == {"0"}


def test_every_min_grade_export_is_the_whole_export_at_weak(cli):
    assert cli("export", "--min-grade", "weak").stdout == cli("export").stdout
