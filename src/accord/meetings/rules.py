"""Pure rules about a body's meeting series."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """A numbered meeting reduced to what numbering needs: its number and date span.

    `earliest`/`latest` bound the date as far as it is known (a meeting known only
    to the month spans the month).
    """

    key: str
    number: int
    earliest: dt.date
    latest: dt.date


def numbering_conflict(series: Iterable[Slot], new: Slot) -> str | None:
    """Why `new` cannot join the series, or None.

    Numbers are unique and increase with the date; gaps are allowed, since history
    is not always recorded. With imprecise dates, only a certain inversion counts.
    """
    for other in series:
        if other.key == new.key:
            continue
        if other.number == new.number:
            return f"number {new.number} is already taken by the meeting of {other.earliest}"
        if other.number < new.number and other.earliest > new.latest:
            return (
                f"number {new.number} comes after {other.number}, "
                f"but {other.number} was held later ({other.earliest})"
            )
        if other.number > new.number and other.latest < new.earliest:
            return (
                f"number {new.number} comes before {other.number}, "
                f"but {other.number} was held earlier ({other.latest})"
            )
    return None


def missing_numbers(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """The runs of numbers missing from a series that starts at 1, as (first, last).

    The series runs up to its highest recorded number; gaps are where history is not
    recorded (or not shown to the reader): [1, 10, 11, 13] -> [(2, 9), (12, 12)].
    """
    present = sorted({n for n in numbers if n > 0})
    runs = []
    expected = 1
    for n in present:
        if n > expected:
            runs.append((expected, n - 1))
        expected = n + 1
    return runs


def co_chair_problem(party: str, standing: str | None, host: str | None) -> str | None:
    """Why `party` cannot co-chair a meeting: it holds no standing in the organization
    on the meeting date (`standing`: its status then, None: none) and is not the
    meeting's `host`. None when it can."""
    if standing is not None or (host is not None and party == host):
        return None
    hosted = f" and is not the host ({host})" if host else " and the meeting records no host"
    return f"{party!r} holds no standing in the organization on the meeting date{hosted}"
