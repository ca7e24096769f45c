"""The rules of the record that can be read off its stored state, checked over the whole
database with the domain's own rule functions: what a crash or a race must never break.

    broken_rules() -> ["rule 2: ...", ...]   (empty when every rule holds)

Rules 6 (access) and 8 (bad input changes nothing) are about requests, not stored
state; their tests are elsewhere (tests/api, tests/web).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from accord.bodies.models import ChairTerm, Power
from accord.bodies.rules import Term, overlapping_terms
from accord.core.audit import verify
from accord.core.intervals import Interval
from accord.decisions.models import Action, Position
from accord.decisions.rules import power_allows
from accord.decisions.services import decided_on
from accord.meetings.models import Meeting
from accord.registry.models import Membership
from accord.registry.rules import Standing, overlapping_standing, status_valid_for


def _standings() -> list[str]:
    broken = []
    by_org: dict[int, list[Standing]] = defaultdict(list)
    for m in Membership.objects.select_related("party", "status"):
        interval = Interval(m.start, m.end)
        by_org[m.organization_id].append(Standing(m.party.code, m.status.slug, interval))
        why = status_valid_for(m.status.valid_from, m.status.valid_until, interval)
        if why:
            broken.append(f"rule 1: {m.party.code} from {m.start}: the status {why}")
    for standings in by_org.values():
        pair = overlapping_standing(standings)
        if pair:
            broken.append(f"rule 1: two standings of {pair[0].party} overlap: {pair}")
    return broken


def _series() -> list[str]:
    broken = []
    by_body: dict[int, list[Meeting]] = defaultdict(list)
    for m in Meeting.objects.filter(number__isnull=False).order_by("start", "number"):
        by_body[m.body_id].append(m)
    for meetings in by_body.values():
        numbers = [m.number for m in meetings]
        if len(set(numbers)) != len(numbers):
            broken.append(f"rule 2: a number is used twice in body {meetings[0].body_id}")
        for earlier, later in pairwise(meetings):
            if earlier.start < later.start and earlier.number > later.number:
                broken.append(
                    f"rule 2: meeting {earlier.number} ({earlier.start}) precedes"
                    f" {later.number} ({later.start})"
                )
    return broken


def _chair_terms() -> list[str]:
    broken = []
    by_chairmanship: dict[tuple[int, int | None], list[Term]] = defaultdict(list)
    for t in ChairTerm.objects.select_related("party"):
        by_chairmanship[(t.organization_id, t.body_id)].append(
            Term(t.party.code, Interval(t.start, t.end))
        )
    for terms in by_chairmanship.values():
        pair = overlapping_terms(terms)
        if pair:
            broken.append(f"rule 3: two chair terms overlap: {pair}")
    return broken


def _actions() -> list[str]:
    broken = []
    powers: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for body_id, verb, kind in Power.objects.values_list("body_id", "verb", "document_type__slug"):
        powers[body_id].append((verb, kind))
    for a in Action.objects.select_related("document__type"):
        kind = a.document.type.slug if a.document is not None else None
        if not power_allows(powers[a.body_id], a.verb, kind):
            broken.append(f"rule 4: action {a.pk}: the body may not {a.verb} a {kind}")
        if a.verb == "submitted" and a.target_body_id is None:
            broken.append(f"rule 4: action {a.pk}: a referral names no target body")
    return broken


def _positions() -> list[str]:
    broken = []
    rows = Position.objects.select_related("decision__meeting__body", "party")
    for p in rows:
        meeting = p.decision.meeting
        day = decided_on(meeting, p.decision.date)  # the decision's own date, or the last day
        held = Membership.objects.filter(
            organization_id=meeting.body.organization_id,
            party=p.party,
            status__takes_decisions=True,
            start__lte=day,
        ).exclude(end__lt=day)
        if not held.exists():
            broken.append(
                f"rule 5: {p.party.code} holds a position at meeting {meeting.pk}"
                f" without being a member on {day}"
            )
    return broken


def broken_rules() -> list[str]:
    """Every rule the stored record breaks (an empty list: all hold)."""
    broken = _standings() + _series() + _chair_terms() + _actions() + _positions()
    checked, first_break = verify()
    if first_break is not None:
        broken.append(f"rule 7: audit entry {first_break.seq} {first_break.reason}")
    if not checked:
        broken.append("rule 7: the audit trail is empty")
    return broken
