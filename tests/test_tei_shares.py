"""A volume read in shares (tei.read_volume's share: load.map_work spreads a big volume over the workers) gives,
share by share, what it gives read whole: the same documents, lines, pages and chapters, and each problem once."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magiccli.tei import read_records

SAMPLE = Path(__file__).parent / "data" / "tei" / "frus1944Quebec-sample.xml"
TEXT = SAMPLE.read_text(encoding="utf-8")
DOCUMENTS = TEXT.count('type="document"')

# what a volume can do wrong, put at the n-th document (each keeps the file readable up to where it breaks)
DAMAGE = {
    "repeated id": lambda text, n: _at(text, n, lambda div: div.replace('xml:id="d', 'xml:id="d1" data-was="d', 1)),
    "bad date": lambda text, n: _at(
        text, n, lambda div: div.replace('frus:doc-dateTime-min="', 'frus:doc-dateTime-min="x', 1)
    ),
    "entity": lambda text, n: _at(text, n, lambda div: div.replace("</head>", "&unknown;</head>", 1)),
    "malformed": lambda text, n: _at(text, n, lambda div: div.replace("</head>", "</hed>", 1)),
    "no id": lambda text, n: _at(text, n, lambda div: div.replace('xml:id="d', 'data-id="d', 1)),
}


def _at(text: str, n: int, change) -> str:
    """``text`` with ``change`` made to the start tag and head of its n-th document."""
    start = -1
    for _ in range(n + 1):
        start = text.index('type="document"', start + 1)
    start = text.rindex("<div", 0, start)
    end = text.index("</head>", start) + len("</head>")
    return text[:start] + change(text[start:end]) + text[end:]


def _in_shares(path: Path, size: int):
    volumes, documents, problems = [], [], []
    for start in range(0, DOCUMENTS + size, size):
        stop = None if start + size >= DOCUMENTS + size else start + size
        volume, some, found = read_records(path, (start, stop))
        volumes.append(volume)
        documents += some
        problems += found
        if stop is None:
            break
    return volumes, documents, problems


@settings(max_examples=30, deadline=None)
@given(
    damage=st.lists(st.tuples(st.sampled_from(sorted(DAMAGE)), st.integers(0, DOCUMENTS - 1)), max_size=3),
    size=st.integers(1, DOCUMENTS + 1),
)
def test_a_volume_read_in_shares_gives_what_it_gives_whole(tmp_path_factory, damage, size):
    text = TEXT
    for name, n in damage:
        text = DAMAGE[name](text, n)
    path = tmp_path_factory.mktemp("shares") / "frus1944Quebec.xml"
    path.write_text(text, encoding="utf-8")
    volume, documents, problems = read_records(path)
    volumes, shared, shared_problems = _in_shares(path, size)
    assert shared == documents
    assert shared_problems == problems
    assert all(each == volume for each in volumes if each is not None)


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_each_damage_is_a_problem(tmp_path, name):
    path = tmp_path / "frus1944Quebec.xml"
    path.write_text(DAMAGE[name](TEXT, 3), encoding="utf-8")
    assert read_records(path)[2]


@pytest.mark.parametrize("damage", [None, "malformed", "bad date"])
def test_an_index_of_a_volume_read_in_shares_is_the_one_of_it_read_whole(tmp_path, monkeypatch, damage):
    """A volume's shares written as they come make the index its whole reading makes; one whose problems leave it
    out (a share's problem: the build reads it again whole) is left out as whole."""
    from magiccli import load
    from magiccli.index.build import build
    from magiccli.locations import bundled_corpus

    from .test_index_update import dump

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "people.yaml").write_text((bundled_corpus() / "people.yaml").read_text(encoding="utf-8"))
    volume = DAMAGE[damage](TEXT, 30) if damage else TEXT
    (folder / "frus1944Quebec.xml").write_text(volume, encoding="utf-8")
    built = {}
    for name, share in (("whole", 10**9), ("in shares", 5)):
        monkeypatch.setattr(load, "_SHARE", share)
        built[name] = tmp_path / f"{name}.sqlite3"
        build([folder], str(built[name])).close()
    assert dump(built["in shares"]) == dump(built["whole"])
