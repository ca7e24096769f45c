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
