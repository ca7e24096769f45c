"""A meeting's plan history as its record shows it (`MeetingRecord.plan`)."""

from __future__ import annotations

from pydantic import Field

from accord.meetings.lifecycle import PlanChange
from accord.meetings.references import Out, PartyRef, end_of, partial, party_ref


class PlanChangeOut(Out):
    """One change of the meeting's plan, in the order they became known."""

    kind: str = Field(
        description="announced, scheduled, postponed, rescheduled, moved-online, held, cancelled"
    )
    known_on: str = Field(description="the day it became known (a month or a year if only so)")
    date: str | None = Field(description="the dates it set (null: it kept the dates before)")
    end: str | None
    city: str | None
    city_names: dict[str, str]
    country: PartyRef | None
    mode: str | None = Field(description="the mode it set (null: as before)")
    source: str
    note: str


def plan_change_out(c: PlanChange) -> PlanChangeOut:
    """One change, read with its country."""
    return PlanChangeOut(
        kind=c.kind,
        known_on=c.known.isoformat(),
        date=partial(c.start, c.date_precision),
        end=end_of(c.start, c.end, c.date_precision) if c.start is not None else None,
        city=c.city or None,
        city_names=c.city_names,
        country=party_ref(c.country),
        mode=c.mode or None,
        source=c.source,
        note=c.note,
    )
