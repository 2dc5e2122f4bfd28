"""Who a cable names, found in its texts through the people register, and curated lists that hold them all."""

import unicodedata

import pytest

from magiccli.load import bundled_corpus
from magiccli.mentions import cable_texts, mentioned, mentions, shared_aliases


def _named(cable, people):
    return mentioned(cable_texts(cable.text, cable.heading, [f.text for f in cable.footnotes]), people)


def test_every_bundled_cable_lists_everyone_its_heading_text_and_footnotes_name(corpus):
    lacking = {c.id: sorted(set(_named(c, corpus.people)) - set(c.people)) for c in corpus.cables}
    assert {cable: ids for cable, ids in lacking.items() if ids} == {}


@pytest.mark.parametrize(
    "cable_id, person",
    [
        ("frus1945Berlinv01-d582", "konoe-fumimaro"),  # 893: "Prince Fumimaro Konoye as special envoy"
        ("frus1945Berlinv02-d1256", "konoe-fumimaro"),  # 1458
        ("frus1945Berlinv02-d1256", "lozovsky-solomon"),
        ("frus1945Berlinv01-d580", "soong-t-v"),  # 890: "T. V. Soong"
        ("frus1945Berlinv02-d1260", "chiang-kai-shek"),  # 1480
    ],
)
def test_the_names_the_issue_found_missing_are_found_and_listed(corpus, cable_id, person):
    cable = corpus.by_id[cable_id]
    assert person in _named(cable, corpus.people) and person in cable.people


def test_a_name_counts_as_a_whole_word_with_case_and_diacritics_folded(corpus):
    people = corpus.people
    assert mentioned(["TŌGŌ wired Satō."], people) == ["togo-shigenori", "sato-naotake"]
    assert mentioned(["Satoshi and Togoland"], people) == []
    decomposed = unicodedata.normalize("NFD", "Tōgō")
    assert mentioned([decomposed], people) == ["togo-shigenori"]
    assert mentions(["the mission of Prince Konoye"], people) == {"konoe-fumimaro": "Prince Konoye"}


def test_a_name_the_register_gives_several_people_names_none_of_them(corpus):
    assert shared_aliases(corpus.people) == {
        "kase": ["kase-shunichi", "kase-toshikazu"],
        "加瀬俊一": ["kase-shunichi", "kase-toshikazu"],
        "roosevelt": ["roosevelt-franklin", "roosevelt-theodore"],
    }
    assert mentioned(["Kase and Roosevelt"], corpus.people) == []
    assert mentioned(["the Malik-Hirota negotiations"], corpus.people) == ["malik-yakov", "hirota-koki"]


def test_validate_names_each_person_a_text_names_and_its_list_lacks(cli, tmp_path):
    original = (bundled_corpus() / "cables/frus1945Berlinv01-d582.yaml").read_text(encoding="utf-8")
    lacking = original.replace("id: frus1945Berlinv01-d582", "id: user-copy-of-d582").replace(
        "people: [togo-shigenori, sato-naotake, molotov-vyacheslav, hirohito, konoe-fumimaro]",
        "people: [togo-shigenori, sato-naotake, hirohito]",
    )
    path = tmp_path / "copy.yaml"
    path.write_text(lacking, encoding="utf-8")
    line = lacking[: lacking.index("people:")].count("\n") + 1
    result = cli("corpus", "validate", path)
    assert (result.exit_code, result.output) == (
        2,
        (
            f"{path}:{line}: text names Molotov but people lacks molotov-vyacheslav\n"
            f"{path}:{line}: text names Prince Fumimaro Konoye but people lacks konoe-fumimaro\n"
            "magiccli: 2 problem(s) found\n"
        ),
    )
