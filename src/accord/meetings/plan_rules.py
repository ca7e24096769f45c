"""Pure rules about a meeting's plan over time: its changes in the order they became
known, the plan each leaves in force, and the plan in force as known on a day.

A change is known from its `known_on`, to that date's precision; as of a day, only
the changes surely known by then count (the last day `known_on` covers is on or
before it): a change "known in 2020-05" is not yet known on 2020-05-10.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from accord.core.dates import PartialDate, Precision

ANNOUNCED, SCHEDULED, POSTPONED, RESCHEDULED = "announced", "scheduled", "postponed", "rescheduled"
MOVED_ONLINE, HELD, CANCELLED = "moved-online", "held", "cancelled"
KINDS = (ANNOUNCED, SCHEDULED, POSTPONED, RESCHEDULED, MOVED_ONLINE, HELD, CANCELLED)
ONLINE_MODES = ("video", "hybrid")
IN_PERSON = "in-person"


@dataclass(frozen=True)
class Change:
    """One change of a plan, reduced to what the rules need; blank fields set nothing
    (the plan before it holds). `country` is a party's code."""

    kind: str
    known_on: PartialDate
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str = Precision.DAY.value
    city: str = ""
    city_names: Mapping[str, str] = field(default_factory=dict)
    country: str | None = None
    mode: str = ""

    @property
    def sets_dates(self) -> bool:
        return self.start is not None

    @property
    def sets_place(self) -> bool:
        return bool(self.city) or self.country is not None

    @property
    def known_by(self) -> dt.date:
        """The day from which the change is surely known."""
        return self.known_on.latest

    @property
    def last_day(self) -> dt.date | None:
        """The last day of the dates it sets (None: it sets none)."""
        if self.start is None:
            return None
        return PartialDate(self.end or self.start, Precision(self.precision)).latest


@dataclass(frozen=True)
class Plan:
    """The plan in force after some changes: its status (the kind of the latest
    change), dates, place and mode. `placed` says whether a change gave (or, moving
    online, cleared) the place; `mode` is blank where no change said it."""

    status: str
    start: dt.date
    end: dt.date
    precision: str
    city: str = ""
    city_names: Mapping[str, str] = field(default_factory=dict)
    country: str | None = None
    placed: bool = False
    mode: str = ""

    @property
    def date(self) -> PartialDate:
        return PartialDate(self.start, Precision(self.precision))


def plan_after(changes: Iterable[Change]) -> Plan | None:
    """The plan in force after `changes` (in their order): the status the latest gives,
    the dates the latest that gives dates sets, the place the latest that gives a
    place sets (one moved online, not giving a place, clears it), the mode the latest
    that gives one sets (moved online: by video unless it says hybrid). None: no
    change gave dates (the meeting has no plan yet)."""
    status = ""
    dated: Change | None = None
    placing: Change | None = None
    mode = ""
    for c in changes:
        status = c.kind
        if c.sets_dates:
            dated = c
        if c.sets_place or c.kind == MOVED_ONLINE:
            placing = c
        if c.mode or c.kind == MOVED_ONLINE:
            mode = c.mode or ONLINE_MODES[0]
    if dated is None or dated.start is None:
        return None
    return Plan(
        status,
        dated.start,
        dated.end or dated.start,
        dated.precision,
        placing.city if placing else "",
        dict(placing.city_names) if placing else {},
        placing.country if placing else None,
        placing is not None,
        mode,
    )


def known_on(changes: Iterable[Change], day: dt.date) -> list[Change]:
    """The changes surely known by `day`, in their order."""
    return [c for c in changes if c.known_by <= day]


def plan_on(changes: Sequence[Change], day: dt.date) -> Plan | None:
    """The plan in force as known on `day`: the changes known by then, folded in
    their order (None: the meeting was not yet announced with dates)."""
    return plan_after(known_on(changes, day))


def plan_problems(changes: Sequence[Change]) -> list[tuple[str, str]]:
    """Why `changes` (in order) are not a meeting's plan history, as (field, reason)
    pairs naming the change (`[2].date`); empty when they are. Changes come in the
    order they became known; the first gives the plan's dates; a rescheduled change
    gives the new dates; a cancellation sets no plan; a meeting moved online is held
    by video or hybrid; a cancelled meeting cannot be held (reschedule it first), and
    a meeting is known as held only on or after its first day."""
    problems: list[tuple[str, str]] = []
    plan: Plan | None = None
    for i, c in enumerate(changes):
        if c.kind not in KINDS:
            problems.append((f"[{i}].kind", f"{c.kind!r} is not one of {', '.join(KINDS)}"))
            continue
        if i > 0 and c.known_on.earliest < changes[i - 1].known_on.earliest:
            problems.append(
                (
                    f"[{i}].known_on",
                    f"{c.known_on.isoformat()} is before the change before it"
                    f" ({changes[i - 1].known_on.isoformat()}):"
                    " changes are given in the order they became known",
                )
            )
        if c.start is not None and c.end is not None and c.end < c.start:
            problems.append((f"[{i}].date.to", f"{c.end} is before the first day ({c.start})"))
        if i == 0 and not c.sets_dates:
            problems.append((f"[{i}].date", "the first change of a plan gives its dates"))
        if c.kind == RESCHEDULED and not c.sets_dates:
            problems.append((f"[{i}].date", "a rescheduled meeting needs its new dates"))
        if c.kind == CANCELLED and (c.sets_dates or c.sets_place or c.mode):
            what = (
                "date"
                if c.sets_dates
                else "city"
                if c.city
                else "country"
                if c.sets_place
                else "mode"
            )
            problems.append((f"[{i}].{what}", "a cancellation sets no plan"))
        if c.kind == MOVED_ONLINE and c.mode and c.mode not in ONLINE_MODES:
            problems.append(
                (
                    f"[{i}].mode",
                    f"a meeting moved online is held by video or hybrid, not {c.mode!r}",
                )
            )
        if c.kind == HELD and plan is not None and plan.status == CANCELLED:
            problems.append(
                (f"[{i}].kind", "a cancelled meeting cannot be held (record it rescheduled first)")
            )
        after = plan_after(changes[: i + 1])
        if c.kind == HELD and after is not None and c.known_by < after.start:
            problems.append(
                (
                    f"[{i}].known_on",
                    f"a meeting is known as held only on or after its first day"
                    f" ({after.start.isoformat()}), not {c.known_on.isoformat()}",
                )
            )
        plan = after if after is not None else plan
    return problems


def mismatch(plan: Plan, current: Mapping[str, object]) -> tuple[str, str] | None:
    """Why a meeting whose fields are `current` (start, end, date_precision, city,
    country as a code, mode) is not at its latest `plan`: the first field that differs,
    as (field, reason); None when it is. The place and mode count only where a change
    said them."""
    said = PartialDate(plan.start, Precision(plan.precision)).isoformat()
    if (current["start"], current["end"], current["date_precision"]) != (
        plan.start,
        plan.end,
        plan.precision,
    ):
        return ("date", f"is not the date of the meeting's latest plan ({said}, to {plan.end})")
    if plan.placed and (current["city"], current["country"]) != (plan.city, plan.country):
        where = ", ".join(x for x in (plan.city, plan.country or "") if x) or "no place"
        return ("city", f"is not the place of the meeting's latest plan ({where})")
    if plan.mode and current["mode"] != plan.mode:
        return ("mode", f"is not the mode of the meeting's latest plan ({plan.mode})")
    return None
