"""The only writer of a meeting's plan history (`meetings.lifecycle.PlanChange`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.core.dates import PartialDate, Precision, check_range
from accord.core.errors import DomainError, Problem
from accord.core.fields import KEEP
from accord.core.persist import Tally, sync, upsert
from accord.meetings import services
from accord.meetings.inputs import MeetingFields, PlanChangeFields
from accord.meetings.lifecycle import PlanChange
from accord.meetings.models import Meeting
from accord.meetings.plan_rules import Change, Plan, mismatch, plan_after, plan_problems
from accord.registry.models import Party

# The fields of one change as the ways in give them (`known_on` a PartialDate, `start`
# and `end` dates, `country` a Party or None).
FIELDS = (
    "kind", "known_on", "start", "end", "date_precision", "city", "city_names", "country",
    "mode", "source", "note",
)  # fmt: skip


class NotAtPlan(DomainError):
    """A meeting whose own fields are not its latest plan (naming the field)."""


def pure(fields: PlanChangeFields) -> Change:
    """One change as given, reduced to what the rules read."""
    values = fields.given()
    country = values.get("country")
    return Change(
        kind=values["kind"],
        known_on=values["known_on"],
        start=values.get("start"),
        end=values.get("end"),
        precision=values.get("date_precision") or Precision.DAY.value,
        city=values.get("city", ""),
        city_names=values.get("city_names") or {},
        country=country.code if country is not None else None,
        mode=values.get("mode", ""),
    )


def as_change(row: PlanChange) -> Change:
    """A stored change, as the rules read it (its country read with it)."""
    return Change(
        kind=row.kind,
        known_on=row.known,
        start=row.start,
        end=row.end,
        precision=row.date_precision,
        city=row.city,
        city_names=row.city_names,
        country=row.country.code if row.country_id is not None and row.country else None,
        mode=row.mode,
    )


def set_plan(
    meeting: Meeting,
    changes: Sequence[PlanChangeFields],
    tally: Tally | None = None,
    *,
    follow: bool = True,
) -> Meeting:
    """The meeting's plan history: `changes` (each with the fields of `FIELDS`), in the
    order they became known (the whole list). Refused, naming the change
    (`[2].date`), as `plan_rules.plan_problems` says.

    The meeting's fields are its latest plan: with `follow`, they are set to it (its
    dates, and its place and mode where a change said them); without, the meeting
    must be at it already (a record file gives both), else refused naming the field.
    Its `status` is the kind of the latest change (blank without any)."""
    check_range(
        {
            **{f"[{i}].known_on": c.known_on for i, c in enumerate(changes)},
            **{
                f"[{i}].date": PartialDate(
                    c.start, Precision(c.date_precision if c.date_precision is not KEEP else "day")
                )
                for i, c in enumerate(changes)
                if c.start is not KEEP and c.start is not None
            },
        }
    )
    given = [pure(c) for c in changes]
    problems = [Problem(field, reason) for field, reason in plan_problems(given)]
    if problems:
        raise DomainError(problems)
    plan = plan_after(given)
    status = given[-1].kind if given else ""
    if plan is not None and follow:
        meeting = _follow(meeting, plan, status, tally)
    else:
        if plan is not None:
            problem = mismatch(plan, _current(meeting))
            if problem is not None:
                raise NotAtPlan.at(*problem)
        meeting, _ = upsert(Meeting, {}, {"status": status}, tally, instance=meeting)
    rows = [_row(i, c) for i, c in enumerate(changes)]
    sync(PlanChange, {"meeting": meeting}, ["position"], rows, tally)
    return meeting


def check_at_plan(meeting: Meeting, values: MeetingFields) -> None:
    """Refuse (naming the field) new `values` of a meeting's own fields that leave its
    latest plan: a meeting with a plan history changes its dates, place or mode by a
    change of its plan (`set_plan`)."""
    rows = list(PlanChange.objects.filter(meeting=meeting).select_related("country"))
    plan = plan_after(as_change(r) for r in sorted(rows, key=lambda r: r.position))
    if plan is None:
        return
    given = values.given()
    country = given.get("country")
    problem = mismatch(
        plan,
        {
            "start": given["start"],
            "end": given["end"],
            "date_precision": given.get("date_precision", Precision.DAY.value),
            "city": given.get("city", ""),
            "country": country.code if country is not None else None,
            "mode": given.get("mode", ""),
        },
    )
    if problem is not None:
        field, reason = problem
        raise DomainError.at(field, f"{reason}: change the meeting's plan instead")


def _current(meeting: Meeting) -> dict[str, object]:
    return {
        "start": meeting.start,
        "end": meeting.end,
        "date_precision": meeting.date_precision,
        "city": meeting.city,
        "country": meeting.country.code if meeting.country_id and meeting.country else None,
        "mode": meeting.mode,
    }


def _follow(meeting: Meeting, plan: Plan, status: str, tally: Tally | None) -> Meeting:
    """The meeting moved to its latest plan, through the meeting's own writer (whose
    rules on its number and participants still hold)."""
    values: dict[str, Any] = {name: getattr(meeting, name) for name in services.EDITABLE}
    values.update(start=plan.start, end=plan.end, date_precision=plan.precision)
    if plan.placed:
        # The plan's translations of its city; none given, the meeting's while the city
        # stays the same (a new city drops those of the old one).
        if plan.city_names or plan.city != meeting.city:
            values["city_names"] = dict(plan.city_names)
        values["city"] = plan.city
        values["country"] = (
            Party.objects.get(code=plan.country) if plan.country is not None else None
        )
    if plan.mode:
        values["mode"] = plan.mode
    values["status"] = status
    kept = [(row.party, row.person) for row in meeting.co_chair_rows.all()]
    return services.save_meeting(
        meeting.body, meeting.slug, MeetingFields(**values), co_chairs=kept, tally=tally
    )


def _row(position: int, fields: PlanChangeFields) -> dict[str, Any]:
    c = fields.given()
    known = fields.known_on
    return {
        "position": position,
        "kind": c["kind"],
        "known_on": known.value,
        "known_precision": known.precision.value,
        "known_by": known.latest,
        "start": c.get("start"),
        "end": c.get("end") if c.get("start") is not None else None,
        "date_precision": c.get("date_precision") or Precision.DAY.value,
        "city": c.get("city", ""),
        "city_names": c.get("city_names") or {},
        "country": c.get("country"),
        "mode": c.get("mode", ""),
        "source": c.get("source", ""),
        "note": c.get("note", ""),
    }
