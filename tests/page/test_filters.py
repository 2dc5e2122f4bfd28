"""The page's filters keep what the CLI keeps: Person as `timeline --actor`, Text through the register's aliases
as `quote` finds a name."""

import json

import pytest

pytestmark = pytest.mark.browser

SHOWN = "ms => ms.filter(m => !m.classList.contains('tl-hidden')).map(m => m.dataset.id)"


def cli_ids(cli, *args):
    result = cli(*args, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    # (quote says on stderr which spellings it searched)
    return sorted(json.loads(line)["id"] for line in result.output.splitlines() if line.startswith("{"))


def test_person_filter_keeps_what_timeline_actor_keeps(open_at, page_file, cli):
    tab, errors = open_at(page_file)
    everything = len(cli_ids(cli, "timeline"))  # every record the page draws
    people = tab.eval_on_selector_all("#f-person option", "os => os.map(o => o.value).filter(Boolean)")
    assert len(people) >= 10
    for person in people:
        tab.select_option("#f-person", person)
        shown = sorted(tab.eval_on_selector_all(".tl-mark", SHOWN))
        assert shown == cli_ids(cli, "timeline", "--actor", person), person
        assert tab.text_content("#f-count") == f"{len(shown)} of {everything} shown"
    assert errors == []


def quoted(cli, corpus, query):
    """The records `quote --count` finds the query in, searching all five kinds of text; a MAGIC wording's hits
    count for its cable."""
    ids = cli_ids(
        cli,
        "quote",
        query,
        "--count",
        *[arg for f in ("cable", "footnote", "magic", "official", "summary") for arg in ("--in", f)],
    )
    return sorted({getattr(corpus.by_id[i], "cable", None) or i for i in ids})


@pytest.mark.parametrize(
    "query, found",
    [("konoe", 15), ("Konoye", 15), ("近衛文麿", 15), ("Prince Konoye", 15), ("Unconditional Surrender", 11)],
)
def test_the_text_filter_finds_what_quote_finds_a_name_by_every_spelling(open_at, page_file, cli, corpus, query, found):
    tab, errors = open_at(page_file)
    tab.fill("#f-text", query)
    shown = sorted(tab.eval_on_selector_all(".tl-mark", SHOWN))
    assert shown == quoted(cli, corpus, query) and len(shown) == found
    assert errors == []


def test_mentions_from_the_index_decide_whom_a_record_names(corpus):
    from magiccli.picture import page

    cable = next(c for c in corpus.cables if c.telegram_no == "890")
    assert "konoe-fumimaro" not in (cable.from_, cable.to, *cable.people)
    data = page.page_data(corpus, corpus.records, mentions={cable.id: ["konoe-fumimaro", "togo-shigenori"]})
    assert data["display"][cable.id]["mentions"] == ["konoe-fumimaro", "togo-shigenori"]
    assert data["aliases"]["konoe-fumimaro"] == sorted(set(corpus.people["konoe-fumimaro"].names))
    default = page.page_data(corpus, corpus.records)["display"][cable.id]["mentions"]
    assert default == [p for p in dict.fromkeys((cable.from_, cable.to, *cable.people)) if p]
