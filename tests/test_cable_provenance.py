"""The cable view says where its text and its date and time come from, each with its grade, what --min-grade left
out, its time in its zone and in UTC, its arrival where a text attests it; a citation prints only what it has."""

import re

import yaml

from magiccli.locations import CORPUS_ENV, bundled_corpus

from .conftest import run_in_terminal

NUCLEARFILES = (
    "nuclearfiles.org index “Japanese Peace Feelers through the Soviet Union” (Wayback capture 2004-04-30): "
    "a secondary list whose own errors the notes record. "
    "http://web.archive.org/web/20040430005234/www.nuclearfiles.org/redocuments/togo-sato-index.html "
    "[grade: secondary-web]"
)


def tail(output: str, n: int) -> list[str]:
    return output.splitlines()[-n:]


def test_a_cable_says_where_its_text_time_and_arrival_come_from(cli):
    assert tail(cli("cable", "932").output, 4) == [
        "Text from: FRUS, Conference of Berlin (Potsdam) 1945, vol. II, document 1230 (Office of the Historian). "
        "https://history.state.gov/historicaldocuments/frus1945Berlinv02/d1230 [grade: published]",
        "Date and time from:",
        f"  — {NUCLEARFILES}",
        "Arrived: Moscow, 1945-07-22, as No. 1441 Sato → Togo says: “Re your telegram No. 932 … We received this "
        "telegram on the 22nd”",
    ]


def test_1441_says_its_number_is_inferred_and_its_text_a_reprint(cli):
    lines = cli("cable", "1441").output.splitlines()
    assert lines[0] == "== No. 1441 Sato → Togo · Moscow, 1945-07-24 17:56 MSK, 14:56 UTC =="
    assert (
        "Citation: Foreign Relations of the United States: Diplomatic Papers, The Conference of Berlin (The Potsdam "
        "Conference), 1945, Volume II, document 1232 (number inferred), pp. 1248–1264, 1291–1298 (section), file "
        "761.94/7–2145. https://history.state.gov/historicaldocuments/frus1945Berlinv02/d1232"
    ) in lines
    assert any(
        line.startswith("Text from: community.timeghost.tv forum post") and line.endswith("[grade: weak]")
        for line in lines
    )


def test_min_grade_says_what_it_left_out_of_the_text_and_the_time(cli):
    assert tail(cli("cable", "932", "--min-grade", "published").output, 3)[:2] == [
        "Text from: FRUS, Conference of Berlin (Potsdam) 1945, vol. II, document 1230 (Office of the Historian). "
        "https://history.state.gov/historicaldocuments/frus1945Berlinv02/d1230 [grade: published]",
        "Date and time from: the time of sending is left out by --min-grade, from sources graded lower.",
    ]
    first = cli("cable", "932", "--min-grade", "published").output.splitlines()[0]
    assert first == "== No. 932 Togo → Sato · Tokyo, 1945-07-21 =="
    assert (
        "Text from: left out by --min-grade, from a source graded lower."
        in cli("cable", "1441", "--min-grade", "secondary-web").output.splitlines()
    )


def test_the_terminal_view_shows_the_same_provenance_and_true_time():
    shown = run_in_terminal("cable", "932", columns=200, lines=400).stdout
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
    assert "Tokyo, 1945-07-21 21:30 JST, 12:30 UTC" in plain
    assert "Date and time from:" in plain and "[grade: secondary-web]" in plain
    assert "Arrived: Moscow, 1945-07-22, as No. 1441 Sato → Togo says" in plain


def test_a_citation_outside_frus_prints_no_document_or_pages_it_lacks(cli, tmp_path, monkeypatch):
    cable = yaml.safe_load((bundled_corpus() / "cables" / "frus1945Berlinv02-d1230.yaml").read_text(encoding="utf-8"))
    cable.update(
        id="user-archive-932",
        telegram_no="99932",
        in_reply_to=[],
        arrived=None,
        citation={
            "volume_title": "Nihon gaikō bunsho: Taiheiyō sensō, vol. 3",
            "url": "https://www.mofa.go.jp/mofaj/annai/honsho/shiryo/",
        },
    )
    del cable["arrived"]
    (tmp_path / "user-archive-932.yaml").write_text(yaml.safe_dump(cable, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(CORPUS_ENV, str(tmp_path))
    lines = cli("cable", "99932").output.splitlines()
    assert (
        "Citation: Nihon gaikō bunsho: Taiheiyō sensō, vol. 3. https://www.mofa.go.jp/mofaj/annai/honsho/shiryo/"
        in lines
    )


def test_an_event_words_its_time_as_a_cable_does_and_says_where_it_comes_from(cli):
    lines = cli("show", "1945-08-08-soviet-declaration-of-war").output.splitlines()
    assert "when: 1945-08-08 17:00 MSK, 14:00 UTC" in lines
    assert lines[lines.index("Time from:") + 1].startswith("  — Documents on Australian Foreign Policy, vol. 8")
