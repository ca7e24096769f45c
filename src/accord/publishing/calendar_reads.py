"""What the web calendar reads (`publishing.ics`): an organization's (or one body's)
meetings and events as a viewer may see them, and their revisions in the audit trail,
each query's SQL built once per standing, day and kind of calendar and run again
(`accord.core.compiled`), in as many statements as a queryset with the joint bodies
prefetched and a revision query per kind took:

- the meetings with their body, country and host, and their joint bodies attached as
  `prefetch_related(joint_rows())` attaches them (read for the organization's
  meetings, kept for those read; none read when there is no meeting);
- the revisions of the meetings (or events) the viewer may see, by object: how many
  updates, when created, when last changed (read over the same rows as a subquery
  rather than a list of their ids).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import CharField, Count, Max, Min, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.accounts.record_parts import keep_rows
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


def meetings(viewer: Viewer, org: Organization, body: str | None = None) -> list[Meeting]:
    """The meetings of `org` (or of its body named `body`: those it convenes or joins)
    that `viewer` may see, with their body, country, host and joint bodies."""
    build = _meetings(viewer)
    found = compiled.rows(
        ("calendar meetings", *_shape(viewer, body)),
        lambda *v: build(*v).select_related("body", "country", "host"),
        *_values(org, body),
    )
    if not found:
        return found
    by_id: dict[int, list[JointBody]] = {m.pk: [] for m in found}
    link = JointBody._meta.get_field("meeting")
    for row in compiled.rows(
        ("calendar joint bodies",),
        lambda o: JointBody.objects.filter(meeting__body__organization_id=o).select_related("body"),
        org.pk,
    ):
        if row.meeting_id in by_id:
            by_id[row.meeting_id].append(row)
    for m in found:
        for row in by_id[m.pk]:
            link.set_cached_value(row, m)
        keep_rows(m, "joint_rows", JointBody, by_id[m.pk])
    return found


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
) -> dict[str, dict[str, Any]]:
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
    return {
        key: {"object_id": key, "updates": updates, "first": first, "last": last}
        for key, updates, first, last in found
    }
