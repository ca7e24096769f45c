"""A meeting's sessions, set whole."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.http import HttpRequest, HttpResponse

from accord.accounts import refs
from accord.api import security
from accord.api.errors import UPDATE_ERRORS
from accord.api.routers.meeting_common import (
    BASE,
    REPLACES,
    IfMatch,
    changed_record,
    for_change,
    gathered,
    router,
)
from accord.api.schemas.sessions import SessionsIn
from accord.core.errors import DomainError, Problem
from accord.meetings import actions as meeting_actions
from accord.meetings.record import MeetingRecord
from accord.meetings.sessions import Attendee, SessionPlan

T = TypeVar("T")


@router.put(
    BASE + "/{ref}/sessions",
    response={200: MeetingRecord, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Set the meeting's sessions: each with its day, venue, participants and items",
    description=(
        "The whole list, in order. A session is held on one of the meeting's days; its"
        " participants are participants of the meeting (none absent from it; a restricted"
        " session admits no observer delegation); an agenda item is taken up in one"
        " session at most." + REPLACES
    ),
)
def put_sessions(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    payload: SessionsIn,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    rows = payload.sessions
    # Every attendee and item of every session, flat, with the path that names it.
    named = [(i, j, a) for i, s in enumerate(rows) for j, a in enumerate(s.participants)]
    listed = [(i, j, slug) for i, s in enumerate(rows) for j, slug in enumerate(s.items)]
    attendee_at = [f"sessions[{i}].participants[{j}]" for i, j, _ in named]
    item_at = [f"sessions[{i}].items[{j}]" for i, j, _ in listed]
    with security.writing(request):
        _, found, held = for_change(viewer, org, body, ref, if_match)
        parties, people, items = gathered(
            lambda: _at(
                [f"{p}.party" for p in attendee_at],
                lambda f: refs.parties_at([a.party for _, _, a in named], f),
            ),
            lambda: _at(
                [f"{p}.person" for p in attendee_at],
                lambda f: refs.people_at([a.person for _, _, a in named], f),
            ),
            lambda: _at(
                item_at, lambda f: refs.items_at(viewer, found, [x for _, _, x in listed], f)
            ),
        )
        plans = [
            SessionPlan(
                slug=s.id,
                date=s.date,
                kind=s.kind.value,
                title=s.title,
                titles=s.titles,
                venue=s.venue,
                city=s.city,
                city_names=s.city_names,
                mode=s.mode.value if s.mode else "",
                source=s.source,
                note=s.note,
            )
            for s in rows
        ]
        for (i, _j, _a), party, person in zip(named, parties, people, strict=True):
            plans[i].attendees.append(Attendee(party=party, person=person))
        for (i, _j, _slug), item in zip(listed, items, strict=True):
            if item is not None:
                plans[i].items.append(item)
        meeting_actions.set_sessions(viewer, found, plans, expected_version=held)
        return changed_record(response, viewer, found)


def _at(paths: list[str], look: Callable[[str], list[T]]) -> list[T]:
    """What `look` finds over a flat list of references, its refusals named by `paths`
    (the n-th reference's path)."""
    try:
        return look("{}")
    except DomainError as exc:
        raise DomainError(Problem(paths[int(p.field)], p.reason) for p in exc.problems) from None
