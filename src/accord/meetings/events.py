"""The only writers of topics and events (a meeting's agenda items refer to both)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from accord.core.dates import PartialDate, Precision, check_range
from accord.core.errors import DomainError, Problem
from accord.core.intervals import check_span
from accord.core.locks import hold
from accord.core.persist import (
    Tally,
    sync,
    upsert,
)
from accord.meetings.inputs import EventFields, TopicFields
from accord.meetings.models import (
    Event,
    EventParticipation,
    Topic,
)
from accord.registry.models import Organization


def claim_topic_slug(org: Organization, slug: str) -> Problem | None:
    """Claim `slug` for a new topic of `org`: lock the organization's new topics until
    this transaction ends, then say why it cannot have it (one already has), or None."""
    hold(org)  # writers creating in the organization queue until this transaction ends
    if Topic.objects.filter(organization=org, slug=slug).exists():
        return Problem("id", f"{org.slug} already has a topic {slug!r}")
    return None


def save_topic(
    organization: Organization, slug: str, values: TopicFields, tally: Tally | None = None
) -> Topic:
    key = {"organization": organization, "slug": slug}
    topic, _ = upsert(Topic, key, values.given(), tally)
    return topic


def claim_event_slug(org: Organization, slug: str) -> Problem | None:
    """Claim `slug` for a new event of `org`: lock the organization's new events until
    this transaction ends, then say why it cannot have it (one already has), or None."""
    hold(org)  # writers creating in the organization queue until this transaction ends
    if Event.objects.filter(organization=org, slug=slug).exists():
        return Problem("id", f"{org.slug} already has an event {slug!r}")
    return None


def save_event(
    organization: Organization,
    slug: str,
    fields: EventFields,
    participants: Sequence[Mapping],
    tally: Tally | None = None,
) -> Event:
    """An event of `organization` and who took part in it (the whole list: each party
    once). Fields left out keep the event's recorded values (a new event's defaults)."""
    values = fields.given()
    start, end = values.get("start"), values.get("end")
    precision = Precision(values.get("date_precision", "day"))
    check_range(
        {
            "date": start and PartialDate(start, precision),
            "date.to": end and PartialDate(end, precision),
        }
    )
    check_span("date.to", start, end)
    event, _ = upsert(Event, {"organization": organization, "slug": slug}, values, tally)
    seen: set[str] = set()
    for index, p in enumerate(participants):
        party = p["party"]
        if party.code in seen:
            raise DomainError.at(f"participants[{index}].party", f"{party.code} is listed twice")
        seen.add(party.code)
    sync(EventParticipation, {"event": event}, ["party"], participants, tally)
    return event
