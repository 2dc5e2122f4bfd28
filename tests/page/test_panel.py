"""Cables at their instant, crossings and replies drawn, and what the panel answers, in Chromium."""

import datetime as dt

import pytest

from magiccli import cite
from magiccli.picture import layout
from magiccli.views import wording as render

pytestmark = pytest.mark.browser


def cable_no(corpus, number):
    return next(c for c in corpus.cables if c.telegram_no == number)


def test_cables_stand_at_their_utc_instant(open_at, page_file, corpus):
    tab, errors = open_at(page_file)
    exchange = layout.lay_out(corpus.records).exchange
    origin = dt.datetime.combine(exchange.first_day, dt.time())
    for number in ("893", "932", "1433"):  # 20:50 JST, 21:30 JST, 17:00 MSK
        cable = cable_no(corpus, number)
        hours = (dt.datetime.fromisoformat(cable.instant.rstrip("Z")) - origin).total_seconds() / 3600
        left = tab.eval_on_selector(f'.tl-mark[data-id="{cable.id}"] rect', "r => r.getBBox().x")
        assert left == pytest.approx(exchange.days[0][0] + hours / 24 * layout.DAY_WIDTH, abs=0.1)
    assert errors == []


def test_crossings_are_drawn_and_replies_shown_on_focus(open_at, page_file, crossings, corpus):
    tab, errors = open_at(page_file)
    drawn = tab.eval_on_selector_all("#tl-exchange .tl-crossing", "ls => ls.map(l => [l.dataset.a, l.dataset.b])")
    assert sorted(tuple(sorted(pair)) for pair in drawn) == sorted(
        {tuple(sorted((a, b))) for a, bs in crossings.items() for b in bs}
    )
    shown_arrows = lambda: tab.eval_on_selector_all(  # noqa: E731
        ".tl-reply",
        "rs => rs.filter(r => getComputedStyle(r).display !== 'none').map(r => [r.dataset.from, r.dataset.to])",
    )
    assert shown_arrows() == []
    cable = cable_no(corpus, "932")
    tab.focus(f'.tl-mark[data-id="{cable.id}"]')
    answers = sorted([r.id, cable.id] for r in corpus.cables if cable.id in r.in_reply_to)
    assert sorted(shown_arrows()) == sorted([[cable.id, ref] for ref in cable.in_reply_to] + answers)
    tab.focus("#f-text")
    assert shown_arrows() == []
    tab.select_option("#f-direction", "tokyo-moscow")  # a crossing needs both its telegrams shown
    assert (
        tab.eval_on_selector_all(
            "#tl-exchange .tl-crossing",
            "ls => ls.filter(l => l.getBBox && getComputedStyle(l).display !== 'none').length",
        )
        == 0
    )
    assert errors == []


def test_the_panel_answers_and_the_address_follows(open_at, page_file, corpus):
    tab, errors = open_at(page_file, 1400, 900)
    cable, answered = cable_no(corpus, "932"), cable_no(corpus, "931")
    tab.click(f'.tl-mark[data-id="{cable.id}"]')
    assert tab.evaluate("location.hash") == f"#{cable.id}"
    shown = " ".join(tab.inner_text("#panel").split())
    for source in [cable.text_from, *cable.time_from]:  # where the text and the time come from, graded
        assert f"{' '.join(source.title.split())} [grade: {source.grade}]" in shown
    for wording in cable.translations:
        for source in wording.sources:
            assert f"{source.title} [grade: {source.grade}]" in shown
    assert "Crossed on the wire with: No. 1433" in shown and "In reply to: No. 931" in shown
    copies = tab.eval_on_selector_all("#panel pre", "ps => ps.map(p => p.textContent)")
    reference = cite.reference(corpus, cable)
    assert copies == [cite.chicago(reference), cite.bibtex(reference)]
    tab.click(f'#panel button[data-goto="{answered.id}"]')
    assert tab.evaluate("location.hash") == f"#{answered.id}"
    tab.go_back()
    assert tab.text_content("#panel h2") == render.cable_heading(corpus, cable)
    assert tab.evaluate("location.hash") == f"#{cable.id}"
    tab.go_forward()
    assert tab.text_content("#panel h2") == render.cable_heading(corpus, answered)
    tab.keyboard.press("Escape")
    assert tab.evaluate("location.hash") == "" and not tab.is_visible("#panel")
    assert errors == []


def test_the_copy_button_puts_the_citation_on_the_clipboard(open_at, page_file, corpus):
    tab, errors = open_at(page_file, permissions=["clipboard-read", "clipboard-write"])
    event = corpus.by_id["1945-07-26-potsdam-declaration"]
    tab.click(f'.tl-mark[data-id="{event.id}"]')
    tab.click("#panel button.copy >> nth=1")
    # the clipboard's write is a promise: the label says so once it has settled (CI's run read it before, once)
    tab.wait_for_function("() => document.querySelectorAll('#panel button.copy')[1].textContent.endsWith(': copied')")
    assert tab.text_content("#panel button.copy >> nth=1") == "Copy BibTeX: copied"
    assert tab.evaluate("navigator.clipboard.readText()") == cite.bibtex(cite.reference(corpus, event))
    assert errors == []
