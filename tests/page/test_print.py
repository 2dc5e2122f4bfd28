"""The page and the SVG on paper: printed to PDF by Chromium, their smallest text measured with poppler's pdftotext."""

import re
import subprocess

import pytest

from magiccli.picture import layout, paper, svg

from ..test_picture_paper import tall
from .conftest import need

pytestmark = pytest.mark.browser
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
LANDSCAPE = {"A4": (841.89, 595.28), "Letter": (792, 612)}  # in points


def printed(pdf, tmp_path):
    """Each page of the PDF: its width and height in points, and its words, each as (its box's height, its text)."""
    boxes = tmp_path / "boxes.html"
    subprocess.run(
        [need("pdftotext", "Debian: apt-get install poppler-utils"), "-bbox", str(pdf), str(boxes)], check=True
    )
    pages = boxes.read_text(encoding="utf-8").split("<page ")[1:]
    return [
        (
            *map(float, PAGE.match("<page " + p).groups()),
            [(float(y2) - float(y1), t) for _, y1, _, y2, t in WORD.findall(p)],
        )
        for p in pages
    ]


def words(pdf, tmp_path):
    return [page_words for _, _, page_words in printed(pdf, tmp_path)]


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


@pytest.fixture
def points(open_at, tmp_path):
    """A word box's height as a type size in points, calibrated by a word in the pictures' fonts set at 16 px (12 pt)
    in a page of its own: a reference inside the picture would shrink with it if the picture were scaled whole."""
    reference = tmp_path / "reference.html"
    reference.write_text(f"<style>p {{ font: 16px {svg.FONTS}; }}</style><p>Reference</p>", encoding="utf-8")
    tab, _ = open_at(reference)
    tab.pdf(path=str(tmp_path / "reference.pdf"))
    [[(height, _)]] = words(tmp_path / "reference.pdf", tmp_path)
    return lambda box_height: box_height / height * 12


@pytest.mark.parametrize(("size", "exchange"), [("A4", "as it is"), ("Letter", "as it is"), ("A4", "tall")])
def test_the_svg_prints_on_landscape_pages_of_its_size_with_text_at_least_8_pt(
    size, exchange, cli, corpus, open_at, points, tmp_path
):
    target = tmp_path / "timeline.svg"
    if exchange == "tall":  # lanes taller than a page: cut into bands, each headed by the days again
        records = tall(corpus.records)
        target.write_text(paper.draw(layout.lay_out(records), lambda r: r.title, None, size), encoding="utf-8")
    else:
        assert cli("timeline", "--svg", target, "--page-size", size).exit_code == 0
    count = target.read_text(encoding="utf-8").count('class="tl-page"')
    tab, errors = open_at(target)
    pdf = tmp_path / "timeline.pdf"
    tab.pdf(path=str(pdf), prefer_css_page_size=True)  # the paper the file's @page names, as a print dialog offers
    pages = printed(pdf, tmp_path)
    assert len(pages) == count > 2
    for n, (width, height, page_words) in enumerate(pages, 1):
        assert (round(width), round(height)) == tuple(map(round, LANDSCAPE[size]))
        text = " ".join(t for _, t in page_words)
        assert f"(page {n} of {count})" in text  # each page's own, so the pages break where the file's do
    smallest = points(min(h for _, _, page_words in pages for h, _ in page_words))
    assert smallest >= 8, smallest
    first = " ".join(t for _, t in pages[0][2])
    assert "Before July 1945" in first and "telegrams that crossed on the wire" in first  # the band and the legend
    assert all("The exchange," in " ".join(t for _, t in p[2]) for p in pages[1:])
    assert "panel" not in " ".join(t for p in pages for _, t in p[2])  # nothing that only a screen can use
    assert errors == []
