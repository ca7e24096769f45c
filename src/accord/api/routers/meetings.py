"""Meetings of a body: the series, a meeting's record and its audit trail, and the writes
on the meeting itself (its parts: `meeting_parts`; its actions, decisions and positions:
`meeting_decisions`, on the same router)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from accord.accounts import access, refs, visibility
from accord.api import security
from accord.api.days import Day
from accord.api.errors import READ_ERRORS, UPDATE_ERRORS, WRITE_ERRORS
from accord.api.etags import etag_of, require_if_match, tagged, tagged_answer
from accord.api.pagination import CursorParam, Limit, date_key, page, str_key
from accord.api.routers.audit import audit_page
from accord.api.routers.meeting_common import (
    BASE,
    MOVED,
    OPEN,
    REPLACES,
    IfMatch,
    find,
    for_change,
    found_or_moved,
    gathered,
    parties_named,
    router,
)
from accord.api.schemas.audit import AuditPage
from accord.api.schemas.meetings import (
    CoChairIn,
    JointBodyIn,
    MeetingIn,
    MeetingPage,
    MeetingPatch,
    meeting_out,
)
from accord.bodies.models import Body
from accord.core.dates import span
from accord.meetings import actions as meeting_actions
from accord.meetings import selectors as meetings
from accord.meetings.inputs import MeetingFields
from accord.meetings.joint import joint_rows, of_body
from accord.meetings.models import Meeting, co_chair_rows
from accord.meetings.record import (
    MeetingRecord,
    record_from,
    record_of,
)
from accord.registry.models import Organization, Party, Person


@router.get(
    BASE,
    response={200: MeetingPage, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="The meetings of a body, by date",
)
def list_meetings(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    date_from: Annotated[Day | None, Query(description="held on or after this day")] = None,
    date_to: Annotated[Day | None, Query(description="begun on or before this day")] = None,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    found = refs.body(found_org, body)
    rows = access.meetings(viewer, Meeting.objects.filter(of_body(found)))
    if date_from is not None:
        rows = rows.filter(end__gte=date_from)
    if date_to is not None:
        rows = rows.filter(start__lte=date_to)
    rows = rows.select_related(
        "body__organization", "country", "host", "chair", "chair_person"
    ).prefetch_related(co_chair_rows(), joint_rows())
    found_rows, next_cursor = page(rows, [date_key("start"), str_key("slug")], cursor, limit)
    terms = meetings.terms_by_body(found_org)
    items = [meeting_out(m, meetings.chair_of(m, terms)) for m in found_rows]
    return tagged(request, response, MeetingPage(items=items, next_cursor=next_cursor))


@router.get(
    BASE + "/{ref}",
    response={200: MeetingRecord, **MOVED, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="A meeting's record: chair, participants, agenda, actions, decisions, statements",
    description=(
        "`ref` is the meeting's number in the body's series (14), or its id if ad hoc. A"
        " joint meeting answers at the address of each body it belongs to (its number in"
        " that body's series, or its id): 301 to its convening body's address."
    ),
)
def get_meeting(
    request: HttpRequest, response: HttpResponse, org: str, body: str, ref: str
) -> object:
    viewer = security.viewer(request)
    found = found_or_moved(request, viewer, org, body, ref, visibility.record_joins)
    if isinstance(found, HttpResponse):
        return found
    # (read for the answer: the rows joined to its parts with the fields it names)
    meeting = visibility.meeting_record(viewer, found[1], answer=True)
    return tagged_answer(request, response, record_from(meeting))


@router.get(
    BASE + "/{ref}/audit",
    response={200: AuditPage, **MOVED, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="The audit trail of a meeting (to those who may read the meeting)",
    description="A joint meeting's at another of its bodies' addresses: 301, as its record.",
)
def meeting_audit(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    viewer = security.viewer(request)
    found = found_or_moved(request, viewer, org, body, ref)
    if isinstance(found, HttpResponse):
        return found
    found_org, meeting = found
    return tagged(request, response, audit_page(viewer, meeting, found_org, cursor, limit))


def _co_chairs(items: list[CoChairIn]) -> list[tuple[Party, Person | None]]:
    """The co-chairs a payload names: parties, with their persons where named."""
    parties = parties_named([c.party for c in items], "co_chairs[{}]")
    people = [refs.person_at(c.person, f"co_chairs[{i}].person") for i, c in enumerate(items)]
    return list(zip(parties, people, strict=True))


def _joint(org: Organization, items: list[JointBodyIn]) -> list[tuple[Body, int | None]]:
    """The other bodies of a joint meeting a payload names, with their numbers."""
    found = gathered(
        *(
            (lambda i=i, j=j: refs.body_at(org, j.body, f"joint_bodies[{i}].body"))
            for i, j in enumerate(items)
        )
    )
    return [(body, j.number) for body, j in zip(found, items, strict=True)]


@router.post(
    BASE,
    response={201: MeetingRecord, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record a new meeting of the body",
    description=(
        "409 when the number or id is already taken in the body's series; 422 when a rule"
        " refuses it (numbers increase with the date, an explicit chair must be a member)."
    ),
)
def create_meeting(
    request: HttpRequest, response: HttpResponse, org: str, body: str, payload: MeetingIn
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org = refs.organization(org)
        found_body = refs.body(found_org, body)
        prepares = None
        if payload.prepares is not None:
            target_body = refs.body_at(found_org, payload.prepares.body, "prepares.body")
            prepares = refs.meeting_at(
                viewer, found_org, target_body, payload.prepares.meeting, "prepares.meeting"
            )
        values = MeetingFields(
            number=payload.number,
            kind=payload.kind.value if payload.kind else None,
            title=payload.title,
            titles=payload.titles,
            **span(payload.date, payload.end),
            city=payload.city,
            city_names=payload.city_names,
            country=refs.party_at(payload.country, "country"),
            venue=payload.venue,
            mode=payload.mode.value,
            host=refs.party_at(payload.host, "host"),
            chair=refs.party_at(payload.chair, "chair"),
            chair_person=refs.person_at(payload.chair_person, "chair_person"),
            format=payload.format.value,
            prepares=prepares,
            classification=payload.classification.value,
            outcome=payload.outcome,
            source=payload.source,
            note=payload.note,
        )
        meeting = meeting_actions.create_meeting(
            viewer,
            found_body,
            values,
            slug=payload.id,
            co_chairs=_co_chairs(payload.co_chairs),
            joint=_joint(found_org, payload.joint_bodies),
        )
        record = record_of(viewer, meeting)
    response["ETag"] = etag_of(record)
    response["Location"] = request.build_absolute_uri(
        f"{request.path.rstrip('/')}/{meeting.number or meeting.slug}"
    )
    return Status(201, record)


@router.patch(
    BASE + "/{ref}",
    response={200: MeetingRecord, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Change a meeting's date, venue, mode, format, chair or title",
    description=(
        "Send If-Match with the ETag of the record as you read it: without it 428, with"
        " an outdated one 412; nothing is written in either case."
    ),
)
def update_meeting(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    payload: MeetingPatch,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    given = payload.model_dump(exclude_unset=True)
    with security.writing(request):
        found_org, _, found = find(viewer, org, body, ref)
        held = require_if_match(if_match)
        changes: dict[str, Any] = {}
        for name in ("title", "titles", "city", "city_names", "venue", "outcome", "source", "note"):
            if name in given:
                changes[name] = given[name] if given[name] is not None else _empty(found, name)
        for name in ("kind", "mode", "format", "classification"):
            if given.get(name) is not None:
                changes[name] = getattr(payload, name).value
        for name in ("country", "host", "chair"):
            if name in given:
                changes[name] = refs.party_at(given[name], name)
        if "chair_person" in given:
            changes["chair_person"] = refs.person_at(payload.chair_person, "chair_person")
        if "date" in given or "end" in given:
            # A new date without an end: the meeting is held on that date alone.
            date = given.get("date") or found.partial_date.isoformat()
            changes.update(span(date, given.get("end")))
        co_chairs = _co_chairs(payload.co_chairs or []) if "co_chairs" in given else None
        joint = _joint(found_org, payload.joint_bodies or []) if "joint_bodies" in given else None
        meeting = meeting_actions.change_meeting(
            viewer,
            found,
            MeetingFields(**changes),
            co_chairs=co_chairs,
            joint=joint,
            expected_version=held,
        )
        record = record_of(viewer, meeting)
    response["ETag"] = etag_of(record)
    return record


def _empty(meeting: Meeting, name: str) -> object:
    """What a field sent as null stands for: its empty value (no text, no names)."""
    return type(getattr(meeting, name))()


@router.delete(
    BASE + "/{ref}",
    response={204: None, **UPDATE_ERRORS},
    auth=security.WRITE,
    summary="Remove a meeting with its record (participants, agenda, actions, decisions)",
    description=(
        "409 while anything else refers to the meeting: a referral to it, a meeting that"
        " prepares it, a progress report heard at it, a chair term decided at it, a press"
        " release about it." + REPLACES
    ),
)
def remove_meeting(
    request: HttpRequest, org: str, body: str, ref: str, if_match: str | None = IfMatch
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        _, found, held = for_change(viewer, org, body, ref, if_match)
        meeting_actions.remove_meeting(viewer, found, expected_version=held)
    return Status(204, None)


# The other operations on meetings, registered on the same router.
from accord.api.routers import (  # noqa: E402, F401
    meeting_decisions,
    meeting_parts,
    meeting_plan,
    meeting_sessions,
)
