"""Dates as the record knows them: to the day, or only to the month or the year.

The press release says "in April 2019"; the record keeps that precision instead of
inventing a day. A partial date covers an interval of days, and comparisons that
matter to the rules (numbering, intervals) use its earliest and latest day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A day, a month or a year; `value` is its first day."""

    value: dt.date
    precision: Precision = Precision.DAY

    @classmethod
    def parse(cls, raw: str | dt.date | PartialDate) -> PartialDate:
        """Read `2019-05-15`, `2019-04` or `2004` (or a date); ValueError says why not."""
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
