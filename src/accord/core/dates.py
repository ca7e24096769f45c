"""Dates as the record knows them: to the day, or only to the month or the year.

The press release says "in April 2019"; the record keeps that precision instead of
inventing a day. A partial date covers an interval of days, and comparisons that
matter to the rules (numbering, intervals) use its earliest and latest day.

The record holds days from `EARLIEST` to `LATEST` only: every way in refuses a date
outside them (`range_problem`), so that what is derived from dates (calendars, the
day after an end, a month's last day) never leaves the calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypedDict

from django.utils.translation import gettext

from accord.core.errors import DomainError, Problem
from accord.core.intervals import check_span
from accord.core.wording import day as said_day


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


# The days a date of the record may name (intergovernmental bodies from the first to
# the ones planned far ahead); one place, read by `range_problem`.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)


def range_problem(day: dt.date | PartialDate) -> str | None:
    """Why `day` (a date, or a partial date: all its days) cannot be a date of the
    record, or None when it can."""
    first, last = (day.earliest, day.latest) if isinstance(day, PartialDate) else (day, day)
    if isinstance(first, dt.datetime):
        first = first.date()
    if isinstance(last, dt.datetime):
        last = last.date()
    if first >= EARLIEST and last <= LATEST:
        return None
    return gettext(
        "%(date)s is outside the dates the record keeps (%(earliest)s to %(latest)s)"
    ) % {
        "date": said_day(day),
        "earliest": said_day(EARLIEST),
        "latest": said_day(LATEST),
    }


def check_range(days: Mapping[str, dt.date | PartialDate | None]) -> None:
    """Refuse (DomainError naming each field) the days of `days` (field -> day, None
    when not given) that are outside the dates the record keeps: what a service checks
    first, before any rule reads them."""
    problems = [
        Problem(field, reason)
        for field, day in days.items()
        if day is not None and (reason := range_problem(day))
    ]
    if problems:
        raise DomainError(problems)


_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A day, a month or a year; `value` is its first day."""

    value: dt.date
    precision: Precision = Precision.DAY

    @classmethod
    def parse(cls, raw: str | dt.date | PartialDate) -> PartialDate:
        """Read `2019-05-15`, `2019-04` or `2004` (or a date) given as input: ValueError
        says why not, also for a date outside `EARLIEST`...`LATEST`."""
        found = cls.read(raw)
        if problem := range_problem(found):
            raise ValueError(problem)
        return found

    @classmethod
    def read(cls, raw: str | dt.date | PartialDate) -> PartialDate:
        """Read a date as `parse` does, whatever its year (ValueError: not a date)."""
        if isinstance(raw, PartialDate):
            return raw
        if isinstance(raw, dt.datetime):
            raise ValueError(f"expected a date, got a date and time {raw.isoformat()!r}")
        if isinstance(raw, dt.date):
            return cls(raw, Precision.DAY)
        if isinstance(raw, int):
            raw = str(raw)
        if not isinstance(raw, str):
            raise ValueError(f"expected a date such as 2019-05-15, 2019-04 or 2004, got {raw!r}")
        match = _PATTERN.match(raw.strip())
        if not match:
            raise ValueError(f"expected a date such as 2019-05-15, 2019-04 or 2004, got {raw!r}")
        year, month, day = match.groups()
        try:
            if day is not None:
                return cls(dt.date(int(year), int(month), int(day)), Precision.DAY)
            if month is not None:
                return cls(dt.date(int(year), int(month), 1), Precision.MONTH)
            return cls(dt.date(int(year), 1, 1), Precision.YEAR)
        except ValueError:
            raise ValueError(f"{raw!r} is not a date in the calendar") from None

    @property
    def earliest(self) -> dt.date:
        return self.value

    @property
    def latest(self) -> dt.date:
        if self.precision is Precision.DAY:
            return self.value
        if self.precision is Precision.MONTH:
            last = calendar.monthrange(self.value.year, self.value.month)[1]
            return self.value.replace(day=last)
        return self.value.replace(month=12, day=31)

    def isoformat(self) -> str:
        if self.precision is Precision.DAY:
            return self.value.isoformat()
        if self.precision is Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"

    def __str__(self) -> str:
        return self.isoformat()


def parse_date(raw: str | dt.date) -> dt.date:
    """A full date (to the day); ValueError names what was wrong."""
    partial = PartialDate.parse(raw)
    if partial.precision is not Precision.DAY:
        raise ValueError(f"expected a full date such as 2019-05-15, got {raw!r}")
    return partial.value


class SpanFields(TypedDict):
    """A span as a row stores it."""

    start: dt.date
    end: dt.date
    date_precision: str


def span(date: str, end: str | None) -> SpanFields:
    """Stored dates of a span given as partial dates (`end` None: the date alone)."""
    first = PartialDate.parse(date)
    last = PartialDate.parse(end) if end is not None else first
    if last.precision != first.precision:
        raise DomainError.at(
            "end", gettext("give both ends of a span to the same precision as date")
        )
    check_span("end", first, last)
    return {"start": first.value, "end": last.value, "date_precision": first.precision.value}
