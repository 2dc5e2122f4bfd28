"""quote --by week|month: when a phrase was used."""

import datetime as dt
from collections import Counter


def test_monthly_counts_are_the_hits_per_month(cli):
    hits = [line.split("\t")[0] for line in cli("quote", "emperor").output.splitlines()]
    rows = [line.split("\t") for line in cli("quote", "emperor", "--by", "month").output.splitlines()]
    by_month = Counter(date[:7] for date in hits)
    assert {period: int(n) for period, n in rows if int(n)} == dict(by_month)
    assert [period for period, _ in rows] == sorted(period for period, _ in rows)


def test_weekly_counts_run_monday_to_monday_without_gaps(cli):
    hits = [line.split("\t")[0] for line in cli("quote", "unconditional surrender").output.splitlines()]
    rows = [line.split("\t") for line in cli("quote", "unconditional surrender", "--by", "week").output.splitlines()]
    mondays = [dt.date.fromisoformat(period) for period, _ in rows]
    assert all(day.weekday() == 0 for day in mondays)
    assert all(b - a == dt.timedelta(days=7) for a, b in zip(mondays, mondays[1:]))
    assert sum(int(n) for _, n in rows) == len(hits)
    for date in hits:
        day = dt.date.fromisoformat(date)
        assert (day - dt.timedelta(days=day.weekday())).isoformat() in {p for p, _ in rows}


def test_histogram_formats_and_conflicts(cli):
    csv_lines = cli("quote", "konoye", "--by", "month", "--format", "csv").output.splitlines()
    assert csv_lines[0] == "period,count"
    clash = cli("quote", "konoye", "--by", "month", "--count")
    assert (clash.exit_code, clash.output) == (2, "magiccli: --by and --count do not go together\n")
    assert cli("quote", "konoye", "--by", "year").exit_code == 2
