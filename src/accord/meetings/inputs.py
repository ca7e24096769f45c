"""What the ways in give the meetings' writers: a meeting's own fields, typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from accord.core.fields import KEEP, Fields, Keep

if TYPE_CHECKING:
    from accord.meetings.models import Meeting
    from accord.registry.models import Party, Person


@dataclasses.dataclass(frozen=True, kw_only=True)
class MeetingFields(Fields):
    """A meeting's own fields (its slug names it; its co-chairs, joint bodies,
    participants, agenda, actions and decisions are written apart). Each left out
    (`KEEP`) keeps a recorded meeting's value, or takes a new one's default; `start`
    and `end` are given, or kept, always. `kind` None: by the number (a new meeting)."""

    number: int | Keep | None = KEEP
    kind: str | Keep | None = KEEP
    title: str | Keep = KEEP
    titles: Mapping[str, str] | Keep = KEEP
    start: dt.date | Keep = KEEP
    end: dt.date | Keep = KEEP
    date_precision: str | Keep = KEEP
    city: str | Keep = KEEP
    city_names: Mapping[str, str] | Keep = KEEP
    country: Party | Keep | None = KEEP
    venue: str | Keep = KEEP
    mode: str | Keep = KEEP
    host: Party | Keep | None = KEEP
    chair: Party | Keep | None = KEEP
    chair_person: Person | Keep | None = KEEP
    format: str | Keep = KEEP
    classification: str | Keep = KEEP
    outcome: str | Keep = KEEP
    # the outcome's translations (a record file gives them; the API and web do not)
    outcomes: Mapping[str, str] | Keep = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP
    prepares: Meeting | Keep | None = KEEP
    # where a meeting with a plan history stands (written by `plan_services` only)
    status: str | Keep = KEEP

    @classmethod
    def of(cls, meeting: Meeting, names: Iterable[str]) -> MeetingFields:
        """The fields `names` of `meeting` as recorded."""
        return cls(**{name: getattr(meeting, name) for name in names})
