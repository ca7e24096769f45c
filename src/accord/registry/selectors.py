"""Reads about standing in an organization, always as of a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet

from accord.core import compiled, identity
from accord.core.errors import NotFound
from accord.core.intervals import Interval
from accord.core.prefetched import keep_grouped
from accord.registry import rules
from accord.registry.models import (
    Declaration,
    Membership,
    MembershipQuerySet,
    MembershipStatus,
    Organization,
    Party,
    Post,
    PostHolding,
)
from accord.registry.turns import PostTurns, parties_for, rotation_of
from accord.registry.turns import turns_on as post_turns_on


def organization(slug: str) -> Organization:
    # (Its SQL built once: every page and answer of an organization starts here.)
    rows = compiled.rows(("organization", ""), lambda s: Organization.objects.filter(slug=s), slug)
    found = rows[0] if rows else None
    if found is None:
        raise NotFound.at("organization", f"no organization {slug!r}")
    return found


def _party_coded(code: str) -> QuerySet[Party]:
    rows = Party.objects.filter(code=code)
    return (rows if rows.ordered else rows.order_by("pk"))[:1]


def party_coded(code: str) -> Party | None:
    """The party of `code`, or None (as `.first()` reads it, its SQL built once:
    `accord.core.compiled`)."""
    found = compiled.rows(("party by code",), _party_coded, code)
    return found[0] if found else None


def party(code: str) -> Party:
    found = party_coded(code)
    if found is None:
        raise NotFound.at("party", f"no party {code!r}")
    return found


def parties_of(org: Organization) -> QuerySet[Party]:
    """The parties that ever held a status in `org` (members, observers, partners)."""
    return Party.objects.filter(memberships__organization=org).distinct()


def memberships_on(
    org: Organization | int, day: dt.date, status: str | None = None
) -> MembershipQuerySet:
    """The memberships of `org` (or the organization of that id) in force on `day`
    (optionally of one status)."""
    rows = Membership.objects.on(day).filter(organization=org)
    if status is not None:
        rows = rows.filter(status__slug=status)
    return rows.select_related("party", "status").order_by("status__rank", "party__code")


def members_on(org: Organization | int, day: dt.date) -> MembershipQuerySet:
    """The memberships in force on `day` whose status takes part in decisions."""
    return memberships_on(org, day).deciding()


def members_read(org: Organization, day: dt.date) -> list[Membership]:
    """`members_on`, read with SQL built once (`accord.core.compiled`): a meeting's
    page reads its members on the meeting's day."""
    return compiled.rows(("members on",), members_on, org.pk, day)


def decision_takers_on(org: Organization, day: dt.date) -> set[str]:
    """Codes of the parties whose status on `day` takes part in decisions (members)."""

    def read() -> list[tuple[Any, ...]]:
        # Every deciding membership of the organization, its SQL built once
        # (`accord.core.compiled`); those in force on `day` are kept below.
        return compiled.tuples(
            ("decision takers",),
            lambda pk: (
                Membership.objects.deciding()
                .filter(organization_id=pk)
                .values_list("party__code", "start", "end")
                .order_by()
            ),
            org.pk,
        )

    # Asked for every meeting, position and chair a load writes: in a batch, an
    # organization's memberships are read once (they are few; its meetings many).
    reads = (Membership, MembershipStatus, Party)
    spans = identity.remembered(("decision-takers", org.pk), reads, read)
    return {code for code, start, end in spans if Interval(start, end).covers(day)}


def standing_of(org: Organization, party_code: str, day: dt.date) -> str | None:
    """The slug of the status the party holds in `org` on `day` (None: it holds none)."""
    row = (
        Membership.objects.on(day)
        .filter(organization=org, party__code=party_code)
        .values_list("status__slug", flat=True)
        .first()
    )
    return row


def status_type(org: Organization, slug: str) -> MembershipStatus:
    found = MembershipStatus.objects.filter(organization=org, slug=slug).first()
    if found is None:
        known = ", ".join(org.statuses.values_list("slug", flat=True))
        raise NotFound.at("status", f"{org.slug} has no status {slug!r} (it has: {known})")
    return found


@dataclass(frozen=True)
class Count:
    status: str
    count: int
    # the status's name by language, for `{{ count|tr_field:"status" }}`
    status_names: dict[str, str] = field(default_factory=dict, compare=False)


def counts_on(org: Organization, day: dt.date) -> list[Count]:
    counts: dict[str, int] = {}
    names: dict[str, dict[str, str]] = {}
    for m in memberships_on(org, day):
        counts[m.status.name] = counts.get(m.status.name, 0) + 1
        names[m.status.name] = m.status.names
    return [Count(s, n, names[s]) for s, n in counts.items()]


@dataclass(frozen=True)
class PostAnswer:
    """A post on a date: its holder (acting or not), the next holder already appointed,
    and since when it is vacant (see `rules.post_on`)."""

    post: Post
    holder: PostHolding | None
    next: PostHolding | None
    vacant_since: dt.date | None
    # whose turn it is and whose comes next, for a post that rotates by turn
    turns: PostTurns | None = None


def posts_of(org: Organization) -> QuerySet[Post]:
    """The posts of `org`: its own, and the national offices its record files name
    (declared: a national office belongs to its state, shared by every organization)."""
    return Post.objects.filter(
        Q(organization=org)
        | Q(organization=None, pk__in=Declaration.objects.filter(organization=org).values("post"))
    )


def post_holders_on(org: Organization, day: dt.date) -> list[PostAnswer]:
    """Each post of `org` on `day`, using only the terms appointed by `day`: the
    national offices its record names first, then its own posts, each by slug (on every
    database: PostgreSQL would put the posts of no organization last)."""
    # Their SQL built once (`accord.core.compiled`), run with the organization; the
    # holdings attached as `prefetch_related("holdings")` attaches them.
    posts = compiled.rows(
        ("posts of",),
        lambda pk: (
            posts_of(Organization(pk=pk))
            .select_related("rotation")
            .order_by(F("organization_id").asc(nulls_first=True), "slug")
        ),
        org.pk,
    )
    if posts:
        holdings = compiled.rows(
            ("holdings of posts of",),
            lambda pk: (
                PostHolding.objects.filter(post__in=posts_of(Organization(pk=pk)))
                .select_related("person__party")
                .order_by("start", "pk")
            ),
            org.pk,
        )
        keep_grouped(posts, "holdings", PostHolding, "post", holdings)
    rotating = [post for post in posts if rotation_of(post)]
    members = decision_takers_on(org, day) if rotating else set()
    parties = parties_for([h for p in rotating for h in p.holdings.all()], members)
    answer = []
    for post in posts:
        by_key = {str(h.pk): h for h in post.holdings.all()}
        found = rules.post_on(
            [
                rules.Holding(key, Interval(h.start, h.end), h.appointed_on, h.acting)
                for key, h in by_key.items()
            ],
            day,
        )
        answer.append(
            PostAnswer(
                post,
                by_key[found.holder.key] if found.holder else None,
                by_key[found.next.key] if found.next else None,
                found.vacant_since,
                post_turns_on(post, list(post.holdings.all()), day, members, parties),
            )
        )
    return answer
