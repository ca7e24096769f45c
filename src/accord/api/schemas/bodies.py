"""Bodies of an organization: hierarchy, powers, meeting series; what is pending."""

from __future__ import annotations

from pydantic import Field

from accord.api.days import Day
from accord.api.schemas.common import In, MeetingRef, Out, slug_field
from accord.bodies.models import ChairRule
from accord.registry.models import DecisionRule

# In a body's powers, a verb on any subject (not one document type).
ANY_SUBJECT = "any subject"
POWERS_HELP = f"for each verb, the document types it may take it on ('{ANY_SUBJECT}': any subject)"


class BodyOut(Out):
    slug: str
    name: str
    names: dict[str, str]
    short_name: str | None
    reports_to: str | None
    depth: int
    chair_rule: str
    decision_rule: str
    founded: str | None
    meets_since: int | None


class BodyPage(Out):
    """Bodies in hierarchy order (each after the body it reports to)."""

    items: list[BodyOut]
    next_cursor: str | None


class SeriesEntry(Out):
    number: int | None
    id: str
    date: str
    city: str | None
    mode: str


class BodyDetail(BodyOut):
    function: str
    subordinates: list[str]
    powers: dict[str, list[str]]
    meetings: list[SeriesEntry]
    missing_numbers: list[int]
    source: str
    note: str


class PendingOut(Out):
    subject: str
    document: str | None
    item: str | None
    event: str | None
    referred_on: str
    referred_by: str
    at_meeting: MeetingRef | None
    purpose: str | None
    to_meeting: MeetingRef | None
    overdue: bool = Field(description="its meeting (`to_meeting`) was held without acting on it")
    note: str | None


class PendingList(Out):
    """What was referred to the body by a date and not yet acted on by it."""

    organization: str
    body: str
    on: str
    items: list[PendingOut]


class BodyIn(In):
    """A new body of the organization."""

    id: str = slug_field(description="the body's slug in the organization")
    name: str = Field(min_length=1, max_length=300)
    names: dict[str, str] = {}
    short_name: str = Field("", max_length=40)
    reports_to: str | None = Field(None, description="the body it reports to (slug)")
    founded: Day | None = None
    meets_since: int | None = Field(None, ge=1, le=9999, description="first year of its series")
    chair_rule: ChairRule = ChairRule.PRESIDENCY
    decision_rule: DecisionRule | None = Field(None, description="null: the organization's")
    function: str = ""
    rank: int = Field(0, ge=0, le=32767)
    powers: dict[str, list[str]] = Field({}, description=POWERS_HELP)
    source: str = Field("", max_length=300)
    note: str = ""


class BodyPatch(In):
    """The fields to change; fields left out keep their value (null clears one).
    `powers`, when sent, is the whole set."""

    name: str | None = Field(None, min_length=1, max_length=300)
    names: dict[str, str] | None = None
    short_name: str | None = Field(None, max_length=40)
    reports_to: str | None = None
    founded: Day | None = None
    meets_since: int | None = Field(None, ge=1, le=9999)
    chair_rule: ChairRule | None = None
    decision_rule: DecisionRule | None = None
    function: str | None = None
    rank: int | None = Field(None, ge=0, le=32767)
    powers: dict[str, list[str]] | None = Field(None, description=POWERS_HELP)
    source: str | None = Field(None, max_length=300)
    note: str | None = None
