"""A page of a whole FRUS volume's size (1,500 records, made from the bundled ones) draws every mark without an error
and zooms; how fast it paints and zooms is measured side by side with the bundled page in bench/page_timing.py, as every
speed target is, not asserted here."""

import sys

import pytest

from magiccli.picture import layout, page

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from page_timing import volume

pytestmark = pytest.mark.browser
RECORDS = 1_500


@pytest.fixture(scope="module")
def big_page(corpus, tmp_path_factory):
    records = volume(corpus, RECORDS)
    text = page.html(corpus, records, layout.lay_out(records))
    target = tmp_path_factory.mktemp("big") / "big.html"
    target.write_text(text, encoding="utf-8")
    return target


def test_a_whole_volume_draws_every_mark_and_zooms(open_at, big_page):
    tab, errors = open_at(big_page)
    assert tab.eval_on_selector_all(".tl-mark", "ms => ms.length") == RECORDS and errors == []
    before = tab.evaluate("document.getElementById('figure').scrollWidth")
    tab.click("#zoom-in")
    tab.wait_for_function(f"document.getElementById('figure').scrollWidth > {before}")
    assert errors == []
