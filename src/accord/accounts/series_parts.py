"""A body's meeting series as the viewer may see it, each query's SQL built once per
standing and day and run again for every body (`accord.core.compiled`): the body
page's list of meetings, with each meeting's co-chairs and joint bodies attached as
`prefetch_related` attaches them (`meetings.models.co_chair_rows`,
`meetings.joint.joint_rows`), in three queries whatever the series' length.

The co-chairs and joint bodies are read for every meeting of the body's series, and
attached only to the meetings the viewer may see (the others are never shown).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils import timezone

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.accounts.record_parts import keep_rows
from accord.bodies.models import Body
from accord.core import compiled
from accord.meetings import joint
from accord.meetings.joint import JointBody
from accord.meetings.models import CoChair, Meeting


def body_series(viewer: Viewer, body: Body) -> list[Meeting]:
    """The meetings `body` convenes or joins that `viewer` may see, by date, number and
    id, with their body and organization, country, host, chair and the person who
    chaired, co-chairs and joint bodies read.

    A meeting `body` convenes is given `body` itself (and its organization, if read
    with it); one it joins, its convening body as the joint bodies' query reads it
    (with `body`'s organization, theirs: a joint meeting's bodies are of one
    organization). Two hundred meetings are not read with as many copies of the same
    body and organization."""
    shape = (access.standing(viewer), timezone.localdate().isoformat())
    series: list[Meeting] = compiled.rows(
        ("body series", *shape),
        lambda pk: (
            access.meetings(viewer, Meeting.objects.filter(joint.of_body(pk)))
            .select_related("country", "host", "chair", "chair_person")
            .order_by("start", "number", "slug")
        ),
        body.pk,
    )
    if not series:
        return series
    by_id = {m.pk: m for m in series}
    _attach(
        by_id,
        "co_chair_rows",
        CoChair,
        compiled.rows(
            ("body series co-chairs",),
            lambda pk: CoChair.objects.filter(
                meeting__in=Meeting.objects.filter(joint.of_body(pk)).values("pk")
            ).select_related("party", "person"),
            body.pk,
        ),
    )
    joint_rows = compiled.rows(
        ("body series joint bodies",),
        lambda pk: JointBody.objects.filter(
            meeting__in=Meeting.objects.filter(joint.of_body(pk)).values("pk")
        ).select_related("body", "meeting__body"),
        body.pk,
    )
    _attach_bodies(series, body, joint_rows)
    _attach(by_id, "joint_rows", JointBody, joint_rows)
    return series


def _attach_bodies(series: list[Meeting], body: Body, joint_rows: list[JointBody]) -> None:
    """Each meeting's convening body: `body`, or the one the joint rows read."""
    to_body = Meeting._meta.get_field("body")
    to_organization = Body._meta.get_field("organization")
    organization = to_organization.get_cached_value(body, None)
    convening = {body.pk: body}
    for row in joint_rows:
        other = row.meeting.body
        if other.organization_id == body.organization_id and organization is not None:
            to_organization.set_cached_value(other, organization)
        convening.setdefault(other.pk, other)
    for m in series:
        found = convening.get(m.body_id)
        if found is not None:  # (else read when asked, as a row's relation is)
            to_body.set_cached_value(m, found)


def _attach(by_id: dict[int, Meeting], name: str, model: type[Model], rows: list[Any]) -> None:
    """Each meeting's `rows` under its related manager `name`, each row linked back."""
    grouped: dict[int, list[Any]] = {pk: [] for pk in by_id}
    link = model._meta.get_field("meeting")
    for row in rows:
        meeting = by_id.get(row.meeting_id)
        if meeting is None:
            continue  # a meeting the viewer may not see
        link.set_cached_value(row, meeting)  # type: ignore[union-attr]
        grouped[row.meeting_id].append(row)
    for pk, kept in grouped.items():
        keep_rows(by_id[pk], name, model, kept)
