"""Picking a body, a meeting or an agenda item by name (`search.pick`'s other kinds),
for the action rows of the record page: the body a referral goes to, its meeting there,
the agenda item acted on. Only what the reader may read is offered: meetings and agenda
items through the access layer's querysets (a restricted meeting, or a restricted item
of an open one, is never offered to a reader it is not shared with)."""

from __future__ import annotations

from django.db.models import QuerySet

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.meetings.models import AgendaItem, Meeting
from accord.registry.models import Organization
from accord.search.pick import Choice, matching


def pick_bodies(
    typed: str, language: str, organization: Organization | None, limit: int
) -> list[Choice]:
    """Bodies whose id or name contains `typed` (of `organization`, when given)."""
    bodies = Body.objects.select_related("organization")
    if organization is not None:
        bodies = bodies.filter(organization=organization)
    found = matching(bodies, "slug", "name", "names", typed).order_by("rank", "slug")[:limit]
    return [Choice(b.slug, b.name_in(language), b.organization.slug) for b in found]


def _key(meeting: Meeting) -> str:
    """How a form names a meeting of a body: its number, else its id."""
    return str(meeting.number) if meeting.number is not None else meeting.slug


def pick_meetings(
    viewer: Viewer,
    typed: str,
    language: str,
    organization: Organization | None,
    body: str | None,
    limit: int,
) -> list[Choice]:
    """Meetings the reader may read whose number, id, title or date contains `typed`
    (of `body` of `organization`, when given), latest first."""
    meetings: QuerySet[Meeting] = Meeting.objects.select_related("body")
    if organization is not None:
        meetings = meetings.filter(body__organization=organization)
    if body is not None:
        meetings = meetings.filter(body__slug=body)
    found = matching(meetings, "slug", "title", "titles", typed)
    if typed.isdigit():
        found = found | meetings.filter(number=int(typed))
    found = found | meetings.filter(start__startswith=typed)
    readable = access.meetings(viewer, found.distinct())
    return [
        Choice(
            _key(m),
            m.titles.get(language.split("-")[0])
            or m.title
            or f"{m.body.name_in(language)} {_key(m)}",
            ", ".join(x for x in (m.body.name_in(language), str(m.start)) if x),
        )
        for m in readable.order_by("-start", "slug")[:limit]
    ]


def pick_items(
    viewer: Viewer, typed: str, language: str, meeting: Meeting, limit: int
) -> list[Choice]:
    """The agenda items of `meeting` (one the reader may read) the reader may read,
    whose id or title contains `typed`, in the agenda's order."""
    items = AgendaItem.objects.filter(meeting=meeting)
    found = access.agenda_items(viewer, matching(items, "slug", "title", "titles", typed))
    return [
        Choice(i.slug, i.titles.get(language.split("-")[0]) or i.title, str(i.position + 1))
        for i in found.order_by("position")[:limit]
    ]
