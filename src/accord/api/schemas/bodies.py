"""Bodies of an organization: hierarchy, powers, meeting series; what is pending."""

from __future__ import annotations

from accord.api.schemas.common import MeetingRef, Out


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
    note: str | None


class PendingList(Out):
    """What was referred to the body by a date and not yet acted on by it."""

    organization: str
    body: str
    on: str
    items: list[PendingOut]
