"""What the page shows first, and that no label stands over another: measured in Chromium (getBBox)."""

import datetime as dt

import pytest

from magiccli.picture import layout

pytestmark = pytest.mark.browser

# the screen box of a mark, and of the window
BOX = "m => { const b = m.getBoundingClientRect(); return [b.left, b.right]; }"


def first_and_last_visible_day(tab):
    """The UTC days whose columns the exchange shows whole in the window."""
    return tab.evaluate("""() => {
        const svg = document.getElementById('tl-exchange'), box = svg.getBoundingClientRect();
        const scale = box.width / svg.viewBox.baseVal.width;
        return [(0 - box.left) / scale, (Math.min(innerWidth, box.right) - box.left) / scale];
    }""")


def days_in(part, left, right):
    columns = [n for n, (start, end) in enumerate(part.days) if start >= left - 1 and end <= right + 1]
    return part.first_day + dt.timedelta(days=columns[0]), part.first_day + dt.timedelta(days=columns[-1])


@pytest.mark.parametrize(
    "width, height, first, last",
    [
        (1400, 900, dt.date(1945, 7, 11), dt.date(1945, 8, 31)),  # the exchange whole, to the end of August
        (400, 800, dt.date(1945, 7, 11), dt.date(1945, 7, 28)),  # July on a phone, at a readable size
    ],
)
def test_the_first_screen_shows_the_exchange(open_at, page_file, corpus, width, height, first, last):
    tab, errors = open_at(page_file, width, height)
    exchange = layout.lay_out(corpus.records).exchange
    assert days_in(exchange, *first_and_last_visible_day(tab)) == (first, last)
    top = tab.eval_on_selector("#tl-exchange", "s => s.getBoundingClientRect().top")
    assert top < height / 2  # the figure starts in the upper half of the first screen
    # the smallest label is still at least 8.8 px high (11 px at a scale of 0.8 or more)
    assert (
        tab.evaluate(
            "document.getElementById('tl-exchange').getBoundingClientRect().width"
            " / document.getElementById('tl-exchange').viewBox.baseVal.width"
        )
        >= 0.8
    )
    assert errors == []


def test_lane_names_stay_in_view_as_the_figure_scrolls(open_at, page_file):
    tab, errors = open_at(page_file, 700, 900)
    tab.eval_on_selector("#figure", "f => { f.scrollLeft = 600; f.dispatchEvent(new Event('scroll')); }")
    names = tab.eval_on_selector_all(".tl-names .tl-lane-name", f"ts => ts.map({BOX})")
    assert len(names) == 5 and all(0 <= left <= 12 for left, _ in names)
    assert errors == []


def test_zoom_keys_and_fit_buttons(open_at, page_file):
    tab, errors = open_at(page_file, 1400, 900)
    width = lambda: tab.eval_on_selector("#tl-exchange", "s => s.getBoundingClientRect().width")  # noqa: E731
    fitted = width()
    tab.focus(".tl-mark")
    tab.keyboard.press("+")
    assert width() == pytest.approx(fitted * 1.25, rel=0.01)
    tab.click("#fit-all")
    assert width() == pytest.approx(tab.evaluate("document.getElementById('figure').clientWidth"), abs=2)
    tab.click("#fit-exchange")
    assert width() == pytest.approx(fitted, rel=0.01)
    # Ctrl+wheel zooms about the pointer (a trackpad's pinch arrives so)
    tab.mouse.move(700, 500)
    tab.keyboard.down("Control")
    tab.mouse.wheel(0, -300)
    tab.keyboard.up("Control")
    tab.wait_for_timeout(50)
    assert width() > fitted * 2
    assert errors == []


def label_boxes(tab, part):
    return tab.eval_on_selector_all(
        f"#tl-{part} .tl-mark",
        """ms => ms.map(m => {
        const b = m.querySelector('.tl-label').getBBox();
        return [m.dataset.id, b.x, b.y, b.x + b.width, b.y + b.height];
    })""",
    )


def overlapping(boxes):
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5
    ]


def test_no_label_overlaps_another_and_each_starts_in_its_own_day(open_at, page_file, corpus):
    tab, errors = open_at(page_file)
    drawn = layout.lay_out(corpus.records)
    for part in ("exchange", "context"):
        boxes = label_boxes(tab, part)
        assert len(boxes) == len(getattr(drawn, part).marks) and overlapping(boxes) == []
    exchange = drawn.exchange
    for record_id, left, *_ in label_boxes(tab, "exchange"):
        record = corpus.by_id[record_id]
        day = dt.date.fromisoformat((record.instant or record.date)[:10])  # a UTC day where the instant is known
        start, end = exchange.days[(day - exchange.first_day).days]
        assert start - 0.5 <= left < end, (record_id, left, start, end)
    context = {m.record.id: m for m in drawn.context.marks}
    for record_id, left, *_ in label_boxes(tab, "context"):
        assert left == pytest.approx(context[record_id].x, abs=0.5)  # at its own date on the year axis
    assert errors == []


@pytest.mark.parametrize("before", [True, False])
def test_a_page_of_one_part_alone_works(open_at, corpus, tmp_path, before):
    from magiccli.picture import page

    records = [r for r in corpus.records if (r.date < "1945-07-01") == before]
    target = tmp_path / "part.html"
    target.write_text(page.html(corpus, records, layout.lay_out(records)), encoding="utf-8")
    tab, errors = open_at(target)
    assert tab.is_visible("#context") == before and tab.is_visible("#exchange") != before
    tab.click(f'.tl-mark[data-id="{records[-1].id}"]')
    assert tab.evaluate("location.hash") == f"#{records[-1].id}"
    tab.keyboard.press("+")
    assert errors == []
