"""Shapes shared by every domain: references to parties, bodies, people, meetings,
documents (`accord.meetings.references`, which the web reads too); partial dates;
pages."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field

from accord.meetings.references import (
    BodyRef,
    DocumentRef,
    MeetingRef,
    Out,
    PartyRef,
    PersonRef,
    body_ref,
    document_ref,
    end_of,
    iso,
    meeting_ref,
    partial,
    party_ref,
    person_ref,
)

SLUG = r"^[-a-zA-Z0-9_]+$"

__all__ = [
    "BodyRef",
    "DocumentRef",
    "In",
    "MeetingRef",
    "Out",
    "PartyRef",
    "PersonRef",
    "body_ref",
    "document_ref",
    "end_of",
    "iso",
    "meeting_ref",
    "partial",
    "party_ref",
    "person_ref",
    "slug_field",
]


class In(Schema):
    """A request shape: a field it does not know is refused (422), not ignored, so that
    a misspelt or unsupported change (a PATCH of `number`) is never silently dropped."""

    model_config = ConfigDict(extra="forbid")


def slug_field(default: Any = ..., **extra: Any) -> Any:
    """A readable identifier: letters, digits, '-' and '_'."""
    return Field(default, pattern=SLUG, min_length=1, max_length=80, **extra)
