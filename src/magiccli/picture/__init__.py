"""The timeline as a picture: a printable SVG and an offline, clickable HTML page, both drawn from one layout."""

from __future__ import annotations

import sys
from pathlib import Path

from magiccli.errors import UsageProblem
from magiccli.model import Corpus

STDOUT = Path("-")
# A picture is laid out whole, with the text of every record it shows: some 50 KB of memory a mark, 100 MB for an
# HTML page of this many. It is a reading aid for a chosen stretch, not a view of a whole shelf.
MOST_MARKS = 2_000


def save(corpus: Corpus, records: list, svg: Path | None, html: Path | None) -> None:
    """Write the SVG and/or the HTML of these records to their files, or to stdout for ``-``."""
    from magiccli.picture import layout, page
    from magiccli.picture import svg as drawing

    if svg == STDOUT and html == STDOUT:
        raise UsageProblem("--svg and --html cannot both go to stdout (-)")
    laid_out = layout.lay_out(records)
    if svg:
        _write(svg, '<?xml version="1.0" encoding="UTF-8"?>\n'
               + drawing.draw(laid_out, lambda r: page.describe(corpus, r)) + "\n")
    if html:
        _write(html, page.html(corpus, records, laid_out))


def _write(target: Path, text: str) -> None:
    data = text.encode("utf-8")
    if target == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target.write_bytes(data)  # a failure is the runner's one line and exit 1, as for any output
