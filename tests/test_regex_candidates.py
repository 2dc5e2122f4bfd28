"""quote --regex takes its candidates from the index through every literal the pattern needs, not only the longest."""

from magiccli.index import Index
from magiccli.locations import corpus_roots
from magiccli.search import SOURCE_FIELDS, Matcher


def _candidates(pattern: str) -> set[int]:
    index = Index.open(corpus_roots())
    query = index.candidates(Matcher(pattern, regex=True), SOURCE_FIELDS)
    assert query is not None
    return {position for (position,) in index._db.execute(query)}


def test_every_required_literal_narrows_the_candidates():
    assert Matcher(r"reply\s+in\s+Vladivostok", regex=True).required_literals == ["vladivostok", "reply"]
    konoye, both = _candidates("konoye"), _candidates(r"Konoye.*unconditional")
    assert both and both < konoye and both <= _candidates("unconditional")


def test_the_narrowed_search_finds_what_the_whole_scan_finds(cli):
    narrowed = cli("quote", r"Konoye[^.]*special", "--regex").output
    scanned = cli(
        "quote", r"K[oO]n[oO]y[eE][^.]*s[pP]e[cC]i[aA]l", "--regex"
    ).output  # no literal: every record is read
    assert Matcher(r"K[oO]n[oO]y[eE][^.]*s[pP]e[cC]i[aA]l", regex=True).required_literals == []
    assert narrowed.count("\n") >= 2 and narrowed.replace("Konoye[^.]*special", "") == scanned.replace(
        "K[oO]n[oO]y[eE][^.]*s[pP]e[cC]i[aA]l", ""
    )
