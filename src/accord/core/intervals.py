"""Closed date intervals with an open end: the shape of memberships, terms and posts.

`start` and `end` are both inclusive days; `end=None` means "still running".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Generic, TypeVar

from django.utils.translation import gettext

from accord.core.errors import DomainError, Problem
from accord.core.wording import day

if TYPE_CHECKING:  # core.dates checks its spans here
    from accord.core.dates import PartialDate

T = TypeVar("T")


# A day or a date known only to the month or the year (ordered by its first day).
D = TypeVar("D", dt.date, "PartialDate")


@dataclass(frozen=True)
class Interval:
    start: dt.date
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: Interval) -> bool:
        return (self.end is None or other.start <= self.end) and (
            other.end is None or self.start <= other.end
        )

    def __str__(self) -> str:
        return f"{self.start}..{self.end or ''}"


@dataclass(frozen=True)
class Dated(Generic[T]):
    """A value held over an interval (a status, a chair, a post holder)."""

    value: T
    interval: Interval


def valid_interval(start: D | None, end: D | None) -> str | None:
    """Why (start, end) is not an interval, or None if it is (either end missing: it is).

    Works for days and for partial dates alike; the reason shows them as given."""
    if start is not None and end is not None and end < start:
        return gettext("ends on %(end)s, before it starts on %(start)s") % {
            "end": day(end),
            "start": day(start),
        }
    return None


def span_problem(field: str, start: D | None, end: D | None) -> Problem | None:
    """The problem, at `field` (the end's), when `end` comes before `start`; else None."""
    reason = valid_interval(start, end)
    return Problem(field, reason) if reason else None


def check_span(field: str, start: D | None, end: D | None) -> None:
    """Refuse, at `field` (the end's), a span that ends before it starts."""
    if problem := span_problem(field, start, end):
        raise DomainError(problem)


def first_overlap(intervals: Sequence[Interval]) -> tuple[int, int] | None:
    """Indexes of the first two intervals that overlap, or None."""
    order = sorted(range(len(intervals)), key=lambda i: intervals[i].start)
    for a, b in pairwise(order):
        if intervals[a].overlaps(intervals[b]):
            return (min(a, b), max(a, b))
    return None


def holding_on(items: Iterable[Dated[T]], day: dt.date) -> list[T]:
    """The values whose interval covers `day`."""
    return [item.value for item in items if item.interval.covers(day)]
