"""Popolo JSON (popoloproject.com): an organization's parties, bodies, people, posts and
memberships, out and back in.

- `organizations`: the organization itself (classification `organization`), its
  bodies (`body`, `parent_id` the body reported to, else the organization) and every
  party it names (`state`, `organization`, `agency`; states carry their ISO 3166 code
  as an identifier).
- `persons`, and `posts` (an office of the organization, of a body or of a party).
- `memberships`: a party's status in the organization over an interval (`member`
  names the party, `role` the status), and a person's term in a post (`person_id`,
  `post_id`).
- The organization's status types travel with it (`statuses`), so that an import
  can restore what `role` refers to.

Import goes through the registry and bodies services, so every rule of the domain
holds (one status at a time, one holder at a time ...) and every write is audited.
Export, import into an empty database, export again: the same JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from accord.bodies import services as bodies
from accord.bodies.inputs import BodyFields
from accord.bodies.models import Body
from accord.core.dates import parse_date
from accord.core.errors import DomainError, Problem
from accord.core.fields import KEEP
from accord.core.persist import Tally
from accord.publishing.post_turns import popolo_rotation
from accord.registry import selectors as registry_selectors
from accord.registry import services as registry
from accord.registry.inputs import (
    HoldingFields,
    OrganizationFields,
    PersonFields,
    PostFields,
    StatusFields,
)
from accord.registry.models import (
    Membership,
    MembershipStatus,
    Organization,
    Party,
    Person,
    PostHolding,
)

ISO = "ISO 3166-1 alpha-2"


def _other_names(names: dict[str, str]) -> list[dict[str, str]]:
    return [{"name": v, "note": k} for k, v in sorted(names.items())]


def _names(other: list[dict[str, str]] | None) -> dict[str, str]:
    return {x["note"]: x["name"] for x in other or [] if x.get("note") and x.get("name")}


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def party_id(code: str) -> str:
    return f"party/{code}"


def body_id(org: Organization, slug: str) -> str:
    return f"{org.slug}/body/{slug}"


def export(org: Organization, on: dt.date | None = None) -> dict[str, Any]:
    """The organization's registry as Popolo JSON (a plain dict); a post that rotates by
    turn says whose turn it is on `on` (default: today) and whose comes next, in an
    extension property `rotation`."""
    day = on or timezone.localdate()
    turns = {a.post.pk: a.turns for a in registry_selectors.post_holders_on(org, day) if a.turns}
    bodies_ = list(Body.objects.filter(organization=org).select_related("reports_to"))
    memberships = list(
        Membership.objects.filter(organization=org)
        .select_related("party", "status")
        .order_by("party__code", "start")
    )
    posts = list(registry_selectors.posts_of(org).select_related("party", "body").order_by("slug"))
    holdings = list(
        PostHolding.objects.filter(post__in=registry_selectors.posts_of(org))
        .select_related("post", "person")
        .order_by("post__slug", "start")
    )
    people = {h.person_id for h in holdings}
    codes = {m.party.code for m in memberships} | {
        p.party.code for p in posts if p.party is not None
    }
    persons = list(Person.objects.filter(pk__in=people).select_related("party").order_by("slug"))
    codes |= {p.party.code for p in persons if p.party is not None}
    parties = {p.code: p for p in Party.objects.filter(code__in=codes).select_related("parent")}
    # Parents of parties (UNODC is part of the UN), however deep.
    missing = {p.parent.code for p in parties.values() if p.parent is not None} - set(parties)
    while missing:
        found = Party.objects.filter(code__in=missing).select_related("parent")
        parties |= {p.code: p for p in found}
        missing = {p.parent.code for p in found if p.parent is not None} - set(parties)
    organizations = [
        _clean(
            {
                "id": org.slug,
                "name": org.name,
                "other_names": _other_names(org.names),
                "classification": "organization",
                "founding_date": _day(org.founded_on),
                "identifiers": [{"scheme": "accord", "identifier": org.slug}],
                "short_name": org.short_name,
                "short_names": org.short_names,
                "statuses": [
                    _clean(
                        {
                            "id": s.slug,
                            "name": s.name,
                            "other_names": _other_names(s.names),
                            "takes_decisions": s.takes_decisions or None,
                            "valid_from": _day(s.valid_from),
                            "valid_until": _day(s.valid_until),
                        }
                    )
                    for s in MembershipStatus.objects.filter(organization=org).order_by(
                        "rank", "slug"
                    )
                ],
            }
        )
    ]
    organizations += [
        _clean(
            {
                "id": body_id(org, b.slug),
                "name": b.name,
                "other_names": _other_names(b.names),
                "classification": "body",
                "parent_id": body_id(org, b.reports_to.slug)
                if b.reports_to is not None
                else org.slug,
                "founding_date": _day(b.founded_on),
                "identifiers": [{"scheme": "accord", "identifier": b.slug}],
                "short_name": b.short_name,
            }
        )
        for b in sorted(bodies_, key=lambda b: (b.rank, b.slug))
    ]
    organizations += [
        _clean(
            {
                "id": party_id(p.code),
                "name": p.name,
                "other_names": _other_names(p.names),
                "classification": p.kind,
                "parent_id": party_id(p.parent.code) if p.parent is not None else None,
                "sources": [{"note": p.source}] if p.source else None,
                "identifiers": [
                    {"scheme": ISO if p.kind == "state" else "accord", "identifier": p.code}
                ],
            }
        )
        for p in sorted(parties.values(), key=lambda p: p.code)
    ]
    return {
        "organizations": organizations,
        "persons": [
            _clean(
                {
                    "id": p.slug,
                    "name": p.name,
                    "other_names": _other_names(p.names),
                    "national_identity": party_id(p.party.code) if p.party is not None else None,
                }
            )
            for p in persons
        ],
        "posts": [
            _clean(
                {
                    "id": f"{org.slug}/post/{p.slug}",
                    "label": p.name,
                    "other_labels": _other_names(p.names),
                    "organization_id": (
                        body_id(org, p.body.slug)
                        if p.body is not None
                        else party_id(p.party.code)
                        if p.party is not None
                        else org.slug
                    ),
                    "party_id": party_id(p.party.code) if p.party is not None else None,
                    "rotation": (
                        popolo_rotation(turns[p.pk], day.isoformat(), party_id)
                        if p.pk in turns
                        else None
                    ),
                }
            )
            for p in posts
        ],
        "memberships": [
            _clean(
                {
                    "id": f"{org.slug}/membership/{m.party.code}/{m.start.isoformat()}",
                    "member": {"@type": "Organization", "id": party_id(m.party.code)},
                    "organization_id": org.slug,
                    "role": m.status.slug,
                    "start_date": _day(m.start),
                    "end_date": _day(m.end),
                    "sources": [{"note": m.source}] if m.source else None,
                    "note": m.note,
                }
            )
            for m in memberships
        ]
        + [
            _clean(
                {
                    "id": f"{org.slug}/holding/{h.post.slug}/{h.start.isoformat()}",
                    "person_id": h.person.slug,
                    "post_id": f"{org.slug}/post/{h.post.slug}",
                    "organization_id": org.slug,
                    "role": h.post.name,
                    "start_date": _day(h.start),
                    "end_date": _day(h.end),
                    "appointed_on": _day(h.appointed_on),
                    "acting": h.acting or None,
                }
            )
            for h in holdings
        ],
    }


def _date(raw: str | None, field: str) -> dt.date | None:
    if raw is None:
        return None
    try:
        return parse_date(raw)
    except ValueError as exc:
        raise DomainError.at(field, str(exc)) from None


def _source(entry: dict[str, Any]) -> str:
    return " ".join(s.get("note", "") for s in entry.get("sources", []) if s.get("note"))


# What reading a document of another shape than Popolo's raises: a field missing, a
# list where an object belongs, a string where a list does.
_SHAPE = (KeyError, IndexError, TypeError, AttributeError)


def _shape_problem(exc: Exception, prefix: str) -> DomainError:
    if isinstance(exc, KeyError) and exc.args:
        return DomainError.at(
            f"{prefix}.{exc.args[0]}" if prefix else str(exc.args[0]), "is required"
        )
    return DomainError.at(prefix, f"is not shaped as Popolo JSON is here ({exc})")


def _under(prefix: str, run: Any) -> Any:
    try:
        return run()
    except DomainError as exc:
        raise exc.under(prefix) from None
    except _SHAPE as exc:
        raise _shape_problem(exc, prefix) from None


def import_(data: dict[str, Any], tally: Tally | None = None) -> Organization:
    """Load Popolo JSON written by `export` (through the services, in one transaction);
    a DomainError names the path inside the document and the reason (a document of
    another shape, too: a field missing, a value of the wrong kind)."""
    try:
        return _import(data, tally)
    except _SHAPE as exc:
        raise _shape_problem(exc, "") from None


def _import(data: dict[str, Any], tally: Tally | None) -> Organization:
    tally = tally if tally is not None else Tally()
    if not isinstance(data, dict) or not isinstance(data.get("organizations"), list):
        raise DomainError.at("organizations", "a Popolo document needs a list of organizations")
    orgs = [o for o in data["organizations"] if o.get("classification") == "organization"]
    if len(orgs) != 1:
        raise DomainError.at("organizations", "exactly one organization of the record is expected")
    with transaction.atomic():
        head = orgs[0]
        org = _under(
            "organizations[0]",
            lambda: registry.save_organization(
                head["id"],
                OrganizationFields(
                    name=head["name"],
                    names=_names(head.get("other_names")),
                    short_name=head.get("short_name", ""),
                    short_names=head.get("short_names", {}),
                    founded_on=_date(head.get("founding_date"), "founding_date"),
                ),
                tally,
            ),
        )
        statuses = {}
        for i, s in enumerate(head.get("statuses", [])):
            statuses[s["id"]] = _under(
                f"organizations[0].statuses[{i}]",
                lambda s=s, i=i: registry.save_status(
                    org,
                    s["id"],
                    StatusFields(
                        name=s["name"],
                        names=_names(s.get("other_names")),
                        takes_decisions=bool(s.get("takes_decisions")),
                        valid_from=_date(s.get("valid_from"), "valid_from"),
                        valid_until=_date(s.get("valid_until"), "valid_until"),
                        rank=i,
                    ),
                    tally,
                ),
            )
        parties: dict[str, Party] = {}
        entries = {o["id"]: (i, o) for i, o in enumerate(data["organizations"])}

        def party(pid: str, path: str) -> Party:
            if pid in parties:
                return parties[pid]
            if pid not in entries or not pid.startswith("party/"):
                raise DomainError.at(path, f"unknown party {pid!r}")
            i, o = entries[pid]
            parent = (
                party(o["parent_id"], f"organizations[{i}].parent_id")
                if o.get("parent_id")
                else None
            )
            parties[pid] = _under(
                f"organizations[{i}]",
                lambda: registry.save_party(
                    o["identifiers"][0]["identifier"],
                    o["classification"],
                    name=o["name"],
                    names=_names(o.get("other_names")),
                    parent=parent,
                    source=_source(o),
                    tally=tally,
                ),
            )
            return parties[pid]

        for pid in entries:
            if pid.startswith("party/"):
                party(pid, "organizations")
        found_bodies: dict[str, Body] = {}
        listed = [o["id"] for o in data["organizations"] if o.get("classification") == "body"]
        ranks = {bid: rank for rank, bid in enumerate(listed)}

        def body(bid: str, path: str) -> Body:
            if bid in found_bodies:
                return found_bodies[bid]
            if bid not in entries or entries[bid][1].get("classification") != "body":
                raise DomainError.at(path, f"unknown body {bid!r}")
            i, o = entries[bid]
            parent = o.get("parent_id")
            reports_to = (
                body(parent, f"organizations[{i}].parent_id") if parent != org.slug else None
            )
            found_bodies[bid] = _under(
                f"organizations[{i}]",
                lambda: bodies.save_body(
                    org,
                    o["identifiers"][0]["identifier"],
                    BodyFields(
                        name=o["name"],
                        names=_names(o.get("other_names")),
                        short_name=o.get("short_name", ""),
                        reports_to=reports_to,
                        founded_on=_date(o.get("founding_date"), "founding_date"),
                        rank=ranks[bid],
                    ),
                    tally,
                ),
            )
            return found_bodies[bid]

        for bid, (_, o) in entries.items():
            if o.get("classification") == "body":
                body(bid, "organizations")
        people = {}
        for i, p in enumerate(data.get("persons", [])):
            nationality = p.get("national_identity")
            people[p["id"]] = _under(
                f"persons[{i}]",
                lambda p=p, nationality=nationality, i=i: registry.save_person(
                    p["id"],
                    PersonFields(
                        name=p["name"],
                        names=_names(p.get("other_names")),
                        party=party(nationality, f"persons[{i}].national_identity")
                        if nationality
                        else None,
                    ),
                    tally,
                ),
            )
        posts = {}
        offices = []
        for i, p in enumerate(data.get("posts", [])):
            owner = p.get("organization_id", org.slug)
            slug = p["id"].rsplit("/", 1)[-1]
            of_body = owner.startswith(f"{org.slug}/body/")
            fields: PostFields = _under(
                f"posts[{i}]",
                lambda p=p, owner=owner, of_body=of_body, i=i: PostFields(
                    name=p["label"],
                    names=_names(p.get("other_labels")),
                    body=body(owner, f"posts[{i}].organization_id") if of_body else None,
                    party=party(p["party_id"], f"posts[{i}].party_id")
                    if p.get("party_id")
                    else None,
                ),
            )
            if fields.party is not None and fields.body is None:
                # A state's own office (its president, its security council secretary):
                # a national office, shared by every organization that names it.
                office = _under(
                    f"posts[{i}]",
                    lambda slug=slug, fields=fields: registry.save_office(
                        slug, dataclasses.replace(fields, body=KEEP), tally
                    ),
                )
                offices.append(office)
                posts[p["id"]] = office
                continue
            posts[p["id"]] = _under(
                f"posts[{i}]",
                lambda slug=slug, fields=fields: registry.save_post(org, slug, fields, tally),
            )
        registry.declare(org, (), (), tally, offices=offices)
        for i, m in enumerate(data.get("memberships", [])):
            path = f"memberships[{i}]"
            start = _under(path, lambda m=m: _date(m.get("start_date"), "start_date"))
            end = _under(path, lambda m=m: _date(m.get("end_date"), "end_date"))
            if start is None:
                raise DomainError(Problem(f"{path}.start_date", "a membership needs a start date"))
            if m.get("post_id"):
                if m["post_id"] not in posts or m.get("person_id") not in people:
                    raise DomainError.at(path, "names a post or person not in the document")
                _under(
                    path,
                    lambda m=m, start=start, end=end: registry.save_holding(
                        posts[m["post_id"]],
                        people[m["person_id"]],
                        start,
                        end,
                        HoldingFields(
                            appointed_on=_date(m.get("appointed_on"), "appointed_on"),
                            acting=bool(m.get("acting")),
                        ),
                        tally,
                    ),
                )
                continue
            if m.get("role") not in statuses:
                raise DomainError.at(f"{path}.role", f"unknown status {m.get('role')!r}")
            member = party(m.get("member", {}).get("id", ""), f"{path}.member")
            _under(
                path,
                lambda m=m, start=start, end=end, member=member: registry.save_membership(
                    org,
                    member,
                    statuses[m["role"]],
                    start,
                    end,
                    source=_source(m),
                    note=m.get("note", ""),
                    tally=tally,
                ),
            )
    return org
