"""Pure rules about a post that rotates among parties by turn (a head of a
secretariat chosen from each party in turn): whose turn it is on a date, and whose turn
comes next.

A turn is a party's period in the post. The terms recorded in the post (not acting
ones) are what was decided: each begins a turn of its holder's party, which runs for
the rotation's term length (or, without one, as long as its holders served), and a
later holding of the same party within that time continues the same turn. A turn
whose holders left before it ended was cut short; an acting holder fills the post but
is not a turn. After the last recorded turn the rotation proposes the next party in
its order, continued from that turn, until a recorded holding decides otherwise.
A proposed turn due on or before the date asked (its holder still serving past the
nominal end of his party's turn, or nobody appointed since it ended) has not begun: it
is overdue, pending a decision, and never shown as running from a day gone by.

Like `accord.registry.rules.post_on`, every answer as of a date uses only the terms
known on that date (appointed by then).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from accord.core.intervals import Interval
from accord.registry.rules import Holding

ALPHABETICAL = "alphabetical"
SEQUENCE = "sequence"
ORDERS = (ALPHABETICAL, SEQUENCE)


def ordered_parties(
    parties: Iterable[str],
    language: str | None,
    name_of: Callable[[str, str], str],
    sequence: Sequence[str],
) -> list[str]:
    """Parties in the order a rotation walks them: alphabetically by their names in
    `language` (`name_of(code, language)`), or, without a language, in `sequence`
    (parties missing from it come last, alphabetically by code)."""
    codes = sorted(set(parties))
    if language:
        return sorted(codes, key=lambda c: (name_of(c, language).casefold(), c))
    ranked = list(dict.fromkeys(c for c in sequence if c in codes))  # first mention counts
    return ranked + [c for c in codes if c not in ranked]


def propose_next(
    order: Sequence[str], current: str | None, eligible: Collection[str] | None = None
) -> str | None:
    """The party after `current` in the rotation `order` that is `eligible` (default: all).

    `order` may include a party that has since left (pass it with the members, and the
    members as `eligible`): the rotation then continues from that party's own place.
    A proposal only: the organization's decision, recorded as a chair term or a
    holding, fixes who actually chairs or holds the turn.
    """
    candidates = [c for c in order if eligible is None or c in eligible]
    if not candidates:
        return None
    if current not in order:
        if current is None:
            return candidates[0]
        # A chair missing from the order altogether: continue from where it would sort.
        later = [c for c in candidates if c > current]
        return later[0] if later else candidates[0]
    start = order.index(current)
    for step in range(1, len(order) + 1):
        party = order[(start + step) % len(order)]
        if eligible is None or party in eligible:
            return party
    return None


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for a 29 February that has none)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _one_day(day: dt.date, sign: int) -> dt.date:
    return day + dt.timedelta(days=sign)


@dataclass(frozen=True)
class Turn:
    """A party's turn in the post over `interval` (open when its end is unknown).

    `decided`: begun by a recorded holding (the keys of its holdings in `holdings`);
    else what the rotation proposes. `held_until`: the last day a holder of the turn
    served, when the holders left before the turn ended (the turn was cut short).
    `overdue`: a proposed turn that was due to begin on `interval.start`, on or before
    the date asked, and has not (pending: no holding of it is recorded)."""

    party: str | None
    interval: Interval
    decided: bool
    holdings: tuple[str, ...] = ()
    held_until: dt.date | None = None
    overdue: bool = False

    @property
    def cut_short(self) -> bool:
        return self.held_until is not None


@dataclass(frozen=True)
class TurnsOn:
    """A rotating post on a date: the turn running (`current`), and the turn after it,
    decided (a recorded holding) or proposed by the rotation (`next`)."""

    current: Turn | None
    next: Turn | None


def recorded_turns(holdings: Iterable[Holding], day: dt.date, years: int | None) -> list[Turn]:
    """The turns begun by the holdings known on `day` (acting ones are no turn), in order."""
    known = sorted(
        (h for h in holdings if not h.acting and h.known_on(day)), key=lambda h: h.interval.start
    )
    groups: list[list[Holding]] = []
    for h in known:
        if groups and years and groups[-1][0].party == h.party:
            first = groups[-1][0].interval.start
            if h.interval.start < years_after(first, years):
                groups[-1].append(h)  # the same party's turn, continued by another holder
                continue
        groups.append([h])
    turns = []
    for index, group in enumerate(groups):
        start = group[0].interval.start
        ends = [h.interval.end for h in group]
        held = None if None in ends else max(e for e in ends if e is not None)
        end = _one_day(years_after(start, years), -1) if years else held
        if held is not None and end is not None and held > end:
            end = held  # the holders served beyond the term
        later = groups[index + 1][0].interval.start if index + 1 < len(groups) else None
        if later is not None and (end is None or end >= later):
            end = _one_day(later, -1)  # the next turn was decided to begin earlier
        # cut short once the holders have left (by `day`) before the turn ended
        cut = held if held is not None and end is not None and held < min(end, day) else None
        keys = tuple(h.key for h in group)
        turns.append(Turn(group[0].party, Interval(start, end), True, keys, cut))
    return turns


def proposed_after(
    turn: Turn, order: Sequence[str], eligible: Collection[str] | None, years: int | None
) -> Turn | None:
    """The turn the rotation proposes after `turn`: the next eligible party in `order`,
    from the day after `turn` ends (None when `turn` has no known end or nobody is
    eligible)."""
    if turn.interval.end is None:
        return None
    party = propose_next(order, turn.party, eligible)
    if party is None:
        return None
    start = _one_day(turn.interval.end, 1)
    end = _one_day(years_after(start, years), -1) if years else None
    return Turn(party, Interval(start, end), False)


def turns_on(
    holdings: Iterable[Holding],
    day: dt.date,
    order: Sequence[str],
    eligible: Collection[str] | None = None,
    years: int | None = None,
) -> TurnsOn:
    """Whose turn it is on `day`, and whose turn comes next, using only the holdings
    known on `day`.

    The current turn is the recorded turn covering `day` (or whose holder still serves
    on `day`, past its end); after the last recorded turn
    (with none decided to begin later), the turn the rotation proposes for `day`,
    continued turn by turn from it. The next turn is the earliest recorded turn that
    begins after `day`, else the rotation's proposal after the current turn, marked
    overdue when it was due on or before `day` (the current holder serving past his
    turn's end, or the post left without a decided turn).
    """
    holdings = list(holdings)
    recorded = recorded_turns(holdings, day, years)
    current = next((t for t in recorded if t.interval.covers(day)), None)
    if current is None:
        # A holder serving past the end of the turn: the turn is still theirs.
        serving = {
            h.key for h in holdings if not h.acting and h.known_on(day) and h.interval.covers(day)
        }
        current = next((t for t in recorded if serving & set(t.holdings)), None)
    decided = next((t for t in recorded if t.interval.start > day), None)
    begun = [t for t in recorded if t.interval.start <= day]
    if current is None and decided is None and begun:
        walk: Turn | None = begun[-1]
        while walk is not None and walk.interval.end is not None and walk.interval.end < day:
            walk = proposed_after(walk, order, eligible, years)
        if walk is not None and walk.interval.covers(day):
            current = walk
    if decided is not None:
        return TurnsOn(current, decided)
    after = current or (begun[-1] if begun else None)
    proposed = proposed_after(after, order, eligible, years) if after else None
    if proposed is not None and proposed.interval.start <= day:
        # Due already and not begun: pending, from the day it was due.
        proposed = replace(proposed, overdue=True)
    return TurnsOn(current, proposed)
