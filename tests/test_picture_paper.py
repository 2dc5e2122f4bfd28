"""timeline --svg FILE --page-size A4|Letter: the picture set on landscape pages, one file holding them all (its
printing in Chromium is measured in tests/page/test_print.py)."""

import dataclasses
import itertools
import xml.etree.ElementTree as ET

import pytest

from magiccli.model import Event
from magiccli.picture import layout, paper, svg

from .conftest import run_magiccli
from .test_picture import HOSTILE

SVG = "{http://www.w3.org/2000/svg}"
INKSCAPE = "{http://www.inkscape.org/namespaces/inkscape}"
PAPERS = {"A4": (297, 210), "Letter": (279.4, 215.9)}


def tall(records, copies=12):
    """The records with each event of the exchange drawn ``copies`` times over: lanes taller than any page."""
    more = [
        dataclasses.replace(r, id=f"{r.id}-{n}")
        for r in records
        if isinstance(r, Event) and r.date >= "1945-07"
        for n in range(copies)
    ]
    return records + more


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_the_svg_on_paper_is_its_first_page_with_the_rest_below_and_each_record_drawn_once(size, corpus):
    result = run_magiccli("timeline", "--svg", "-", "--page-size", size)
    assert result.returncode == 0, result.stderr
    root = ET.fromstring(result.stdout.encode("utf-8"))
    width_mm, height_mm = PAPERS[size]
    width, height = width_mm * 96 / 25.4, height_mm * 96 / 25.4  # a user unit is a CSS pixel
    assert (root.get("width"), root.get("height")) == (f"{width_mm:g}mm", f"{height_mm:g}mm")
    assert root.get("viewBox") == f"0 0 {width:.2f} {height:.2f}"
    pages = [g for g in root.iter(SVG + "g") if g.get("class") == "tl-page"]
    assert [g.get("transform") for g in pages] == [f"translate(0 {n * height:.2f})" for n in range(len(pages))]
    # the context band and the legend, then the exchange (1,755 px wide) in slices that hold every label whole
    assert len(pages) == len(CAPTIONS[size])
    # Inkscape's pages, and the size and whole height a browser (or rsvg-convert) gives the file
    assert [(p.get("y"), p.get("height")) for p in root.iter(INKSCAPE + "page")] == [
        (f"{n * height:.2f}", f"{height:.2f}") for n in range(len(pages))
    ]
    style = root.find(SVG + "style").text
    assert f"@page {{ size: {size.lower() if size == 'Letter' else size} landscape; margin: 0; }}" in style
    assert f"svg:root {{ height: {len(pages) * height_mm:.2f}mm; }}" in style
    # every mark drawn once, in the defs the pages show; every reference inside the file
    marks = [g.get("data-id") for g in root.iter(SVG + "g") if "tl-mark" in (g.get("class") or "")]
    assert sorted(marks) == sorted(r.id for r in corpus.records)
    ids = {e.get("id") for e in root.iter()}
    references = [v for e in root.iter() for k, v in e.attrib.items() if k.endswith("href")]
    assert references and all(ref[0] == "#" and ref[1:] in ids for ref in references)
    captions = ["".join(t.itertext()) for t in root.iter(SVG + "text") if "tl-caption" in t.get("class")]
    assert captions == CAPTIONS[size]


CAPTIONS = {
    "A4": [
        "Before July 1945, and the legend (page 1 of 3)",
        "The exchange, 11 July 1945 – 7 August 1945 (page 2 of 3)",
        "The exchange, 8 August 1945 – 2 September 1945 (page 3 of 3)",
    ],
    # a Letter page is narrower: the label of 2 September ("Instrument of Surrender signed aboard USS Missouri")
    # would not end on the third, so it has a page of its own
    "Letter": [
        "Before July 1945, and the legend (page 1 of 4)",
        "The exchange, 11 July 1945 – 7 August 1945 (page 2 of 4)",
        "The exchange, 8 August 1945 – 1 September 1945 (page 3 of 4)",
        "The exchange, 2 September 1945 (page 4 of 4)",
    ],
}


@pytest.mark.parametrize("room", [940.0, 1000.0, 700.0, 400.0])
def test_every_label_is_whole_on_the_one_page_that_holds_its_mark(corpus, room):
    """Slices of the exchange for paper: each mark on exactly one page, its label ending on that page wherever a
    page can hold it from its day on, and the pages cut at days' edges, one after the other; so no label is
    printed cut in two that could be printed whole."""
    part = layout.lay_out(corpus.records).exchange
    pieces = layout.slices(part, room)
    assert all(piece.width <= room for piece in pieces)
    assert [piece.left for piece in pieces[1:]] == [piece.days_end for piece in pieces[:-1]]
    edges = {right for _, right in part.days}
    assert all(piece.days_end in edges for piece in pieces[:-1])
    whole = 0
    for mark in part.marks:
        (holder,) = [p for p in pieces if p.left <= mark.x < p.days_end]
        day_starts = max(left for left, _ in part.days if left <= mark.x)
        if layout.label_end(mark) - day_starts <= room:
            assert layout.label_end(mark) <= holder.right, mark.label
            whole += 1
    assert whole >= len(part.marks) * (0.9 if room > 600 else 0.5)  # the check is not vacuous


def test_without_a_page_size_the_svg_is_one_picture_at_its_own_size(corpus):
    root = ET.fromstring(svg.draw(layout.lay_out(corpus.records), lambda r: r.title))
    assert root.get("width").isdigit() and root.get("height").isdigit()
    assert not [g for g in root.iter(SVG + "g") if g.get("class") == "tl-page"]


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_a_tall_exchange_is_cut_between_rows_into_bands_that_fit_a_page(size, corpus):
    records = tall(corpus.records)
    laid_out = layout.lay_out(records)
    _, width_mm, height_mm = paper.PAPERS[size]
    room_width = width_mm * paper.MM - 2 * paper.MARGIN
    room_height = height_mm * paper.MM - 2 * paper.MARGIN - paper.CAPTION
    pages = paper.paginate(laid_out, room_width, room_height)
    exchange = [p.tile for p in pages if p.tile and p.tile.part.key == "exchange"]
    bands = sorted({(t.top, t.bottom) for t in exchange})
    assert len(bands) > 1 and bands[0][0] == 0
    assert all(one[1] == other[0] for one, other in itertools.pairwise(bands))  # one after another, nothing skipped
    for mark in laid_out.exchange.marks:  # a pill or a label (with an event's bar under it) stands whole in a band
        assert any(
            top <= mark.y - layout.ROW_HEIGHT / 2 and mark.y + layout.ROW_HEIGHT / 2 <= bottom for top, bottom in bands
        )
    # what is drawn on each page ends above its bottom margin and inside its side margins
    root = ET.fromstring(paper.draw(laid_out, lambda r: r.title, None, size))
    pages_drawn = [g for g in root.iter(SVG + "g") if g.get("class") == "tl-page"]
    assert len(pages_drawn) == len(pages) > 4
    for page in pages_drawn:
        windows = [(float(w.get("y")) + float(w.get("height")), float(w.get("width"))) for w in page.iter(SVG + "svg")]
        legends = [
            float(g.get("transform").split()[1][:-1]) + svg.LEGEND_HEIGHT
            for g in page.iter(SVG + "g")
            if g.get("class") == "tl-legend"
        ]
        assert max(bottom for bottom, _ in windows + [(0, 0)]) <= height_mm * paper.MM - paper.MARGIN
        assert max(legends + [0]) <= height_mm * paper.MM - paper.MARGIN
        assert all(width <= room_width for _, width in windows)
    # a band that starts inside a lane names it again
    continued = [t for t in exchange if t.continued]
    assert continued
    texts = ["".join(t.itertext()) for t in root.iter(SVG + "text")]
    assert all(f"{t.continued.name} (continued)" in texts for t in continued)


def test_hostile_text_on_paper_stays_text(corpus):
    """A title of markup and controls is escaped on paper as in the picture (the controls shown as ``\\x1b``)."""
    records = [dataclasses.replace(r, title=HOSTILE) if isinstance(r, Event) else r for r in corpus.records]
    root = ET.fromstring(paper.draw(layout.lay_out(records), lambda r: r.title, None, "A4"))
    assert not [e for e in root.iter() if e.tag.endswith(("script", "img"))]
    titles = {"".join(t.itertext()) for t in root.iter(SVG + "title")}
    assert HOSTILE.replace("\x01", "\\x01").replace("\x1b", "\\x1b") in titles


@pytest.mark.parametrize("drawn", [(), ("--html", "page.html"), ("--chart",)])
def test_a_page_size_without_an_svg_is_a_usage_error(cli, tmp_path, drawn):
    """--page-size lays out the SVG only: without --svg it would be silently ignored, so it is refused, before any
    file is written."""
    result = cli("timeline", *[str(tmp_path / a) if a.endswith(".html") else a for a in drawn], "--page-size", "A4")
    assert (result.exit_code, result.output) == (
        2,
        "magiccli: --page-size lays out the --svg picture for paper; give --svg FILE too\n",
    )
    assert not list(tmp_path.iterdir())
