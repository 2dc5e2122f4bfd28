"""magiccli show: every record can be read from the terminal, events included, by id, date or number."""

import json

from .conftest import run_in_terminal


def test_an_event_shows_its_summary_sources_grades_and_official_text(cli):
    result = cli("show", "1945-08-08-soviet-declaration-of-war")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert (
        lines[0] == "== Molotov hands Sato the Soviet declaration of war on Japan · 1945-08-08 17:00 MSK, 14:00 UTC =="
    )
    assert "Summary (ours, resting on the sources below):" in lines
    assert (
        "  — HyperWar — Soviet Declaration of War on Japan, 8 August 1945. "
        "https://www.ibiblio.org/hyperwar/PTO/Dip/USSR-Jap-DoW.html [grade: secondary-web]"
    ) in lines
    assert (
        "Official text: Note of the Soviet Government handed to the Japanese Ambassador, Moscow, August 8, 1945"
        in lines
    )
    assert any(line.startswith("In view of the above, the Soviet Government declares") for line in lines)


def test_a_date_shows_its_cables_and_events_and_a_number_its_cable(cli):
    rows = [line.split("\t") for line in cli("show", "1945-07-21", "--format", "tsv").output.splitlines()[1:]]
    assert [row[3] for row in rows] == [
        "1945-06-30-soong-stalin-talks",
        "1945-07-17-potsdam-conference",
        "frus1945Berlinv02-d1229",
        "frus1945Berlinv02-d1230",
        "frus1945Berlinv02-d1231",
    ]
    assert cli("show", "932").output == cli("cable", "932", "--translation", "all").output


def test_json_is_the_record_as_the_corpus_spells_it(cli):
    (record,) = json.loads(cli("show", "1945-07-26-potsdam-declaration", "--format", "json").output)
    assert record["id"] == "1945-07-26-potsdam-declaration" and record["sources"][0]["grade"]


def test_cable_points_to_show_for_an_event_and_show_says_what_it_lacks(cli):
    result = cli("cable", "1945-08-08-soviet-declaration-of-war")
    assert (result.exit_code, result.output) == (
        1,
        "magiccli: 1945-08-08-soviet-declaration-of-war is an event, not a "
        "cable: read it with 'magiccli show 1945-08-08-soviet-declaration-of-war'\n",
    )
    missing = cli("show", "1945-08-08-no-such-thing")
    assert (missing.exit_code, missing.output) == (
        1,
        "magiccli: no cable or event with id 1945-08-08-no-such-thing in the corpus\n",
    )


def test_on_a_terminal_an_event_is_a_panel_and_its_parts():
    shown = run_in_terminal("show", "1945-08-15-emperor-surrender-broadcast", "--color", "never").stdout
    assert shown.startswith("╭─ ") and "Sources:" in shown and "[grade: " in shown
