"""who: the people register and one person's appearances, through the CLI."""

import json

import pytest


def test_who_without_a_name_lists_the_register(cli, corpus):
    result = cli("who")
    assert result.exit_code == 0
    lines = [line.split("\t") for line in result.output.splitlines()]
    assert [row[0] for row in lines] == sorted(corpus.people)
    sato = next(row for row in lines if row[0] == "sato-naotake")
    person = corpus.people["sato-naotake"]
    assert sato == [
        person.id,
        person.name,
        person.native_name,
        person.born,
        person.died,
        person.nationality,
        person.role_1945,
    ]


@pytest.mark.parametrize("alias", ["Satō Naotake", "sato", "SATO NAOTAKE", "sato-naotake", "Naotake Sato"])
def test_who_finds_a_person_by_any_alias(cli, corpus, alias):
    result = cli("who", alias)
    assert result.exit_code == 0
    person = corpus.people["sato-naotake"]
    assert result.output.startswith(f"== {person.name} ({person.native_name}) ==\nid: sato-naotake\n")
    assert f"role in 1945: {person.role_1945}\n" in result.output
    assert f"lived: {person.born} – {person.died}\n" in result.output
    assert f"aliases: {', '.join(person.aliases)}\n" in result.output


def test_who_lists_every_cable_and_event_a_person_appears_in(cli, corpus):
    rows = [line.split("\t") for line in cli("who", "konoye", "--format", "tsv").output.splitlines()]
    assert rows[0] == ["person", "date", "kind", "id", "as", "title"]
    expected = {c.id for c in corpus.cables if "konoe-fumimaro" in (c.from_, c.to, *c.people)}
    expected |= {e.id for e in corpus.events if "konoe-fumimaro" in e.actors}
    assert {row[3] for row in rows[1:]} == expected and expected
    assert [row[1] for row in rows[1:]] == sorted(row[1] for row in rows[1:])
    roles = {row[3]: row[4] for row in rows[1:]}
    assert roles["frus1945Berlinv02-d1230"] == "named"
    sato_roles = {
        row[3]: row[4] for row in (l.split("\t") for l in cli("who", "sato", "--format", "tsv").output.splitlines()[1:])
    }
    assert (sato_roles["frus1945Berlinv02-d1230"], sato_roles["frus1945Berlinv02-d1231"]) == ("to", "from")


def test_an_alias_two_people_share_shows_both(cli, corpus):
    shared = [p for p in corpus.people.values() if "Roosevelt" in p.aliases]
    assert len(shared) == 2
    headers = [l for l in cli("who", "roosevelt").output.splitlines() if l.startswith("== ")]
    assert headers == [f"== {p.name} ==" for p in shared]


def test_who_json_carries_the_register_entry_and_appearances(cli, corpus):
    (data,) = json.loads(cli("who", "Tōgō", "--format", "json").output)
    assert data["id"] == "togo-shigenori" and data["aliases"] == corpus.people["togo-shigenori"].aliases
    assert {"date", "kind", "id", "as", "title"} <= set(data["appearances"][0])


def test_an_unknown_name_is_nothing_found_with_a_hint(cli):
    result = cli("who", "sat")
    assert (result.exit_code, result.output) == (
        1,
        "magiccli: no person called 'sat' in the register; did you mean: Naotake Sato?\n",
    )
    assert cli("who", "Napoleon").output == "magiccli: no person called 'Napoleon' in the register\n"
