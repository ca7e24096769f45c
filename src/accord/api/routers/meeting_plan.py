"""A meeting's plan history set whole: announced, postponed, moved online, held..."""

from __future__ import annotations

import dataclasses

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
    router,
)
from accord.api.schemas.plans import PlanChangeIn, PlanIn
from accord.core.dates import PartialDate, span
from accord.core.errors import DomainError, Problem
from accord.meetings import actions as meeting_actions
from accord.meetings.inputs import PlanChangeFields
from accord.meetings.record import MeetingRecord
from accord.registry.models import Party


@router.put(
    BASE + "/{ref}/plan",
    response={200: MeetingRecord, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Set the meeting's plan over time: announced, postponed, moved online, held...",
    description=(
        "The whole history, in the order the changes became known; the first gives the"
        " plan's dates, a rescheduled change its new dates; a cancelled meeting cannot be"
        " held, and a meeting is known as held only on or after its first day. The"
        " meeting's dates, place and mode become its latest plan." + REPLACES
    ),
)
def put_plan(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    payload: PlanIn,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    rows = payload.plan
    with security.writing(request):
        _, found, held = for_change(viewer, org, body, ref, if_match)
        countries = refs.parties_at([c.country for c in rows], "plan[{}].country")
        changes = [
            _change(i, c, country)
            for i, (c, country) in enumerate(zip(rows, countries, strict=True))
        ]
        meeting_actions.change_plan(viewer, found, changes, expected_version=held)
        return changed_record(response, viewer, found)


def _change(index: int, c: PlanChangeIn, country: Party | None) -> PlanChangeFields:
    """One change as the use case takes it; its dates refused naming the change."""
    change = PlanChangeFields(
        kind=c.kind.value,
        known_on=PartialDate.parse(c.known_on),
        city=c.city,
        city_names=c.city_names,
        mode=c.mode.value if c.mode else "",
        source=c.source,
        note=c.note,
        country=country,
    )
    if c.date is not None:
        try:
            change = dataclasses.replace(change, **span(c.date, c.end))
        except DomainError as exc:
            raise DomainError(
                Problem(f"plan[{index}].{p.field}", p.reason) for p in exc.problems
            ) from None
    elif c.end is not None:
        raise DomainError.at(f"plan[{index}].end", "an end is given only with a date")
    return change
