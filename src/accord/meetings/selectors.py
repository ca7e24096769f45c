"""Reads about meetings and events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from accord.accounts import access
from accord.bodies import selectors as bodies
from accord.bodies.light_terms import AnyTerm
from accord.bodies.models import Body, ChairRule, ChairTerm
from accord.core import compiled
from accord.core.prefetched import all_of
from accord.meetings import joint
from accord.meetings.lifecycle import PlanChange
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
from accord.registry.models import Organization, Party


def chair_of(
    meeting: Meeting, terms: dict[int | None, list[ChairTerm]] | None = None
) -> bodies.Chair:
    """Who chaired `meeting`: as recorded, else by the body's chair rule on its date.

    `terms` (chair terms by body id, None for the presidency, as `terms_by_body`
    gives them) lets a caller answer for many meetings without a query each.
    """
    people = [(row.party, row.person) for row in all_of(meeting, "co_chair_rows")]
    found = chair_by_rule(meeting, terms)
    # (`dataclasses.replace` of these three, without its cost for every meeting of a list)
    return bodies.Chair(
        found.party,
        found.rule,
        found.term,
        co_chairs=[party for party, _ in people],
        person=meeting.chair_person,
        co_chair_people=people,
    )


def chair_by_rule(
    meeting: Any, terms: Mapping[int | None, Sequence[AnyTerm]] | None
) -> bodies.Chair:
    """Who chaired `meeting` (a `Meeting`, or a row with its `chair_id`, `chair`,
    `body`, `host` and `start`) as recorded, else by its body's chair rule: the chair
    of `chair_of`, without its co-chairs and the person who chaired."""
    return _by_rule(meeting, terms, None)


def chairs_by_rule(
    meetings: Iterable[Any], terms: Mapping[int | None, Sequence[AnyTerm]]
) -> list[bodies.Chair]:
    """`chair_by_rule` of each of `meetings`, one `Chair` made for each party, rule and
    term found (a long series names few: they are shared)."""
    made: dict[tuple[int, str, int], bodies.Chair] = {}
    return [_by_rule(m, terms, made) for m in meetings]


def _by_rule(
    meeting: Any,
    terms: Mapping[int | None, Sequence[AnyTerm]] | None,
    made: dict[tuple[int, str, int], bodies.Chair] | None,
) -> bodies.Chair:
    term: AnyTerm | None = None
    if meeting.chair_id is not None:
        party, rule = meeting.chair, "recorded"
    elif (body := meeting.body).chair_rule == ChairRule.HOST:
        party, rule = meeting.host, ChairRule.HOST
    elif terms is None:
        chair = bodies.chair_on(body.organization, meeting.start, body)
        return bodies.Chair(chair.party, chair.rule, chair.term)
    else:
        key = body.pk if body.chair_rule == ChairRule.OWN_TERMS else None
        term = bodies.term_on(terms.get(key, []), meeting.start)
        party, rule = term.party if term else None, body.chair_rule
    if made is None:
        return bodies.Chair(party, rule, term)
    # (the objects named are the rows' own, alive while `made` is: their ids are theirs)
    shared = (id(party), rule, id(term))
    found = made.get(shared)
    if found is None:
        found = made[shared] = bodies.Chair(party, rule, term)
    return found


def terms_by_body(org: Organization) -> dict[int | None, list[ChairTerm]]:
    """All chair terms of `org` in one query, by body id (None: the presidency)."""
    grouped: dict[int | None, list[ChairTerm]] = {}
    rows = compiled.rows(
        ("chair terms by body", ""),
        lambda o: (
            ChairTerm.objects.filter(organization_id=o)
            .select_related("party", "decided_at")
            .order_by("start")
        ),
        org.pk,
    )
    for term in rows:
        grouped.setdefault(term.body_id, []).append(term)
    return {body: bodies.TermRows(found) for body, found in grouped.items()}


def record(meeting: Meeting) -> Meeting:
    """The meeting with everything its record shows, fetched in a fixed number of queries."""
    from accord.decisions.decides import effects_prefetch
    from accord.decisions.models import Action, Decision

    return (
        Meeting.objects.filter(pk=meeting.pk)
        .select_related(
            "body__organization", "country", "host", "chair", "chair_person", "prepares__body"
        )
        .prefetch_related(
            co_chair_rows(),
            "joint_rows__body",
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
            Prefetch(
                "decisions",
                queryset=Decision.objects.prefetch_related("positions__party", effects_prefetch()),
            ),
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related("person", "party", "agenda_item"),
            ),
            Prefetch(
                "plan_changes",
                queryset=PlanChange.objects.select_related("country").order_by("position"),
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
    command line and the exported tables; each way in pages and orders as it shows.

    With `known_on`, the calendar as it was known on that day: each meeting with the
    plan in force then (`plan_rules.plan_on`), those not yet announced then left out,
    one cancelled later still shown as planned. The meetings then carry that plan in
    `known_*` fields (`day_field`, `end_field` name the ones to page and order by);
    `as_known` puts it in their own fields once read. A meeting without a plan history
    is shown as recorded (the record does not say when it became known)."""

    organization: Organization
    start: dt.date | None = None
    end: dt.date | None = None
    body: str | None = None
    party: str | None = None
    known_on: dt.date | None = None

    @property
    def day_field(self) -> str:
        """The field holding a meeting's first day as this calendar shows it."""
        return "start" if self.known_on is None else "known_start"

    @property
    def end_field(self) -> str:
        return "end" if self.known_on is None else "known_end"

    def meetings(self, viewer: access.Viewer | None = None) -> QuerySet[Meeting]:
        """The meetings, as `viewer` may see them (None: all, for the record's keepers)."""
        rows = Meeting.objects.filter(body__organization=self.organization)
        if viewer is not None:
            rows = access.meetings(viewer, rows)
        if self.known_on is not None:
            rows = as_known_on(rows, self.known_on)
        if self.start is not None:
            rows = rows.filter(**{f"{self.end_field}__gte": self.start})
        if self.end is not None:
            rows = rows.filter(**{f"{self.day_field}__lte": self.end})
        if self.body:
            rows = rows.filter(joint.of_body_named(self.body))  # those it convenes or joins
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


def as_known_on(rows: QuerySet[Meeting], day: dt.date) -> QuerySet[Meeting]:
    """`rows` as known on `day`: each with the plan then in force in `known_status`,
    `known_start`, `known_end`, `known_precision`, `known_city`, `known_country_id` and
    `known_mode` (its own values where its history says nothing of them); those with a
    plan history of which nothing giving dates was known by then left out. The same
    fold as `plan_rules.plan_after`, in the query."""
    known = PlanChange.objects.filter(meeting=OuterRef("pk"), known_by__lte=day).order_by(
        "-position"
    )
    dated = known.filter(start__isnull=False)
    placing = known.filter(Q(city__gt="") | Q(country__isnull=False) | Q(kind="moved-online"))
    moding = known.filter(~Q(mode="") | Q(kind="moved-online")).annotate(
        said=Case(When(mode="", then=Value("video")), default=F("mode"), output_field=CharField())
    )
    return (
        rows.annotate(
            known_status=Subquery(known.values("kind")[:1], output_field=CharField()),
            dated_start=Subquery(dated.values("start")[:1], output_field=DateField()),
            has_plan=Exists(PlanChange.objects.filter(meeting=OuterRef("pk"))),
        )
        .filter(Q(has_plan=False) | Q(dated_start__isnull=False))
        .annotate(
            known_start=Coalesce(F("dated_start"), F("start")),
            known_end=Coalesce(
                Subquery(
                    dated.annotate(last=Coalesce("end", "start")).values("last")[:1],
                    output_field=DateField(),
                ),
                F("end"),
            ),
            known_precision=Coalesce(
                Subquery(dated.values("date_precision")[:1], output_field=CharField()),
                F("date_precision"),
            ),
            known_city=Coalesce(
                Subquery(placing.values("city")[:1], output_field=CharField()), F("city")
            ),
            known_country_id=Case(
                When(Exists(placing), then=Subquery(placing.values("country_id")[:1])),
                default=F("country_id"),
                output_field=IntegerField(),
            ),
            known_mode=Coalesce(
                Subquery(moding.values("said")[:1], output_field=CharField()), F("mode")
            ),
        )
    )


def as_known(meetings: list[Meeting]) -> list[Meeting]:
    """Meetings read through `as_known_on`, their own fields set to the plan known then
    (their country read in one query); others as they are."""
    shown = [m for m in meetings if hasattr(m, "known_start")]
    wanted = {vars(m)["known_country_id"] for m in shown} - {None}
    parties = Party.objects.in_bulk(wanted) if wanted else {}
    for m in shown:
        known: dict = vars(m)
        if known["known_city"] != m.city:
            m.city_names = {}
        m.start, m.end = known["known_start"], known["known_end"]
        m.date_precision, m.city, m.mode = (
            known["known_precision"],
            known["known_city"],
            known["known_mode"],
        )
        m.country = parties.get(known["known_country_id"]) if known["known_country_id"] else None
        m.status = known["known_status"] or ""
    return meetings


def calendar(
    org: Organization,
    start: dt.date,
    end: dt.date | None = None,
    *,
    known_on: dt.date | None = None,
) -> list[CalendarEntry]:
    """Meetings and events of `org` that fall (at least partly) between `start` and `end`
    (as known on `known_on`, when given: `CalendarFilter`)."""
    wanted = CalendarFilter(org, start, end, known_on=known_on)
    entries = [
        CalendarEntry(
            "meeting",
            m.start,
            m.end,
            m.date_precision,
            joint.title_of(m),
            ", ".join(x for x in (m.city, m.country.code if m.country else "") if x)
            or m.get_mode_display(),
            meeting=m,
        )
        for m in as_known(
            list(
                wanted.meetings()
                .select_related("body", "country")
                .prefetch_related(joint.joint_rows())
            )
        )
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
