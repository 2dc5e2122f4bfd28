"""The page on a phone, from the keyboard, and to an accessibility audit (axe-core, from the npm registry)."""

import subprocess
import tarfile

import pytest

from .conftest import need

pytestmark = pytest.mark.browser


def focused(tab):
    return tab.evaluate("document.activeElement.dataset.id || document.activeElement.id")


def test_on_a_phone_the_tooltip_gives_way_to_the_panel(open_at, page_file, corpus):
    tab, errors = open_at(page_file, 400, 800, has_touch=True, is_mobile=True)
    first = corpus.cables[0]
    tab.focus(f'.tl-mark[data-id="{first.id}"]')
    assert tab.is_visible("#tip")
    tab.tap(f'.tl-mark[data-id="{first.id}"]')
    assert tab.is_visible("#panel") and not tab.is_visible("#tip")
    box = tab.eval_on_selector(f'.tl-mark[data-id="{first.id}"]', "m => m.getBoundingClientRect().left")
    assert 0 <= box < 400  # the first telegram of July is on the first screen
    assert errors == []


def test_tab_starts_at_the_exchange_through_a_skip_link(open_at, page_file, corpus):
    tab, errors = open_at(page_file)
    tab.keyboard.press("Tab")
    assert focused(tab) == "skip" and tab.is_visible("#skip")
    tab.keyboard.press("Enter")
    july = [c for c in corpus.records if c.date >= "1945-07-01"]
    assert focused(tab) == july[0].id
    tab.keyboard.press("Tab")
    assert focused(tab) == july[1].id  # then on in date order
    assert errors == []


@pytest.fixture(scope="module")
def axe(tmp_path_factory):
    """axe-core's script, packed from the npm registry by npm itself into a folder of the test's own."""
    npm = need("npm", "Debian: apt-get install npm")
    folder = tmp_path_factory.mktemp("axe")
    packed = subprocess.run(
        [npm, "pack", "axe-core@4", "--silent", "--pack-destination", str(folder)],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=folder,
    )
    assert packed.returncode == 0, packed.stderr
    with tarfile.open(folder / packed.stdout.split()[-1]) as archive:
        return archive.extractfile("package/axe.min.js").read().decode("utf-8")


@pytest.mark.parametrize("width, height", [(1400, 900), (400, 800)])
def test_no_serious_or_critical_accessibility_violation(open_at, page_file, corpus, axe, width, height):
    tab, errors = open_at(page_file, width, height)
    tab.evaluate(axe)
    audit = (
        "axe.run(document).then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))"
    )
    assert tab.evaluate(audit) == []
    tab.click(f'.tl-mark[data-id="{corpus.cables[0].id}"]')  # and with the panel open
    assert tab.evaluate(audit) == []
    assert errors == []
