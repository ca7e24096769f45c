"""A meeting's plan history as a record file gives it (`plan`): read into the typed changes
`meetings.plan_services.set_plan` writes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from accord.core.dates import PartialDate
from accord.core.errors import DomainError
from accord.core.persist import Tally
from accord.meetings import plan_services
from accord.meetings.inputs import PlanChangeFields
from accord.meetings.models import Meeting
from accord.records.loader.values import _partial, _span
from accord.registry.models import Party


def plan_values(
    raw: list[dict], party: Callable[[str | None, str], Party | None]
) -> list[PlanChangeFields]:
    """The changes of a file's `plan`, each as `set_plan` takes it; `party` finds a
    party by code (refusing, naming the field, an unknown one)."""
    changes = []
    for i, c in enumerate(raw):
        where = f"[{i}]"
        change = PlanChangeFields(
            kind=c["kind"],
            known_on=_known_on(where, c),
            city=c.get("city", ""),
            city_names=c.get("city_names", {}),
            country=party(c.get("country"), f"plan{where}.country"),
            mode=c.get("mode", ""),
            source=c.get("source", ""),
            note=c.get("note", ""),
        )
        if c.get("date") is not None:
            first, last = _dates(where, c)
            change = dataclasses.replace(
                change, start=first.value, end=last.value, date_precision=first.precision.value
            )
        changes.append(change)
    return changes


def _known_on(where: str, c: dict) -> PartialDate:
    try:
        return _partial(c["known_on"], "known_on")
    except DomainError as exc:
        raise exc.under(f"plan{where}") from None


def _dates(where: str, c: dict) -> tuple[PartialDate, PartialDate]:
    try:
        return _span(c["date"])
    except DomainError as exc:
        raise exc.under(f"plan{where}") from None


def load_plan(
    meeting: Meeting,
    raw: list[dict],
    party: Callable[[str | None, str], Party | None],
    tally: Tally | None,
) -> None:
    """Write the meeting's plan history as the file gives it (none: none). The meeting's
    date, place and mode, as the file gives them too, must be its latest plan."""
    if not raw and not meeting.status:
        return  # no plan, and none recorded (a meeting with changes has their status)
    changes = plan_values(raw, party)
    try:
        plan_services.set_plan(meeting, changes, tally, follow=False)
    except plan_services.NotAtPlan:
        raise
    except DomainError as exc:
        raise exc.under("plan") from None
