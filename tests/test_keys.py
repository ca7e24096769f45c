"""`AmongKeys` keeps the rows `pk__in=subquery` keeps, written so that PostgreSQL looks
the keys up first (`= ANY(ARRAY(...))`); a body's meetings (`joint.of_body`) and the
acts pending in an organization are read through it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from accord.bodies.models import Body
from accord.core.keys import AmongKeys
from accord.meetings import joint
from accord.meetings.models import JointBody, Meeting

pytestmark = pytest.mark.django_db


def _by_semi_join(convened: Q, joined: Q) -> set[int]:
    """The same meetings as the condition written before: "convened OR among the joined"."""
    rows = JointBody.objects.filter(joined).values("meeting_id")
    return set(Meeting.objects.filter(convened | Q(pk__in=rows)).values_list("pk", flat=True))


def test_every_body_has_the_meetings_it_convenes_and_joins() -> None:
    bodies = list(Body.objects.order_by("pk"))
    assert len(bodies) > 1
    # One meeting joined by another body of its organization (a joint meeting).
    meeting = Meeting.objects.order_by("pk").first()
    assert meeting is not None
    other = Body.objects.filter(organization_id=meeting.body.organization_id).exclude(
        pk=meeting.body_id
    )[0]
    JointBody.objects.create(meeting=meeting, body=other, position=1)
    for body in bodies:
        by_keys = set(Meeting.objects.filter(joint.of_body(body)).values_list("pk", flat=True))
        assert by_keys == _by_semi_join(Q(body=body), Q(body=body)), body.slug
        by_slug = set(
            Meeting.objects.filter(joint.of_body_named(body.slug)).values_list("pk", flat=True)
        )
        assert by_slug == _by_semi_join(Q(body__slug=body.slug), Q(body__slug=body.slug))
    assert meeting.pk in set(
        Meeting.objects.filter(joint.of_body(other)).values_list("pk", flat=True)
    )


def test_keys_are_looked_up_first_on_postgresql() -> None:
    some = Meeting.objects.order_by("pk").values("pk")[:3]
    with CaptureQueriesContext(connection) as queries:
        kept = list(Meeting.objects.filter(AmongKeys("pk", some)).values_list("pk", flat=True))
    assert sorted(kept) == sorted(Meeting.objects.order_by("pk").values_list("pk", flat=True)[:3])
    sql = queries.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(ARRAY(SELECT" in sql
    else:
        assert " IN (SELECT" in sql


def test_no_keys_keep_no_rows() -> None:
    none = Meeting.objects.filter(pk__lt=0).values("pk")
    assert not Meeting.objects.filter(AmongKeys("pk", none)).exists()
