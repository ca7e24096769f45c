"""Reads about bodies and who chairs them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from accord.bodies import rules
from accord.bodies.models import Body, ChairRule, ChairTerm, RotationRule
from accord.core.errors import NotFound
from accord.core.intervals import Interval
from accord.registry.models import Organization, Party
from accord.registry.selectors import decision_takers_on


def body(org: Organization, slug: str) -> Body:
    found = Body.objects.filter(organization=org, slug=slug).select_related("organization").first()
    if found is None:
        known = ", ".join(org.bodies.values_list("slug", flat=True))
        raise NotFound.at("body", f"{org.slug} has no body {slug!r} (it has: {known})")
    return found


@dataclass(frozen=True)
class Chair:
    """Who chairs, and why: the rule applied, and the term it comes from."""

    party: Party | None
    rule: str
    term: ChairTerm | None = None
    co_chairs: list[Party] = field(default_factory=list)


def terms(org: Organization, chaired: Body | None = None) -> list[ChairTerm]:
    """The chair terms of the organization's presidency (or of one body's own chair)."""
    rows = ChairTerm.objects.filter(organization=org, body=chaired).select_related("party")
    return list(rows.order_by("start"))


def term_on(org_terms: list[ChairTerm], day: dt.date) -> ChairTerm | None:
    plain = [rules.Term(str(t.pk), Interval(t.start, t.end)) for t in org_terms]
    found = rules.chair_on(plain, day)
    return next((t for t in org_terms if str(t.pk) == found), None)


def chair_on(org: Organization, day: dt.date, of: Body | None = None) -> Chair:
    """Who chairs the organization (or body `of`) on `day`, by the body's chair rule."""
    if of is not None and of.chair_rule == ChairRule.HOST:
        return Chair(None, ChairRule.HOST)
    if of is not None and of.chair_rule == ChairRule.OWN_TERMS:
        term = term_on(terms(org, of), day)
        return Chair(term.party if term else None, ChairRule.OWN_TERMS, term)
    term = term_on(terms(org), day)
    return Chair(term.party if term else None, ChairRule.PRESIDENCY, term)


@dataclass(frozen=True)
class Proposal:
    party: str | None
    after: ChairTerm | None
    order: list[str]
    interval: Interval | None


def propose_next_presidency(org: Organization, day: dt.date) -> Proposal:
    """Who the rotation rule proposes to chair after the term running on `day`.

    A proposal only: a recorded decision (a chair term) fixes who chairs.
    """
    rule = RotationRule.objects.filter(organization=org).first()
    if rule is None:
        raise NotFound.at("rotation", f"{org.slug} has no rotation rule")
    current = term_on(terms(org), day)
    members = decision_takers_on(org, day)
    walked = members | ({current.party.code} if current else set())
    names = {p.code: p for p in Party.objects.filter(code__in=walked)}
    order = rules.rotation_order(
        walked, rule.order, lambda code, lang: names[code].name_in(lang), rule.sequence
    )
    party = rules.propose_next(order, current.party.code if current else None, members)
    order = [c for c in order if c in members]
    interval = None
    if current is not None and rule.term == "calendar-year":
        interval = rules.calendar_year_term(Interval(current.start, current.end))
    elif current is not None and current.end is not None:
        interval = Interval(current.end + dt.timedelta(days=1))
    return Proposal(party, current, order, interval)
