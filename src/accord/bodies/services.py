"""The only writers of bodies, their powers, the rotation rule and chair terms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from accord.bodies.inputs import BodyFields, ChairTermFields, RotationRuleFields
from accord.bodies.models import Body, ChairRule, ChairTerm, Power, RotationRule
from accord.bodies.rules import Term, overlapping_terms
from accord.core.dates import check_range
from accord.core.errors import DomainError, Problem
from accord.core.intervals import Interval, check_span
from accord.core.locks import hold
from accord.core.persist import Tally, sync, upsert
from accord.decisions.selectors import verbs_of
from accord.documents.models import DocumentType
from accord.registry.models import Organization, Party
from accord.registry.selectors import decision_takers_on


def claim_body_slug(org: Organization, slug: str) -> Problem | None:
    """Claim `slug` for a new body of `org`: lock the organization's new bodies until
    this transaction ends, then say why it cannot have it (one already has), or None."""
    hold(org)  # writers creating in the organization queue until this transaction ends
    if Body.objects.filter(organization=org, slug=slug).exists():
        return Problem("id", f"{org.slug} already has a body {slug!r}")
    return None


def claim_term_start(org: Organization, body: Body | None, start: dt.date) -> Problem | None:
    """Claim `start` for a new term of the chairmanship (of `body`, or of `org` when
    None): lock its terms until this transaction ends, then say why it cannot (it has
    a term from that day), or None."""
    hold(body or org)  # writers of the chairmanship's terms queue until this transaction ends
    if ChairTerm.objects.filter(organization=org, body=body, start=start).exists():
        return Problem("start", f"the chairmanship already has a term from {start}")
    return None


def save_body(
    organization: Organization, slug: str, fields: BodyFields, tally: Tally | None = None
) -> Body:
    """A body; refused if its `reports_to` chain would loop back to it. Fields left out
    keep the body's recorded values (a new body's defaults)."""
    values = fields.given()
    check_range({"founded": values.get("founded_on")})
    parent = values.get("reports_to")
    if parent is not None:
        if parent.organization_id != organization.pk:
            raise DomainError.at("reports_to", f"{parent.slug!r} is a body of another organization")
        seen = {slug}
        node: Body | None = parent
        while node is not None:
            if node.slug in seen:
                raise DomainError.at(
                    "reports_to", f"{parent.slug!r} reports (directly or not) to {slug!r}: a loop"
                )
            seen.add(node.slug)
            node = node.reports_to
    if values.get("chair_rule") not in (None, *ChairRule.values):
        raise DomainError.at("chair_rule", f"{values['chair_rule']!r} is not a chair rule")
    body, _ = upsert(Body, {"organization": organization, "slug": slug}, values, tally)
    return body


def set_powers(
    body: Body,
    powers: Iterable[tuple[str, DocumentType | None]],
    tally: Tally | None = None,
) -> None:
    """Make `body`'s powers exactly `powers` ((verb, document type or any)): each verb
    one of the organization's (`decisions.selectors.verbs_of`)."""
    rows = []
    verbs = verbs_of(body.organization_id)
    for index, (verb, document_type) in enumerate(powers):
        if verb not in verbs:
            raise DomainError.at(
                f"powers[{index}].verbs",
                f"{verb!r} is not a verb of the organization (one of: {', '.join(verbs.keys)})",
            )
        row = {"verb": verb, "document_type": document_type}
        if row not in rows:  # said twice (a file and an addition to it): one power
            rows.append(row)
    sync(Power, {"body": body}, ["verb", "document_type"], rows, tally)


def save_rotation_rule(
    organization: Organization, fields: RotationRuleFields, tally: Tally | None = None
) -> RotationRule:
    values = fields.given()
    handover = values.get("handover_body")
    if handover is not None and handover.organization_id != organization.pk:
        raise DomainError.at("handover_body", "must be a body of the same organization")
    rule, _ = upsert(RotationRule, {"organization": organization}, values, tally)
    return rule


def save_chair_term(
    organization: Organization,
    body: Body | None,
    party: Party,
    start: dt.date,
    end: dt.date | None,
    fields: ChairTermFields,
    tally: Tally | None = None,
) -> ChairTerm:
    """A party chairs the organization (or `body`) from `start` to `end`.

    Refused when the interval is inverted, when it overlaps another term of the same
    chairmanship, or when the party was not a member when the term began.
    """
    check_range({"from": start, "to": end})
    check_span("to", start, end)
    if body is not None and body.organization_id != organization.pk:
        raise DomainError.at("body", f"{body.slug!r} is a body of another organization")
    if party.code not in decision_takers_on(organization, start):
        raise DomainError.at("party", f"{party.code!r} is not a member on {start}")
    mine = Term(party.code, Interval(start, end))
    hold(body or organization)  # the chairmanship's terms are read, then written
    others = ChairTerm.objects.filter(organization=organization, body=body).exclude(start=start)
    for other in others.select_related("party"):
        clash = overlapping_terms([mine, Term(other.party.code, Interval(other.start, other.end))])
        if clash:
            raise DomainError.at(
                "from",
                f"overlaps the term of {other.party.code} from {other.start}"
                f" to {other.end or 'now'}",
            )
    term, _ = upsert(
        ChairTerm,
        {"organization": organization, "body": body, "start": start},
        {"party": party, "end": end, **fields.given()},
        tally,
    )
    return term
