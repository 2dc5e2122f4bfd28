"""When a phrase was used: quote hits counted by week or by month."""

from __future__ import annotations

import datetime as dt

MAX_FILLED = 60  # up to this many periods, the empty ones between hits are shown too; beyond, only those with hits


def period_of(day: str, by: str) -> str:
    """The month (YYYY-MM), or the Monday starting the week (YYYY-MM-DD), a day falls in."""
    if by == "month":
        return day[:7]
    date = dt.date.fromisoformat(day)
    return (date - dt.timedelta(days=date.weekday())).isoformat()


def _next(period: str, by: str) -> str:
    if by == "week":
        return (dt.date.fromisoformat(period) + dt.timedelta(days=7)).isoformat()
    year, month = map(int, period.split("-"))
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def histogram(hits, by: str, each_wording: bool = False) -> list[dict]:
    """Rows of period and count, in date order: how many cables and events say it (``each_wording``: how many texts
    — a cable's FRUS document and each MAGIC wording of it apart)."""
    counts: dict[str, int] = {}
    last = None
    for hit in hits:  # a record's hits come together, a text's together within them
        said_in = (hit.passage.record.id, hit.passage.source_id if each_wording else None)
        if said_in == last:
            continue
        last = said_in
        period = period_of(hit.passage.record.date, by)
        counts[period] = counts.get(period, 0) + 1
    periods = sorted(counts)
    filled = [periods[0]]
    while filled[-1] < periods[-1] and len(filled) <= MAX_FILLED:
        filled.append(_next(filled[-1], by))
    if len(filled) <= MAX_FILLED:
        periods = filled
    return [{"period": p, "count": counts.get(p, 0)} for p in periods]
