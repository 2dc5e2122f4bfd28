"""cite offers every style cite.py writes (chicago-note too, through typer's parsing as directly), and a TEI volume
that completes a bundled record says so in the record's text_from, keeping a whole text (and what quotes it) as is."""

from pathlib import Path

import yaml

from magiccli import cite
from magiccli.commands.cite import CiteStyle
from magiccli.locations import bundled_corpus
from magiccli.tei import TeiDocument, complete_record, read_volume

BERLIN = Path(__file__).parent / "data" / "tei" / "frus1945Berlinv02-fixture.xml"


def test_cite_styles_are_the_styles_cite_writes():
    assert tuple(style.value for style in CiteStyle) == cite.STYLES


def test_chicago_note_through_typer_and_directly(cli, typer_cli):
    for run in (cli, typer_cli):
        result = run("cite", "932", "--style", "chicago-note")
        assert result.exit_code == 0, result.output
        assert result.output.startswith(
            "“The Japanese Minister of Foreign Affairs (Togo) to the Japanese Ambassador in "
            "the Soviet Union (Sato), telegram No. 932,” Tokyo, July 21, 1945, in United "
            "States Department of State, "
        )


def _document(number: str) -> TeiDocument:
    return next(
        item
        for item in read_volume(BERLIN)
        if isinstance(item, TeiDocument) and item.record["id"].endswith(f"-d{number}")
    )


def _bundled(number: str) -> dict:
    return yaml.safe_load(
        (bundled_corpus() / "cables" / f"frus1945Berlinv02-d{number}.yaml").read_text(encoding="utf-8")
    )


def test_a_completed_record_reads_its_text_from_the_frus_volume():
    bundled = _bundled("1230")
    done = complete_record(bundled, _document("1230"), "here")
    assert done["text_from"] == {
        "title": "Foreign Relations of the United States: Diplomatic Papers, The Conference of Berlin (The Potsdam "
        "Conference), 1945, Volume II, document 1230, in the Office of the Historian's TEI volume",
        "url": "https://history.state.gov/historicaldocuments/frus1945Berlinv02/d1230",
        "grade": "published",
    }
    assert bundled["text_from"]["grade"] == "published" and done["time_from"] == bundled["time_from"]


def test_a_whole_text_stays_as_read_so_that_quotes_in_it_keep_their_places():
    bundled = _bundled("1229")
    assert bundled["complete"] is True
    done = complete_record(bundled, _document("1229"), "here")
    assert (done["text"], done["text_from"]) == (bundled["text"], bundled["text_from"])
