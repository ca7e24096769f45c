"""Pure rules about standing in an organization, answered as of a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from accord.core.intervals import Interval, first_overlap


@dataclass(frozen=True)
class Standing:
    """A party's status over an interval (a plain-value view of a Membership)."""

    party: str
    status: str
    interval: Interval


def standing_on(standings: Iterable[Standing], day: dt.date) -> dict[str, str]:
    """Each party's status on `day` (parties with none are left out)."""
    return {s.party: s.status for s in standings if s.interval.covers(day)}


def parties_with_status(
    standings: Iterable[Standing], day: dt.date, statuses: Iterable[str]
) -> list[str]:
    wanted = set(statuses)
    return sorted(p for p, status in standing_on(standings, day).items() if status in wanted)


def overlapping_standing(standings: list[Standing]) -> tuple[Standing, Standing] | None:
    """Two standings of the same party whose intervals overlap, or None.

    A party holds one status at a time in an organization: India was an observer
    until 2017-06-08 and a member from 2017-06-09.
    """
    by_party: dict[str, list[Standing]] = {}
    for s in standings:
        by_party.setdefault(s.party, []).append(s)
    for items in by_party.values():
        pair = first_overlap([s.interval for s in items])
        if pair:
            return items[pair[0]], items[pair[1]]
    return None


def status_valid_for(
    valid_from: dt.date | None, valid_until: dt.date | None, interval: Interval
) -> str | None:
    """Why a status type cannot be held over `interval`, or None if it can."""
    if valid_from is not None and interval.start < valid_from:
        return f"exists only from {valid_from}"
    if valid_until is not None and (interval.end is None or interval.end > valid_until):
        return f"exists only until {valid_until}; end the membership by then"
    return None
