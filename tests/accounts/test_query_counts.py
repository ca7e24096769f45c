"""Each access queryset costs the same number of queries for 3 objects as for 12."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.accounts import access, services
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.decisions.models import Action, Decision, Position
from accord.decisions.services import record_action, save_decision
from accord.documents.inputs import DocumentFields
from accord.documents.models import Document
from accord.documents.services import save_document
from accord.meetings.inputs import AgendaItemFields
from accord.meetings.models import AgendaItem, Meeting
from accord.meetings.services import Item, set_agenda
from accord.registry.inputs import OrganizationFields
from accord.registry.services import save_organization
from tests.services.build import build_world, hold

DAY = dt.date(2019, 5, 15)
KINDS = ("public", "organization", "body", "parties")


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def viewer(world):
    """A user with every kind of affiliation, so that every branch of the filters is built."""
    user = services.add_user("test-counts", password="a long passphrase")
    other = save_organization("test-org-counts", OrganizationFields(name="Other"))
    services.grant(
        user, world.org, "delegation", party=world.party("KG"), bodies=[world.committee], on=DAY
    )
    services.grant(user, world.org, "chair-team", party=world.party("RU"), on=DAY)
    services.grant(user, world.org, "observer", party=world.party("MN"), on=DAY)
    services.grant(user, other, "secretariat")
    return access.viewer_of(user)


def add(world, start: int, stop: int) -> None:
    """Objects number start..stop-1 of every kind, in every classification by turn."""
    for n in range(start, stop):
        c = KINDS[n % 4]
        meeting = hold(world.committee, f"test-counts-{n}", DAY, classification=c)
        document = save_document(
            world.org,
            f"test-counts-doc-{n}",
            DocumentFields(
                type=world.plan_type,
                title=f"{n}",
                date=DAY,
                classification=c,
                restricted_to_body=world.committee if c == "body" else None,
            ),
            shared_with=[world.party("KG")] if c == "parties" else [],
        )
        [item] = set_agenda(
            meeting, [Item(f"item-{n}", f"{n}", AgendaItemFields(classification=c))]
        )
        save_decision(
            meeting,
            f"decision-{n}",
            DecisionFields(title=f"{n}", classification=c),
            [(world.party("KG"), "concurs", "")],
        )
        for subject in ({"document": document}, {"agenda_item": item}):
            record_action(
                world.committee,
                ActionFields(
                    verb="considered", date=DAY, meeting=meeting, classification=c, **subject
                ),
            )


LISTS = [
    (
        "documents",
        Document,
        {"organization__slug": "test-org-svc", "slug__startswith": "test-counts"},
    ),
    ("meetings", Meeting, {"slug__startswith": "test-counts"}),
    ("agenda_items", AgendaItem, {"meeting__slug__startswith": "test-counts"}),
    ("actions", Action, {"meeting__slug__startswith": "test-counts"}),
    ("decisions", Decision, {"meeting__slug__startswith": "test-counts"}),
    ("positions", Position, {"decision__meeting__slug__startswith": "test-counts"}),
]


def queries(viewer, name: str, model, scope: dict) -> tuple[int, int]:
    """(queries run, rows read) listing and counting through the access layer."""
    restrict = getattr(access, name)
    with CaptureQueriesContext(connection) as captured:
        rows = list(restrict(viewer, model.objects.filter(**scope)))
        restrict(viewer, model.objects.filter(**scope)).count()
    return len(captured), len(rows)


@pytest.mark.parametrize(("name", "model", "scope"), LISTS, ids=[n for n, _, _ in LISTS])
def test_the_query_count_does_not_grow_with_the_rows(world, viewer, name, model, scope):
    add(world, 0, 3)
    small, few = queries(viewer, name, model, scope)
    add(world, 3, 12)
    large, many = queries(viewer, name, model, scope)
    assert many > few > 0
    assert small == large == 2  # the list and its count, one query each


def test_the_detail_look_ups_cost_one_query_each(world, viewer):
    add(world, 0, 3)
    with CaptureQueriesContext(connection) as captured:
        access.document(viewer, world.org, "test-counts-doc-1")
        access.meeting(viewer, world.org, world.committee, "test-counts-1")
    assert len(captured) == 2
