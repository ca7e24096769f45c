"""What the ways in give the meetings' writers: the own fields of a meeting, an agenda
item, a topic and an event, typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from accord.core.dates import PartialDate
from accord.core.fields import KEEP, Fields, Keep

if TYPE_CHECKING:
    from accord.bodies.models import Body
    from accord.meetings.models import AgendaItem, Meeting
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


@dataclasses.dataclass(frozen=True, kw_only=True)
class AgendaItemFields(Fields):
    """An agenda item's own fields besides its slug, title and place on the agenda (its
    topics and events are linked apart). Each left out (`KEEP`) keeps a recorded item's
    value, or takes a new one's default."""

    titles: Mapping[str, str] | Keep = KEEP
    kind: str | Keep = KEEP
    emphasis: bool | Keep = KEEP
    classification: str | Keep = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class PlanChangeFields(Fields):
    """One change of a meeting's plan: its kind and the day it became known, given
    always; the dates, place and mode it says. Each left out (`KEEP`) takes a change's
    default (a change without dates says none)."""

    kind: str
    known_on: PartialDate
    start: dt.date | Keep | None = KEEP
    end: dt.date | Keep | None = KEEP
    date_precision: str | Keep = KEEP
    city: str | Keep = KEEP
    city_names: Mapping[str, str] | Keep = KEEP
    country: Party | Keep | None = KEEP
    mode: str | Keep = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class TopicFields(Fields):
    """A topic's name and its translations (`KEEP`: kept, or the default)."""

    name: str | Keep = KEEP
    names: Mapping[str, str] | Keep = KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class EventFields(Fields):
    """An event's own fields (its slug names it; its participants are written apart).
    Each left out (`KEEP`) keeps a recorded event's value, or takes a new one's default;
    an event may have no dates."""

    name: str | Keep = KEEP
    names: Mapping[str, str] | Keep = KEEP
    kind: str | Keep = KEEP
    start: dt.date | Keep | None = KEEP
    end: dt.date | Keep | None = KEEP
    date_precision: str | Keep = KEEP
    place: str | Keep = KEEP
    place_names: Mapping[str, str] | Keep = KEEP
    city: str | Keep = KEEP
    city_names: Mapping[str, str] | Keep = KEEP
    country: Party | Keep | None = KEEP
    organiser: Party | Keep | None = KEEP
    host_body: Body | Keep | None = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class StatementFields:
    """One statement as a way in gives it: by a person, a party, or a person for a
    party; at the meeting (at one of its agenda items) or after it. A meeting's
    statements are written as a whole list, so a field left out takes its default
    (never a value the same place in the list held before)."""

    text: str
    texts: Mapping[str, str] = dataclasses.field(default_factory=dict)
    person: Person | None = None
    party: Party | None = None
    kind: str = "statement"
    verbatim: bool = True
    date: dt.date | None = None
    after_meeting: bool = False
    agenda_item: AgendaItem | None = None
    source: str = ""
    note: str = ""

    def row(self, position: int) -> dict[str, object]:
        """The statement's row at `position` in the meeting's list."""
        return {"position": position} | {
            f.name: getattr(self, f.name) for f in dataclasses.fields(self)
        }
