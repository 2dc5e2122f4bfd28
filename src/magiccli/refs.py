"""The reference grammar: dates, months, years, ranges, telegram numbers, corpus ids and FRUS references."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from magiccli.errors import UsageProblem

REF_FORMS = (
    "a date 1945-07-21, a month 1945-07, a range 1945-07-12..1945-07-21, a telegram number 932, "
    "a corpus id frus1945Berlinv02-d1230 or a FRUS reference frus1945Berlinv02/d1230"
)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DATELIKE = re.compile(r"^\d{4}-\d")
_NUMBER = re.compile(r"^\d{1,6}$")
_FRUS = re.compile(r"^(frus\d{4}[A-Za-z0-9]+)/d(\d+)$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
_DATED_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-[A-Za-z][A-Za-z0-9-]*$")  # an event's id: its date, then words


class RefError(UsageProblem):
    """A reference or date that is not of an accepted form (exit 2)."""


@dataclass(frozen=True)
class Span:
    """An inclusive run of days, and how the user wrote it."""

    start: dt.date
    end: dt.date
    written: str

    def __contains__(self, day: str | None) -> bool:
        return day is not None and self.start.isoformat() <= day[:10] <= self.end.isoformat()

    @property
    def is_day(self) -> bool:
        return self.start == self.end


@dataclass(frozen=True)
class Ref:
    kind: str  # span, telegram, id, frus
    value: str | Span

    @property
    def span(self) -> Span:
        """The days a span reference names."""
        assert isinstance(self.value, Span), self
        return self.value

    @property
    def key(self) -> str:
        """What any other reference names: a telegram number, an id, a FRUS reference."""
        assert isinstance(self.value, str), self
        return self.value


def parse_bound(text: str, *, last: bool = False, allow_year: bool = True) -> dt.date:
    """YYYY, YYYY-MM or YYYY-MM-DD as its first day (or its last, with last=True)."""
    try:
        if match := _DAY.match(text):
            return dt.date(*map(int, match.groups()))
        if match := _MONTH.match(text):
            year, month = map(int, match.groups())
            return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
        if allow_year and (match := _YEAR.match(text)):
            return dt.date(int(match[1]), 12, 31) if last else dt.date(int(match[1]), 1, 1)
    except ValueError as err:
        raise RefError(f"'{text}' is not a real date ({err})") from None
    forms = "YYYY, YYYY-MM or YYYY-MM-DD" if allow_year else "YYYY-MM or YYYY-MM-DD"
    raise RefError(f"'{text}' is not a date; use {forms}")


def parse_span(text: str, *, allow_year: bool = True) -> Span:
    first, sep, second = text.partition("..")
    if sep:
        start = parse_bound(first, allow_year=allow_year)
        end = parse_bound(second, last=True, allow_year=allow_year)
        if end < start:
            raise RefError(f"'{text}' ends before it starts")
        return Span(start, end, text)
    return Span(parse_bound(text, allow_year=allow_year), parse_bound(text, last=True, allow_year=allow_year), text)


def parse_ref(text: str) -> Ref:
    text = text.strip()
    if _NUMBER.match(text):
        return Ref("telegram", text.lstrip("0") or "0")
    if (_DATELIKE.match(text) or ".." in text) and not _DATED_ID.match(text):
        try:
            return Ref("span", parse_span(text, allow_year=False))
        except RefError as err:
            raise RefError(f"{err}. A cable reference is {REF_FORMS}") from None
    if match := _FRUS.match(text):
        return Ref("frus", f"{match[1]}/d{int(match[2])}")
    if _ID.match(text) and not text.isdigit():
        return Ref("id", text)
    raise RefError(f"'{text}' is not a cable reference; use {REF_FORMS}")
