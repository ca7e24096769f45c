"""Organizations, their members as of a date, chairs, posts; parties."""

from __future__ import annotations

from pydantic import Field

from accord.api.schemas.common import MeetingRef, Out, PartyRef, PersonRef, iso, party_ref
from accord.registry.models import Membership, MembershipStatus, Organization, Party


class OrganizationOut(Out):
    slug: str
    name: str
    names: dict[str, str]
    short_name: str | None
    founded: str | None
    official_languages: list[str]
    working_languages: list[str]
    decision_rule: str


class StatusOut(Out):
    slug: str
    name: str
    names: dict[str, str]
    takes_decisions: bool
    valid_from: str | None
    valid_until: str | None


class RotationOut(Out):
    order: str
    sequence: list[str]
    term: str
    handover_body: str | None


class OrganizationDetail(OrganizationOut):
    description: str
    statuses: list[StatusOut]
    rotation: RotationOut | None
    source: str
    note: str


class OrganizationPage(Out):
    items: list[OrganizationOut]
    next_cursor: str | None


def organization_out(org: Organization) -> OrganizationOut:
    return OrganizationOut(
        slug=org.slug,
        name=org.name,
        names=org.names,
        short_name=org.short_name or None,
        founded=iso(org.founded_on),
        official_languages=org.official_languages,
        working_languages=org.working_languages,
        decision_rule=org.decision_rule,
    )


def status_out(status: MembershipStatus) -> StatusOut:
    return StatusOut(
        slug=status.slug,
        name=status.name,
        names=status.names,
        takes_decisions=status.takes_decisions,
        valid_from=iso(status.valid_from),
        valid_until=iso(status.valid_until),
    )


class MemberOut(Out):
    party: PartyRef
    kind: str
    status: str
    status_name: str
    start: str
    end: str | None


class MembersOut(Out):
    """The parties holding a status in the organization on a date."""

    organization: str
    on: str
    status: str | None
    counts: dict[str, int]
    items: list[MemberOut]


def member_out(m: Membership) -> MemberOut:
    return MemberOut(
        party=PartyRef(code=m.party.code, name=m.party.name),
        kind=m.party.kind,
        status=m.status.slug,
        status_name=m.status.name,
        start=m.start.isoformat(),
        end=iso(m.end),
    )


class TermOut(Out):
    start: str
    end: str | None
    basis: str
    decided_at: MeetingRef | None
    decided_on: str | None = Field(None, description="decided by this day (the meeting's last)")


class ProposalOut(Out):
    """Who the rotation rule proposes next; a proposal only (a decision fixes it)."""

    party: str | None
    order: list[str]
    start: str | None
    why: str | None


class NextChairOut(Out):
    """Who chairs next as known on the date: the successor already decided, else the
    rotation's proposal continued from the current or last recorded term."""

    party: PartyRef | None
    decided: bool = Field(description="a recorded term, decided by the date, fixes it")
    term: TermOut | None = Field(description="the decided term, with its decision")
    start: str | None = Field(description="when the proposed term would start")
    why: str | None = Field(description="why nobody is known or proposed")


class ChairOut(Out):
    organization: str
    body: str | None
    on: str
    chair: PartyRef | None
    rule: str
    term: TermOut | None
    next: NextChairOut | None = None
    proposed_next: ProposalOut | None


class HolderOut(Out):
    person: PersonRef
    start: str
    end: str | None
    acting: bool


class TurnOut(Out):
    """A party's turn in a post that rotates by turn."""

    party: PartyRef | None
    start: str
    end: str | None = Field(description="the turn's end (None: open)")
    decided: bool = Field(
        description="begun by a recorded holding (decided); false: proposed by the rotation"
    )
    holders: list[PersonRef] = Field(description="who held the turn (acting holders are no turn)")
    cut_short: bool = Field(description="the holders left before the turn ended")
    held_until: str | None = Field(description="the last day a holder served, when cut short")
    overdue: bool = Field(
        False,
        description="a proposed turn due from `start`, on or before the date asked, that has"
        " not begun (its predecessor still serves, or nobody was appointed): pending",
    )


class PostTurnsOut(Out):
    """Whose turn it is on the date and whose comes next, for a post rotating by turn."""

    order: str = Field(description="alphabetical (in `language`) or sequence")
    language: str | None
    sequence: list[str]
    term_years: int | None
    turn: TurnOut | None
    next_turn: TurnOut | None = Field(
        description="the next turn: decided (a holding appointed by the date), else proposed"
    )


class PostOut(Out):
    post: str
    name: str
    holder: HolderOut | None = Field(description="who holds the post on the date, acting or not")
    next: HolderOut | None = Field(
        description="the next holder, only once appointed by the date (a term with no "
        "appointment date recorded is known from its start only)"
    )
    vacant_since: str | None = Field(
        None, description="the post has had no holder (other than an acting one) since this day"
    )
    rotation: PostTurnsOut | None = Field(
        None, description="for a post that rotates among parties by turn"
    )


class PostsOut(Out):
    organization: str
    on: str
    items: list[PostOut]


class PartyOut(Out):
    code: str
    name: str
    names: dict[str, str]
    kind: str
    parent: str | None


class PartyMembershipOut(Out):
    organization: str
    status: str
    start: str
    end: str | None


class PartyDetail(PartyOut):
    parts: list[PartyRef]
    memberships: list[PartyMembershipOut]
    source: str
    note: str


class PartyPage(Out):
    items: list[PartyOut]
    next_cursor: str | None


def party_out(party: Party) -> PartyOut:
    return PartyOut(
        code=party.code,
        name=party.name,
        names=party.names,
        kind=party.kind,
        parent=party.parent.code if party.parent else None,
    )


def party_detail(party: Party) -> PartyDetail:
    return PartyDetail(
        **party_out(party).model_dump(),
        parts=[party_ref(p) for p in party.parts.all()],
        memberships=[
            PartyMembershipOut(
                organization=m.organization.slug,
                status=m.status.slug,
                start=m.start.isoformat(),
                end=iso(m.end),
            )
            for m in party.memberships.all()
        ],
        source=party.source,
        note=party.note,
    )
