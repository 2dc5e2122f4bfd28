"""TEI volumes of FRUS as corpus files: every command reads their documents, a document with a bundled record's id
completes that record, and a broken XML file is one line while the rest of the corpus answers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import run_magiccli

DATA = Path(__file__).parent / "data" / "tei"
QUEBEC = DATA / "frus1944Quebec-sample.xml"
CHINA = DATA / "frus1942China.xml"
BERLIN = DATA / "frus1945Berlinv02-fixture.xml"


def test_a_tei_volume_is_a_corpus_every_command_reads(cli):
    quebec = ("--corpus", QUEBEC)
    lines = cli(*quebec, "timeline", "--from", "1944-03-18", "--to", "1944-03-20").output.splitlines()
    assert [line.split("\t")[3] for line in lines] == ["frus1944Quebec-d1", "frus1944Quebec-d291", "frus1944Quebec-d2"]
    assert lines[0].split("\t")[4] == "No. 624 Churchill → Roosevelt: Prime Minister Churchill to President Roosevelt"
    shown = cli(*quebec, "cable", "frus1944Quebec/d2").output
    assert shown.startswith("== No. 506 Roosevelt → Churchill · Washington, 1944-03-20 ==\n")
    assert "take a complete rest of about two or three weeks" in shown  # the sentence a page break cuts in the TEI
    assert shown.endswith(
        "\nText from: Foreign Relations of the United States, Conference at Quebec, 1944, document 2, in the Office"
        " of the Historian's TEI volume. https://history.state.gov/historicaldocuments/frus1944Quebec/d2"
        " [grade: published]\nDate and time from:\n  — Foreign Relations of the United States, Conference at Quebec,"
        " 1944, document 2, its dateline, in the Office of the Historian's TEI volume."
        " https://history.state.gov/historicaldocuments/frus1944Quebec/d2 [grade: published]\n"
    )
    assert (
        "\nMAGIC summary wording: none in the corpus for this cable.\n"
        in cli(*quebec, "show", "frus1944Quebec-d2").output
    )
    assert "Conference at Quebec, 1944, document 2, pp. 3–4. https://history.state.gov/" in shown
    counted = cli(*quebec, "quote", "Former Naval Person", "--count").output.splitlines()
    assert "frus1944Quebec-d2" in [line.split("\t")[2] for line in counted]
    exported = json.loads(cli(*quebec, "export", "--from", "1944-03-20", "--to", "1944-03-20").output)
    assert exported["citation"]["pages"] == "3–4" and exported["from"] == "Roosevelt"
    assert (
        exported["citation"]["editors"]
        == ["Richardson Dougall", "Arthur G. Kogan", "Richard S. Patterson", "Irving L. Thomson"]
        and exported["citation"]["published"] == 1972
    )
    assert cli(*quebec, "corpus", "validate").output == "ok\n"


def test_a_tei_document_of_a_bundled_id_completes_the_bundled_record(cli):
    before = json.loads(cli("cable", "932", "--format", "jsonl").output)
    after = json.loads(cli("--corpus", BERLIN, "cable", "932", "--format", "jsonl").output)
    assert (before["complete"], after["complete"]) == (False, True)
    assert after["text"].startswith(before["text"].rstrip()[:-40]) and len(after["text"]) > len(before["text"])
    assert [note["n"] for note in after["footnotes"]] == [1, 2, 3]
    assert after["citation"]["pages"] == "1251–1252"
    for kept in ("title", "summary", "tags", "people", "in_reply_to", "date", "time", "translations"):
        assert after[kept] == before[kept], kept
    assert after["text_from"]["grade"] == "published" and after["text_from"]["title"].endswith(
        "Volume II, document 1230, in the Office of the Historian's TEI volume"
    )
    # FRUS's dateline gives the time the record had from a secondary index: the printed volume is its best source
    assert [source["grade"] for source in after["time_from"]] == ["published", "secondary-web"]
    assert after["time_from"][1:] == before["time_from"]
    assert cli("--corpus", BERLIN, "compare", "932").exit_code == 0  # its MAGIC wordings stay
    assert cli("--corpus", BERLIN, "corpus", "validate").output == "ok\n"  # one record, not a duplicate id


@pytest.mark.parametrize(
    "content, problem",
    [
        ("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><div type='document'", "XML"),
        (
            "<?xml version='1.0'?>\n<!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;'>]>\n<TEI>&lol2;</TEI>",
            "entit",
        ),
        ("<html><body>not TEI</body></html>", "TEI"),
    ],
)
def test_a_broken_xml_file_is_one_line_and_the_rest_answers(tmp_path, content, problem):
    folder = tmp_path / "volumes"
    folder.mkdir()
    shutil.copy(QUEBEC, folder / "frus1944Quebec.xml")
    (folder / "broken.xml").write_text(content, encoding="utf-8")
    result = run_magiccli("--corpus", folder, "cable", "frus1944Quebec-d2", "--list")
    assert result.returncode == 0 and "frus1944Quebec-d2" in result.stdout
    (warning,) = result.stderr.splitlines()
    assert warning.startswith(f"magiccli: {folder / 'broken.xml'}: left out: 1 problem(s)")
    checked = run_magiccli("corpus", "validate", folder)
    assert checked.returncode == 2 and problem in checked.stdout and f"{folder / 'broken.xml'}:" in checked.stdout


def test_duplicate_ids_across_volumes_are_problems_with_file_and_line(tmp_path):
    for name in ("a.xml", "b.xml"):
        shutil.copy(CHINA, tmp_path / name)
    checked = run_magiccli("corpus", "validate", tmp_path)
    assert checked.returncode == 2
    first = checked.stdout.splitlines()[0]
    assert first.startswith(f"{tmp_path / 'b.xml'}:") and "duplicate id 'frus1942China-d1' (also in " in first


def test_who_knows_a_tei_heading_s_sender_and_addressee_through_the_register(cli):
    """A TEI heading gives its parties as names ("Churchill"): who shows the person the name is as sender or
    addressee; "Roosevelt", a name two people of the register share, stays a name the heading merely gives."""
    rows = cli("--corpus", QUEBEC, "who", "churchill").output.splitlines()
    roles = {row.split("\t")[2]: row.split("\t")[3] for row in rows if row.startswith(("1944-03-18", "1944-03-20"))}
    assert roles == {"frus1944Quebec-d1": "from", "frus1944Quebec-d291": "named", "frus1944Quebec-d2": "to"}
    rows = cli("--corpus", QUEBEC, "who", "FDR").output.splitlines()
    assert [row.split("\t")[3] for row in rows if "\tfrus1944Quebec-d1\t" in row] == ["named"]


def _exchange(*documents: tuple[str, str, str, str, str]) -> str:
    """A small TEI volume of telegrams (id, number, from, to, first paragraph), a day apart, in the shape
    tei.py reads: enough for replies between them, nothing of FRUS's text."""
    divs = "".join(
        f'<div type="document" xml:id="{xml_id}" n="{n}" subtype="historical-document"'
        f' frus:doc-dateTime-min="1945-08-0{n}T12:00:00+00:00" frus:doc-dateTime-max="1945-08-0{n}T12:00:00+00:00">'
        f'<head>{sender} to {addressee} (<persName type="from">{sender}</persName>)'
        f' (<persName type="to">{addressee}</persName>)</head>'
        f"<p>No. {number}. {text}</p></div>"
        for n, (xml_id, number, sender, addressee, text) in enumerate(documents, 1)
    )
    return (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0"'
        ' xml:id="frus1999Test"><teiHeader><fileDesc><titleStmt><title type="volume">Test</title></titleStmt>'
        f'</fileDesc></teiHeader><text><body><div type="chapter" xml:id="ch1">{divs}</div></body></text></TEI>'
    )


def test_a_tei_reply_finds_the_telegram_it_answers_between_the_same_two_parties(cli, tmp_path):
    """A telegram number means nothing across a series (every post numbers its own): "Re your telegram No. 502"
    is the No. 502 the same two parties exchanged before, not another post's No. 502; one no document is stays a
    number the corpus does not hold."""
    (tmp_path / "frus1999Test.xml").write_text(
        _exchange(
            ("d1", "502", "Harriman", "Molotov", "The first."),
            ("d2", "502", "Grew", "Hurley", "Another post's telegram of the same number."),
            ("d3", "77", "Molotov", "Harriman", "Re your telegram No. 502. The answer, and my telegram No. 9."),
            ("d4", "502", "Harriman", "Molotov", "A later telegram of the same number cannot be what d3 answers."),
        ),
        encoding="utf-8",
    )
    rows = cli("--corpus", tmp_path, "thread", "frus1999Test-d3").output.splitlines()
    assert [row.split("\t")[:5] for row in rows] == [
        ["-1", "1945-08-01", "502", "Harriman → Molotov", "frus1999Test-d1"],
        ["0", "1945-08-03", "77", "Molotov → Harriman", "frus1999Test-d3"],
    ]
    assert cli("--corpus", tmp_path, "thread", "frus1999Test-d2").exit_code == 1  # answered by nothing
    assert "\nin reply to: No. 502\n" in cli("--corpus", tmp_path, "cable", "frus1999Test-d3").output
    answers = cli("--corpus", tmp_path, "thread", "frus1999Test-d1", "--down").output.splitlines()
    assert [row.split("\t")[4] for row in answers] == ["frus1999Test-d1", "frus1999Test-d3"]


def test_a_tei_document_names_the_documents_it_refers_to(cli, tmp_path):
    """A cross-reference to a document (``#d1`` in the volume, ``frus1945Berlinv02#d1230`` in another) is listed with
    the document's heading where the corpus holds it; one to a page names no document."""
    (tmp_path / "frus1999Test.xml").write_text(
        _exchange(
            ("d1", "502", "Harriman", "Molotov", "The first."),
            (
                "d2",
                "77",
                "Molotov",
                "Harriman",
                'See <ref target="#d1">document 1</ref>, <ref target="frus1945Berlinv02#d1230">document 1230</ref>,'
                ' <ref target="frus1945Berlinv09#d3">another</ref>, <ref target="#d1">it again</ref>'
                ' and <ref target="#pg_4">page 4</ref>.',
            ),
        ),
        encoding="utf-8",
    )
    shown = cli("--corpus", tmp_path, "cable", "frus1999Test-d2").output
    assert (
        "\nDocuments it refers to (FRUS):\n"
        "  frus1999Test-d1: No. 502 Harriman → Molotov\n"
        "  frus1945Berlinv02-d1230: No. 932 Togo → Sato\n"
        "  frus1945Berlinv09-d3: not in the corpus\n\nCitation: "
    ) in shown


def test_a_tei_volume_without_titles_is_cited_by_its_id(cli, tmp_path):
    """A header without titles (a user's own TEI) is no traceback: the citation names the volume by its id."""
    untitled = _exchange(("d1", "502", "Harriman", "Molotov", "The first.")).replace(
        '<title type="volume">Test</title>', ""
    )
    (tmp_path / "frus1999Test.xml").write_text(untitled, encoding="utf-8")
    shown = cli("--corpus", tmp_path, "cable", "frus1999Test-d1")
    assert shown.exit_code == 0
    assert "\nCitation: frus1999Test, document 1. https://history.state.gov/historicaldocuments/frus1999Test/d1\n" in (
        shown.output
    )
