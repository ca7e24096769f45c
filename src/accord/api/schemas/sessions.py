"""A meeting's sessions as the API takes them: each with its day, venue, mode, who of the
meeting's participants attended it and the agenda items taken up in it."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from accord.api.days import Day
from accord.api.schemas.common import In, slug_field
from accord.api.schemas.meetings import MAX_ROWS
from accord.meetings.models import Mode, SessionKind


class SessionAttendeeIn(In):
    """A participant of the meeting: its party (its delegation), a person, or both."""

    party: str | None = Field(None, description="party code")
    person: str | None = Field(None, description="person slug")


def _attendee_given(value: object) -> object:
    return {"party": value} if isinstance(value, str) else value


# A session participant as a payload names it: a party code, or {party, person}.
SessionAttendeeItem = Annotated[SessionAttendeeIn, BeforeValidator(_attendee_given)]


class SessionIn(In):
    id: str = slug_field(description="the session's id at this meeting")
    kind: SessionKind = SessionKind.OTHER
    title: str = Field("", max_length=300)
    titles: dict[str, str] = {}
    date: Day = Field(description="one of the meeting's days")
    venue: str = Field("", max_length=200)
    city: str = Field("", max_length=120)
    city_names: dict[str, str] = {}
    mode: Mode | None = Field(None, description="left out: as the meeting's")
    participants: list[SessionAttendeeItem] = Field(
        [],
        max_length=MAX_ROWS,
        description="participants of the meeting who attended it: party codes, or {party, person}",
    )
    items: list[str] = Field(
        [], max_length=MAX_ROWS, description="ids of the agenda items taken up in it"
    )
    source: str = Field("", max_length=300)
    note: str = ""


class SessionsIn(In):
    """The meeting's sessions, in order (those left out are removed)."""

    sessions: list[SessionIn] = Field(max_length=MAX_ROWS)
