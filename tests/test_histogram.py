"""quote --by week|month: when a phrase was used."""

import datetime as dt
import json
from collections import Counter
from itertools import pairwise


def _hits(cli, phrase):
    return [json.loads(line) for line in cli("quote", phrase, "--format", "jsonl").stdout.splitlines()]


def test_monthly_counts_are_the_cables_and_events_per_month(cli):
    hits = _hits(cli, "emperor")
    rows = [line.split("\t") for line in cli("quote", "emperor", "--by", "month").output.splitlines()]
    by_month = Counter(date[:7] for date, _ in {(hit["date"], hit["record"]) for hit in hits})
    assert {period: int(n) for period, n in rows if int(n)} == dict(by_month)
    assert [period for period, _ in rows] == sorted(period for period, _ in rows)


def test_each_wording_counts_the_frus_text_and_each_magic_wording_apart(cli):
    hits = _hits(cli, "unconditional surrender")
    telegrams = cli("quote", "unconditional surrender", "--by", "week").output
    wordings = cli("quote", "unconditional surrender", "--by", "week", "--each-wording").output
    assert sum(int(line.split("\t")[1]) for line in telegrams.splitlines()) == len({hit["record"] for hit in hits})
    assert sum(int(line.split("\t")[1]) for line in wordings.splitlines()) == len({hit["id"] for hit in hits})
    # No. 893 of 12 July is said in its FRUS text and in MAGIC wordings: one telegram, several texts
    assert telegrams.splitlines()[0] == "1945-07-09\t2" and wordings.splitlines()[0] == "1945-07-09\t4"
    alone = cli("quote", "unconditional surrender", "--each-wording")
    assert (alone.exit_code, alone.output) == (2, "magiccli: --each-wording counts with --by\n")


def test_weekly_counts_run_monday_to_monday_without_gaps(cli):
    hits = [hit["date"] for hit in _hits(cli, "unconditional surrender")]
    rows = [line.split("\t") for line in cli("quote", "unconditional surrender", "--by", "week").output.splitlines()]
    mondays = [dt.date.fromisoformat(period) for period, _ in rows]
    assert all(day.weekday() == 0 for day in mondays)
    assert all(b - a == dt.timedelta(days=7) for a, b in pairwise(mondays))
    for date in hits:
        day = dt.date.fromisoformat(date)
        assert (day - dt.timedelta(days=day.weekday())).isoformat() in {p for p, _ in rows}


def test_histogram_formats_and_conflicts(cli):
    csv_lines = cli("quote", "konoye", "--by", "month", "--format", "csv").output.splitlines()
    assert csv_lines[0] == "period,count"
    clash = cli("quote", "konoye", "--by", "month", "--count")
    assert (clash.exit_code, clash.output) == (2, "magiccli: --by and --count do not go together\n")
    assert cli("quote", "konoye", "--by", "year").exit_code == 2
