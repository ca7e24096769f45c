"""`AmongKeys` keeps the rows `pk__in=subquery` keeps, written so that PostgreSQL looks
the keys up first (`= ANY(ARRAY(...))`); a body's meetings (`joint.of_body`) and the
acts pending in an organization are read through it."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from accord.bodies.models import Body
from accord.core import compiled
from accord.core.keys import AmongKeys, AmongListed
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


def test_keys_listed_in_one_value_keep_those_rows_in_a_statement_built_once() -> None:
    """`AmongListed`: the keys of a JSON list given as one value; a statement built once
    (`core.compiled`) keeps its shape and is run again with another list, of any
    length, the empty list keeping no row."""
    every = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
    assert len(every) > 5

    def listed(keys: str):
        return Meeting.objects.filter(AmongListed("pk", keys)).order_by("pk")

    key = ("test listed meetings",)
    for keys in ([every[0]], every[1:4], every[::2], [], [every[-1], every[0], every[0]]):
        with CaptureQueriesContext(connection) as queries:
            read = compiled.rows(key, listed, json.dumps(keys))
        assert [m.pk for m in read] == sorted(set(keys))
        assert len(queries.captured_queries) == 1
    # Kept: the list is the statement's one value, not a part of its SQL.
    assert [shape for k, shape in compiled._shapes.items() if k[0] == key] != [None]
    assert [k for k in compiled._shapes if k[0] == key]
