"""timeline --chart, --svg and --html: the story drawn in lanes, checked against the corpus."""

import datetime as dt
import re
import unicodedata

from magiccli.lanes import lane_of

from .conftest import run_magiccli

ESCAPE = re.compile(r"\x1b\[")
NAME_WIDTH = 15  # the longest lane name, "Japan at home", and two spaces


def lane_cells(output, lane):
    """The cells of a lane in every panel, joined."""
    return "".join(line[NAME_WIDTH:] for line in output.splitlines() if line.startswith(lane + " "))


def weight(cells, mark):
    """How many records the cells stand for: a mark is one, a circled numeral that many."""
    return sum(
        1 if c == mark else unicodedata.digit(c, 0) if unicodedata.name(c, "").startswith("CIRCLED") else 0
        for c in cells
    )


def test_chart_counts_every_cable_in_its_lane(cli, corpus):
    result = cli("timeline", "--chart")
    assert result.exit_code == 0 and not ESCAPE.search(result.output)
    to_moscow = [c for c in corpus.cables if c.direction == "tokyo-moscow"]
    to_tokyo = [c for c in corpus.cables if c.direction == "moscow-tokyo"]
    assert weight(lane_cells(result.output, "Tokyo→Moscow"), "▶") == len(to_moscow)
    assert weight(lane_cells(result.output, "Moscow→Tokyo"), "◀") == len(to_tokyo)
    war = [e for e in corpus.events if lane_of(e) == "war"]
    assert weight(lane_cells(result.output, "war"), "■") == len(war)


def test_chart_counts_cannot_run_together_into_a_number(cli):
    """Two days of two cables each read "②②", not "22"."""
    output = cli("timeline", "--chart", "--kind", "cable").output
    cells = lane_cells(output, "Tokyo→Moscow")
    assert "②②" in cells and not re.search(r"[0-9]", cells)


def test_chart_draws_years_before_july_1945_and_days_after(cli, corpus):
    lines = cli("timeline", "--chart").output.splitlines()
    first_year = corpus.records[0].date[:4]
    assert lines[0] == f"{first_year}–1945, by year (to June 1945)"
    daily = next(l for l in lines if l.endswith(", by day"))
    last = max(r.end or r.date for r in corpus.records)
    assert daily == f"Jul 1945 – {dt.date.fromisoformat(last).strftime('%b')} 1945, by day"
    # one column a day from the first July day with a record (or one under way since June) to the last day of any record
    first_july = max("1945-07-01", min(r.date for r in corpus.records if (r.end or r.date) >= "1945-07-01"))
    war_row = next(l for l in lines[lines.index(daily) :] if l.startswith("war"))
    invasion = corpus.by_id["1945-08-09-soviet-invasion-of-manchuria"]
    cells = war_row[NAME_WIDTH:]
    start = (dt.date.fromisoformat(invasion.date) - dt.date.fromisoformat(first_july)).days
    days = (dt.date.fromisoformat(invasion.end) - dt.date.fromisoformat(invasion.date)).days
    assert cells[start] == "②" and set(cells[start + 1 : start + days]) <= {"━", "■"}  # Nagasaki the same day


def test_chart_follows_the_filters_and_drops_empty_lanes(cli):
    output = cli("timeline", "--chart", "--kind", "cable").output
    lanes = [
        l.split("  ")[0] for l in output.splitlines() if l[:1].isalpha() and "by day" not in l and "by year" not in l
    ]
    assert lanes == ["Tokyo→Moscow", "Moscow→Tokyo", "diplomacy"]  # Lozovsky's note, Suzuki's statement
    assert "by year" not in output


def test_chart_draws_only_the_lanes_a_panel_uses(cli):
    years = cli("timeline", "--chart", "--to", "1945-06").output.split("\n\n")[0]
    assert "Tokyo→Moscow" not in years and "Moscow→Tokyo" not in years and "diplomacy" in years


def test_chart_in_colour_on_request(cli):
    assert ESCAPE.search(run_magiccli("timeline", "--chart", "--color", "always").stdout)


def test_chart_errors(cli, tmp_path):
    unwritable = cli("timeline", "--svg", tmp_path / "missing" / "x.svg")
    assert unwritable.exit_code == 1 and unwritable.output.startswith("magiccli: cannot write ")
    assert cli("timeline", "--chart", "--format", "json").exit_code == 2
