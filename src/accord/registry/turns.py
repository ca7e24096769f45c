"""Reads about a post that rotates among parties by turn, always as of a date: whose
turn it is, and whose turn comes next (decided, or proposed by the rotation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from accord.core.intervals import Interval
from accord.registry import rotation as rules
from accord.registry.models import Party, Post, PostHolding, PostRotation
from accord.registry.rules import Holding


@dataclass(frozen=True)
class TurnAnswer:
    """A party's turn in a rotating post: `decided` (begun by a recorded holding, its
    `holders`) or proposed by the rotation; `held_until` the last day its holders
    served when they left before the turn ended (the turn was cut short)."""

    party: Party | None
    start: dt.date
    end: dt.date | None
    decided: bool
    holders: list[PostHolding] = field(default_factory=list)
    held_until: dt.date | None = None
    overdue: bool = False  # proposed, due since `start` and not begun (`rotation.Turn`)

    @property
    def cut_short(self) -> bool:
        return self.held_until is not None


@dataclass(frozen=True)
class PostTurns:
    """A rotating post on a date: its rule, the turn running and the turn after it."""

    rotation: PostRotation
    current: TurnAnswer | None
    next: TurnAnswer | None


def rotation_of(post: Post) -> PostRotation | None:
    """The post's rotation rule, if it rotates (read with the post when selected)."""
    try:
        return post.rotation
    except PostRotation.DoesNotExist:
        return None


def holding_values(holdings: Iterable[PostHolding]) -> list[Holding]:
    """The holdings as rule values, each with its holder's party (its nationality)."""
    return [
        Holding(
            str(h.pk),
            Interval(h.start, h.end),
            h.appointed_on,
            h.acting,
            h.person.party.code if h.person.party else None,
        )
        for h in holdings
    ]


def parties_for(holdings: Iterable[PostHolding], members: set[str]) -> dict[str, Party]:
    """The parties rotating posts may name, by code: their holders' (read with them) and
    the members the rotation may propose (read in one query)."""
    found = {h.person.party.code: h.person.party for h in holdings if h.person.party}
    missing = members - set(found)
    if missing:
        found |= {p.code: p for p in Party.objects.filter(code__in=missing)}
    return found


def turns_on(
    post: Post,
    holdings: list[PostHolding],
    day: dt.date,
    members: set[str],
    parties: dict[str, Party] | None = None,
) -> PostTurns | None:
    """Whose turn `post` is in on `day` and whose comes next (None: it does not rotate).
    `holdings`: the post's holdings, with their holders' parties; `members`: the
    codes of the parties the rotation may propose on `day` (the organization's members);
    `parties`: those parties and the holders' by code, when already read (`parties_for`)."""
    rule = rotation_of(post)
    if rule is None:
        return None
    plain = holding_values(holdings)
    names = parties_for(holdings, members) if parties is None else parties
    walked = (members | {h.party for h in plain if h.party}) & set(names)
    order = rules.ordered_parties(
        walked,
        rule.language if rule.order == rules.ALPHABETICAL else None,
        lambda code, language: names[code].name_in(language),
        rule.sequence,
    )
    found = rules.turns_on(plain, day, order, members, rule.term_years)
    by_key = {str(h.pk): h for h in holdings}

    def answer(turn: rules.Turn | None) -> TurnAnswer | None:
        if turn is None:
            return None
        return TurnAnswer(
            names.get(turn.party) if turn.party else None,
            turn.interval.start,
            turn.interval.end,
            turn.decided,
            [by_key[k] for k in turn.holdings],
            turn.held_until,
            turn.overdue,
        )

    return PostTurns(rule, answer(found.current), answer(found.next))
