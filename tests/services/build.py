"""A small organization of the services tests' own, built through the services.

Nothing here reads the seed scenario: the organization, its statuses, bodies, powers
and documents have their own slugs (`test-org-svc`, ...). Parties are shared across
organizations, so states are fetched (or created from ISO data) with `ensure_state`.

Standing in `test-org-svc`:

    KZ, CN, RU, KG, UZ   member                from 2001-06-15 (open)
    IN                   observer              2005-07-05 .. 2017-06-08
                         member                from 2017-06-09 (open): joins mid-year
    MN                   observer              2004-06-17 .. 2025-08-31
                         partner               from 2025-09-01 (open)
    BR                   no status at all

Bodies (powers in brackets; "any" = on any subject):

    test-council         chaired by the presidency  [adopted test-plan; took-note,
                                                     considered, deferred, rejected any]
    test-committee       reports to the council     [approved test-plan; drafted,
                                                     considered, submitted, took-note any]
    test-working-group   its own chair terms        [drafted, submitted any]
    test-forum           chaired by each host       [none]
    test-assembly        decides by vote            [none]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from accord.bodies import services as bodies
from accord.bodies.inputs import BodyFields
from accord.bodies.models import Body
from accord.core.errors import DomainError
from accord.documents import services as documents
from accord.documents.inputs import DocumentFields, DocumentTypeFields
from accord.documents.models import Document, DocumentType
from accord.meetings import services as meetings
from accord.meetings.inputs import MeetingFields
from accord.meetings.models import Meeting
from accord.registry import services as registry
from accord.registry.inputs import OrganizationFields, StatusFields
from accord.registry.models import MembershipStatus, Organization, Party

D = dt.date
FOUNDED = D(2001, 6, 15)
INDIA_JOINS = D(2017, 6, 9)
STATUSES_MERGED = D(2025, 9, 1)
FOUNDERS = ("KZ", "CN", "RU", "KG", "UZ")


@dataclass
class World:
    org: Organization
    member: MembershipStatus
    observer: MembershipStatus
    partner: MembershipStatus
    council: Body  # presidency chairs; adopts plans
    committee: Body  # presidency chairs; approves plans and refers them to the council
    working_group: Body  # chaired by its own terms
    forum: Body  # chaired by the host of each meeting
    assembly: Body  # decides by vote
    plan_type: DocumentType
    report_type: DocumentType
    plan: Document
    report: Document

    def party(self, code: str) -> Party:
        return registry.ensure_state(code)


def build_world() -> World:
    org = registry.save_organization(
        "test-org-svc", OrganizationFields(name="Test Organization (services)", short_name="TOS")
    )
    member = registry.save_status(
        org, "member", StatusFields(name="member", takes_decisions=True, rank=0)
    )
    observer = registry.save_status(
        org, "observer", StatusFields(name="observer", valid_until=D(2025, 8, 31), rank=1)
    )
    partner = registry.save_status(
        org, "partner", StatusFields(name="partner", valid_from=STATUSES_MERGED, rank=2)
    )
    for code in FOUNDERS:
        registry.save_membership(org, registry.ensure_state(code), member, FOUNDED, None)
    india = registry.ensure_state("IN")
    registry.save_membership(org, india, observer, D(2005, 7, 5), D(2017, 6, 8))
    registry.save_membership(org, india, member, INDIA_JOINS, None)
    mongolia = registry.ensure_state("MN")
    registry.save_membership(org, mongolia, observer, D(2004, 6, 17), D(2025, 8, 31))
    registry.save_membership(org, mongolia, partner, STATUSES_MERGED, None)
    registry.ensure_state("BR")

    plan_type = documents.save_document_type(org, "test-plan", DocumentTypeFields(name="plan"))
    report_type = documents.save_document_type(
        org, "test-report", DocumentTypeFields(name="report")
    )

    council = bodies.save_body(org, "test-council", BodyFields(name="Council"))
    bodies.set_powers(
        council,
        [
            ("adopted", plan_type),
            ("took-note", None),
            ("considered", None),
            ("deferred", None),
            ("rejected", None),
        ],
    )
    committee = bodies.save_body(
        org, "test-committee", BodyFields(name="Committee", reports_to=council)
    )
    bodies.set_powers(
        committee,
        [
            ("drafted", None),
            ("considered", None),
            ("approved", plan_type),
            ("submitted", None),
            ("took-note", None),
        ],
    )
    working_group = bodies.save_body(
        org,
        "test-working-group",
        BodyFields(name="Working group", reports_to=committee, chair_rule="own-terms"),
    )
    bodies.set_powers(working_group, [("drafted", None), ("submitted", None)])
    forum = bodies.save_body(org, "test-forum", BodyFields(name="Forum", chair_rule="host"))
    assembly = bodies.save_body(
        org, "test-assembly", BodyFields(name="Assembly", decision_rule="vote")
    )

    plan = documents.save_document(
        org, "test-plan-2019", DocumentFields(type=plan_type, title="Plan 2019-2021")
    )
    report = documents.save_document(
        org, "test-report-2019", DocumentFields(type=report_type, title="Report on the plan")
    )
    return World(
        org=org,
        member=member,
        observer=observer,
        partner=partner,
        council=council,
        committee=committee,
        working_group=working_group,
        forum=forum,
        assembly=assembly,
        plan_type=plan_type,
        report_type=report_type,
        plan=plan,
        report=report,
    )


def hold(
    body: Body,
    slug: str,
    start: dt.date,
    *,
    number: int | None = None,
    end: dt.date | None = None,
    precision: str = "day",
    co_chairs: tuple[Party, ...] = (),
    **values: object,
) -> Meeting:
    """A meeting of `body` through the service (`start`, a number or ad hoc)."""
    return meetings.save_meeting(
        body,
        slug,
        MeetingFields(
            number=number, start=start, end=end or start, date_precision=precision, **values
        ),
        co_chairs=co_chairs,
    )


def refused(call: Callable[[], object]) -> DomainError:
    """The DomainError `call` raises (the test fails if it raises none)."""
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def only_problem(error: DomainError) -> tuple[str, str]:
    assert len(error.problems) == 1, error.problems
    return error.problems[0].field, error.problems[0].reason
