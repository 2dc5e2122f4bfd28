"""timeline --chart, --svg and --html: the story drawn in lanes, checked against the corpus."""

import datetime as dt
import re

from .conftest import run_magiccli

ESCAPE = re.compile(r"\x1b\[")


def lane_cells(output, lane):
    """The cells of a lane in every panel, joined."""
    return "".join(line[14:] for line in output.splitlines() if line.startswith(lane + " "))


def weight(cells, mark):
    return sum(1 if c == mark else int(c) if c.isdigit() else 0 for c in cells)


def test_chart_counts_every_cable_in_its_lane(cli, corpus):
    result = cli("timeline", "--chart")
    assert result.exit_code == 0 and not ESCAPE.search(result.output)
    to_moscow = [c for c in corpus.cables if c.direction == "tokyo-moscow"]
    to_tokyo = [c for c in corpus.cables if c.direction == "moscow-tokyo"]
    assert weight(lane_cells(result.output, "Tokyo→Moscow"), "▶") == len(to_moscow)
    assert weight(lane_cells(result.output, "Moscow→Tokyo"), "◀") == len(to_tokyo)
    treaties = [e for e in corpus.events if e.kind == "treaty"]
    assert weight(lane_cells(result.output, "treaties"), "■") == len(treaties)


def test_chart_draws_years_before_july_1945_and_days_after(cli, corpus):
    lines = cli("timeline", "--chart").output.splitlines()
    first_year = corpus.records[0].date[:4]
    assert lines[0] == f"{first_year}–1945, by year (to June 1945)"
    daily = next(l for l in lines if l.endswith(", by day"))
    last = max(r.end or r.date for r in corpus.records)
    assert daily == f"Jul 1945 – {dt.date.fromisoformat(last).strftime('%b')} 1945, by day"
    # one column a day from the first July day with a record (or one under way since June) to the last day of any record
    first_july = max("1945-07-01", min(r.date for r in corpus.records if (r.end or r.date) >= "1945-07-01"))
    conference_row = next(l for l in lines[lines.index(daily):] if l.startswith("conferences"))
    potsdam = corpus.by_id["1945-07-17-potsdam-conference"]
    cells = conference_row[14:]
    start = int(potsdam.date[8:]) - int(first_july[8:])
    assert cells[start] == "■" and set(cells[start + 1:start + 17]) == {"━"}  # 17 July to 2 August


def test_chart_follows_the_filters_and_drops_empty_lanes(cli):
    output = cli("timeline", "--chart", "--kind", "cable").output
    lanes = [l.split("  ")[0] for l in output.splitlines() if l[:1].isalpha() and "by day" not in l and "by year" not in l]
    assert lanes == ["Tokyo→Moscow", "Moscow→Tokyo", "other"]
    assert "by year" not in output


def test_chart_in_colour_on_request(cli):
    assert ESCAPE.search(run_magiccli("timeline", "--chart", "--color", "always").stdout)


def test_svg_and_html_are_saved(tmp_path, cli):
    svg, html = tmp_path / "story.svg", tmp_path / "story.html"
    result = cli("timeline", "--svg", svg, "--html", html, "--from", "1945-07")
    assert (result.exit_code, result.output) == (0, "")
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg") and "Tokyo→Moscow" in svg.read_text(encoding="utf-8")
    assert "<html" in html.read_text(encoding="utf-8") and "Moscow→Tokyo" in html.read_text(encoding="utf-8")


def test_chart_errors(cli, tmp_path):
    unwritable = cli("timeline", "--svg", tmp_path / "missing" / "x.svg")
    assert unwritable.exit_code == 2 and unwritable.output.startswith("magiccli: cannot write ")
    assert cli("timeline", "--chart", "--format", "json").exit_code == 2
