"""The timeline page at the size of a whole FRUS volume, beside the bundled corpus's page, in headless Chromium: first
paint and the median frame of twenty zooms and twenty scrolls, each measured in one run, side by side. Targets (issue
23): first paint ≤ 1 s and a frame ≤ 33 ms (30 frames a second) for 1,500 records on 2 cores.

    python bench/page_timing.py [--records 1500]

Needs Debian's chromium and playwright (the test extra); writes nothing but its table on stdout."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from magiccli.index import Index
from magiccli.locations import corpus_roots
from magiccli.model import Cable
from magiccli.picture import layout, page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout: the tests launch Chromium so too
from tests.test_picture import CHROMIUM, CHROMIUM_ARGS

FRAMES = """async () => {
    const figure = document.getElementById('figure'), next = () => new Promise(requestAnimationFrame);
    await next();
    const times = [];
    for (let i = 0; i < 20; i++) {
        let start = performance.now();
        document.getElementById(i % 2 ? 'zoom-out' : 'zoom-in').click();
        await next();
        times.push(performance.now() - start);
        start = performance.now();
        figure.scrollLeft += 150;
        await next();
        times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[times.length / 2];
}"""


def volume(corpus, count: int) -> list:
    """``count`` records, the bundled ones copied under new ids, spread from July 1945 over half a year."""
    made = []
    for n in range(count):
        record = corpus.records[n % len(corpus.records)]
        day = (dt.date(1945, 7, 1) + dt.timedelta(days=n * 183 // count)).isoformat()
        if isinstance(record, Cable):
            made.append(dataclasses.replace(record, id=f"gen-{n}", date=day, telegram_no=str(1000 + n), in_reply_to=[]))
        else:
            made.append(dataclasses.replace(record, id=f"gen-{n}", date=day, end=None))
    return made


def measure(browser, path: Path) -> tuple[float, float]:
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.goto(path.as_uri())
    for _ in range(100):  # the page's policy forbids wait_for_function's eval: ask until the paint is recorded
        if tab.evaluate("performance.getEntriesByName('first-contentful-paint').length"):
            break
        time.sleep(0.05)
    paint = tab.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    frame = tab.evaluate(FRAMES)
    context.close()
    return paint, frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_500)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    corpus = Index.open(corpus_roots()).whole()
    pages = {"bundled corpus": corpus.records, f"{args.records:,} records": volume(corpus, args.records)}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        measured = {}
        for name, records in pages.items():
            path = Path(folder) / f"{len(records)}.html"
            path.write_text(page.html(corpus, records, layout.lay_out(records)), encoding="utf-8")
            measured[name] = measure(browser, path)
        browser.close()
    small, big = measured.values()
    print("| page | first paint | median frame | frames a second |\n|---|---|---|---|")
    for name, (paint, frame) in measured.items():
        print(f"| {name} | {paint:.0f} ms | {frame:.1f} ms | {1000 / frame:.0f} |")
    print(
        f"\nratios, {args.records:,} records / bundled: first paint {big[0] / small[0]:.2f}×, frame "
        f"{big[1] / small[1]:.2f}×; targets for {args.records:,}: first paint ≤ 1000 ms "
        f"({'met' if big[0] <= 1000 else 'missed'}), frame ≤ 33.3 ms ({'met' if big[1] <= 1000 / 30 else 'missed'})"
    )


if __name__ == "__main__":
    main()
