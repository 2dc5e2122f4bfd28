"""The index: quote through FTS5 finds exactly what a plain scan finds; the index keeps itself fresh and whole."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from magiccli.index import Index
from magiccli.locations import cache_dir, corpus_roots
from magiccli.search import FIELDS, Matcher, counted_groups, search
from magiccli.text import fold, fold_plain, index_words
from magiccli.views.quote import count_rows, group_count_rows

from .conftest import RUN_THEN_LIST_MODULES, load, run_magiccli


def _hits(corpus, matcher, fields=frozenset(FIELDS)):
    return sorted(
        (h.passage.source_id, h.passage.field, h.passage.text, h.spans)
        for h in search(corpus.records, matcher, set(fields))
    )


def _indexed_hits(index, matcher, fields=frozenset(FIELDS)):
    return sorted(
        (h.passage.source_id, h.passage.field, h.passage.text, h.spans)
        for h in search(
            (record for _, record in index.records(among=index.candidates(matcher, fields))), matcher, set(fields)
        )
    )


@pytest.mark.parametrize(
    "query, options",
    [
        ("unconditional surrender", {}),
        ("Konoye", {}),
        ("konoe", {}),
        ("soviet union", {"all_words": True}),
        ("Emperor", {"case_sensitive": True}),
        ("emperor", {"case_sensitive": True}),
        ("Tōgō", {}),
        ("special envoy", {}),
        ("peace", {}),
        (r"surrender\w*", {"regex": True}),
        ("pact neutrality", {"all_words": True}),
        ("Molotov’s", {}),
        ("1945", {}),
        ("the", {}),
    ],
)
def test_quote_through_the_index_finds_what_a_plain_scan_finds(query, options):
    matcher = Matcher(query, **options)
    plain = _hits(load(), matcher)
    assert plain == _indexed_hits(Index.open(corpus_roots()), matcher)
    if query == "unconditional surrender":
        assert len(plain) > 10


_WORDS = [
    "peace",
    "Surrender",
    "unconditional",
    "Tōgō",
    "Konoye",
    "émigré",
    "naïve",
    "U.S.S.R.",
    "Moscow's",
    "1945",
    "envoy",
    "ﬁnal",
    "STRASSE",
    "straße",
    "Ωmega",
    "東京",
    "x_y",
    "—",
    "“quoted”",
    "re-entry",
]
_TEXTS = st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join), min_size=1, max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=_TEXTS,
    query=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join),
    all_words=st.booleans(),
    case_sensitive=st.booleans(),
)
def test_on_generated_corpora_the_index_and_a_plain_scan_agree(
    tmp_path_factory, texts, query, all_words, case_sensitive
):
    folder = tmp_path_factory.mktemp("generated")
    for n, text in enumerate(texts):
        (folder / f"e{n}.yaml").write_text(_event(n, text), encoding="utf-8")
    try:
        matcher = Matcher(query, all_words=all_words, case_sensitive=case_sensitive)
    except ValueError:
        return  # a query of punctuation alone is refused before any search
    roots = corpus_roots([folder])
    assert _hits(load(roots), matcher) == _indexed_hits(Index.open(roots), matcher)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=_TEXTS,
    official=_TEXTS,
    query=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join),
    fields=st.sets(st.sampled_from(["summary", "official"]), min_size=1),
)
@example(texts=["peace"], official=["envoy peace", "Konoye envoy"], query="peace Konoye", fields={"official"})
def test_counts_taken_from_the_index_are_the_counts_of_a_plain_scan(tmp_path_factory, texts, official, query, fields):
    """quote --count counts most passages from the index alone; a phrase's words repeated in a passage, or a phrase
    that would run on from one paragraph into the next, must not fool it."""
    folder = tmp_path_factory.mktemp("counted")
    for n, text in enumerate(texts):
        (folder / f"e{n}.yaml").write_text(_event(n, text, official), encoding="utf-8")
    try:
        matcher = Matcher(query)
    except ValueError:
        return
    roots = corpus_roots([folder])
    corpus = load(roots)
    plain = count_rows(corpus, search(corpus.records, matcher, fields))
    index = Index.open(roots)
    assert group_count_rows(counted_groups(index, matcher, fields)) == plain


@pytest.mark.parametrize(
    "query",
    ["unconditional surrender", "the", "of the", "Konoye", "special envoy", "Tōgō", "Majesty’s", "1945", "peace peace"],
)
def test_quote_count_from_the_index_prints_what_counting_the_hits_prints(cli, query):
    counted = cli("quote", query, "--count", "--format", "tsv")
    from_hits = cli("quote", query, "--count", "--format", "tsv", "--from", "1900")  # a filter reads the records
    assert (counted.exit_code, counted.output) == (from_hits.exit_code, from_hits.output)
    assert counted.exit_code == 1 or len(counted.output.splitlines()) >= 3


@pytest.mark.skipif(not hasattr(sqlite3.Connection, "setlimit"), reason="Connection.setlimit came in Python 3.11")
def test_quote_count_reads_back_more_groups_than_sqlite_has_variables_for(cli, monkeypatch):
    """The groups quote --count must count in their text are read back by number (Index.group_texts): some
    143,000 for a common phrase at 315,000 documents, where SQLite allows 32,766 variables a statement in
    default builds. Here the limit is lowered below the number of such groups of 'of the' in the bundled corpus."""
    limit = 20
    rows, more = Index.open(corpus_roots([])).phrase_groups(["of", "the"])
    assert sum(row[0] in more for row in rows) > limit
    expected = cli("quote", "of the", "--count", "--format", "tsv")
    connect = sqlite3.connect

    def connect_with_few_variables(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect_with_few_variables)
    counted = cli("quote", "of the", "--count", "--format", "tsv")
    assert (counted.exit_code, counted.output) == (0, expected.output)


PARAGRAPH_BREAK = "\n\n"


def _event(n: int, summary: str, official: list[str] = ()) -> str:
    def quoted(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    official_text = (
        (
            f"official_text: {{title: Text, complete: true, text: {quoted(PARAGRAPH_BREAK.join(official))}, "
            f'source: {{title: Test, url: "https://example.org/{n}", grade: weak}}}}\n'
        )
        if official
        else ""
    )
    return (
        f"id: generated-{n}\nkind: diplomatic\ntitle: Generated {n}\ndate: 1945-07-{n + 1:02d}\nend: null\n"
        f"actors: [Japan]\nplaces: [Tokyo]\nsummary: {quoted(summary)}\ntags: []\n"
        f'sources: [{{title: Test, url: "https://example.org/{n}", grade: weak}}]\n' + official_text
    )


@pytest.fixture
def user_corpus(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "e0.yaml").write_text(_event(0, "A first summary about tea."), encoding="utf-8")
    return folder


def test_a_changed_file_is_seen_at_once(cli, user_corpus):
    assert cli("--corpus", user_corpus, "quote", "coffee", "--in", "summary").exit_code == 1
    path = user_corpus / "e0.yaml"
    path.write_text(_event(0, "Now it says coffee."), encoding="utf-8")
    result = cli("--corpus", user_corpus, "quote", "coffee", "--in", "summary", "--format", "tsv")
    assert result.exit_code == 0 and "generated-0" in result.output


def test_an_added_and_a_removed_file_are_seen_at_once(cli, user_corpus):
    (user_corpus / "e1.yaml").write_text(_event(1, "Coffee arrives."), encoding="utf-8")
    assert "generated-1" in cli("--corpus", user_corpus, "quote", "coffee", "--in", "summary").output
    (user_corpus / "e1.yaml").unlink()
    assert cli("--corpus", user_corpus, "quote", "coffee", "--in", "summary").exit_code == 1


def _index_files():
    return sorted(cache_dir().glob("index-*.sqlite3"))


@pytest.mark.parametrize("damage", [b"not a database at all", None])
def test_a_corrupt_or_truncated_index_is_rebuilt(cli, damage, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cli("cable", "932").exit_code == 0 and len(_index_files()) == 1
    for path in _index_files():
        data = path.read_bytes()
        path.write_bytes(damage if damage is not None else data[: len(data) // 2])
    result = cli("cable", "932")
    assert result.exit_code == 0 and "932. Re my telegram No. 931." in result.output
    assert all(path.read_bytes().startswith(b"SQLite format 3") for path in _index_files())


def test_an_unwritable_cache_still_answers_and_says_so_in_one_line(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = run_magiccli("cable", "932", env={"XDG_CACHE_HOME": str(not_a_folder)})
    assert result.returncode == 0 and "932. Re my telegram No. 931." in result.stdout
    assert result.stderr == (
        f"magiccli: cannot write the index in {not_a_folder}/magiccli (Not a directory);"
        " it is built in memory for this run\n"
    )


def test_two_first_runs_at_once_leave_one_valid_index(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "magiccli", "quote", "konoye", "--count"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate() for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert len({out for out, _ in outputs}) == 1
    assert all(err == "searched: Konoye, Konoe, 近衛文麿, 近衞文麿\n" for _, err in outputs)
    files = list((tmp_path / "magiccli").iterdir())
    assert len(files) == 1 and files[0].suffix == ".sqlite3", files


def test_reindex_rebuilds(cli):
    result = cli("corpus", "reindex")
    assert result.exit_code == 0
    count, path = result.output.split(" records indexed in ")
    assert int(count) == len(load().records) and Path(path.strip()).exists()


@pytest.mark.parametrize(
    "args", [("cable", "1945-07-21"), ("quote", "unconditional surrender", "--count"), ("timeline",)]
)
def test_a_lookup_with_a_fresh_index_reads_no_yaml_and_no_rich_in_a_pipe(tmp_path, args):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    run = [sys.executable, "-c", RUN_THEN_LIST_MODULES, *args]
    first = subprocess.run(run, env=env, capture_output=True, text=True)
    assert "yaml" in first.stderr.split()  # the first run builds the index from the corpus files
    second = subprocess.run(run, env=env, capture_output=True, text=True)
    heavy = {"yaml", "rich", "magiccli.schema", "magiccli.load"}
    assert second.stdout == first.stdout and not heavy & set(second.stderr.split())


def test_user_corpora_come_from_the_option_and_the_environment(cli, tmp_path, user_corpus, monkeypatch):
    other = tmp_path / "other"
    other.mkdir()
    (other / "e9.yaml").write_text(_event(9, "Tea again."), encoding="utf-8")
    monkeypatch.setenv("MAGICCLI_CORPUS", os.pathsep.join([str(user_corpus), str(other)]))
    assert cli("quote", "tea", "--in", "summary", "--format", "tsv").output.count("generated-") == 2
    monkeypatch.delenv("MAGICCLI_CORPUS")
    assert cli("--corpus", other, "quote", "tea", "--in", "summary", "--format", "tsv").output.count("generated-") == 1


def test_an_id_that_collides_names_both_files(cli, user_corpus):
    clash = user_corpus / "clash.yaml"
    clash.write_text(_event(0, "Same id as e0."), encoding="utf-8")
    result = cli("--corpus", user_corpus, "cable", "932")
    assert result.exit_code == 2
    assert f"{user_corpus / 'e0.yaml'}:1: duplicate id 'generated-0' (also in {clash}:1)" in result.output


def test_a_missing_corpus_folder_is_a_usage_error(cli, tmp_path):
    result = cli("--corpus", tmp_path / "nowhere", "timeline")
    assert (
        result.exit_code == 2 and result.output == f"magiccli: no such corpus folder or file: {tmp_path / 'nowhere'}\n"
    )


@given(
    st.text(alphabet=st.sampled_from("abcXYZ09 _-.,'’“”—…\u00a0\n"), max_size=60),
    st.lists(st.sampled_from(["a", "ab", "abc", "xyz", "09", "b0", "c"]), min_size=1, max_size=3).map(" ".join),
    st.booleans(),
    st.booleans(),
)
def test_in_ascii_text_the_direct_search_finds_what_folding_finds(text, query, all_words, case_sensitive):
    matcher = Matcher(query, all_words=all_words, case_sensitive=case_sensitive)
    by_folding = matcher.folded_spans(text)
    expected = sorted(span for spans in by_folding for span in spans) if all(by_folding) else []
    assert matcher.spans(text) == expected
    assert fold_plain(text) == fold(text)[0]


@pytest.mark.slow
def test_a_big_corpus_is_checked_in_worker_processes_with_the_same_messages(cli, tmp_path):
    folder = tmp_path / "big"
    for n in range(2100):  # over the size from which the loader uses worker processes
        sub = folder / f"{n // 500:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"e{n}.yaml").write_text(_event(n % 28, f"Summary {n}.").replace(f"generated-{n % 28}", f"big-{n}"))
    assert cli("--corpus", folder, "corpus", "validate").output == "ok\n"
    (folder / "04" / "clash.yaml").write_text(_event(1, "Clash.").replace("generated-1", "big-7"))
    (folder / "03" / "bad.yaml").write_text(_event(2, "Bad.").replace("date: 1945-07-03", "date: 1945-02-30"))
    result = cli("--corpus", folder, "corpus", "validate")
    assert result.exit_code == 2
    assert f"{folder / '03' / 'bad.yaml'}:4: date: '1945-02-30' is not a real date" in result.output
    (folder / "03" / "bad.yaml").unlink()
    result = cli("--corpus", folder, "corpus", "validate")
    assert (
        f"{folder / '04' / 'clash.yaml'}:1: duplicate id 'big-7' (also in {folder / '00' / 'e7.yaml'}:1)"
        in result.output
    )


def test_two_corpus_sets_whose_index_names_clash_never_read_each_others_index(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("magiccli.index.roots_key", lambda roots: "clash")
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, word in ((first, "tea"), (second, "coffee")):
        folder.mkdir()
        (folder / "e0.yaml").write_text(_event(0, f"It says {word}."), encoding="utf-8")
    assert cli("--corpus", first, "quote", "tea", "--in", "summary").exit_code == 0
    assert cli("--corpus", second, "quote", "tea", "--in", "summary").exit_code == 1
    assert cli("--corpus", second, "quote", "coffee", "--in", "summary").exit_code == 0


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_fold_plain_of_any_text_is_the_character_fold(text):
    assert fold_plain(text) == fold(text)[0]


@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
    | st.text(alphabet=st.sampled_from("aZ9 _-.,'’“”—…\u00a0\n\t\x00¶"), max_size=40)
)
@example("U.S.S.R.’s x_y—Tōgō")
def test_fts5_splits_the_text_it_is_given_into_exactly_the_folded_words(text):
    """What quote's exactness rests on: the index's words are the matcher's words, ASCII text given as it is."""
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize='ascii');CREATE VIRTUAL TABLE v USING fts5vocab (t, instance);"
    )
    db.execute("INSERT INTO t VALUES (?)", (index_words(text),))
    assert [term for (term,) in db.execute("SELECT term FROM v ORDER BY offset")] == fold_plain(text).split()


@pytest.mark.parametrize(
    "text, folded",
    [("\ufb2a0", "\u05e90"), ("e\u0301x", "ex"), ("éx", "ex"), ("a \u0301b", "a b"), ("To\u0304go\u0304", "togo")],
)
def test_a_combining_mark_is_part_of_its_word_composed_or_not(text, folded):
    """An accent typed apart from its letter (decomposed text, a Hebrew point) never splits the word it stands in,
    so the matcher and the index fold a text alike whichever form it came in (hypothesis found U+FB2A, whose NFC
    form is decomposed)."""
    assert fold(text)[0] == fold_plain(text) == folded
