"""The calendar (meetings and events in a period) and events (exercises, joint events)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.db.models import DateField, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from accord.accounts import access
from accord.api import refs, security
from accord.api.errors import READ_ERRORS
from accord.api.etags import tagged
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
from accord.api.schemas.common import end_of, meeting_ref
from accord.api.schemas.meetings import CalendarEntry, CalendarPage, EventPage, event_out
from accord.core.errors import DomainError
from accord.core.text import ordinal
from accord.meetings.models import Event, EventParticipation, Meeting, Participation

router = Router(tags=["calendar"], auth=security.READ)
OPEN = security.ANONYMOUS_ALLOWED
UNDATED = dt.date.min
CALENDAR_KEY = [date_key("start"), str_key("kind"), int_key("pk")]


def _after(rows: QuerySet, kind: str, cursor: list | None) -> QuerySet:
    """Rows of one `kind` after a calendar cursor (start, kind, pk)."""
    if cursor is None:
        return rows
    start, last_kind, pk = cursor
    if kind > last_kind:
        return rows.filter(start__gte=start)
    if kind < last_kind:
        return rows.filter(start__gt=start)
    return rows.filter(Q(start__gt=start) | Q(start=start, pk__gt=pk))


def _meeting_entry(m: Meeting) -> CalendarEntry:
    place = ", ".join(x for x in (m.city, m.country.code if m.country_id else "") if x)
    return CalendarEntry(
        kind="meeting",
        date=m.partial_date.isoformat(),
        end=end_of(m.start, m.end, m.date_precision),
        title=m.title or m.body.name + (f", {ordinal(m.number)} meeting" if m.number else ""),
        place=place or m.get_mode_display(),
        classification=m.classification,
        meeting=meeting_ref(m),
        event=None,
    )


def _event_entry(e: Event) -> CalendarEntry:
    return CalendarEntry(
        kind="event",
        date=e.partial_date.isoformat(),
        end=end_of(e.start, e.end, e.date_precision),
        title=e.name,
        place=", ".join(x for x in (e.place, e.city) if x) or None,
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
    start: Annotated[dt.date, Query(alias="from", description="first day of the period")],
    end: Annotated[
        dt.date | None, Query(alias="to", description="last day (default: open)")
    ] = None,
    body: Annotated[
        str | None, Query(description="only this body's meetings (and events it hosted)")
    ] = None,
    party: Annotated[
        str | None, Query(description="only those the party took part in, chaired or hosted")
    ] = None,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    if end is not None and end < start:
        raise DomainError.at("to", f"{end} is before from ({start})")
    after = decode(cursor, CALENDAR_KEY) if cursor else None
    meetings = access.meetings(
        viewer, Meeting.objects.filter(body__organization=found_org, end__gte=start)
    )
    events = access.events(
        viewer,
        Event.objects.filter(organization=found_org, start__isnull=False).filter(
            Q(end__gte=start) | Q(end__isnull=True, start__gte=start)
        ),
    )
    if end is not None:
        meetings = meetings.filter(start__lte=end)
        events = events.filter(start__lte=end)
    if body is not None:
        meetings = meetings.filter(body__slug=body)
        events = events.filter(host_body__slug=body)
    if party is not None:
        took_part = Participation.objects.filter(party__code=party).values("meeting_id")
        co_chaired = Meeting.co_chairs.through.objects.filter(party__code=party)
        meetings = meetings.filter(
            Q(pk__in=took_part)
            | Q(pk__in=co_chaired.values("meeting_id"))
            | Q(chair__code=party)
            | Q(host__code=party)
            | Q(country__code=party)
        )
        events = events.filter(_event_party(party))
    meetings = _after(meetings, "meeting", after).select_related("body", "country")
    events = _after(events, "event", after)
    rows = [("meeting", m.start, m.pk, m) for m in meetings.order_by("start", "pk")[: limit + 1]]
    rows += [("event", e.start, e.pk, e) for e in events.order_by("start", "pk")[: limit + 1]]
    rows.sort(key=lambda r: (r[1], r[0], r[2]))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        kind, day, pk, _ = rows[-1]
        next_cursor = encode([day, kind, pk])
    items = [_meeting_entry(r[3]) if r[0] == "meeting" else _event_entry(r[3]) for r in rows]
    return tagged(request, response, CalendarPage(items=items, next_cursor=next_cursor))


def _event_party(code: str) -> Q:
    took_part = EventParticipation.objects.filter(party__code=code).values("event_id")
    return Q(pk__in=took_part) | Q(organiser__code=code) | Q(organiser__parent__code=code)


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
        rows = rows.filter(_event_party(partner))
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
