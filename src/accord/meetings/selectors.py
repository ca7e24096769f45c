"""Reads about meetings and events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import Max, Prefetch, Q, QuerySet

from accord.accounts import access
from accord.bodies import selectors as bodies
from accord.bodies.models import Body, ChairRule, ChairTerm
from accord.core.errors import NotFound
from accord.core.text import ordinal
from accord.meetings.models import (
    AgendaItem,
    Event,
    EventParticipation,
    Meeting,
    Participation,
    Statement,
    co_chair_rows,
    session_rows,
)
from accord.registry.models import Organization


def meeting(org: Organization, body: Body, ref: str) -> Meeting:
    """A meeting of `body` by its number (`14`) or, for ad hoc meetings, its id."""
    rows = Meeting.objects.filter(body=body)
    found = rows.filter(number=int(ref)).first() if ref.isdigit() else None
    if found is None:
        found = rows.filter(slug=ref).first()
    if found is None:
        raise NotFound.at("meeting", f"{body.slug} has no meeting {ref!r}")
    return found


def chair_of(
    meeting: Meeting, terms: dict[int | None, list[ChairTerm]] | None = None
) -> bodies.Chair:
    """Who chaired `meeting`: as recorded, else by the body's chair rule on its date.

    `terms` (chair terms by body id, None for the presidency, as `terms_by_body`
    gives them) lets a caller answer for many meetings without a query each.
    """
    people = [(row.party, row.person) for row in meeting.co_chair_rows.all()]
    found = _chair_by_rule(meeting, terms)
    return replace(
        found,
        co_chairs=[party for party, _ in people],
        person=meeting.chair_person,
        co_chair_people=people,
    )


def _chair_by_rule(
    meeting: Meeting, terms: dict[int | None, list[ChairTerm]] | None
) -> bodies.Chair:
    if meeting.chair_id is not None:
        return bodies.Chair(meeting.chair, "recorded", None)
    body = meeting.body
    if body.chair_rule == ChairRule.HOST:
        return bodies.Chair(meeting.host, ChairRule.HOST, None)
    if terms is None:
        chair = bodies.chair_on(body.organization, meeting.start, body)
        return bodies.Chair(chair.party, chair.rule, chair.term)
    key = body.pk if body.chair_rule == ChairRule.OWN_TERMS else None
    term = bodies.term_on(terms.get(key, []), meeting.start)
    return bodies.Chair(term.party if term else None, body.chair_rule, term)


def terms_by_body(org: Organization) -> dict[int | None, list[ChairTerm]]:
    """All chair terms of `org` in one query, by body id (None: the presidency)."""
    grouped: dict[int | None, list[ChairTerm]] = {}
    for term in (
        ChairTerm.objects.filter(organization=org)
        .select_related("party", "decided_at")
        .order_by("start")
    ):
        grouped.setdefault(term.body_id, []).append(term)
    return grouped


def record(meeting: Meeting) -> Meeting:
    """The meeting with everything its record shows, fetched in a fixed number of queries."""
    from accord.decisions.models import Action, Decision

    return (
        Meeting.objects.filter(pk=meeting.pk)
        .select_related(
            "body__organization", "country", "host", "chair", "chair_person", "prepares__body"
        )
        .prefetch_related(
            co_chair_rows(),
            Prefetch(
                "participants",
                queryset=Participation.objects.select_related(
                    "party", "person", "joined_at_item", "left_at_item"
                ),
            ),
            Prefetch("agenda", queryset=AgendaItem.objects.prefetch_related("topics", "events")),
            Prefetch(
                "actions",
                queryset=Action.objects.select_related(
                    "document__type",
                    "agenda_item",
                    "event",
                    "target_body",
                    "target_meeting",
                    "target_post",
                    "by_person",
                ).order_by("position"),
            ),
            Prefetch("decisions", queryset=Decision.objects.prefetch_related("positions__party")),
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related("person", "party", "agenda_item"),
            ),
            session_rows(),
        )
        .get()
    )


@dataclass(frozen=True)
class CalendarEntry:
    kind: str  # "meeting" or "event"
    start: dt.date
    end: dt.date
    precision: str
    title: str
    place: str
    meeting: Meeting | None = None
    event: Event | None = None


@dataclass(frozen=True)
class CalendarFilter:
    """Which meetings and events a calendar shows: those of `organization` that fall,
    at least partly, from `start` to `end` (either open when None); of `body` (its
    meetings, and the events it hosted); with `party` (the meetings it took part in,
    chaired, co-chaired, hosted or was the country of, the events it took part in or
    organised). Events are the dated ones. One filter for the web page, the API, the
    command line and the exported tables; each way in pages and orders as it shows."""

    organization: Organization
    start: dt.date | None = None
    end: dt.date | None = None
    body: str | None = None
    party: str | None = None

    def meetings(self, viewer: access.Viewer | None = None) -> QuerySet[Meeting]:
        """The meetings, as `viewer` may see them (None: all, for the record's keepers)."""
        rows = Meeting.objects.filter(body__organization=self.organization)
        if viewer is not None:
            rows = access.meetings(viewer, rows)
        if self.start is not None:
            rows = rows.filter(end__gte=self.start)
        if self.end is not None:
            rows = rows.filter(start__lte=self.end)
        if self.body:
            rows = rows.filter(body__slug=self.body)
        if self.party:
            rows = rows.filter(meetings_with(self.party))
        return rows

    def events(self, viewer: access.Viewer | None = None) -> QuerySet[Event]:
        """The dated events, as `viewer` may see them (None: all)."""
        rows = Event.objects.filter(organization=self.organization, start__isnull=False)
        if viewer is not None:
            rows = access.events(viewer, rows)
        if self.start is not None:
            rows = rows.filter(Q(end__gte=self.start) | Q(end__isnull=True, start__gte=self.start))
        if self.end is not None:
            rows = rows.filter(start__lte=self.end)
        if self.body:
            rows = rows.filter(host_body__slug=self.body)
        if self.party:
            rows = rows.filter(events_with(self.party))
        return rows


def calendar(org: Organization, start: dt.date, end: dt.date | None = None) -> list[CalendarEntry]:
    """Meetings and events of `org` that fall (at least partly) between `start` and `end`."""
    wanted = CalendarFilter(org, start, end)
    entries = [
        CalendarEntry(
            "meeting",
            m.start,
            m.end,
            m.date_precision,
            f"{m.body.name}" + (f", {ordinal(m.number)} meeting" if m.number else ""),
            ", ".join(x for x in (m.city, m.country.code if m.country else "") if x)
            or m.get_mode_display(),
            meeting=m,
        )
        for m in wanted.meetings().select_related("body", "country")
    ]
    entries += [
        CalendarEntry(
            "event",
            e.start,
            e.end or e.start,
            e.date_precision,
            e.name,
            ", ".join(x for x in (e.place, e.city) if x),
            event=e,
        )
        for e in wanted.events()
        if e.start is not None  # always: the query asks for dated events only
    ]
    return sorted(entries, key=lambda x: (x.start, x.kind, x.title))


def events(org: Organization, partner: str | None = None) -> list[Event]:
    """Events of `org`, optionally only those a party took part in or organised."""
    rows = Event.objects.filter(organization=org)
    if partner:
        rows = rows.filter(
            Q(participants__party__code=partner)
            | Q(organiser__code=partner)
            | Q(organiser__parent__code=partner)
        ).distinct()
    return list(
        rows.select_related("organiser", "country", "host_body").prefetch_related(
            Prefetch(
                "participants",
                queryset=EventParticipation.objects.select_related("party"),
            )
        )
    )


def meetings_with(code: str) -> Q:
    """Meetings a party took part in, chaired, co-chaired, hosted or was held in."""
    took_part = Participation.objects.filter(party__code=code).values("meeting_id")
    co_chaired = Meeting.co_chairs.through.objects.filter(party__code=code).values("meeting_id")
    return (
        Q(pk__in=took_part)
        | Q(pk__in=co_chaired)
        | Q(chair__code=code)
        | Q(host__code=code)
        | Q(country__code=code)
    )


def events_with(code: str) -> Q:
    """Events a party took part in or organised (itself or through one of its agencies)."""
    took_part = EventParticipation.objects.filter(party__code=code).values("event_id")
    return Q(pk__in=took_part) | Q(organiser__code=code) | Q(organiser__parent__code=code)


def next_number(body: Body) -> int:
    """The number a new meeting of `body`'s series would take: one after the highest
    recorded (1 for a series with none)."""
    highest = Meeting.objects.filter(body=body).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1
