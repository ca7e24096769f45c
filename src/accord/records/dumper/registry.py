"""The registry and bodies sections of a dump: parties, bodies and powers, people and posts."""

from __future__ import annotations

from typing import cast

from django.db.models import Q

from accord.bodies.models import Body, RotationRule
from accord.documents.models import Document
from accord.meetings.models import (
    Event,
    Meeting,
)
from accord.records.dumper.values import _clean, _day
from accord.registry import countries
from accord.registry.models import Organization, Party, Person, Post, PostRotation
from accord.registry.turns import rotation_of


def party_ids_of(org: Organization, people: list[Person]) -> set[int]:
    """The parties the organization's record names (those of `people` included) or its
    files defined, with the parties they are part of: all that its dump needs to load
    alone, nothing another organization alone uses."""
    # One query per way a party is named: joined together in one query (OR of outer
    # joins), the rows multiply with every membership, participation and position.
    ids: set[int] = set()
    for path in (
        "memberships__organization",
        "chair_terms__organization",
        "participations__meeting__body__organization",
        "event_participations__event__organization",
        "organised_events__organization",
        "posts__organization",
        "positions__decision__meeting__body__organization",
        "measures__document__organization",
        "declarations__organization",
        "co_authored__document__organization",
        "signed__document__organization",
    ):
        ids |= set(Party.objects.filter(**{path: org}).values_list("pk", flat=True).distinct())
    ids |= {p.party_id for p in people if p.party_id is not None}
    meetings = Meeting.objects.filter(body__organization=org)
    for column in ("country", "host", "chair", "co_chairs"):  # co-chairs: their parties
        ids |= set(meetings.exclude(**{column: None}).values_list(column, flat=True))
    events = Event.objects.filter(organization=org).exclude(country=None)
    ids |= set(events.values_list("country", flat=True))
    documents = Document.objects.filter(organization=org)
    ids |= set(documents.exclude(author_party=None).values_list("author_party", flat=True))
    ids |= set(documents.exclude(shared_with=None).values_list("shared_with", flat=True))
    ids |= set(Party.objects.filter(code__in=_rotation_codes(org)).values_list("pk", flat=True))
    # The parents of parties that have one (`parent__isnull=False`): no None among them.
    frontier = cast(
        "set[int]",
        set(
            Party.objects.filter(pk__in=ids, parent__isnull=False).values_list("parent", flat=True)
        ),
    )
    while frontier - ids:
        ids |= frontier
        frontier = cast(
            "set[int]",
            set(
                Party.objects.filter(pk__in=frontier, parent__isnull=False).values_list(
                    "parent", flat=True
                )
            ),
        )
    return ids


def _parties(ids: set[int]) -> list[dict]:
    """The parties `ids` as a dump writes them. Plain states, with their ISO names, are
    left out: a load creates them on reference."""
    parties = []
    for p in Party.objects.filter(pk__in=ids).select_related("parent").order_by("kind", "code"):
        plain = (
            p.names == countries.names(p.code)
            and not p.source
            and not p.text_names
            and not p.side_names
        )
        if p.kind == "state" and plain:
            continue
        if p.kind == "state":
            own = {k: v for k, v in p.names.items() if countries.names(p.code).get(k) != v}
            name = p.name if p.name != countries.names(p.code).get("en") else None
            parties.append(
                _clean(
                    {
                        "code": p.code,
                        "kind": p.kind,
                        "name": name,
                        "names": own,
                        "text_names": p.text_names,
                        "side_names": p.side_names,
                        "source": p.source,
                    }
                )
            )
            continue
        parties.append(
            _clean(
                {
                    "code": p.code,
                    "kind": p.kind,
                    "name": p.name,
                    "names": p.names,
                    "text_names": p.text_names,
                    "side_names": p.side_names,
                    "parent": p.parent.code if p.parent else None,
                    "source": p.source,
                }
            )
        )
    return parties


def _rotation_codes(org: Organization) -> list[str]:
    """The parties a rotation's sequence names (the chair's, and each rotating post's)."""
    rule = RotationRule.objects.filter(organization=org).first()
    posts = PostRotation.objects.filter(post__organization=org).values_list("sequence", flat=True)
    return (list(rule.sequence) if rule else []) + [c for seq in posts for c in seq]


def _bodies(org: Organization) -> list[Body]:
    rows = list(
        Body.objects.filter(organization=org)
        .select_related("reports_to")
        .prefetch_related("powers__document_type")
        .order_by("rank", "slug")
    )
    return rows


def _body(b: Body) -> dict:
    grouped: dict[tuple[str, ...], list[str]] = {}
    for power in b.powers.all():
        kinds: tuple[str, ...] = (power.document_type.slug,) if power.document_type else ()
        grouped.setdefault(kinds, []).append(power.verb)
    # One entry per set of verbs that share the same document types.
    by_verbs: dict[tuple[str, ...], list[str]] = {}
    for kinds, verbs in grouped.items():
        by_verbs.setdefault(tuple(sorted(verbs)), []).extend(kinds)
    powers = [
        _clean({"verbs": list(verbs), "document_types": sorted(kinds)})
        for verbs, kinds in sorted(by_verbs.items())
    ]
    return _clean(
        {
            "id": b.slug,
            "name": b.name,
            "names": b.names,
            "short_name": b.short_name,
            "reports_to": b.reports_to.slug if b.reports_to else None,
            "founded": _day(b.founded_on),
            "meets_since": b.meets_since,
            "chair_rule": b.chair_rule if b.chair_rule != "presidency" else None,
            "decision_rule": b.decision_rule,
            "function": b.function,
            "described_as": b.described_as,
            "powers": powers,
            "source": b.source,
            "note": b.note,
        }
    )


def people_of(org: Organization) -> list[Person]:
    """The people the organization's record names or its files defined (a person
    nothing refers to yet included)."""
    # A subquery per way a person is named (see `_parties`): no row multiplies.
    named = Q()
    for path in (
        "holdings__post__organization",
        "holdings__post__declarations__organization",
        "participations__meeting__body__organization",
        "statements__meeting__body__organization",
        "actions__body__organization",
        "declarations__organization",
        "chaired_meetings__body__organization",
        "co_chaired__meeting__body__organization",
        "signed__document__organization",
    ):
        named |= Q(pk__in=Person.objects.filter(**{path: org}).values("pk"))
    return list(Person.objects.filter(named).select_related("party").order_by("slug"))


def _post(p: Post) -> dict:
    return _clean(
        {
            "id": p.slug,
            "name": p.name,
            "names": p.names,
            "party": p.party.code if p.party else None,
            "body": p.body.slug if p.body else None,
            "holders": [
                _clean(
                    {
                        "person": h.person.slug,
                        "from": _day(h.start),
                        "to": _day(h.end),
                        "appointed": _day(h.appointed_on),
                        "acting": h.acting,
                        "source": h.source,
                        "note": h.note,
                    }
                )
                for h in p.holdings.all()
            ],
            "rotation": _rotation(p),
            "source": p.source,
        }
    )


def _rotation(p: Post) -> dict | None:
    rule = rotation_of(p)
    if rule is None:
        return None
    return _clean(
        {
            "order": rule.order,
            "language": rule.language,
            "sequence": rule.sequence,
            "term_years": rule.term_years,
        }
    )
