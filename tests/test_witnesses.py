"""MAGIC wordings as witnesses: one wording once, with every page that prints it; an excerpt is a witness of the
wording it comes from, not a second wording."""

import itertools

from magiccli.text import fold_plain

FORMER = {
    "magic-890-blog",
    "magic-891-blog",
    "magic-seed-1",
    "magic-893-variant-unverified",
    "magic-893-wikipedia",
    "magic-seed-2",
    "magic-913-18jul-summary",
    "magic-913-wikipedia",
    "magic-seed-3",
    "magic-1416-editors-note",
    "magic-1427-fragment",
    "magic-931-22jul",
    "magic-932-fragment-reddit",
    "magic-seed-4",
    "magic-sato-uncond-equivalent",
    "magic-sato-views-gov-military",
}


def test_every_former_wording_is_a_witness_of_exactly_one_wording(corpus):
    former = [i for t in corpus.translations for i in t.former_ids]
    assert sorted(former) == sorted(FORMER)
    assert len(corpus.translations) == 13


def test_no_wording_is_an_excerpt_of_another_of_its_cable(corpus):
    for a, b in itertools.permutations(corpus.translations, 2):
        if a.cable and a.cable == b.cable:
            assert fold_plain(a.text) not in fold_plain(b.text), (a.id, b.id)


def test_the_reddit_excerpt_is_a_witness_of_the_932_wording(corpus):
    (wording,) = corpus.by_id["frus1945Berlinv02-d1230"].translations
    assert wording.id == "magic-932-unable-to-consent"
    main, excerpt = wording.witnesses
    assert (main.former_id, main.text, main.excerpt) == ("magic-seed-4", None, False)
    assert (excerpt.former_id, excerpt.excerpt, excerpt.dated) == ("magic-932-fragment-reddit", True, "1945-07-22")
    assert excerpt.text.startswith("will pit itself against the enemy in accordance with the Imperial Will as long as")
    assert wording.sources == [main.source, excerpt.source] and wording.other_sources == [excerpt.source]
    assert (wording.dated, wording.summary_date) == ("1945-07-21", "1945-07-22")


def test_a_wording_is_found_by_the_date_each_witness_gives(corpus):
    wording = corpus.by_id["magic-893-emperor-mindful"]
    assert wording.dates() == {"1945-07-13": "MAGIC wording quoted as of", "1945-07-12": "MAGIC wording quoted as of"}


def test_the_cable_view_lists_every_witness_with_its_grade(cli, corpus):
    output = cli("cable", "890", "--translation", "magic").output
    wording = corpus.by_id["magic-890-secretly-considering"]
    assert output.count("MAGIC summary wording (") == 1
    for source in wording.sources:
        assert f"  — {source.title}. {source.url} [grade: {source.grade}]\n" in output
