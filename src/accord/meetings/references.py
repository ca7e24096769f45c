"""How a meeting's record (and every representation built on it) refers to what it
names: parties, bodies, people, meetings, documents; partial dates as text. Plain
pydantic models, shared by the API and the web below both."""

from __future__ import annotations

import datetime as dt
from typing import Protocol, overload

from pydantic import BaseModel

from accord.bodies.models import Body
from accord.core.dates import PartialDate, Precision
from accord.core.models import as_recorded
from accord.documents.models import Document
from accord.meetings.models import Meeting
from accord.registry.models import Party, Person


class Out(BaseModel):
    """A response shape: built by the API from values it holds, so plain pydantic
    (ninja's Schema would wrap each input to read ORM attributes, which costs time)."""


class PartyRef(Out):
    code: str
    name: str


class BodyRef(Out):
    slug: str
    name: str


class PersonRef(Out):
    slug: str
    name: str


class MeetingRef(Out):
    """A meeting as URLs name it: /bodies/{body}/meetings/{number or id}."""

    body: str
    number: int | None
    id: str
    date: str


class DocumentRef(Out):
    slug: str
    title: str
    type: str


def party_ref(party: Party | None) -> PartyRef | None:
    return PartyRef(code=party.code, name=party.name) if party is not None else None


def body_ref(body: Body) -> BodyRef:
    return BodyRef(slug=body.slug, name=body.name)


def person_ref(person: Person | None) -> PersonRef | None:
    return PersonRef(slug=person.slug, name=person.name) if person is not None else None


@overload
def meeting_ref(meeting: Meeting, body: Body | None = None) -> MeetingRef: ...
@overload
def meeting_ref(meeting: Meeting | None, body: Body | None = None) -> MeetingRef | None: ...
def meeting_ref(meeting: Meeting | None, body: Body | None = None) -> MeetingRef | None:
    """`meeting` (its body given, or loaded with it) as a reference."""
    if meeting is None:
        return None
    return MeetingRef(
        body=(body or meeting.body).slug,
        number=meeting.number,
        id=meeting.slug,
        date=as_recorded(meeting),
    )


def document_ref(document: Document | None) -> DocumentRef | None:
    if document is None:
        return None
    return DocumentRef(slug=document.slug, title=document.title, type=document.type.slug)


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def partial(day: dt.date | None, precision: str) -> str | None:
    """A stored (first day, precision) as the partial date it stands for: 2019-04."""
    if day is None:
        return None
    return PartialDate(day, Precision(precision)).isoformat()


def end_of(start: dt.date, end: dt.date | None, precision: str) -> str | None:
    """The end of a span, or None when the span is one day (or one month, one year)."""
    if end is None or end == start:
        return None
    return partial(end, precision)


class Slugged(Protocol):
    @property
    def slug(self) -> str: ...


def slug_of(row: Slugged | None) -> str | None:
    """The slug of what a nullable reference names (None, without a query, when it
    names nothing)."""
    return row.slug if row is not None else None


def code_of(party: Party | None) -> str | None:
    """The code of the party a nullable reference names."""
    return party.code if party is not None else None
