"""Rows read through SQL built once (`accord.core.compiled`) are the rows Django reads:
the same instances, field for field, with the same related rows joined in (and linked
back), the same annotations and the same state, for the record's, the series' and the
look-ups' shapes, each run with other values after the first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.models import CharField, Count, Max, Min, Model, Q, QuerySet
from django.db.models.functions import Cast
from django.db.models.signals import post_init

from accord.accounts import access, visibility
from accord.bodies.models import ChairTerm
from accord.core import compiled
from accord.core.models import AuditEntry
from accord.decisions.models import Action
from accord.meetings import joint
from accord.meetings.models import Meeting, Participation
from accord.registry import selectors as registry
from tests.accounts.people import RoleSpec, make

pytestmark = pytest.mark.django_db


def _state(row: Model | None, seen: set[int]) -> Any:
    """What a row holds: its class, fields and annotations, its state, and the rows
    cached on it (each once: a row linked back is named, not followed again)."""
    if row is None:
        return None
    if id(row) in seen:
        return ("seen", type(row).__name__, row.pk)
    seen.add(id(row))
    values = {k: v for k, v in row.__dict__.items() if k != "_state"}
    cached = {
        name: _state(related, seen) for name, related in sorted(row._state.fields_cache.items())
    }
    return (type(row), values, row._state.adding, row._state.db, cached)


def _same(key: str, build: Any, *values: Any) -> list[Model]:
    kept = compiled.rows(key, build, *values)
    built = list(build(*values))
    assert [_state(r, set()) for r in kept] == [_state(r, set()) for r in built]
    return kept


def _shapes(viewer: access.Viewer) -> list[tuple[str, Any, list[tuple[Any, ...]]]]:
    """Shapes (their key, how they are built) and the values each is run with."""
    meetings = list(Meeting.objects.filter(body__organization__slug="sco").order_by("pk"))
    bodies = sorted({m.body_id for m in meetings})
    return [
        (
            "meetings with their parts joined in, an annotation",
            lambda pk: (
                Meeting.objects.filter(pk=pk)  # type: ignore[no-redef]
                .select_related(
                    "body__organization",
                    "country",
                    "host",
                    "chair",
                    "chair_person",
                    "prepares__body",
                )
                .annotate(prepares_visible=visibility.meeting_visible(viewer, "prepares_id"))
            ),
            [(m.pk,) for m in meetings],
        ),
        (
            "participants, rows that join nothing among them",
            lambda pk: (
                Participation.objects.filter(meeting_id=pk)
                .select_related("party", "person", "joined_at_item", "left_at_item")
                .order_by("position")
            ),
            [(m.pk,) for m in meetings],
        ),
        (
            "actions as the viewer may read them",
            lambda pk: (
                visibility.actions(viewer, Action.objects.filter(meeting_id=pk))
                .select_related("document__type", "agenda_item__meeting__body", "target_meeting")
                .order_by("position")
            ),
            [(m.pk,) for m in meetings],
        ),
        (
            "participants, their parties and people with some of their fields (only())",
            lambda pk: (
                Participation.objects.filter(meeting_id=pk)
                .select_related("party", "person", "joined_at_item")
                .only(
                    *(f.name for f in Participation._meta.concrete_fields),
                    *("party__code", "party__name", "person__slug", "joined_at_item__slug"),
                )
                .order_by("position")
            ),
            [(m.pk,) for m in meetings],
        ),
        (
            "a body's series",
            lambda pk: (
                access.meetings(viewer, Meeting.objects.filter(joint.of_body(pk)))
                .select_related("body__organization", "country", "host", "chair")
                .order_by("start", "number", "slug")
            ),
            [(b,) for b in bodies],
        ),
        (
            "a meeting by number or slug",
            lambda b, n, s: Meeting.objects.filter(Q(body_id=b), Q(number=n) | Q(slug=s)),
            [(m.body_id, m.number or 0, m.slug) for m in meetings],
        ),
        (
            "members on a day (a day's stand-in, compared twice)",
            registry.members_on,
            [(m.body.organization_id, m.start) for m in meetings],
        ),
        (
            "chair terms, the deciding meeting joined in",
            lambda o: (
                ChairTerm.objects.filter(organization_id=o)
                .select_related("party", "decided_at")
                .order_by("start")
            ),
            [(meetings[0].body.organization_id,)],
        ),
    ]


VIEWERS = {
    "public": RoleSpec("kept-rows-public", anonymous=True),
    "secretariat": RoleSpec("kept-rows-sec", secretariat=frozenset({"sco"})),
    "observer": RoleSpec("kept-rows-mn", observers=frozenset({("sco", "MN")})),
}


@pytest.mark.parametrize("standing", VIEWERS)
def test_kept_rows_are_the_rows_django_reads(standing):
    compiled.forget()
    viewer = make(VIEWERS[standing]).viewer
    read = 0
    for name, build, runs in _shapes(viewer):
        key = ("test kept rows", name, access.standing(viewer))
        for values in runs:
            read += len(_same(key, build, *values))
    assert read > 100


def test_every_kept_shape_is_read_without_django_making_the_rows():
    """The shapes above keep their SQL and are read directly (the meeting's look-up
    by number or slug too: its stand-in is within the number column's range; the
    members on a day: a day's stand-in is found where the day is compared)."""
    compiled.forget()
    viewer = make(VIEWERS["secretariat"]).viewer
    for name, build, runs in _shapes(viewer):
        compiled.rows(("test kept shapes", name), build, *runs[0])
    kept = [shape for key, shape in compiled._shapes.items() if key[0][0] == "test kept shapes"]
    assert len(kept) == 8 and all(s is not None and s.readers is not None for s in kept)


def test_a_model_signal_is_sent_for_rows_read_directly():
    compiled.forget()
    made: list[Model] = []

    def seen(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        made.append(instance)

    def build(pk: int) -> QuerySet[Meeting]:
        return Meeting.objects.filter(pk=pk).select_related("body")

    meeting = Meeting.objects.order_by("pk").first()
    assert meeting is not None
    compiled.rows("test signal", build, meeting.pk)
    post_init.connect(seen)
    try:
        found = compiled.rows("test signal", build, meeting.pk)
    finally:
        post_init.disconnect(seen)
    assert found[0] in made and found[0].body in made


def test_kept_values_are_the_values_django_reads():
    from accord.accounts.models import Affiliation
    from accord.registry.models import Membership

    compiled.forget()
    people = [make(spec).user for spec in VIEWERS.values() if not spec.anonymous]
    organizations = sorted(set(Membership.objects.values_list("organization_id", flat=True)))

    def affiliations(pk: int) -> QuerySet[Any, tuple[Any, ...]]:
        return Affiliation.objects.filter(user_id=pk).values_list(
            "organization_id", "role", "party__code", "bodies", "start"
        )

    def members(pk: int) -> QuerySet[Any, tuple[Any, ...]]:
        return (
            Membership.objects.filter(organization_id=pk)
            .values_list("party__code", "start", "end", "status__takes_decisions")
            .order_by("party__code", "start")
        )

    def revisions(pk: int) -> QuerySet[Any, tuple[Any, ...]]:
        # (annotations after the values, as the web calendar reads its revisions)
        return (
            AuditEntry.objects.filter(
                model="meetings.Meeting",
                object_id__in=Meeting.objects.filter(body_id=pk)
                .annotate(key=Cast("pk", CharField()))
                .values("key"),
            )
            .values_list("object_id")
            .annotate(updates=Count("seq", filter=Q(operation="update")), last=Max("at"))
            .order_by()
        )

    read = []
    for key, build, values in [
        ("test affiliations", affiliations, [p.pk for p in people]),
        ("test members", members, organizations),
        ("test revisions", revisions, sorted({m.body_id for m in Meeting.objects.all()})),
    ]:
        for value in values:
            kept = compiled.tuples(key, build, value)
            assert kept == list(build(value)) and all(type(row) is tuple for row in kept)
            read += kept
    assert any(isinstance(row[1], dt.date) for row in read)
    assert any(isinstance(row[-1], dt.datetime) and row[-1].tzinfo for row in read)
    assert all(s.readers is not None for k, s in compiled._shapes.items() if "test" in k[0])


def test_rows_never_share_a_decoded_json_value():
    """Names decoded once are copied to each row: a row's names changed in place
    change no other row's, nor the rows read after."""
    compiled.forget()

    def build(pk: int) -> QuerySet[Meeting]:
        return Meeting.objects.filter(body_id=pk).select_related("body").order_by("pk")

    body = Meeting.objects.order_by("pk").values_list("body_id", flat=True).first()
    first, second, *_ = compiled.rows("test json", build, body)
    assert first.body.names == second.body.names and first.body.names
    assert first.body.names is not second.body.names
    first.body.names["en"] = "changed in place"
    again = compiled.rows("test json", build, body)
    assert again[0].body.names == second.body.names != first.body.names


def test_values_read_shared_give_every_row_its_text_decoded_once():
    """Light rows read `shared` (never changed in place) are Django's values, the names
    of one text the same object in every row that holds it."""
    compiled.forget()

    def build(pk: int) -> QuerySet[Any, tuple[Any, ...]]:
        return Meeting.objects.filter(body_id=pk).order_by("pk").values_list("pk", "body__names")

    body = Meeting.objects.order_by("pk").values_list("body_id", flat=True).first()
    assert body is not None
    for _ in range(2):  # (the SQL built, then kept)
        kept = compiled.tuples("test shared", build, body, shared=True)
        assert kept == list(build(body)) and len(kept) > 1
        assert kept[0][1] and all(row[1] is kept[0][1] for row in kept)
    copied = compiled.tuples("test shared", build, body)
    assert copied == kept and copied[0][1] is not kept[0][1]


def test_moments_read_again_are_the_moments_django_reads():
    """A moment's text (SQLite's) read before is given as read then (one object, never
    changed), in the connection's time zone, and is the moment Django reads."""
    compiled.forget()

    def build(pk: int) -> QuerySet[Any, tuple[Any, ...]]:
        return (
            AuditEntry.objects.filter(
                model="meetings.Meeting",
                object_id__in=Meeting.objects.filter(body_id=pk)
                .annotate(key=Cast("pk", CharField()))
                .values("key"),
            )
            .values_list("object_id")
            .annotate(first=Min("at"), last=Max("at"))
            .order_by("object_id")
        )

    body = Meeting.objects.order_by("pk").values_list("body_id", flat=True).first()
    assert body is not None
    first = compiled.tuples("test moments", build, body)
    again = compiled.tuples("test moments", build, body)
    assert first == again == list(build(body)) and first and first[0][1].tzinfo is not None
    if connection.vendor == "sqlite":  # (read from SQLite's texts; PostgreSQL's driver makes them)
        assert all(x[1] is y[1] and x[2] is y[2] for x, y in zip(first, again, strict=True))
    assert all(s is not None and s.readers is not None for k, s in compiled._shapes.items())
