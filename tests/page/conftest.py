"""The timeline page in headless Chromium (Debian's, driven by playwright, which downloads no browser)."""

import os
import shutil

import pytest

from magiccli.index import Index
from magiccli.locations import corpus_roots
from magiccli.picture import layout, page

from ..test_picture import CHROMIUM, CHROMIUM_ARGS


def need(tool: str, package: str) -> str:
    """The path of a tool a test needs: skipped without it on a developer's machine, failed in CI (CI=true), where
    .ci/run must install it, so that a missing install step cannot pass as green."""
    path = shutil.which(tool)
    if not path:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"{tool} is not installed ({package})")
    return path


@pytest.fixture(scope="module")  # one playwright at a time: tests/test_picture.py starts its own
def chromium():
    if not CHROMIUM:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def crossings(corpus):
    """{cable id: ids of the telegrams it crossed}, as the index derives them (what the timeline command passes)."""
    found = Index.open(corpus_roots([])).crossings(c.id for c in corpus.cables)
    return {cable: [crossing.entry.id for crossing in crossings] for cable, crossings in found.items()}


@pytest.fixture(scope="session")
def page_file(corpus, crossings, tmp_path_factory):
    target = tmp_path_factory.mktemp("page") / "timeline.html"
    target.write_text(page.html(corpus, corpus.records, layout.lay_out(corpus.records), crossings), encoding="utf-8")
    return target


@pytest.fixture
def open_at(chromium):
    """Open an HTML file offline at a window size; yields a function returning the tab and its page errors."""
    contexts = []

    def load(path, width=1400, height=900, fragment="", **options):
        context = chromium.new_context(offline=True, viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        tab.goto(path.as_uri() + fragment)
        return tab, errors

    yield load
    for context in contexts:
        context.close()
