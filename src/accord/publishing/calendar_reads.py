"""What the web calendar reads (`publishing.ics`): an organization's (or one body's)
meetings and events as a viewer may see them, and their revisions in the audit trail,
each query's SQL built once per standing, day and kind of calendar and run again
(`accord.core.compiled`), in as many statements as a queryset with the joint bodies
prefetched and a revision query per kind took:

- the meetings as light rows of the columns the calendar writes (`MeetingRow`: no
  model instance made), with their body's and country's names, and their joint
  bodies' names (read for the organization's meetings, kept for those read; none
  read when there is no meeting);
- the revisions of the meetings (or events) the viewer may see, by object: how many
  updates, when created, when last changed (read over the same rows as a subquery
  rather than a list of their ids).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

from django.db.models import CharField, Count, Max, Min, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.core import compiled
from accord.core.models import AuditEntry
from accord.meetings.joint import JointBody, of_body_named
from accord.meetings.models import Event, Meeting
from accord.registry.models import Organization


def _shape(viewer: Viewer, body: str | None) -> tuple[str, str, bool]:
    return access.standing(viewer), timezone.localdate().isoformat(), body is None


def _values(org: Organization, body: str | None) -> tuple[int | str, ...]:
    return (org.pk,) if body is None else (org.pk, body)


def _meetings(viewer: Viewer) -> Callable[..., QuerySet[Meeting]]:
    """The meetings of the organization `o` (or its body named `b`) the viewer may see."""

    def build(o: int, *b: str) -> QuerySet[Meeting]:
        rows = Meeting.objects.filter(body__organization_id=o)
        if b:
            rows = rows.filter(of_body_named(b[0]))  # those it convenes or joins
        return access.meetings(viewer, rows)

    return build


def _events(viewer: Viewer) -> Callable[..., QuerySet[Event]]:
    def build(o: int, *b: str) -> QuerySet[Event]:
        rows = Event.objects.filter(organization_id=o)
        if b:
            rows = rows.filter(host_body__slug=b[0])
        return access.events(viewer, rows)

    return build


class MeetingRow(NamedTuple):
    """A meeting as the calendar writes it: its own columns, its body's and country's
    names, and the names of its joint bodies (in the record's order)."""

    pk: int
    slug: str
    number: int | None
    status: str
    start: dt.date
    end: dt.date
    date_precision: str
    city: str
    city_names: dict[str, str]
    classification: str
    body_slug: str
    body_short_name: str
    body_name: str
    body_names: dict[str, str]
    country_name: str | None
    country_names: dict[str, str] | None
    joint: tuple[tuple[str, dict[str, str]], ...]  # each joint body's name and names


_MEETING_COLUMNS = (
    *("pk", "slug", "number", "status", "start", "end", "date_precision", "city"),
    *("city_names", "classification", "body__slug", "body__short_name", "body__name"),
    *("body__names", "country__name", "country__names"),
)


def meetings(viewer: Viewer, org: Organization, body: str | None = None) -> list[MeetingRow]:
    """The meetings of `org` (or of its body named `body`: those it convenes or joins)
    that `viewer` may see, as light rows of the columns the calendar writes, with their
    body's and country's names and their joint bodies' (two statements, whatever the
    number of meetings; none for the joint bodies when there is no meeting)."""
    build = _meetings(viewer)
    found = compiled.tuples(
        ("calendar meetings", *_shape(viewer, body)),
        # (in no order: the calendar orders its entries by day and id)
        lambda *v: build(*v).order_by().values_list(*_MEETING_COLUMNS),
        *_values(org, body),
        shared=True,  # (names only read)
    )
    if not found:
        return []
    joint: dict[int, list[tuple[str, dict[str, str]]]] = {}
    for meeting, name, names in compiled.tuples(
        ("calendar joint bodies",),
        lambda o: JointBody.objects.filter(meeting__body__organization_id=o).values_list(
            "meeting_id", "body__name", "body__names"
        ),
        org.pk,
        shared=True,
    ):
        joint.setdefault(meeting, []).append((name, names))
    none: tuple[tuple[str, dict[str, str]], ...] = ()
    return [
        MeetingRow(*row, tuple(joint[row[0]]) if row[0] in joint else none)  # type: ignore[call-arg]
        for row in found
    ]


def events(viewer: Viewer, org: Organization, body: str | None = None) -> list[Event]:
    """The events of `org` (or hosted by its body named `body`), with their country and
    host body (every event is public: `access.events`)."""
    build = _events(viewer)
    return compiled.rows(
        ("calendar events", *_shape(viewer, body)),
        lambda *v: build(*v).select_related("country", "host_body"),
        *_values(org, body),
    )


def revisions(
    viewer: Viewer, org: Organization, body: str | None, kind: type[Meeting] | type[Event]
) -> dict[str, tuple[int, dt.datetime, dt.datetime]]:
    """Per meeting (or event) of the calendar, by its id as text: how many updates,
    when created, when last changed (one query)."""
    rows: Callable[..., QuerySet[Any]] = _meetings(viewer) if kind is Meeting else _events(viewer)
    label = kind._meta.label

    def build(*v: int | str) -> QuerySet[Any, tuple[Any, ...]]:
        ids = rows(*v).order_by().annotate(key=Cast("pk", CharField())).values("key")
        return (
            AuditEntry.objects.filter(model=label, object_id__in=ids)
            .values_list("object_id")
            .annotate(
                updates=Count("seq", filter=Q(operation="update")),
                first=Min("at"),
                last=Max("at"),
            )
            .order_by()
        )

    found: list[tuple[str, int, dt.datetime, dt.datetime]] = compiled.tuples(
        ("calendar revisions", label, *_shape(viewer, body)), build, *_values(org, body)
    )
    return {key: (updates, first, last) for key, updates, first, last in found}
