"""Who stands where: memberships of parties, chair terms, people and post holders."""

from __future__ import annotations

from pydantic import Field

from accord.api.days import Day
from accord.api.schemas.common import (
    In,
    MeetingRef,
    Out,
    PartyRef,
    PersonRef,
    iso,
    meeting_ref,
    party_ref,
    person_ref,
    slug_field,
)
from accord.api.schemas.meetings import MeetingPointer
from accord.bodies.models import ChairTerm, TermBasis
from accord.records.defaults import DEFAULTS
from accord.registry.models import Membership, PartyKind, Person, PostHolding

# --- memberships -------------------------------------------------------------------------


class MembershipOut(Out):
    """A party's status in the organization from `start` to `end` (inclusive; null: open)."""

    organization: str
    party: PartyRef
    status: str
    status_name: str
    start: str
    end: str | None
    source: str
    note: str


def membership_out(m: Membership) -> MembershipOut:
    return MembershipOut(
        organization=m.organization.slug,
        party=PartyRef(code=m.party.code, name=m.party.name),
        status=m.status.slug,
        status_name=m.status.name,
        start=m.start.isoformat(),
        end=iso(m.end),
        source=m.source,
        note=m.note,
    )


class MembershipIn(In):
    """A standing of a party: one status at a time (standings of a party never overlap)."""

    party: str = Field(description="party code")
    status: str = Field(description="status slug of the organization, e.g. member")
    start: Day
    end: Day | None = Field(None, description="last day; null: still held")
    source: str = Field("", max_length=300)
    note: str = ""


class MembershipPatch(In):
    """The fields to change (the start is the standing's key and does not change)."""

    status: str | None = None
    end: Day | None = None
    source: str | None = Field(None, max_length=300)
    note: str | None = None


# --- chair terms -------------------------------------------------------------------------


class ChairTermOut(Out):
    """A party chairs the organization (body null: the presidency) or one body."""

    organization: str
    body: str | None
    party: PartyRef
    start: str
    end: str | None
    basis: str
    decided_at: MeetingRef | None
    source: str
    note: str


def chair_term_out(t: ChairTerm) -> ChairTermOut:
    return ChairTermOut(
        organization=t.organization.slug,
        body=t.body.slug if t.body else None,
        party=PartyRef(code=t.party.code, name=t.party.name),
        start=t.start.isoformat(),
        end=iso(t.end),
        basis=t.basis,
        decided_at=meeting_ref(t.decided_at) if t.decided_at_id else None,
        source=t.source,
        note=t.note,
    )


class ChairTermIn(In):
    party: str = Field(description="party code: a member when the term begins")
    body: str | None = Field(None, description="a body with its own terms; null: the presidency")
    start: Day
    end: Day | None = None
    basis: TermBasis = TermBasis(DEFAULTS["chairmanships"]["basis"])
    decided_at: MeetingPointer | None = Field(None, description="the meeting that decided it")
    source: str = Field("", max_length=300)
    note: str = ""


# --- people and post holders ---------------------------------------------------------------


class PersonOut(Out):
    slug: str
    name: str
    names: dict[str, str]
    party: PartyRef | None
    source: str
    note: str


def person_out(p: Person) -> PersonOut:
    return PersonOut(
        slug=p.slug,
        name=p.name,
        names=p.names,
        party=party_ref(p.party),
        source=p.source,
        note=p.note,
    )


class PersonIn(In):
    id: str = slug_field(description="the person's slug, e.g. vladimir-norov")
    name: str = Field(min_length=1, max_length=300)
    names: dict[str, str] = {}
    party: str | None = Field(None, description="the party the person is a national of")
    source: str = Field("", max_length=300)
    note: str = ""


class PersonPatch(In):
    name: str | None = Field(None, min_length=1, max_length=300)
    names: dict[str, str] | None = None
    party: str | None = None
    source: str | None = Field(None, max_length=300)
    note: str | None = None


class HoldingOut(Out):
    organization: str | None = Field(
        description="The organization owning the post; null for a national office"
        " (a post of a state, shared by every organization)"
    )
    post: str
    person: PersonRef
    start: str
    end: str | None
    appointed_on: str | None
    acting: bool
    source: str
    note: str


def holding_out(h: PostHolding) -> HoldingOut:
    return HoldingOut(
        organization=h.post.organization.slug if h.post.organization else None,
        post=h.post.slug,
        person=person_ref(h.person),
        start=h.start.isoformat(),
        end=iso(h.end),
        appointed_on=iso(h.appointed_on),
        acting=h.acting,
        source=h.source,
        note=h.note,
    )


class HoldingIn(In):
    """A person holds the post over a term (one holder at a time; a term may lie ahead)."""

    person: str = Field(description="person slug")
    start: Day
    end: Day | None = None
    appointed_on: Day | None = None
    acting: bool = False
    source: str = Field("", max_length=300)
    note: str = ""


# --- parties -----------------------------------------------------------------------------


class PartyIn(In):
    code: str = Field(
        pattern=r"^[A-Z][A-Z0-9-]{1,19}$",
        description="ISO 3166 alpha-2 for a state (KG); an acronym otherwise (UNODC)",
    )
    kind: PartyKind = PartyKind.STATE
    name: str = Field("", max_length=300, description="a state's defaults to its ISO name")
    names: dict[str, str] = {}
    parent: str | None = Field(None, description="the party an agency is part of")
    source: str = Field("", max_length=300)


class PartyPatch(In):
    name: str | None = Field(None, min_length=1, max_length=300)
    names: dict[str, str] | None = None
    parent: str | None = None
    source: str | None = Field(None, max_length=300)
