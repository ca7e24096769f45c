"""What the ways in give the decisions' writers: the own fields of an action and of a
decision, typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from accord.core.fields import KEEP, Fields, Keep

if TYPE_CHECKING:
    from accord.bodies.models import Body
    from accord.decisions.models import Decision
    from accord.documents.models import Document
    from accord.meetings.models import AgendaItem, Event, Meeting
    from accord.registry.models import Person, Post


@dataclasses.dataclass(frozen=True, kw_only=True)
class ActionFields(Fields):
    """An action's own fields: its verb and day, given always; its subject (a document,
    an agenda item or an event) and what it names besides (a body, an office or an
    outside organization it goes to, a reference number). `meeting` is where it was
    taken (None: outside a meeting); its body is written apart. Each left out (`KEEP`)
    takes a new action's default."""

    verb: str
    date: dt.date
    meeting: Meeting | Keep | None = KEEP
    date_precision: str | Keep = KEEP
    document: Document | Keep | None = KEEP
    agenda_item: AgendaItem | Keep | None = KEEP
    event: Event | Keep | None = KEEP
    target_body: Body | Keep | None = KEEP
    target_meeting: Meeting | Keep | None = KEEP
    target_post: Post | Keep | None = KEEP
    target_organization: str | Keep = KEEP
    target_organization_names: Mapping[str, str] | Keep = KEEP
    reference: str | Keep = KEEP
    by_person: Person | Keep | None = KEEP
    purpose: str | Keep = KEEP
    classification: str | Keep = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP

    def written(self) -> dict[str, Any]:
        """The fields an action's row stores (its meeting is part of its key)."""
        return {k: v for k, v in self.given().items() if k != "meeting"}


@dataclasses.dataclass(frozen=True, kw_only=True)
class DecisionFields(Fields):
    """A decision's own fields (its slug names it; its positions and what it decides are
    written apart). Each left out (`KEEP`) keeps a recorded decision's value, or takes a
    new one's default. `outcome` None or blank: what the positions give."""

    title: str | Keep = KEEP
    titles: Mapping[str, str] | Keep = KEEP
    document: Document | Keep | None = KEEP
    outcome: str | Keep | None = KEEP
    procedure: str | Keep = KEEP
    votes_in_favour: int | Keep | None = KEEP
    votes_against: int | Keep | None = KEEP
    votes_abstaining: int | Keep | None = KEEP
    date: dt.date | Keep | None = KEEP
    order: int | Keep = KEEP
    classification: str | Keep = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP

    @classmethod
    def of(cls, decision: Decision, names: Iterable[str]) -> DecisionFields:
        """The fields `names` of `decision` as recorded."""
        return cls(**{name: getattr(decision, name) for name in names})
