"""The calendar (meetings and events in a period) and events (exercises, joint events)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db.models import DateField, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router, Status

from accord.accounts import access, refs
from accord.api import security
from accord.api.days import Day
from accord.api.errors import READ_ERRORS, UPDATE_ERRORS, WRITE_ERRORS, Conflict
from accord.api.etags import check_if_match, require_if_match, tagged, written
from accord.api.pagination import (
    CursorParam,
    Limit,
    date_key,
    decode,
    encode,
    int_key,
    page,
    str_key,
)
from accord.api.schemas.common import end_of, meeting_ref, partial
from accord.api.schemas.meetings import (
    CalendarEntry,
    CalendarPage,
    EventDetail,
    EventIn,
    EventPage,
    EventParticipantIn,
    EventPatch,
    event_detail,
    event_out,
)
from accord.core.dates import span
from accord.core.errors import DomainError, NotFound
from accord.meetings import selectors as meeting_selectors
from accord.meetings import services as meeting_services
from accord.meetings.inputs import EventFields
from accord.meetings.joint import joint_rows, title_of
from accord.meetings.models import Event, EventKind, EventParticipation, Meeting
from accord.registry.models import Organization

router = Router(tags=["calendar"], auth=security.READ)
OPEN = security.ANONYMOUS_ALLOWED
UNDATED = dt.date.min
CALENDAR_KEY = [date_key("start"), str_key("kind"), int_key("pk")]


def _after(rows: QuerySet, kind: str, cursor: list | None, day: str = "start") -> QuerySet:
    """Rows of one `kind` after a calendar cursor (start, kind, pk); `day` names the
    field holding a row's first day as the calendar shows it."""
    if cursor is None:
        return rows
    start, last_kind, pk = cursor
    if kind > last_kind:
        return rows.filter(**{f"{day}__gte": start})
    if kind < last_kind:
        return rows.filter(**{f"{day}__gt": start})
    return rows.filter(Q(**{f"{day}__gt": start}) | Q(**{day: start, "pk__gt": pk}))


def _meeting_entry(m: Meeting) -> CalendarEntry:
    place = ", ".join(x for x in (m.city, m.country.code if m.country else "") if x)
    return CalendarEntry(
        kind="meeting",
        date=m.partial_date.isoformat(),
        end=end_of(m.start, m.end, m.date_precision),
        title=title_of(m),
        place=place or m.get_mode_display(),
        status=m.status or None,
        classification=m.classification,
        meeting=meeting_ref(m),
        event=None,
    )


def _event_entry(e: Event) -> CalendarEntry:
    day = e.partial_date
    if day is None or e.start is None:  # the calendar reads dated events only
        raise ValueError(f"event {e.slug!r} has no date")
    return CalendarEntry(
        kind="event",
        date=day.isoformat(),
        end=end_of(e.start, e.end, e.date_precision),
        title=e.name,
        place=", ".join(x for x in (e.place, e.city) if x) or None,
        status=None,
        classification=None,
        meeting=None,
        event=e.slug,
    )


@router.get(
    "/organizations/{org}/calendar",
    response={200: CalendarPage, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="Meetings and events in a period",
)
def get_calendar(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    start: Annotated[Day, Query(alias="from", description="first day of the period")],
    end: Annotated[Day | None, Query(alias="to", description="last day (default: open)")] = None,
    body: Annotated[
        str | None, Query(description="only this body's meetings (and events it hosted)")
    ] = None,
    party: Annotated[
        str | None, Query(description="only those the party took part in, chaired or hosted")
    ] = None,
    known_on: Annotated[
        Day | None,
        Query(
            description="the calendar as it was known on this day: each meeting with the plan"
            " then in force, those not yet announced left out"
        ),
    ] = None,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    if end is not None and end < start:
        raise DomainError.at("to", f"{end} is before from ({start})")
    after = decode(cursor, CALENDAR_KEY) if cursor else None
    wanted = meeting_selectors.CalendarFilter(found_org, start, end, body, party, known_on=known_on)
    meetings = wanted.meetings(viewer)
    events = wanted.events(viewer)
    meetings = (
        _after(meetings, "meeting", after, wanted.day_field)
        .select_related("body", "country")
        .prefetch_related(joint_rows())
    )
    events = _after(events, "event", after)
    shown = meeting_selectors.as_known(list(meetings.order_by(wanted.day_field, "pk")[: limit + 1]))
    rows: list[tuple[str, dt.date, int, Meeting | Event]] = [
        ("meeting", m.start, m.pk, m) for m in shown
    ]
    rows += [
        ("event", e.start, e.pk, e)
        for e in events.order_by("start", "pk")[: limit + 1]
        if e.start is not None  # always so: `events` are the dated ones
    ]
    rows.sort(key=lambda r: (r[1], r[0], r[2]))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        kind, day, pk, _ = rows[-1]
        next_cursor = encode([day, kind, pk])
    items = [_meeting_entry(x) if isinstance(x, Meeting) else _event_entry(x) for *_, x in rows]
    return tagged(request, response, CalendarPage(items=items, next_cursor=next_cursor))


@router.get(
    "/organizations/{org}/events",
    response={200: EventPage, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="Exercises and joint events, optionally with one party",
)
def list_events(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    partner: Annotated[str | None, Query(description="a party code, e.g. UN")] = None,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    rows = access.events(viewer, Event.objects.filter(organization=found_org))
    if partner is not None:
        rows = rows.filter(meeting_selectors.events_with(partner))
    rows = (
        rows.select_related("organiser", "country", "host_body")
        .prefetch_related(
            Prefetch("participants", queryset=EventParticipation.objects.select_related("party"))
        )
        .annotate(sort_start=Coalesce("start", Value(UNDATED), output_field=DateField()))
    )
    found, next_cursor = page(rows, [date_key("sort_start"), int_key("pk")], cursor, limit)
    return tagged(
        request, response, EventPage(items=[event_out(e) for e in found], next_cursor=next_cursor)
    )


# --- one event, and its writes -----------------------------------------------------------

EVENTS = "/organizations/{org}/events"
EVENT = EVENTS + "/{slug}"
IfMatch = Header(None, alias="If-Match", description="the ETag of the event as you read it")


def _event(viewer: access.Viewer, org: Organization, slug: str) -> Event:
    """The event `slug` of `org` (404 when there is none)."""
    rows = access.events(viewer, Event.objects.filter(organization=org, slug=slug))
    found = (
        rows.select_related("organiser", "country", "host_body")
        .prefetch_related(
            Prefetch("participants", queryset=EventParticipation.objects.select_related("party"))
        )
        .first()
    )
    if found is None:
        raise NotFound.at("event", f"{org.slug} has no event {slug!r}")
    return found


@router.get(
    EVENT,
    response={200: EventDetail, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="An exercise or joint event, with the parties that took part",
)
def get_event(request: HttpRequest, response: HttpResponse, org: str, slug: str) -> object:
    viewer = security.viewer(request)
    return tagged(request, response, event_detail(_event(viewer, refs.organization(org), slug)))


_EVENT_FIELDS = [
    "name", "names", "kind", "start", "end", "date_precision", "place", "place_names", "city",
    "city_names", "country", "organiser", "host_body", "source", "note",
]  # fmt: skip
_EVENT_TEXTS = ("name", "names", "place", "place_names", "city", "city_names", "source", "note")


def _event_values(
    org: Organization, changes: dict[str, Any], values: dict[str, Any]
) -> dict[str, Any]:
    """`values` (an event's stored fields) with `changes` (request fields) applied."""
    for name in _EVENT_TEXTS:
        if name in changes:
            values[name] = changes[name] if changes[name] is not None else type(values[name])()
    if changes.get("kind") is not None:
        values["kind"] = EventKind(changes["kind"]).value
    if "date" in changes or "end" in changes:
        date = changes.get("date", partial(values["start"], values["date_precision"]))
        if date is None:
            if changes.get("end") is not None:
                raise DomainError.at("end", "an undated event has no end")
            values.update(start=None, end=None, date_precision="day")
        else:
            values.update(span(date, changes.get("end")))
    for name in ("country", "organiser"):
        if name in changes:
            values[name] = refs.party_at(changes[name], name)
    if "host_body" in changes:
        values["host_body"] = refs.body_at(org, changes["host_body"], "host_body")
    return values


def _event_participants(rows: list[EventParticipantIn]) -> list[dict[str, Any]]:
    parties = refs.parties_at([p.party for p in rows], "participants[{}].party")
    return [
        {
            "party": party,
            "role": p.role.value,
            "first_participation": p.first_participation,
            "detail": p.detail,
        }
        for p, party in zip(rows, parties, strict=True)
    ]


@router.post(
    EVENTS,
    response={201: EventDetail, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record an exercise or joint event, with the parties that took part",
    description="Only the organization's secretariat; 409 when the id is taken.",
)
def create_event(
    request: HttpRequest, response: HttpResponse, org: str, payload: EventIn
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org = refs.organization(org)
        access.require_edit(viewer, found_org)
        if taken := meeting_services.claim_event_slug(found_org, payload.id):
            raise Conflict(taken)
        initial: dict[str, Any] = {
            "kind": EventKind.OTHER.value, "start": None, "end": None, "date_precision": "day",
            "country": None, "organiser": None, "host_body": None,
            **{name: "" for name in _EVENT_TEXTS if not name.endswith("names")},
            **{name: {} for name in _EVENT_TEXTS if name.endswith("names")},
        }  # fmt: skip
        changes = payload.model_dump(exclude={"id", "participants"})
        meeting_services.save_event(
            found_org,
            payload.id,
            EventFields(**_event_values(found_org, changes, initial)),
            _event_participants(payload.participants),
        )
        answer = written(response, event_detail(_event(viewer, found_org, payload.id)))
    response["Location"] = request.build_absolute_uri(f"{request.path.rstrip('/')}/{payload.id}")
    return Status(201, answer)


@router.patch(
    EVENT,
    response={200: EventDetail, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Change an event: its name, dates, place, organiser or participants",
    description=(
        "`participants`, when sent, is the whole list. Send If-Match with the ETag of the"
        " event as you read it: without it 428, with an outdated one 412; nothing is"
        " written in either case."
    ),
)
def update_event(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    slug: str,
    payload: EventPatch,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    changes = payload.model_dump(exclude_unset=True)
    with security.writing(request):
        found_org = refs.organization(org)
        found = _event(viewer, found_org, slug)
        access.require_edit(viewer, found_org)
        held = require_if_match(if_match)
        Event.objects.select_for_update(no_key=True, of=("self",)).filter(pk=found.pk).first()
        found = _event(viewer, found_org, slug)
        check_if_match(held, event_detail(found))
        participants = (
            _event_participants(payload.participants or [])
            if "participants" in changes
            else [
                {
                    "party": p.party,
                    "role": p.role,
                    "first_participation": p.first_participation,
                    "detail": p.detail,
                }
                for p in found.participants.all()
            ]
        )
        values = _event_values(
            found_org, changes, {name: getattr(found, name) for name in _EVENT_FIELDS}
        )
        meeting_services.save_event(found_org, slug, EventFields(**values), participants)
        return written(response, event_detail(_event(viewer, found_org, slug)))
