"""Pure rules about chairmanship: who chairs on a date, and who the rotation proposes next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from accord.core.intervals import Interval, first_overlap
from accord.registry.rotation import ordered_parties, propose_next


@dataclass(frozen=True)
class Term:
    """A chair term; `decided_on` is when it was decided (the deciding meeting's last day), if
    recorded. A term that records no decision date counts as known once recorded.
    `key` names the recorded row it stands for."""

    party: str
    interval: Interval
    decided_on: dt.date | None = None
    key: str = ""

    def known_on(self, day: dt.date) -> bool:
        return self.decided_on is None or self.decided_on <= day


def chair_on(terms: Iterable[Term], day: dt.date) -> str | None:
    """The party whose term covers `day`, or None when no term is recorded for it."""
    for term in terms:
        if term.interval.covers(day):
            return term.party
    return None


def overlapping_terms(terms: Sequence[Term]) -> tuple[Term, Term] | None:
    pair = first_overlap([t.interval for t in terms])
    return (terms[pair[0]], terms[pair[1]]) if pair else None


def rotation_order(
    members: Iterable[str], order: str, name_of: Callable[[str, str], str], sequence: Sequence[str]
) -> list[str]:
    """Members in the order the rotation rule walks them.

    `order` is `russian-alphabetical` or `english-alphabetical` (names from
    `name_of(code, language)`), or `sequence` (the given list; members missing from
    it come last, alphabetically by code).
    """
    language = {"russian-alphabetical": "ru", "english-alphabetical": "en"}.get(order)
    return ordered_parties(members, language, name_of, sequence)


def calendar_year_term(after: Interval) -> Interval:
    """The calendar year after the one that `after` ends in."""
    year = (after.end or after.start).year + 1
    return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31))


def term_after(after: Interval, kind: str) -> Interval | None:
    """The interval a rotation of `kind` proposes after the term `after`, if it can tell."""
    if kind == "calendar-year":
        return calendar_year_term(after)
    if after.end is not None:
        return Interval(after.end + dt.timedelta(days=1))
    return None


def last_term(terms: Iterable[Term], day: dt.date) -> Term | None:
    """The latest term known on `day` that has started by then (running, or the last ended)."""
    return max(
        (t for t in terms if t.known_on(day) and t.interval.start <= day),
        key=lambda t: t.interval.start,
        default=None,
    )


def decided_successor(terms: Iterable[Term], day: dt.date) -> Term | None:
    """The first term starting after `day` among those already decided on `day`."""
    return min(
        (t for t in terms if t.known_on(day) and t.interval.start > day),
        key=lambda t: t.interval.start,
        default=None,
    )


@dataclass(frozen=True)
class Successor:
    """Who chairs next as known on a date: the term already decided (`decided`), else the
    rotation's proposal (`party`, `interval`) continued from the term `after`."""

    party: str | None
    interval: Interval | None
    after: Term | None
    decided: Term | None = None


def next_chair(
    terms: Sequence[Term],
    day: dt.date,
    order: Sequence[str] | None,
    eligible: Collection[str] | None = None,
    kind: str = "",
) -> Successor:
    """Who chairs after the term running on `day` (or after the last one recorded), using
    only the terms decided by `day`: the successor already decided, else what the rotation
    `order` proposes after the last recorded term (None for both without an order).
    """
    after = last_term(terms, day)
    decided = decided_successor(terms, day)
    if decided is not None:
        return Successor(decided.party, decided.interval, after, decided)
    if order is None:
        return Successor(None, None, after)
    party = propose_next(order, after.party if after else None, eligible)
    return Successor(party, term_after(after.interval, kind) if after else None, after)
