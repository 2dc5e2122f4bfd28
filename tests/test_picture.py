"""timeline --svg and --html: the printable picture parsed as XML, the page driven in headless Chromium."""

import dataclasses
import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from magiccli.model import Cable, record_object
from magiccli.picture import layout, page, svg
from magiccli.views import wording as render

from .conftest import run_magiccli

SVG = "{http://www.w3.org/2000/svg}"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = '</script><img src=x onerror="window.pwned=1"> \u2028\u2029 \x01\x1b <!-- ]]> &amp;'


def cable_no(corpus, number):
    return next(c for c in corpus.cables if c.telegram_no == number)


def searchable(record):
    """What the page's text filter reads, as the JSON export spells the record."""
    obj = record_object(record)
    texts = [
        obj["title"],
        obj["summary"],
        obj.get("text", ""),
        *(t["text"] for t in obj.get("translations", [])),
        (obj.get("official_text") or {}).get("text", ""),
    ]
    return "\n".join(texts).lower()


# --- SVG ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def svg_tree():
    result = run_magiccli("timeline", "--svg", "-")
    assert result.returncode == 0, result.stderr
    return ET.fromstring(result.stdout.encode("utf-8"))


def test_svg_names_every_cable_and_event(svg_tree, corpus):
    marks = {g.get("data-id"): g for g in svg_tree.iter(SVG + "g") if "tl-mark" in (g.get("class") or "")}
    assert set(marks) == {r.id for r in corpus.records}
    for cable in corpus.cables:
        labels = ["".join(t.itertext()) for t in marks[cable.id].iter(SVG + "text")]
        assert labels == [cable.telegram_no or cable.doc_type]
        if cable.time:  # when it was sent, in its own zone: "Tokyo, 1945-07-21 21:30 JST"
            assert (
                f"{cable.place}, {cable.date} {render.local_time(cable)}:" in marks[cable.id].find(SVG + "title").text
            )
    assert "21:30 JST" in marks["frus1945Berlinv02-d1229"].find(SVG + "title").text
    for event in corpus.events:
        labels = ["".join(t.itertext()) for t in marks[event.id].iter(SVG + "text")]
        assert labels == [event.title]  # whole, never cut
        assert event.title in marks[event.id].find(SVG + "title").text


def test_svg_references_nothing_outside_itself(svg_tree):
    source = ET.tostring(svg_tree, encoding="unicode")
    assert not [a for e in svg_tree.iter() for a in e.attrib if a.endswith("href")]
    assert "url(" not in source and "@import" not in source and "@font-face" not in source


def test_svg_uses_system_fonts_only(svg_tree):
    style = svg_tree.find(SVG + "style").text
    assert re.search(r"font-family: system-ui,[^;]*sans-serif;", style)


def test_lane_colours_pass_wcag_aa():
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a, b):
        light, dark = sorted((luminance(a), luminance(b)), reverse=True)
        return (light + 0.05) / (dark + 0.05)

    for colour in svg.LANE_COLOURS.values():
        assert min(contrast(colour, "#ffffff"), contrast(colour, svg.TINT)) >= 4.5, colour
    assert contrast(svg.QUIET, svg.TINT) >= 4.5


def test_pictures_go_to_files_or_stdout_but_not_both_to_stdout(cli, tmp_path):
    target = tmp_path / "story.html"
    result = cli("timeline", "--html", target, "--svg", tmp_path / "story.svg", "--from", "1945-07")
    assert (result.exit_code, result.output) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    both = cli("timeline", "--svg", "-", "--html", "-")
    assert both.exit_code == 2 and both.output == "magiccli: --svg and --html cannot both go to stdout (-)\n"
    chart = cli("timeline", "--chart", "--html", "-")
    assert chart.exit_code == 2 and chart.output.startswith("magiccli: --chart prints to stdout")


def test_html_to_stdout_holds_the_records_the_filters_chose(corpus):
    result = run_magiccli("timeline", "--html", "-", "--direction", "moscow-tokyo")
    assert result.returncode == 0, result.stderr
    data = json.loads(
        re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', result.stdout, re.S).group(1)
    )
    expected = [c for c in corpus.records if getattr(c, "direction", None) == "moscow-tokyo"]
    assert data["records"] == [record_object(c) for c in expected]


def test_page_data_survives_hostile_text(corpus):
    hostile = dataclasses.replace(cable_no(corpus, "932"), title=HOSTILE, text=HOSTILE)
    records = [hostile if r.id == hostile.id else r for r in corpus.records]
    html = page.html(corpus, records, layout.lay_out(records))
    embedded = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in embedded and "\u2028" not in embedded
    titles = [r["title"] for r in json.loads(embedded)["records"] if r["id"] == hostile.id]
    assert titles == [HOSTILE]
    drawn = svg.draw(layout.lay_out(records), lambda r: r.title)
    ET.fromstring(drawn)  # the control characters did not make it invalid XML


# --- the page in a browser ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser, tmp_path):
    """Open an HTML file from file:// with the network cut off; yields the page, its console errors and the
    requests that tried to leave the file."""
    context = browser.new_context(offline=True, viewport={"width": 1600, "height": 900})
    left_the_file = []

    def block(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            left_the_file.append(route.request.url)
            route.abort()

    context.route("**/*", block)

    def load(path, fragment=""):
        tab = context.new_page()
        errors = []
        tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(path.as_uri() + fragment)
        return tab, errors, left_the_file

    yield load
    context.close()


@pytest.fixture
def timeline_file(cli, tmp_path):
    target = tmp_path / "timeline.html"
    assert cli("timeline", "--html", target).exit_code == 0
    return target


@pytest.fixture
def timeline_page(timeline_file, open_page):
    return open_page(timeline_file)


@pytest.mark.browser
def test_page_loads_offline_without_errors_and_marks_every_record(timeline_page, corpus, tmp_path):
    tab, errors, left_the_file = timeline_page
    ids = tab.eval_on_selector_all(".tl-mark", "marks => marks.map(m => m.dataset.id)")
    assert sorted(ids) == sorted(r.id for r in corpus.records)
    labels = tab.eval_on_selector_all(".tl-cable text", "texts => texts.map(t => t.textContent)")
    assert sorted(labels) == sorted(c.telegram_no or c.doc_type for c in corpus.cables)
    screenshot = tmp_path / "timeline.png"
    tab.screenshot(path=str(screenshot), full_page=True)
    print(f"screenshot: {screenshot}")
    assert (errors, left_the_file) == ([], [])


@pytest.mark.browser
def test_clicking_932_shows_its_text_and_a_reply_link_moves_to_that_cable(timeline_page, corpus, tmp_path):
    tab, errors, _ = timeline_page
    cable = cable_no(corpus, "932")
    tab.click(f'.tl-mark[data-id="{cable.id}"]')
    panel = tab.locator("#panel")
    assert panel.is_visible()
    assert tab.text_content("#panel h2") == render.cable_heading(corpus, cable)
    shown = " ".join(panel.inner_text().split())
    assert all(" ".join(paragraph.split()) in shown for paragraph in cable.paragraphs)
    assert render.incomplete_notice(cable) in shown and render.citation(cable) in shown
    assert all(t.source.title in shown for t in cable.translations)
    assert "Tokyo, 21 July 1945, 21:30 JST" in shown  # the time in its zone, not "local time"
    answered = corpus.by_id[cable.in_reply_to[0]]
    tab.click(f'#panel button[data-goto="{answered.id}"]')
    assert tab.text_content("#panel h2") == render.cable_heading(corpus, answered)
    assert tab.evaluate("document.activeElement.dataset.id") == answered.id
    tab.screenshot(path=str(tmp_path / "timeline-931.png"))
    assert errors == []


@pytest.mark.browser
def test_filters_hide_marks(timeline_page, corpus):
    tab, errors, _ = timeline_page

    def visible():
        return sorted(tab.eval_on_selector_all(".tl-mark:not(.tl-hidden)", "ms => ms.map(m => m.dataset.id)"))

    tab.select_option("#f-direction", "moscow-tokyo")
    assert visible() == sorted(c.id for c in corpus.cables if c.direction == "moscow-tokyo")
    tab.click("button[type=reset]")
    tab.fill("#f-text", "Unconditional Surrender")
    expected = sorted(r.id for r in corpus.records if "unconditional surrender" in searchable(r))
    assert 0 < len(expected) < len(corpus.records) and visible() == expected
    assert tab.text_content("#f-count") == f"{len(expected)} of {len(corpus.records)} shown"
    tab.fill("#f-text", "")
    tab.select_option("#f-person", "lozovsky-solomon")
    assert visible() == sorted(
        r.id
        for r in corpus.records
        if "lozovsky-solomon"
        in {getattr(r, "from_", None), getattr(r, "to", None), *getattr(r, "people", []), *getattr(r, "actors", [])}
    )
    assert errors == []


@pytest.mark.browser
def test_keyboard_moves_along_a_lane_and_opens_a_mark(timeline_page, corpus):
    tab, errors, _ = timeline_page
    to_moscow = [c for c in corpus.records if isinstance(c, Cable) and c.direction == "tokyo-moscow"]
    last, before = to_moscow[-1], to_moscow[-2]
    tab.focus(f'.tl-mark[data-id="{last.id}"]')
    tab.keyboard.press("ArrowLeft")
    assert tab.evaluate("document.activeElement.dataset.id") == before.id
    tab.keyboard.press("Enter")
    assert tab.text_content("#panel h2") == render.cable_heading(corpus, before)
    tab.keyboard.press("Escape")
    assert not tab.locator("#panel").is_visible()
    assert errors == []


@pytest.mark.browser
def test_a_link_to_the_page_can_name_the_record_to_open(timeline_file, open_page, corpus):
    cable = cable_no(corpus, "1417")
    tab, errors, _ = open_page(timeline_file, f"#{cable.id}")
    assert tab.text_content("#panel h2") == render.cable_heading(corpus, cable)
    assert tab.evaluate("document.activeElement.dataset.id") == cable.id and errors == []


@pytest.mark.browser
def test_hostile_corpus_text_stays_text(open_page, corpus, tmp_path):
    hostile = dataclasses.replace(cable_no(corpus, "932"), title=HOSTILE, text=HOSTILE)
    records = [hostile if r.id == hostile.id else r for r in corpus.records]
    target = tmp_path / "hostile.html"
    target.write_text(page.html(corpus, records, layout.lay_out(records)), encoding="utf-8")
    tab, errors, left_the_file = open_page(target)
    tab.click(f'.tl-mark[data-id="{hostile.id}"]')
    assert HOSTILE.replace("\x01", "").replace("\x1b", "")[:40] in tab.inner_text("#panel").replace("\x01", "")
    assert tab.evaluate("window.pwned") is None and tab.locator("#panel img").count() == 0
    assert (errors, left_the_file) == ([], [])


def test_a_picture_of_more_marks_than_it_can_hold_is_refused_before_anything_is_drawn(tmp_path):
    from .conftest import run_magiccli

    target = tmp_path / "big.svg"
    held = run_magiccli("timeline", "--kind", "cable", "--format", "jsonl").stdout.count("\n")
    runner_env = {"PYTHONPATH": str(tmp_path)}
    # the bundled corpus's cables are one more than a limit set for this test (by a sitecustomize the process loads)
    (tmp_path / "sitecustomize.py").write_text(f"import magiccli.picture as p; p.MOST_MARKS = {held - 1}\n")
    refused = run_magiccli("timeline", "--kind", "cable", "--svg", target, env=runner_env)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"magiccli: --svg and --html draw at most {held - 1:,} cables and events, and these"
        " filters keep more: narrow them (--from/--to, --kind, --actor, --tag, --grep or --limit)\n"
    )
    assert not target.exists()
    kept = run_magiccli("timeline", "--kind", "cable", "--limit", str(held - 1), "--svg", target, env=runner_env)
    assert kept.returncode == 0 and target.read_text().count('class="tl-mark tl-cable') == held - 1
