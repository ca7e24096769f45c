"""The only writers of organizations, parties, memberships, people and posts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from accord.core.errors import DomainError, InUse, Problem
from accord.core.intervals import Interval
from accord.core.locks import hold
from accord.core.persist import Tally, delete, upsert
from accord.registry import countries
from accord.registry.models import (
    Membership,
    MembershipStatus,
    Organization,
    Party,
    PartyKind,
    Person,
    Post,
    PostHolding,
)
from accord.registry.rules import status_valid_for


def save_organization(slug: str, values: Mapping, tally: Tally | None = None) -> Organization:
    for language in [*values.get("official_languages", []), *values.get("working_languages", [])]:
        if not isinstance(language, str) or not language:
            raise DomainError.at("languages", f"{language!r} is not a language code")
    org, _ = upsert(Organization, {"slug": slug}, values, tally)
    return org


def save_party(
    code: str,
    kind: str,
    *,
    name: str = "",
    names: Mapping[str, str] | None = None,
    parent: Party | None = None,
    source: str = "",
    tally: Tally | None = None,
) -> Party:
    """A party; a state is named by its ISO 3166 alpha-2 code, and named from ISO data."""
    names = dict(names or {})
    if kind == PartyKind.STATE:
        iso = countries.lookup(code)
        if iso is None:
            raise DomainError.at("code", f"{code!r} is not an ISO 3166 alpha-2 country code")
        names = {**countries.names(code), **names}
        name = name or names.get("en", code)
    elif not name:
        raise DomainError.at("name", f"a {kind} needs a name")
    if kind == PartyKind.AGENCY and parent is None:
        raise DomainError.at("parent", "an agency must name the party it is part of")
    if parent is not None and parent.code == code:
        raise DomainError.at("parent", "a party cannot be part of itself")
    party, _ = upsert(
        Party,
        {"code": code},
        {"kind": kind, "name": name, "names": names, "parent": parent, "source": source},
        tally,
    )
    return party


def ensure_state(code: str, tally: Tally | None = None) -> Party:
    """The state with ISO code `code`, created from ISO data on first use."""
    party = Party.objects.filter(code=code).first()
    if party is not None:
        return party
    return save_party(code, PartyKind.STATE, tally=tally)


def save_status(
    organization: Organization, slug: str, values: Mapping, tally: Tally | None = None
) -> MembershipStatus:
    start, end = values.get("valid_from"), values.get("valid_until")
    if start and end and end < start:
        raise DomainError.at("until", f"ends on {end}, before it starts on {start}")
    status, _ = upsert(
        MembershipStatus, {"organization": organization, "slug": slug}, values, tally
    )
    return status


def save_membership(
    organization: Organization,
    party: Party,
    status: MembershipStatus,
    start: dt.date,
    end: dt.date | None,
    *,
    source: str = "",
    note: str = "",
    tally: Tally | None = None,
) -> Membership:
    """Record that `party` held `status` from `start` to `end` (inclusive).

    Refused when the interval is inverted, when the status type did not exist over
    the whole interval, or when it overlaps another standing of the same party.
    """
    if end is not None and end < start:
        raise DomainError.at("to", f"ends on {end}, before it starts on {start}")
    if status.organization_id != organization.pk:
        raise DomainError.at("status", f"{status.slug!r} is not a status of {organization.slug}")
    interval = Interval(start, end)
    reason = status_valid_for(status.valid_from, status.valid_until, interval)
    if reason:
        raise DomainError.at("status", f"{status.slug!r} {reason}")
    existing = None
    hold(party)  # the party's standings are read, then written: their writers queue
    for other in Membership.objects.filter(organization=organization, party=party).select_related(
        "status"
    ):
        if other.start == start:
            existing = other
        elif interval.overlaps(Interval(other.start, other.end)):
            raise DomainError.at(
                "from",
                f"{party.code} already holds {other.status.slug!r} from {other.start}"
                f" to {other.end or 'now'}; a party holds one status at a time",
            )
    membership, _ = upsert(
        Membership,
        {"organization": organization, "party": party, "start": start},
        {"status": status, "end": end, "source": source, "note": note},
        tally,
        instance=existing,
        missing=existing is None,
    )
    return membership


def remove_membership(membership: Membership, tally: Tally | None = None) -> None:
    """Remove a standing recorded in error. Refused while the record relies on it: a
    member's standing under which the party held a position on a decision, took part
    as a member delegation, or chaired (remove or change those first)."""
    from accord.bodies.models import ChairTerm
    from accord.decisions.models import Position
    from accord.meetings.models import Participation, Role

    if membership.status.takes_decisions:
        during = {"meeting__start__gte": membership.start}
        if membership.end is not None:
            during["meeting__start__lte"] = membership.end
        organization = membership.organization
        party = membership.party
        terms = ChairTerm.objects.filter(
            organization=organization, party=party, start__gte=membership.start
        )
        if membership.end is not None:
            terms = terms.filter(start__lte=membership.end)
        uses = [
            (
                ("position", "positions"),
                Position.objects.filter(
                    party=party,
                    decision__meeting__body__organization=organization,
                    **{f"decision__{k}": v for k, v in during.items()},
                ).count(),
            ),
            (
                ("member delegation at a meeting", "member delegations at meetings"),
                Participation.objects.filter(
                    party=party,
                    role=Role.DELEGATION,
                    meeting__body__organization=organization,
                    **during,
                ).count(),
            ),
            (("chair term", "chair terms"), terms.count()),
        ]
        found = [f"{n} {one if n == 1 else many}" for (one, many), n in uses if n]
        if found:
            raise InUse.at(
                "membership",
                f"{party.code} holds {', '.join(found)} under this standing;"
                " remove or change those first",
            )
    delete(Membership.objects.filter(pk=membership.pk), tally)


def save_person(slug: str, values: Mapping, tally: Tally | None = None) -> Person:
    person, _ = upsert(Person, {"slug": slug}, values, tally)
    return person


def save_post(
    organization: Organization, slug: str, values: Mapping, tally: Tally | None = None
) -> Post:
    post, _ = upsert(Post, {"organization": organization, "slug": slug}, values, tally)
    return post


def save_holding(
    post: Post,
    person: Person,
    start: dt.date,
    end: dt.date | None,
    values: Mapping,
    tally: Tally | None = None,
) -> PostHolding:
    """A person holds `post` from `start` to `end`; one holder at a time.

    A term may lie in the future (a Secretary-General appointed a year ahead).
    """
    if end is not None and end < start:
        raise DomainError.at("to", f"ends on {end}, before it starts on {start}")
    appointed = values.get("appointed_on")
    if appointed and appointed > start:
        raise DomainError.at("appointed", f"appointed on {appointed}, after the term began")
    interval = Interval(start, end)
    for other in (
        PostHolding.objects.filter(post=post).exclude(start=start).select_related("person")
    ):
        if interval.overlaps(Interval(other.start, other.end)):
            raise DomainError(
                Problem(
                    "from",
                    f"{other.person.slug} holds {post.slug} from {other.start}"
                    f" to {other.end or 'now'}; a post has one holder at a time",
                )
            )
    holding, _ = upsert(
        PostHolding, {"post": post, "start": start}, {"person": person, "end": end, **values}, tally
    )
    return holding
