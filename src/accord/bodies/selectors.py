"""Reads about bodies and who chairs them."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Q, QuerySet

from accord.bodies import rules
from accord.bodies.light_terms import AnyTerm, LightTerm
from accord.bodies.models import Body, ChairRule, ChairTerm, RotationRule
from accord.core import compiled
from accord.core.errors import NotFound
from accord.core.intervals import Interval
from accord.registry.models import Membership, Organization, Party, Person
from accord.registry.selectors import decision_takers_on, organization, party_coded


def body(org: Organization, slug: str) -> Body:
    rows = compiled.rows(
        ("body", ""),
        lambda o, s: Body.objects.filter(organization_id=o, slug=s).select_related("organization"),
        org.pk,
        slug,
    )
    found = rows[0] if rows else None
    if found is None:
        known = ", ".join(org.bodies.values_list("slug", flat=True))
        raise NotFound.at("body", f"{org.slug} has no body {slug!r} (it has: {known})")
    return found


def body_at(
    org_slug: str, slug: str, joined: Callable[[QuerySet[Body]], QuerySet[Body]] | None = None
) -> Body:
    """The body at the address `org_slug`/`slug`, with its organization, in one
    statement (a page of a body or of its meetings starts here); where there is none,
    the organization's look-up and `body` say which part of the address names nothing.
    `joined`: what the same statement reads with it (a module's function, named once)."""

    def build(o: str, s: str) -> QuerySet[Body]:
        rows = Body.objects.filter(organization__slug=o, slug=s).select_related("organization")
        return joined(rows) if joined else rows

    rows = compiled.rows(("body at", joined), build, org_slug, slug)
    if rows:
        return rows[0]
    return body(organization(org_slug), slug)


@dataclass(frozen=True)
class Chair:
    """Who chairs, and why: the rule applied, and the term it comes from. `party` and
    `term`: a `Party` and a `ChairTerm`, or the light rows read for a page that lists
    many meetings (`light_terms`, and a meeting's chair as `series_parts` reads it)."""

    party: Any
    rule: str
    term: Any = None
    co_chairs: list[Party] = field(default_factory=list)
    person: Person | None = None  # who chaired, where the record names them
    # each co-chair with the person who co-chaired for it (None: not recorded)
    co_chair_people: list[tuple[Party, Person | None]] = field(default_factory=list)


def terms(org: Organization, chaired: Body | None = None) -> list[ChairTerm]:
    """The chair terms of the organization's presidency (or of one body's own chair)."""

    def build(organization_id: int, *body_id: int) -> QuerySet[ChairTerm]:
        rows = ChairTerm.objects.filter(organization_id=organization_id)
        rows = rows.filter(body_id=body_id[0]) if body_id else rows.filter(body__isnull=True)
        return rows.select_related("party", "decided_at").order_by("start")

    # Built once per kind (the presidency's or a body's own) and run again (the meeting
    # page and record read them each time).
    values = (org.pk,) if chaired is None else (org.pk, chaired.pk)
    return compiled.rows(("chair terms", chaired is None), build, *values)


def decided_on(term: AnyTerm) -> dt.date | None:
    """When a term was decided: by the last day of the meeting that decided it, if recorded."""
    if isinstance(term, LightTerm):
        return term.decided_on
    return term.decided_at.end if term.decided_at_id and term.decided_at else None


def _plain(org_terms: Sequence[AnyTerm]) -> list[rules.Term]:
    """The terms as rule values, each keyed by its row id and dated by its deciding meeting."""
    return [
        rules.Term(
            t.party.code,
            Interval(t.start, t.end),
            decided_on(t),
            key=str(t.pk),
        )
        for t in org_terms
    ]


def _row(org_terms: Sequence[AnyTerm], plain: rules.Term | None) -> AnyTerm | None:
    return next((t for t in org_terms if plain and str(t.pk) == plain.key), None)


def _plain_term(term: AnyTerm) -> rules.Term:
    """`term` as a rule value keyed by its row id, made once per row and its dates (a
    list of meetings asks for the term of each meeting's day)."""
    if isinstance(term, LightTerm):  # (read for one answer: made once as it is)
        return rules.Term(str(term.pk), Interval(term.start, term.end))
    kept = term.__dict__.get("_accord_plain_term")
    if kept is None or kept[0] != (term.pk, term.start, term.end):
        kept = (
            (term.pk, term.start, term.end),
            rules.Term(str(term.pk), Interval(term.start, term.end)),
        )
        term.__dict__["_accord_plain_term"] = kept
    return kept[1]


_T = TypeVar("_T", bound=ChairTerm | LightTerm)


class TermRows(list[_T]):
    """Chair terms as read, with their rule values made once (`_plain_term`): a long
    series asks for the term of each meeting's day (`term_on`)."""

    def __init__(self, rows: Iterable[_T] = ()) -> None:
        super().__init__(rows)
        self.plain = [_plain_term(t) for t in self]
        # (a plain term's party is its row's id: `_plain_term`)
        self.by_key = {p.party: t for p, t in zip(self.plain, self, strict=True)}
        # Terms in order of their days, none overlapping the next: the one term that
        # may cover a day is found by its start (else each is tried in turn).
        spans = [p.interval for p in self.plain]
        apart = all(a.end is not None and a.end < b.start for a, b in itertools.pairwise(spans))
        self.starts = [i.start for i in spans] if apart else None

    def covering(self, day: dt.date) -> str | None:
        """`rules.chair_on(self.plain, day)`: the key of the term covering `day`."""
        if self.starts is None:
            return rules.chair_on(self.plain, day)
        at = bisect.bisect_right(self.starts, day) - 1
        return self.plain[at].party if at >= 0 and self.plain[at].interval.covers(day) else None


def term_on(org_terms: Sequence[_T], day: dt.date) -> _T | None:
    if isinstance(org_terms, TermRows) and len(org_terms.plain) == len(org_terms):
        found = org_terms.covering(day)
        return org_terms.by_key.get(found) if found is not None else None
    plain = [_plain_term(t) for t in org_terms]
    found = rules.chair_on(plain, day)
    return next((t for t, p in zip(org_terms, plain, strict=True) if p.party == found), None)


def chair_on(
    org: Organization,
    day: dt.date,
    of: Body | None = None,
    by_body: Mapping[int | None, Sequence[AnyTerm]] | None = None,
) -> Chair:
    """Who chairs the organization (or body `of`) on `day`, by the body's chair rule.
    `by_body`: the organization's chair terms by body id (None: the presidency), when
    already read (`light_terms`), else the one term is read."""
    if of is not None and of.chair_rule == ChairRule.HOST:
        return Chair(None, ChairRule.HOST)
    own = of is not None and of.chair_rule == ChairRule.OWN_TERMS
    rule = ChairRule.OWN_TERMS if own else ChairRule.PRESIDENCY
    if by_body is not None:
        term: AnyTerm | None = term_on(by_body.get(of.pk if own and of else None, []), day)
    else:
        term = term_covering(org, day, of if own else None)
    return Chair(term.party if term else None, rule, term)


def term_covering(org: Organization, day: dt.date, chaired: Body | None = None) -> ChairTerm | None:
    """The term of the organization's presidency (or of `chaired`'s own chair) that covers
    `day`: the one `term_on(terms(org, chaired), day)` finds (the first by start), read
    alone rather than among every term."""

    def build(on: dt.date, organization_id: int, *body_id: int) -> QuerySet[ChairTerm]:
        rows = ChairTerm.objects.filter(organization_id=organization_id, start__lte=on)
        rows = rows.filter(Q(end__isnull=True) | Q(end__gte=on))
        rows = rows.filter(body_id=body_id[0]) if body_id else rows.filter(body__isnull=True)
        return rows.select_related("party", "decided_at").order_by("start")[:1]

    values = (day, org.pk) if chaired is None else (day, org.pk, chaired.pk)
    found = compiled.rows(("chair term on", chaired is None), build, *values)
    return found[0] if found else None


@dataclass(frozen=True)
class Proposal:
    party: str | None
    after: AnyTerm | None
    order: list[str]
    interval: Interval | None
    # the parties the rotation walked, by code (as read: `_rotation`)
    parties: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


def _rotation(
    org: Organization, rule: RotationRule, after: AnyTerm | None, day: dt.date
) -> tuple[list[str], set[str], dict[str, Any]]:
    """The rotation order walked on `day` (the members, and the chair of `after` even if it
    has left since), the members it may propose, and the parties walked by code."""
    members = decision_takers_on(org, day)
    walked = members | ({after.party.code} if after else set())
    # The parties of the organization's deciding memberships (every member on any day),
    # their SQL built once (`accord.core.compiled`), and the chair of `after`.
    names: dict[str, Any] = {
        p.code: p
        for p in compiled.rows(
            ("deciding parties",),
            lambda pk: Party.objects.filter(
                code__in=Membership.objects.deciding()
                .filter(organization_id=pk)
                .values("party__code")
            ),
            org.pk,
        )
    }
    if after is not None:
        names.setdefault(after.party.code, after.party)
    order = rules.rotation_order(
        walked, rule.order, lambda code, lang: names[code].name_in(lang), rule.sequence
    )
    return order, members, names


def _rule_of(organization_id: int) -> QuerySet[RotationRule]:
    rows = RotationRule.objects.filter(organization_id=organization_id)
    return (rows if rows.ordered else rows.order_by("pk"))[:1]


def _rule(org: Organization) -> RotationRule:
    # (as `.first()` reads it, its SQL built once: `accord.core.compiled`)
    found = compiled.rows(("rotation rule",), _rule_of, org.pk)
    rule = found[0] if found else None
    if rule is None:
        raise NotFound.at("rotation", f"{org.slug} has no rotation rule")
    return rule


def propose_next_presidency(
    org: Organization, day: dt.date, org_terms: Sequence[AnyTerm] | None = None
) -> Proposal:
    """Who the rotation rule proposes to chair after the term running on `day`, or after
    the last term recorded (and decided) by `day`: the sequence continues from it.
    `org_terms`: the presidency terms, when already read.

    A proposal only: a recorded decision (a chair term) fixes who chairs.
    """
    rule = _rule(org)
    org_terms = terms(org) if org_terms is None else org_terms
    # What the rotation proposes after the terms begun by `day`, whatever is decided later.
    started = [t for t in _plain(org_terms) if t.interval.start <= day]
    after = _row(org_terms, rules.last_term(started, day))
    order, members, parties = _rotation(org, rule, after, day)
    found = rules.next_chair(started, day, order, members, rule.term)
    order = [c for c in order if c in members]
    return Proposal(found.party, after, order, found.interval, parties)


@dataclass(frozen=True)
class NextChair:
    """Who chairs next as known on a date: the term already decided (with its decision),
    else the rotation's proposal (`proposal`, or `why` there is none)."""

    party: Any  # (a `Party`, or a light term's `PartyName`: as `Chair.party`)
    term: Any  # (a `ChairTerm` or a `LightTerm`)
    proposal: Proposal | None
    why: str | None = None


def next_chair(
    org: Organization,
    day: dt.date,
    of: Body | None = None,
    by_body: Mapping[int | None, Sequence[AnyTerm]] | None = None,
) -> NextChair:
    """Who chairs after the chair on `day` (by `rules.next_chair`): the successor already
    decided by `day`, else the rotation's proposal (the presidency's; none for a body
    with its own terms or chaired by the host). `by_body`: the organization's chair
    terms by body id (None: the presidency), when already read."""
    own = of is not None and of.chair_rule == ChairRule.OWN_TERMS
    key = of.pk if own and of is not None else None
    org_terms: Sequence[AnyTerm] = (
        terms(org, of if own else None) if by_body is None else by_body.get(key, [])
    )
    plain = _plain(org_terms)
    found = rules.next_chair(plain, day, None)
    decided = _row(org_terms, found.decided)
    if decided is not None:
        return NextChair(decided.party, decided, None)
    if of is not None and of.chair_rule == ChairRule.HOST:
        return NextChair(None, None, None, "each meeting is chaired by its host")
    if own:
        return NextChair(None, None, None, "no later term of the body is recorded")
    try:
        proposal = propose_next_presidency(org, day, org_terms if not own else None)
    except NotFound as exc:
        return NextChair(None, None, None, str(exc))
    # (the party proposed, as the rotation read it: a member it walked)
    party = proposal.parties.get(proposal.party) if proposal.party else None
    if party is None and proposal.party:
        party = party_coded(proposal.party)
    return NextChair(party, None, proposal)
