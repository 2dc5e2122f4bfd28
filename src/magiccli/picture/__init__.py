"""The timeline as a picture: a printable SVG and an offline, clickable HTML page, both drawn from one layout."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from magiccli.errors import UsageProblem
from magiccli.model import Corpus

STDOUT = Path("-")
# A picture is laid out whole, with the text of every record it shows: some 50 KB of memory a mark, 100 MB for an
# HTML page of this many. It is a reading aid for a chosen stretch, not a view of a whole shelf.
MOST_MARKS = 2_000
PAGE_SIZES = ("A4", "Letter")


def save(
    corpus: Corpus,
    records: list,
    svg: Path | None,
    html: Path | None,
    *,
    crossings: dict[str, list[str]] | None = None,
    mentions: dict[str, list[str]] | None = None,
    page_size: str | None = None,
) -> None:
    """Write the SVG and/or the HTML of these records to their files, or to stdout for ``-``. ``crossings`` {cable
    id: ids of the telegrams it crossed} and ``mentions`` {record id: person ids} come from the index; ``page_size``
    (A4 or Letter) sets the SVG on landscape pages of that size, as many as it needs."""
    from magiccli.picture import layout, page, paper
    from magiccli.picture import svg as drawing

    check_targets(svg, html)
    if page_size and page_size.lower() not in {p.lower() for p in PAGE_SIZES}:
        raise UsageProblem(f"--page-size is {' or '.join(PAGE_SIZES)}, not '{page_size}'")
    laid_out = layout.lay_out(records)
    if svg:
        describe = lambda r: page.describe(corpus, r)  # noqa: E731
        if page_size:
            drawn = paper.draw(laid_out, describe, crossings, page_size)
        else:
            drawn = drawing.draw(laid_out, describe, crossings)
        _write(svg, f'<?xml version="1.0" encoding="UTF-8"?>\n{drawn}\n')
    if html:
        _write(html, page.html(corpus, records, laid_out, crossings, mentions))


def check_targets(svg: Path | None, html: Path | None) -> None:
    """Refuse, before anything is drawn, targets that would lose one picture or write where the name does not say."""
    if svg == STDOUT and html == STDOUT:
        raise UsageProblem("--svg and --html cannot both go to stdout (-)")
    if svg and html and svg != STDOUT and _same_file(svg, html):
        raise UsageProblem(f"--svg and --html name the same file ({svg}): give each its own")
    for option, target in (("--svg", svg), ("--html", html)):
        if target and target != STDOUT and target.is_symlink():
            raise UsageProblem(f"{option} {target} is a symbolic link: name the file itself")


def _same_file(one: Path, other: Path) -> bool:
    if one.exists() and other.exists():
        return os.path.samefile(one, other)
    return one.absolute() == other.absolute()


def _write(target: Path, text: str) -> None:
    data = text.encode("utf-8")
    if target == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    # a temporary file beside the target, renamed over it: a failed write leaves the old picture whole
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise  # a failure is the runner's one line and exit 1, as for any output


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
