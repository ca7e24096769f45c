"""The only writers of organizations, parties, memberships, people and posts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from accord.core import audit
from accord.core.dates import check_range
from accord.core.errors import DomainError, InUse, Problem
from accord.core.intervals import Interval, check_span
from accord.core.locks import hold, hold_name
from accord.core.persist import Tally, delete, upsert
from accord.core.rows import insert as insert_rows
from accord.registry import countries
from accord.registry.inputs import (
    HoldingFields,
    OrganizationFields,
    PersonFields,
    PostFields,
    PostRotationFields,
    StatusFields,
)
from accord.registry.models import (
    Declaration,
    Membership,
    MembershipStatus,
    Organization,
    Party,
    PartyKind,
    Person,
    Post,
    PostHolding,
    PostRotation,
    PostRotationOrder,
)
from accord.registry.rules import status_valid_for


def save_organization(
    slug: str, fields: OrganizationFields, tally: Tally | None = None
) -> Organization:
    values = fields.given()
    for language in [*values.get("official_languages", []), *values.get("working_languages", [])]:
        if not isinstance(language, str) or not language:
            raise DomainError.at("languages", f"{language!r} is not a language code")
    check_range({"founded": values.get("founded_on")})
    org, _ = upsert(Organization, {"slug": slug}, values, tally)
    return org


def claim_party_code(code: str) -> Problem | None:
    """Claim `code` for a new party: lock the name until this transaction ends, then
    say why it cannot have it (a party already has), or None when free."""
    hold_name("party", code)  # writers creating the party queue until this transaction ends
    if Party.objects.filter(code=code).exists():
        return Problem("code", f"there is already a party {code!r}")
    return None


def claim_standing_start(org: Organization, party: Party, start: dt.date) -> Problem | None:
    """Claim `start` for a new standing of `party` in `org`: lock the party's standings
    until this transaction ends, then say why it cannot (it already has one from that
    day), or None when it has not."""
    hold(party)  # writers of the party's standings queue until this transaction ends
    if Membership.objects.filter(organization=org, party=party, start=start).exists():
        return Problem("start", f"{party.code} already has a standing from {start}")
    return None


def save_party(
    code: str,
    kind: str,
    *,
    name: str = "",
    names: Mapping[str, str] | None = None,
    text_names: Mapping[str, str] | None = None,
    side_names: Mapping[str, str] | None = None,
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
    values = {"kind": kind, "name": name, "names": names, "parent": parent, "source": source}
    if text_names is not None:  # None: as held
        values["text_names"] = dict(text_names)
    if side_names is not None:  # None: as held
        values["side_names"] = dict(side_names)
    party, _ = upsert(Party, {"code": code}, values, tally)
    return party


def ensure_state(code: str, tally: Tally | None = None) -> Party:
    """The state with ISO code `code`, created from ISO data on first use."""
    party = Party.objects.filter(code=code).first()
    if party is not None:
        return party
    return save_party(code, PartyKind.STATE, tally=tally)


def save_status(
    organization: Organization, slug: str, fields: StatusFields, tally: Tally | None = None
) -> MembershipStatus:
    values = fields.given()
    start, end = values.get("valid_from"), values.get("valid_until")
    check_range({"from": start, "until": end})
    check_span("until", start, end)
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
    check_range({"from": start, "to": end})
    check_span("to", start, end)
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
    if existing is not None and existing.status.takes_decisions:
        # What the standing no longer covers: all of it, or the days after its new end.
        if not status.takes_decisions:
            lost: tuple[dt.date, dt.date | None] | None = (existing.start, existing.end)
        elif end is not None and (existing.end is None or end < existing.end):
            lost = (end + dt.timedelta(days=1), existing.end)
        else:
            lost = None
        if lost is not None and (found := _relied_on(organization, party, *lost)):
            raise InUse.at(
                "to" if status.takes_decisions else "status",
                f"{party.code} holds {', '.join(found)} as a member from {lost[0]}"
                f" to {lost[1] or 'now'}; remove or change those first",
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


def _relied_on(
    organization: Organization, party: Party, start: dt.date, end: dt.date | None
) -> list[str]:
    """What the record holds that needs `party` to be a member from `start` to `end`
    (open: onwards): positions on decisions, member delegations at meetings, meetings
    it chairs, chair terms it began. Empty when nothing."""
    from accord.bodies.models import ChairTerm
    from accord.decisions.models import Position
    from accord.meetings.models import Meeting, Participation, Role

    during = {"start__gte": start, **({"start__lte": end} if end is not None else {})}
    at_meetings = {f"meeting__{k}": v for k, v in during.items()}
    in_organization = {"meeting__body__organization": organization, **at_meetings}
    uses = [
        (
            ("position", "positions"),
            Position.objects.filter(
                party=party,
                **{f"decision__{k}": v for k, v in in_organization.items()},
            ).count(),
        ),
        (
            ("member delegation at a meeting", "member delegations at meetings"),
            Participation.objects.filter(
                party=party, role=Role.DELEGATION, **in_organization
            ).count(),
        ),
        (
            ("meeting chaired", "meetings chaired"),
            Meeting.objects.filter(body__organization=organization, chair=party, **during).count(),
        ),
        (
            ("chair term", "chair terms"),
            ChairTerm.objects.filter(organization=organization, party=party, **during).count(),
        ),
    ]
    return [f"{n} {one if n == 1 else many}" for (one, many), n in uses if n]


def remove_membership(membership: Membership, tally: Tally | None = None) -> None:
    """Remove a standing recorded in error. Refused while the record relies on it: a
    member's standing under which the party held a position on a decision, took part
    as a member delegation, chaired a meeting, or began a chair term (remove or change
    those first)."""
    if membership.status.takes_decisions:
        found = _relied_on(
            membership.organization, membership.party, membership.start, membership.end
        )
        if found:
            raise InUse.at(
                "membership",
                f"{membership.party.code} holds {', '.join(found)} under this standing;"
                " remove or change those first",
            )
    delete(Membership.objects.filter(pk=membership.pk), tally)


def claim_person_slug(slug: str) -> Problem | None:
    """Claim `slug` for a new person: lock the name until this transaction ends, then
    say why it cannot have it (one already has), or None."""
    hold_name("person", slug)  # writers creating the person queue until this transaction ends
    if Person.objects.filter(slug=slug).exists():
        return Problem("id", f"there is already a person {slug!r}")
    return None


def claim_holding_start(post: Post, start: dt.date) -> Problem | None:
    """Claim `start` for a new term of `post`: lock the post's holders until this
    transaction ends, then say why it cannot (it has a term from that day), or None."""
    hold(post)  # writers of the post's holders queue until this transaction ends
    if PostHolding.objects.filter(post=post, start=start).exists():
        return Problem("start", f"{post} already has a term from {start}")
    return None


def save_person(slug: str, values: PersonFields, tally: Tally | None = None) -> Person:
    person, _ = upsert(Person, {"slug": slug}, values.given(), tally)
    return person


def save_post(
    organization: Organization, slug: str, fields: PostFields, tally: Tally | None = None
) -> Post:
    key = {"organization": organization, "slug": slug}
    post, _ = upsert(Post, key, fields.given(), tally)
    return post


def save_office(slug: str, fields: PostFields, tally: Tally | None = None) -> Post:
    """A national office: a post of a state (`fields.party`), shared by every
    organization (no organization owns it)."""
    values = fields.given()
    if values.get("party") is None:
        raise DomainError.at("party", "a national office names its state")
    post, _ = upsert(Post, {"organization": None, "slug": slug}, values, tally)
    return post


def save_holding(
    post: Post,
    person: Person,
    start: dt.date,
    end: dt.date | None,
    fields: HoldingFields,
    tally: Tally | None = None,
) -> PostHolding:
    """A person holds `post` from `start` to `end`; one holder at a time.

    A term may lie in the future (a Secretary-General appointed a year ahead).
    """
    values = fields.given()
    check_range({"from": start, "to": end, "appointed": values.get("appointed_on")})
    check_span("to", start, end)
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


def save_post_rotation(
    post: Post, fields: PostRotationFields, tally: Tally | None = None
) -> PostRotation:
    """`post` rotates among its organization's members by turn (`fields`: `order`,
    `language` for an alphabetical order, `sequence`, `term_years`)."""
    values = fields.given()
    if post.organization_id is None:
        raise DomainError(Problem("", "a national office does not rotate among parties"))
    order = values.get("order")
    if order not in PostRotationOrder.values:
        known = ", ".join(PostRotationOrder.values)
        raise DomainError.at("order", f"{order!r} is not an order ({known})")
    if order == PostRotationOrder.ALPHABETICAL and not values.get("language"):
        raise DomainError.at("language", "an alphabetical order names its language")
    if order == PostRotationOrder.SEQUENCE and not values.get("sequence"):
        raise DomainError.at("sequence", "a sequence names its parties")
    years = values.get("term_years")
    if years is not None and (not isinstance(years, int) or not 1 <= years <= 100):
        raise DomainError.at("term_years", f"{years!r} is not a number of years")
    rotation, _ = upsert(PostRotation, {"post": post}, values, tally)
    return rotation


def declare(
    organization: Organization,
    parties: Iterable[Party],
    people: Iterable[Person],
    tally: Tally | None = None,
    offices: Iterable[Post] = (),
) -> int:
    """Remember that `organization`'s record files define `parties`, `people` and
    national `offices` (global records), so that its dump writes them back; what it
    declared before stays. One read and one insert, each new declaration audited; how
    many were new."""
    held = Declaration.objects.filter(organization=organization)
    known_parties = set(held.exclude(party=None).values_list("party_id", flat=True))
    known_people = set(held.exclude(person=None).values_list("person_id", flat=True))
    known_offices = set(held.exclude(post=None).values_list("post_id", flat=True))
    new = [
        Declaration(organization=organization, party=p)
        for p in sorted({p.pk: p for p in parties}.values(), key=lambda p: p.pk)
        if p.pk not in known_parties
    ]
    new += [
        Declaration(organization=organization, person=p)
        for p in sorted({p.pk: p for p in people}.values(), key=lambda p: p.pk)
        if p.pk not in known_people
    ]
    new += [
        Declaration(organization=organization, post=p)
        for p in sorted({p.pk: p for p in offices}.values(), key=lambda p: p.pk)
        if p.pk not in known_offices
    ]
    if not new:
        return 0
    insert_rows(new)
    for row in new:
        audit.record("create", row, None, audit.snapshot(row))
    if tally is not None:
        tally[(Declaration._meta.verbose_name_plural, "created")] += len(new)
    return len(new)
