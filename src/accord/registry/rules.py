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


@dataclass(frozen=True)
class Holding:
    """A term in a post (a plain-value view of a PostHolding); `key` names the row,
    `party` the holder's (for a post that rotates among parties)."""

    key: str
    interval: Interval
    appointed: dt.date | None = None
    acting: bool = False
    party: str | None = None

    def known_on(self, day: dt.date) -> bool:
        """Whether the term was known on `day`: from its appointment date, or, when no
        appointment date is recorded, from its start only (never "next" before it starts)."""
        return (self.appointed or self.interval.start) <= day


@dataclass(frozen=True)
class PostOn:
    """A post on a date: who holds it, who is already appointed next, since when it is vacant.

    `holder` is the term covering the day (a full term before an acting one); the post is
    vacant when no full term covers the day, from the day after the last full term ended
    (`vacant_since`, None when no earlier term is recorded), with any acting `holder`.
    """

    holder: Holding | None
    next: Holding | None
    vacant_since: dt.date | None


def post_on(holdings: Iterable[Holding], day: dt.date) -> PostOn:
    """Who holds a post on `day`, using only the terms known on `day` (appointed by then)."""
    known = [h for h in holdings if h.known_on(day)]
    covering = sorted((h for h in known if h.interval.covers(day)), key=lambda h: h.acting)
    holder = covering[0] if covering else None
    upcoming = min(
        (h for h in known if h.interval.start > day),
        key=lambda h: (h.interval.start, h.acting),
        default=None,
    )
    vacant_since = None
    if holder is None or holder.acting:
        ended = [
            h.interval.end
            for h in known
            if not h.acting and h.interval.end is not None and h.interval.end < day
        ]
        if ended:
            vacant_since = max(ended) + dt.timedelta(days=1)
    return PostOn(holder, upcoming, vacant_since)
