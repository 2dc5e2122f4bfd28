"""True time: a cable's or an event's local time, its zone and the instant (UTC) it stands for.

Zones come from the tz database through zoneinfo: the system's, or the tzdata package where the system has none
(Windows). Only places whose zone is known here get one; a cable sent elsewhere keeps its local time, unzoned,
and stands in date order."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import cache

ZONES = {"Tokyo": "Asia/Tokyo", "Moscow": "Europe/Moscow"}  # place of sending (or of an event) → tz database zone


@cache
def _zone(place: str):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(ZONES[place])
    except ZoneInfoNotFoundError:
        from magiccli.errors import UsageProblem

        raise UsageProblem(
            f"the time-zone database has no zone {ZONES[place]}: install it (pip install tzdata)"
        ) from None


def _sent(date: str, time: str | None, place: str | None) -> datetime | None:
    if not time or place not in ZONES:
        return None
    return datetime.fromisoformat(f"{date}T{time}").replace(tzinfo=_zone(place))


def instant(date: str, time: str | None, place: str | None) -> str | None:
    """The UTC instant of a local date and time at ``place`` ("1945-07-21T12:30Z"), or None where either the time or
    the place's zone is unknown."""
    sent = _sent(date, time, place)
    return sent.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ") if sent else None


def zone_name(date: str, time: str | None, place: str | None) -> str | None:
    """The zone's abbreviation at that moment as the tz database gives it (JST, MSK), or None."""
    sent = _sent(date, time, place)
    return sent.tzname() if sent else None


def day_span(date: str, place: str | None) -> tuple[str, str] | None:
    """The UTC instants at which a local day at ``place`` begins and ends (the next day's midnight): the bounds of
    something known only by its date there, such as a telegram's arrival "today, the 24th"; None for an unknown zone."""
    start = _sent(date, "00:00", place)
    if start is None:
        return None
    end = (datetime.fromisoformat(date) + timedelta(days=1)).replace(tzinfo=start.tzinfo)
    first, last = (t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ") for t in (start, end))
    return first, last


def local_time(time: str | None, zone: str | None) -> str:
    """A time of sending as lists show it: "21:30 JST", a bare "21:30" where the zone is unknown, or ""."""
    return f"{time} {zone}" if time and zone else time or zone or ""
