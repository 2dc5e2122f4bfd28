"""magiccli.tei on real FRUS TEI text (tests/data/tei: the Quebec 1944 and China 1942 extracts, the bibliography
records, and a hand-made file shaped like Berlin vol. II), and on hostile XML."""

from __future__ import annotations

import pyexpat
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml

from magiccli.errors import Problem
from magiccli.tei import (
    TeiDocument,
    TeiProblem,
    VolumeInfo,
    complete_record,
    read_bibliography,
    read_records,
    read_volume,
)

DATA = Path(__file__).parent / "data" / "tei"
QUEBEC = DATA / "frus1944Quebec-sample.xml"
CHINA = DATA / "frus1942China.xml"
BERLIN = DATA / "frus1945Berlinv02-fixture.xml"
ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpus"
TEI_OPEN = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" '
    'xmlns:xi="http://www.w3.org/2001/XInclude" xml:id="frusTest">'
)
HEADER = '<teiHeader><fileDesc><titleStmt><title type="complete">Test volume</title></titleStmt></fileDesc></teiHeader>'
DOCUMENT = '<div type="document" xml:id="d1" n="1"><head>A heading</head><p>Text.</p></div>'


def items(path: Path) -> list:
    return list(read_volume(path))


def documents(path: Path) -> dict[str, TeiDocument]:
    return {item.record["id"].rpartition("-")[2]: item for item in read_volume(path) if isinstance(item, TeiDocument)}


def tei_file(tmp_path: Path, body: str, prolog: str = "") -> Path:
    path = tmp_path / "volume.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}{TEI_OPEN}{HEADER}<text><body>{body}</body></text></TEI>\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def quebec() -> dict[str, TeiDocument]:
    return documents(QUEBEC)


@pytest.fixture(scope="module")
def china() -> dict[str, TeiDocument]:
    return documents(CHINA)


# --- the volume ----------------------------------------------------------------------------------------------------
def test_the_volume_comes_first_from_the_header():
    first, *rest = items(QUEBEC)
    assert first == VolumeInfo(
        volume="frus1944Quebec",
        title="Foreign Relations of the United States, Conference at Quebec, 1944",
        volume_title="Conference at Quebec, 1944",
        volume_number=None,
        editors=("Richardson Dougall", "Arthur G. Kogan", "Richard S. Patterson", "Irving L. Thomson"),
        publication_year=1972,
        content_from="1944-03-18",
        content_to="1944-09-26",
    )
    assert all(isinstance(item, TeiDocument) for item in rest)


def test_every_document_of_the_sample_in_file_order(quebec):
    assert list(quebec) == [f"d{n}" for n in range(1, 52)] + ["d291"]
    assert [quebec[d].line for d in ("d1", "d2", "d51", "d291")] == [578, 622, 2465, 2681]


def test_the_china_volume_without_chapters():
    volume, *rest = items(CHINA)
    assert (volume.volume, volume.title, volume.editors, volume.publication_year) == (
        "frus1942China",
        "Foreign Relations of the United States: Diplomatic Papers, 1942, China",
        ("G. Bernard Noble", "E. R. Perkins"),
        1956,
    )
    assert [item.record["id"] for item in rest] == [f"frus1942China-d{n}" for n in range(1, 17)]


# --- one document, field by field ----------------------------------------------------------------------------------
def test_d1_heading_dateline_people_and_source(quebec):
    record = quebec["d1"].record
    assert record["id"] == "frus1944Quebec-d1"
    assert record["kind"] == "cable"
    assert record["heading"] == record["title"] == "Prime Minister Churchill to President Roosevelt"
    assert (record["from"], record["to"]) == ("Churchill", "Roosevelt")
    assert (record["place"], record["dateline_as_given"]) == ("London", "London, March 18, 1944.")
    assert (record["date"], record["date_min"], record["date_max"], record["time"]) == (
        "1944-03-18",
        "1944-03-18",
        "1944-03-18",
        None,
    )
    assert record["markings"] == ["most secret"]
    assert (record["source_note"], record["doc_type"], record["file_number"]) == (
        "Roosevelt Papers: Telegram",
        "telegram",
        None,
    )
    assert record["telegram_no"] == "624"
    assert record["chapter"] == "1. Agenda and Arrangements for the Conference"
    assert record["complete"] is True


def test_d1_text_footnotes_pages_links_and_terms(quebec):
    record = quebec["d1"].record
    paragraphs = record["text"].split("\n\n")
    assert paragraphs[0] == "No. 624. Prime Minister to President Roosevelt most secret and personal."
    assert paragraphs[1].startswith("1. Winant gave me your letter this morning. As you are so keen")
    assert paragraphs[2] == (
        "2. I am hardening for Overlord as the time gets nearer. Perhaps Marshall will show you a telegram I sent him."
    )
    assert len(paragraphs) == 3
    assert [note["n"] for note in record["footnotes"]] == [1, 2, 3, 4, 5]
    assert record["footnotes"][0] == {
        "n": 1,
        "text": "Sent by the United States Military Attaché, London, via Army channels.",
    }
    assert "Sent by" not in record["text"] and "Easter in 1944" not in record["text"]
    assert record["citation"] == {
        "volume": "frus1944Quebec",
        "volume_title": "Foreign Relations of the United States, Conference at Quebec, 1944",
        "document": 1,
        "pages": "3",
        "section_pages": None,
        "file_number": None,
        "url": "https://history.state.gov/historicaldocuments/frus1944Quebec/d1",
    }
    assert record["links"] == [
        {
            "target": "frus1944v05#pg_821",
            "volume": "frus1944v05",
            "page": "821",
            "fragment": None,
            "text": "Foreign Relations, 1944, vol. v, p. 821",
        },
        {
            "target": "frus1943CairoTehran",
            "volume": "frus1943CairoTehran",
            "page": None,
            "fragment": None,
            "text": "Foreign Relations, The Conferences at Cairo and Tehran, 1943",
        },
    ]
    assert record["terms"] == [
        {
            "target": "t_Overlord1",
            "term": "Overlord",
            "meaning": "the cross-channel invasion of northwestern Europe, June 1944",
        }
    ]


def test_d2_page_break_in_mid_sentence(quebec):
    record = quebec["d2"].record
    assert "take a complete rest of about two or three weeks in a suitable climate" in record["text"]
    assert record["citation"]["pages"] == "3–4"
    assert record["markings"] == ["secret", "priority"]
    assert (record["place"], record["dateline_as_given"]) == ("Washington", "[Washington,] 20 March 1944.")
    assert record["telegram_no"] == "506"
    assert record["text"].endswith("Its accomplishment may synchronize with a real Russian break-through.\n\nRoosevelt")
    assert record["footnotes"][1] == {"n": 2, "text": "Vice Admiral Ross T. McIntire, Roosevelt’s physician."}
    assert [term["term"] for term in record["terms"]] == ["Former Naval Person", "Overlord"]
    assert record["terms"][0]["meaning"] == "Prime Minister Churchill"


def test_d291_editorial_note(quebec):
    record = quebec["d291"].record
    assert (record["doc_type"], record["heading"], record["source_note"]) == ("editorial-note", "Editorial Note", None)
    assert (record["date"], record["date_min"], record["date_max"]) == (None, "1944-03-18", "1944-09-26")
    assert (record["place"], record["dateline_as_given"], record["from"], record["to"]) == (None, None, None, None)
    assert record["chapter"] == "6. Post-Conference Conversations at Hyde Park"
    assert record["citation"]["pages"] == "481–482"
    assert record["text"].startswith("Roosevelt arrived at Hyde Park, following the Second Quebec Conference")
    assert record["links"][0] == {
        "target": "#pg_294",
        "volume": "frus1944Quebec",
        "page": "294",
        "fragment": None,
        "text": "p. 294",
    }


def test_offices_tagged_with_gloss_and_a_venue(quebec):
    assert (quebec["d17"].record["from"], quebec["d17"].record["to"]) == ("Hopkins", "President")
    assert quebec["d16"].record["place"] == "Presidential Special"
    assert quebec["d16"].record["dateline_as_given"] == "[Aboard the Presidential Special,] 17 July 1944."


def test_kind_from_the_heading_where_the_source_note_names_a_diary(quebec):
    record = quebec["d34"].record
    assert record["source_note"] == "Notter File, Box 168: Stettinius Diary"
    assert record["doc_type"] == "memorandum"
    assert (record["from"], record["to"]) == (None, None)


def test_attachment_nested_list_closer_and_table(quebec):
    d13 = quebec["d13"].record["text"].split("\n\n")
    assert d13[3:6] == [
        "Enclosure",
        "top secret",
        "I. Following is the text of Mil 1582 (T.O.O. 121630) from General Burrows, Head of British "
        "Military Mission in Moscow, to British Chiefs of Staff.",
    ]
    assert quebec["d13"].record["markings"] == ["top secret", "C.C.S. 618"]
    d40 = quebec["d40"].record
    assert d40["text"].split("\n\n")[2:4] == [
        "1. Admiral Leahy asked me to inform you that the following will accompany the President to the Octagon "
        "conference:",
        "Admiral William D. Leahy, U.S.N.",
    ]
    assert d40["text"].endswith("\n\nWilson Brown\nRear Admiral, U.S.N.\nNaval Aide to the President")
    assert d40["citation"]["pages"] == "25–26"
    assert quebec["d51"].record["text"].split("\n\n")[1:4] == [
        "References: | C.C.S. 654 Series",
        "C.C.S. 643",
        "C.C.S. 660",
    ]


def test_china_undated_document_and_running_footnote_numbers(china):
    record = china["d1"].record
    assert (record["date"], record["date_min"], record["date_max"], record["time"]) == (
        None,
        "1941-12-29",
        "1942-01-03",
        None,
    )
    assert record["dateline_as_given"] == "Chungking, undated"
    assert [note["n"] for note in record["footnotes"]] == [2, 3]
    assert record["citation"]["pages"] == "1–2"
    assert "can be considered as soon as this staff has assembled" in record["text"]
    assert record["chapter"].startswith("General wartime relations between the United States and China")
    assert record["links"][0]["volume"] == "frus1941v04" and record["links"][0]["page"] == "763"


def test_china_times_without_offset_file_numbers_and_numbers(china):
    d2 = china["d2"].record
    assert (d2["date"], d2["time"], d2["markings"]) == ("1942-01-09", "18:00", ["No. 142"])
    assert [note["n"] for note in d2["footnotes"]] == [4, 5, "5a", 6, 7, 8, 9]
    d4 = china["d4"].record
    assert (d4["doc_type"], d4["telegram_no"], d4["time"], d4["file_number"]) == (
        "telegram",
        "45",
        "11:00",
        "740.0011 Pacific War/1667",
    )
    assert d4["citation"]["file_number"] == "740.0011 Pacific War/1667"
    assert (d4["from"], d4["to"]) == ("Gauss", "Secretary of State")


@pytest.mark.parametrize(
    "printed",
    [
        '<opener><seg rendition="#left">very secret<lb/>urgent<lb/>[Translation]</seg></opener><p>',
        '<opener><seg rendition="#left">very secret<lb/>urgent</seg></opener><p rend="center">[Translation]</p><p>',
    ],
)
def test_translation_is_a_flag_not_text(tmp_path, printed):
    path = tei_file(tmp_path, f'<div type="document" xml:id="d1">{printed}932. Re my telegram No. 931.</p></div>')
    record = items(path)[1].record
    assert (record["markings"], record["translation"]) == (["very secret", "urgent"], True)
    assert (record["text"], record["telegram_no"], record["in_reply_to"]) == (
        "932. Re my telegram No. 931.",
        "932",
        ["931"],
    )


# --- the Berlin vol. II shape and the completion of a bundled record ------------------------------------------------
def test_berlin_fixture_documents():
    volume, d1229, d1230 = items(BERLIN)
    assert (volume.volume, volume.volume_number, volume.publication_year) == ("frus1945Berlinv02", "Volume II", 1960)
    record = d1230.record
    assert record["id"] == "frus1945Berlinv02-d1230"
    assert (record["telegram_no"], record["date"], record["time"], record["place"]) == (
        "932",
        "1945-07-21",
        "21:30",
        "Tokyo",
    )
    assert (record["from"], record["to"]) == ("Togo", "Sato")
    assert record["in_reply_to"] == ["931"]
    assert record["telegrams_mentioned"] == ["931", "1416", "1417"]
    assert d1229.record["in_reply_to"] == ["1417", "1418"]
    assert record["citation"]["pages"] == "1251–1252"


def test_a_tei_document_completes_the_bundled_record():
    bundled = yaml.safe_load((CORPUS / "cables" / "frus1945Berlinv02-d1230.yaml").read_text(encoding="utf-8"))
    document = documents(BERLIN)["d1230"]
    done = complete_record(bundled, document, f"{BERLIN}:{document.line}")
    assert done["complete"] is True and bundled["complete"] is False
    assert done["text"].startswith(bundled["text"]) and len(done["text"]) > len(bundled["text"])
    assert "1416)" in done["text"] and "14162" not in done["text"]
    assert [note["n"] for note in done["footnotes"]] == [1, 2, 3]
    assert done["citation"] == {**bundled["citation"], "pages": "1251–1252"}
    for kept in (
        "title",
        "summary",
        "tags",
        "people",
        "from",
        "to",
        "date",
        "time",
        "in_reply_to",
        "telegrams_mentioned",
        "heading",
        "date_source",
        "text_source",
    ):
        assert done[kept] == bundled[kept], kept
    assert done["notes"] == (
        f"{bundled['notes']} Text, footnotes and pages completed from the TEI volume ({BERLIN}:75)."
    )


def test_completion_fills_only_what_the_record_lacks():
    bundled = yaml.safe_load((CORPUS / "cables" / "frus1945Berlinv02-d1229.yaml").read_text(encoding="utf-8"))
    bundled = {**bundled, "heading": None, "time": None}
    done = complete_record(bundled, documents(BERLIN)["d1229"], "here")
    assert done["heading"] == (
        "The Japanese Minister of Foreign Affairs (Togo) to the Japanese Ambassador in the Soviet Union (Sato)"
    )
    assert done["time"] == "21:30"
    assert done["markings"] == [] and done["translation"] is None  # the TEI prints none either


# --- bibliography records ------------------------------------------------------------------------------------------
def test_bibliography_records():
    assert read_bibliography(DATA / "bibliography-frus1945Berlinv02.xml") == VolumeInfo(
        volume="frus1945Berlinv02",
        title="Foreign Relations of the United States: Diplomatic Papers, The Conference of Berlin (The Potsdam "
        "Conference), 1945, Volume II",
        volume_title="The Conference of Berlin (The Potsdam Conference), 1945",
        volume_number="Volume II",
        editors=("Richardson Dougall",),
        publication_year=1960,
        content_from="1944",
        content_to="1945",
        pages_front=176,
        pages_body=1645,
    )
    quebec = read_bibliography(DATA / "bibliography-frus1944Quebec.xml")
    assert (quebec.volume, quebec.publication_year) == ("frus1944Quebec", 1972)


def test_a_tei_volume_is_no_bibliography_record():
    assert read_bibliography(QUEBEC) == TeiProblem(1, "not a FRUS bibliography record: the root element is <TEI>")


# --- problems, never tracebacks ------------------------------------------------------------------------------------
BOMB = (
    '<!DOCTYPE TEI [\n <!ENTITY a "aaaaaaaaaa">\n <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
    ' <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\n'
    ' <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">\n <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">\n'
    ' <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">\n <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">\n]>\n'
)


def test_an_entity_bomb_is_one_problem(tmp_path):
    path = tei_file(tmp_path, '<div type="document" xml:id="d1"><p>&h;</p></div>', prolog=BOMB)
    assert items(path) == [TeiProblem(3, "entity declaration (a) refused: a TEI volume declares no entities")]


def test_expat_here_stops_a_billion_laughs_by_itself():
    """The second line of defence: expat >= 2.4.1 limits the amplification of entities on its own."""
    assert pyexpat.version_info >= (2, 4, 1)
    parser = pyexpat.ParserCreate()
    with pytest.raises(pyexpat.ExpatError, match="amplification"):
        parser.Parse(f'<?xml version="1.0"?>\n{BOMB}<TEI>&h;</TEI>'.encode(), True)


def test_external_entities_and_dtds_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    path = tei_file(
        tmp_path,
        '<div type="document" xml:id="d1"><p>&x;</p></div>',
        prolog=f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>\n',
    )
    assert items(path) == [TeiProblem(2, "entity declaration (x) refused: a TEI volume declares no entities")]
    dtd = tmp_path / "tei.dtd"
    dtd.write_text('<!ENTITY y "from the DTD">')
    path = tei_file(
        tmp_path, '<div type="document" xml:id="d1"><p>&y;</p></div>', prolog=f'<!DOCTYPE TEI SYSTEM "file://{dtd}">\n'
    )
    _volume, problem, document = items(path)
    assert problem == TeiProblem(3, "entity &y; left out: no DTD is read")
    assert document.record["text"] == ""


def test_xinclude_is_not_followed(tmp_path):
    (tmp_path / "other.xml").write_text(f"{TEI_OPEN}{HEADER}<text><body>{DOCUMENT}</body></text></TEI>")
    path = tei_file(tmp_path, f'{DOCUMENT.replace("d1", "d2")}<xi:include href="other.xml"/>')
    assert [item.record["id"] for item in items(path)[1:]] == ["frusTest-d2"]


def test_non_tei_xml_is_one_problem(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>\n')
    assert items(path) == [TeiProblem(2, "not a TEI file: the root element is <rss>")]
    path.write_text("<TEI>\n</TEI>")
    assert items(path) == [TeiProblem(1, "not a TEI file: the root element is <TEI> outside the TEI namespace")]


def test_tei_without_documents(tmp_path):
    volume, problem = items(tei_file(tmp_path, "<p>Nothing here.</p>"))
    assert volume.volume == "frusTest" and volume.title == "Test volume"
    assert problem == TeiProblem(None, 'a TEI file without any div type="document"')


def test_malformed_xml_after_documents(tmp_path):
    path = tmp_path / "cut.xml"
    text = QUEBEC.read_text(encoding="utf-8")
    path.write_text(text[: text.index('xml:id="d3"')], encoding="utf-8")
    result = items(path)
    assert [item.record["id"] for item in result[1:-1]] == ["frus1944Quebec-d1", "frus1944Quebec-d2"]
    assert result[-1] == TeiProblem(657, "not well-formed XML: unclosed token (column 21)")


@pytest.mark.parametrize(
    "content, line, message",
    [
        (b"", 1, "not well-formed XML: no element found (column 1)"),
        (b"\x00\xff\xfe binary", 1, "not well-formed XML: not well-formed (invalid token) (column 2)"),
        (TEI_OPEN.encode() + b"\n<unclosed>\n</TEI>", 3, "not well-formed XML: mismatched tag (column 3)"),
    ],
)
def test_garbage_is_one_problem(tmp_path, content, line, message):
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    assert items(path) == [TeiProblem(line, message)]


def test_bad_dates_missing_and_repeated_ids_are_problems_with_lines(tmp_path):
    body = (
        '<div type="document" xml:id="d1" n="1" frus:doc-dateTime-min="1944-13-45T00:00:00-05:00"\n'
        ' frus:doc-dateTime-max="1944-03-18T23:59:59-05:00"><p>One.</p></div>\n'
        '<div type="document" n="2"><p>No id.</p></div>\n'
        '<div type="document" xml:id="d1"><p>Again.</p></div>'
    )
    result = items(tei_file(tmp_path, body))
    assert result[1:4] == [
        TeiProblem(2, "d1: frus:doc-dateTime-min '1944-13-45T00:00:00-05:00' is not a date"),
        result[2],
        TeiProblem(4, 'a div type="document" without xml:id: left out'),
    ]
    assert (result[2].record["date"], result[2].record["date_min"]) == (None, None)
    assert result[4] == TeiProblem(5, "document id d1 repeated in this volume: left out")


def test_absurd_nesting_is_a_problem_not_a_crash(tmp_path):
    deep = "<hi>" * 5000 + "deep" + "</hi>" * 5000
    path = tei_file(tmp_path, f'{DOCUMENT}\n<div type="document" xml:id="d2"><p>{deep}</p></div>')
    assert items(path)[2:] == [TeiProblem(3, "elements nested too deeply in this document: left out")]


def test_a_problem_becomes_a_corpus_problem_at_file_and_line():
    assert str(TeiProblem(12, "bad").at(Path("v.xml"))) == "v.xml:12: bad"
    assert TeiProblem(None, "bad").at(Path("v.xml")) == Problem(Path("v.xml"), None, "bad")


def test_read_records_for_a_loader(tmp_path):
    volume, found, trouble = read_records(CHINA)
    assert (volume.volume, len(found), trouble) == ("frus1942China", 16, [])
    path = tmp_path / "cut.xml"
    path.write_text(QUEBEC.read_text(encoding="utf-8")[:40_000], encoding="utf-8")
    volume, found, trouble = read_records(path)
    assert (volume.volume, found) == ("frus1944Quebec", [])
    assert [str(problem) for problem in trouble] == [f"{path}:529: not well-formed XML: unclosed token (column 66)"]
    assert read_records(tmp_path / "gone.xml") == (None, [], [])
    assert read_records(tmp_path) == (None, [], [Problem(tmp_path, None, "cannot read: Is a directory")])


# --- streaming -----------------------------------------------------------------------------------------------------
def _peak_bytes(path: Path) -> int:
    tracemalloc.start()
    try:
        for _ in read_volume(path):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_is_bounded_by_a_document_not_the_volume(tmp_path):
    text = QUEBEC.read_text(encoding="utf-8")
    start = text.rindex("<div", 0, text.index('xml:id="d1"'))
    end = text.index("</div>", text.index('xml:id="d51"')) + len("</div>")  # documents hold no nested div
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    small.write_text(text, encoding="utf-8")
    copies = "".join(text[start:end].replace('xml:id="d', f'xml:id="c{copy}d') for copy in range(10))
    large.write_text(text[:start] + copies + text[end:], encoding="utf-8")
    assert len(documents(large)) == 10 * 51 + 1
    assert _peak_bytes(large) < 1.5 * _peak_bytes(small)


# --- bench/generate.py --tei ---------------------------------------------------------------------------------------
def test_generated_tei_volumes_read_back(tmp_path):
    """Two small volumes through the command line, read back whole: same bytes for the same seed."""
    folder = tmp_path / "tei"
    command = [sys.executable, str(ROOT / "bench" / "generate.py"), "--tei", "--per-volume", "120", str(folder), "200"]
    subprocess.run(command, check=True, capture_output=True)
    files = sorted(folder.glob("*.xml"))
    assert [file.name for file in files] == ["frus1862Synth0001.xml", "frus1863Synth0002.xml"]
    read = [items(file) for file in files]
    assert not [item for volume in read for item in volume if isinstance(item, TeiProblem)]
    assert [(volume[0].volume, len(volume) - 1) for volume in read] == [
        ("frus1862Synth0001", 120),
        ("frus1863Synth0002", 80),
    ]
    records = [item.record for volume in read for item in volume[1:]]
    assert records[0]["id"] == "frus1862Synth0001-d1" and records[120]["id"] == "frus1863Synth0002-d1"
    assert sum("unconditional surrender" in record["text"] for record in records) == 2  # documents 0 and 100
    assert all(
        record["from"] and record["to"] and record["place"] and record["citation"]["pages"] for record in records
    )
    assert sum(len(record["footnotes"]) for record in records) > 100
    assert sum("–" in record["citation"]["pages"] for record in records) > 100  # pages break inside documents
    first, last = (int(page) for page in records[119]["citation"]["pages"].split("–"))
    assert first < last
    again = tmp_path / "again"
    subprocess.run([*command[:-2], str(again), "200"], check=True, capture_output=True)
    assert [file.read_bytes() for file in sorted(again.glob("*.xml"))] == [file.read_bytes() for file in files]
