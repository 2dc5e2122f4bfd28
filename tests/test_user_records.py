"""A user's records: a cable from another edition or archive (a citation without FRUS's fields), and problems that say
what to write rather than quote a regular expression."""

import bibtexparser
import pytest
import yaml

from magiccli.locations import CORPUS_ENV, bundled_corpus

ARCHIVE = {
    "volume_title": "Nihon gaikō bunsho: Taiheiyō sensō, vol. 3",
    "url": "https://www.mofa.go.jp/mofaj/annai/honsho/shiryo/",
    "pages": "1731–1732",
}


@pytest.fixture
def archive_cable(tmp_path, monkeypatch):
    cable = yaml.safe_load((bundled_corpus() / "cables" / "frus1945Berlinv02-d1230.yaml").read_text(encoding="utf-8"))
    cable.update(id="user-nikkei-932", telegram_no="99932", in_reply_to=[], citation=ARCHIVE)
    path = tmp_path / "user-nikkei-932.yaml"
    path.write_text(yaml.safe_dump(cable, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(CORPUS_ENV, str(tmp_path))
    return path


def test_a_cable_of_another_edition_validates_and_is_cited_without_frus_fields(cli, archive_cable):
    assert cli("corpus", "validate").output == "ok\n"  # the bundled corpus with the user's folder (MAGICCLI_CORPUS)
    heading = "The Japanese Minister of Foreign Affairs (Togo) to the Japanese Ambassador in the Soviet Union (Sato)"
    assert cli("cite", "99932").output == (
        f"“{heading}, telegram No. 99932,” Tokyo, July 21, 1945. In Nihon gaikō bunsho: Taiheiyō sensō, vol. 3, "
        "pp. 1731–1732. https://www.mofa.go.jp/mofaj/annai/honsho/shiryo/.\n"
    )
    assert cli("cite", "99932", "--style", "bibtex").exit_code == 0
    (entry,) = bibtexparser.parse_string(cli("cite", "99932", "--style", "bibtex").output).entries
    assert {"publisher", "bookauthor", "editor"}.isdisjoint(entry.fields_dict)
    assert entry.fields_dict["pages"].value == "1731--1732"


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("date: 1945-07-21", "date: 21 July 1945", "date: '21 July 1945': write the date as YYYY-MM-DD (1945-07-21)"),
        (
            "time: '21:30'",
            "time: 9.30 pm",
            "time: '9.30 pm': write the time as HH:MM on the 24-hour clock, quoted ('21:30')",
        ),
        (
            "telegram_no: '932'",
            "telegram_no: No. 932",
            "telegram_no: 'No. 932': write the telegram number in digits, quoted ('932')",
        ),
        ("  document: 1230", "  document: -1230", "citation.document: -1230 is less than 0"),
        (
            "title: No unconditional surrender; Konoye to bring concrete intentions",
            "title: '   '",
            "title: '   ': must not be blank",
        ),
        (
            "  pages: null",
            "  pages: p. 1251",
            (
                "citation.pages: 'p. 1251': write the page the document starts on, or the "
                "pages it spans with an en dash: 875 or 875–877"
            ),
        ),
    ],
)
def test_a_problem_says_what_to_write(cli, tmp_path, old, new, message):
    text = (bundled_corpus() / "cables" / "frus1945Berlinv02-d1230.yaml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace("id: frus1945Berlinv02-d1230", "id: user-932").replace(old, new, 1)
    if "telegram_no" not in old:
        text = text.replace("telegram_no: '932'", "telegram_no: '99932'")
    path = tmp_path / "user-932.yaml"
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(new)].count("\n") + 1
    result = cli("corpus", "validate", path)
    assert result.output.startswith(f"{path}:{line}: {message}\n"), result.output
