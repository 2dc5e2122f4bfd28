"""The page on paper: printed to PDF by Chromium, its smallest text measured with poppler's pdftotext."""

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from magiccli.picture import layout, page, svg

from .conftest import need

pytestmark = pytest.mark.browser
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def words(pdf, tmp_path):
    boxes = tmp_path / "boxes.html"
    subprocess.run(
        [need("pdftotext", "Debian: apt-get install poppler-utils"), "-bbox", str(pdf), str(boxes)], check=True
    )
    pages = boxes.read_text(encoding="utf-8").split("<page ")[1:]
    return [[(float(y2) - float(y1), text) for _, y1, _, y2, text in WORD.findall(p)] for p in pages]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_text_is_at_least_8_pt_with_the_context_on_the_first_page(open_at, page_file, corpus, tmp_path, paper):
    tab, errors = open_at(page_file)
    pdf = tmp_path / "timeline.pdf"
    tab.pdf(path=str(pdf), format=paper, landscape=True)
    pages = words(pdf, tmp_path)
    # a word's box is as tall as its font's ascent and descent: the 20 px (15 pt) heading calibrates the rest
    heading = next(height for height, text in pages[0] if text == "Timeline:")
    smallest = min(height for page_words in pages for height, _ in page_words) / heading * 15
    assert smallest >= 8, smallest
    first = " ".join(text for _, text in pages[0])
    assert "Before July 1945" in first and "telegrams that crossed on the wire" in first  # the band and the legend
    slices = len(re.findall('class="tl-page"', page_file.read_text(encoding="utf-8")))
    assert len(pages) == 1 + slices and all("The exchange," in " ".join(t for _, t in p) for p in pages[1:])
    printed = " ".join(text for p in pages for _, text in p)
    assert "Point at" not in printed and "Keys:" not in printed and "Fit" not in printed
    assert errors == []


def test_an_svg_set_on_a_page_size_prints_at_that_size(corpus):
    for paper, (width, height) in (("A4", (297, 210)), ("Letter", (279.4, 215.9))):
        root = ET.fromstring(svg.draw(layout.lay_out(corpus.records), lambda r: r.title, page_size=paper))
        assert (root.get("width"), root.get("height")) == (f"{width}mm", f"{height}mm")
    plain = ET.fromstring(svg.draw(layout.lay_out(corpus.records), lambda r: r.title))
    assert plain.get("width").isdigit()
    assert page.PRINT_SLICE <= 940  # a slice at full size fits Letter's printable width, the narrower of the two
