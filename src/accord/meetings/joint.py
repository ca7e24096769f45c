"""Joint meetings: one meeting of several bodies of the same organization.

The convening body (`Meeting.body`, named first) holds the meeting and its number;
the others are `JointBody` rows, in the order the record names them, each with the
meeting's number in its own series where it has one. A body's series is the meetings
it convenes and those it joins; numbers are unique and increase with the date across
both (`rules.numbering_conflict`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Prefetch, Q

from accord.bodies.models import Body
from accord.core.dates import PartialDate, Precision
from accord.core.errors import DomainError, Problem
from accord.core.keys import AmongKeys
from accord.core.locks import hold
from accord.core.persist import Tally, sync
from accord.core.text import ordinal
from accord.meetings.models import JointBody, Meeting
from accord.meetings.rules import (
    JointRef,
    Slot,
    joint_body_problems,
    joint_phrase,
    numbering_conflict,
)


def of_body(body: Body | int) -> Q:
    """The meetings that belong to `body`: those it convenes and those it joins. Lists
    filter with this, then restrict to the reader through `accounts.access.meetings`.

    One list of keys looked up first (`AmongKeys`), the meetings the body convenes and
    those it joins each read by its own index: "convened by the body OR among those it
    joins" made PostgreSQL read every meeting of every organization to test each (36 ms
    at 100,000 meetings)."""
    convened = Meeting.objects.filter(body=body).order_by().values("pk")
    joined = JointBody.objects.filter(body=body).order_by().values("meeting_id")
    return Q(AmongKeys("pk", convened.union(joined, all=True)))


def of_body_named(slug: str) -> Q:
    """`of_body` by the body's id (slug), for lists already of one organization."""
    convened = Meeting.objects.filter(body__slug=slug).order_by().values("pk")
    joined = JointBody.objects.filter(body__slug=slug).order_by().values("meeting_id")
    return Q(AmongKeys("pk", convened.union(joined, all=True)))


def joint_title(meeting: Meeting) -> str:
    """A joint meeting's title as the record's plain lists write it: "Joint meeting of
    the A, the B and the C" (its number in the convening body's series after it)."""
    names = [f"the {b.name}" for b in bodies_of(meeting)]
    number = f", {ordinal(meeting.number)} meeting" if meeting.number else ""
    return f"Joint meeting of {joint_phrase(names)}{number}"


def title_of(meeting: Meeting) -> str:
    """A meeting's title in plain lists (the API's and the command line's calendar): as
    recorded, else its body's name and number, or all its bodies' for a joint meeting
    (its joint bodies read with `joint_rows`)."""
    if meeting.title:
        return meeting.title
    if meeting.joint_rows.all():
        return joint_title(meeting)
    return meeting.body.name + (f", {ordinal(meeting.number)} meeting" if meeting.number else "")


def joint_rows() -> Prefetch:
    """Prefetch a meeting's joint bodies in order (`bodies_of` reads them from here), in
    one query for any number of meetings."""
    return Prefetch("joint_rows", queryset=JointBody.objects.select_related("body"))


def bodies_of(meeting: Meeting) -> list[Body]:
    """All the bodies of `meeting`, the convening one first."""
    return [meeting.body, *(row.body for row in meeting.joint_rows.all())]


def others(meeting: Meeting, body: Body | int) -> list[Body]:
    """The bodies `meeting` belongs to other than `body`, in the record's order (what
    a listing of `body` names as "joint meeting with ...")."""
    pk = body.pk if isinstance(body, Body) else body
    return [b for b in bodies_of(meeting) if b.pk != pk]


def number_in(meeting: Meeting, body: Body | int) -> int | None:
    """The meeting's number in `body`'s series (its own number if `body` convenes it)."""
    pk = body.pk if isinstance(body, Body) else body
    if meeting.body_id == pk:
        return meeting.number
    return next((row.number for row in meeting.joint_rows.all() if row.body_id == pk), None)


def _slot(key: str, number: int, start: dt.date, end: dt.date, precision: str) -> Slot:
    return Slot(key, number, start, PartialDate(end, Precision(precision)).latest)


def series_of(body: Body, excluding: Q) -> list[Slot]:
    """The numbered meetings of `body`'s series, convened or joined, but those
    `excluding` selects (a Q on `Meeting`), each keyed by its meeting."""
    convened = (
        Meeting.objects.filter(body=body, number__isnull=False)
        .exclude(excluding)
        .values_list("pk", "number", "start", "end", "date_precision")
    )
    joined = (
        JointBody.objects.filter(body=body, number__isnull=False)
        .exclude(meeting__in=Meeting.objects.filter(excluding))
        .values_list(
            "meeting_id", "number", "meeting__start", "meeting__end", "meeting__date_precision"
        )
    )
    return [
        _slot(f"meeting {pk}", n, first, last, kept)
        for pk, n, first, last, kept in [*convened, *joined]
        if n is not None  # always: the queries ask for numbered rows
    ]


def joined_slots(body: Body, excluding: Q) -> list[Slot]:
    """The numbered meetings `body` joins (not convenes), but those `excluding`
    selects: what the convening series adds to a numbering check."""
    return [
        _slot(f"meeting {pk}", n, first, last, kept)
        for pk, n, first, last, kept in JointBody.objects.filter(body=body, number__isnull=False)
        .exclude(meeting__in=Meeting.objects.filter(excluding))
        .values_list(
            "meeting_id", "number", "meeting__start", "meeting__end", "meeting__date_precision"
        )
        if n is not None
    ]


def set_joint_bodies(
    meeting: Meeting, joint: Sequence[tuple[Body, int | None]], tally: Tally | None = None
) -> list[JointBody]:
    """Make `meeting` a joint meeting of its body and `joint` (each body with the
    meeting's number in its own series, or None), in that order; [] makes it a meeting
    of its body alone. Refused, naming `joint_bodies[i]`, when a body is of another
    organization, is the convening body, is named twice, or its number breaks its
    series; nothing is written then."""
    convening = meeting.body
    refs = [JointRef(b.slug, b.organization.slug, n) for b, n in joint]
    organization = convening.organization.slug
    problems = [
        Problem(field, reason)
        for field, reason in joint_body_problems(JointRef(convening.slug, organization), refs)
    ]
    if problems:
        raise DomainError(problems)
    for i, (body, number) in enumerate(joint):
        if number is None:
            continue
        hold(body)  # the series is read, then written: its writers queue
        new = _slot(
            f"meeting {meeting.pk}", number, meeting.start, meeting.end, meeting.date_precision
        )
        reason = numbering_conflict(series_of(body, Q(pk=meeting.pk)), new)
        if reason:
            problems.append(Problem(f"joint_bodies[{i}].number", f"in {body.slug}: {reason}"))
    if problems:
        raise DomainError(problems)
    return sync(
        JointBody,
        {"meeting": meeting},
        ["body"],
        [{"body": body, "number": number, "position": i} for i, (body, number) in enumerate(joint)],
        tally,
    )
