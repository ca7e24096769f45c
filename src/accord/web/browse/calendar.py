"""The calendar of an organization: upcoming and past meetings and events, filtered by
body, party and period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.accounts import access
from accord.bodies.models import Body
from accord.core import compiled
from accord.core.errors import NotFound
from accord.core.prefetched import keep_grouped
from accord.meetings import selectors as meetings
from accord.meetings.joint import JointBody
from accord.meetings.models import Event, Meeting
from accord.registry import selectors as registry
from accord.registry.models import Organization
from accord.web.browse import outputs
from accord.web.browse.common import (
    PageForm,
    choice_field,
    date_field,
    org_crumbs,
    reading,
    today,
    viewer,
)
from accord.web.templatetags.accord_extras import tr


class CalendarForm(PageForm):
    body = forms.ChoiceField(label=gettext_lazy("Body"), required=False)
    party = forms.CharField(
        label=gettext_lazy("Party (code)"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("e.g. KG, or UN"),
    )

    def __init__(self, data: Any, org: Organization, bodies: list[Body]) -> None:
        super().__init__(data)
        choice_field(self, "body").choices = [
            ("", _("every body")),
            *((b.slug, tr(b)) for b in bodies),
        ]
        self.fields["from"] = date_field(gettext_lazy("From"))
        self.fields["to"] = date_field(gettext_lazy("To"))
        self.fields["known_on"] = date_field(
            gettext_lazy("As known on"),
            help_text=gettext_lazy("the calendar as it was known on that day"),
        )
        self.order_fields(["body", "party", "from", "to", "known_on"])

    def clean_party(self) -> str:
        code = self.cleaned_data["party"].strip()
        if code:
            try:
                return registry.party(code).code
            except NotFound:
                raise forms.ValidationError(
                    _("No party has the code %(code)s."), params={"code": code}
                ) from None
        return ""

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            self.add_error("to", _("The end of the period comes before its start."))
        return data


@dataclass(frozen=True)
class Entry:
    start: dt.date
    end: dt.date
    meeting: Meeting | None = None
    event: Event | None = None


# How many meetings and events each part of the page lists before it links to the
# next part of the period (a history of decades would make a page of megabytes).
LIMIT = 60


@reading
def calendar(request: HttpRequest, org: str) -> HttpResponse:
    who = viewer(request)
    found = registry.organization(org)
    all_bodies = list(Body.objects.filter(organization=found).order_by("rank", "slug"))
    form = CalendarForm(request.GET, found, all_bodies)
    valid = form.is_valid()
    day = today()
    upcoming: list[Entry] = []
    past: list[Entry] = []
    earlier = later = None
    if valid:
        wanted = form.cleaned_data
        upcoming, later = _part(_entries(who, found, wanted, after=day, limit=LIMIT + 1), LIMIT)
        past, earlier = _part(_entries(who, found, wanted, before=day, limit=LIMIT + 1), LIMIT)
    context = {
        "organization": found,
        "form": form,
        "valid": valid,
        "day": day,
        "upcoming": upcoming,
        "past": past,
        "later": _link(request, "from", later),
        "earlier": _link(request, "to", earlier),
        "crumbs": org_crumbs(found, (_("Calendar"), None)),
        "outputs": outputs.calendar(request, found, _chosen(all_bodies, form) if valid else None),
    }
    return render(request, "web/calendar.html", context, status=200 if valid else 400)


def _chosen(all_bodies: list[Body], form: CalendarForm) -> Body | None:
    """The body the calendar is filtered by, if any: its subscription is the body's."""
    slug = form.cleaned_data.get("body")
    return next((b for b in all_bodies if b.slug == slug), None) if slug else None


def _part(entries: list[Entry], limit: int) -> tuple[list[Entry], dt.date | None]:
    """The first `limit` entries, cut between two days, and the day the rest starts from
    (None when nothing is left out). `entries` go away from today: soonest or latest
    first."""
    if len(entries) <= limit:
        return entries, None
    cut = entries[limit].start
    kept = [e for e in entries[:limit] if e.start != cut]
    return (kept, cut) if kept else (entries[:limit], entries[limit].start)


def _link(request: HttpRequest, name: str, day: dt.date | None) -> str | None:
    """The calendar's URL with the same filters, its period starting (`from`) or ending
    (`to`) on `day`."""
    if day is None:
        return None
    query = request.GET.copy()
    query[name] = day.isoformat()
    return "?" + query.urlencode()


def _entries(
    who: access.Viewer,
    org: Organization,
    wanted: dict[str, Any],
    *,
    after: dt.date | None = None,
    before: dt.date | None = None,
    limit: int,
) -> list[Entry]:
    """Up to `limit` meetings and events (dated) the viewer may see: those not yet over
    `after` a day, soonest first, or those over `before` it, latest first.

    Each query's SQL is built once (`accord.core.compiled`) for the viewer's standing,
    the day, the way it goes and the filters given, then run with their values."""
    given = tuple(name for name in FILTERS if wanted.get(name))
    values = (org.pk, after if after is not None else before, *(wanted[n] for n in given))
    shape = (access.standing(who), today(), after is not None, given)

    def shown(v: tuple[Any, ...]) -> meetings.CalendarFilter:
        kept = dict(zip(given, v[2:], strict=True))
        return meetings.CalendarFilter(
            Organization(pk=v[0]),
            kept.get("from"),
            kept.get("to"),
            kept.get("body"),
            kept.get("party"),
            known_on=kept.get("known_on"),
        )

    def meetings_of(*v: Any) -> QuerySet[Meeting]:
        calendar = shown(v)
        rows = calendar.meetings(who)
        first, last = calendar.day_field, calendar.end_field
        if after is not None:
            rows = rows.filter(**{f"{last}__gte": v[1]}).order_by(first, last, "pk")
        else:
            rows = rows.filter(**{f"{last}__lt": v[1]}).order_by(f"-{first}", f"-{last}", "-pk")
        return rows.select_related("body__organization", "country")[:limit]

    def events_of(*v: Any) -> QuerySet[Event]:
        events = shown(v).events(who)
        if after is not None:
            events = events.filter(
                Q(end__gte=v[1]) | Q(end__isnull=True, start__gte=v[1])
            ).order_by("start", "pk")
        else:
            events = events.filter(Q(end__lt=v[1]) | Q(end__isnull=True, start__lt=v[1])).order_by(
                "-start", "-pk"
            )
        return events.select_related("organization", "country", "host_body")[:limit]

    found = compiled.rows(("calendar meetings", *shape, limit), meetings_of, *values)
    if found:
        _keep_joint_rows(found)
    entries = [Entry(m.start, m.end, meeting=m) for m in meetings.as_known(found)]
    entries += [
        Entry(e.start, e.end or e.start, event=e)
        for e in compiled.rows(("calendar events", *shape, limit), events_of, *values)
        if e.start is not None  # always so: `events` are the dated ones
    ]
    entries.sort(key=lambda e: (e.start, e.event is not None, e.end), reverse=before is not None)
    return entries[:limit]


# The filters that change a calendar's queries (each given or not).
FILTERS = ("from", "to", "body", "party", "known_on")


def _keep_joint_rows(found: list[Meeting]) -> None:
    """The meetings' other bodies, as `prefetch_related(joint_rows())` attaches them:
    the joint rows of the organization's meetings, in one query."""
    rows = compiled.rows(
        ("calendar joint rows",),
        lambda pk: (
            JointBody.objects.filter(meeting__body__organization_id=pk)
            .select_related("body")
            .order_by("meeting_id", "position", "pk")
        ),
        found[0].body.organization_id,
    )
    keep_grouped(found, "joint_rows", JointBody, "meeting", rows)
