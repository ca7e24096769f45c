"""`accord dump ORG`: the organization's record written back in the record format.

What `dump` writes, `load` reads back to the same record: load → dump → load is
lossless. Empty and default values are left out, so the file stays readable.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import yaml
from django.db.models import F, Prefetch, Q

from accord.bodies.models import Body, ChairTerm, RotationRule
from accord.core.dates import PartialDate, Precision
from accord.decisions.models import Action, Decision
from accord.documents import selectors as document_selectors
from accord.documents.models import Document, DocumentType
from accord.meetings.models import (
    AgendaItem,
    Event,
    Meeting,
    Participation,
    Topic,
    co_chair_rows,
    kind_by_default,
)
from accord.publishing.models import PublishingProfile
from accord.records import attendance, document_parties
from accord.records.files import FORMAT
from accord.registry import countries
from accord.registry import selectors as registry_selectors
from accord.registry.models import Membership, MembershipStatus, Organization, Party, Person, Post


def version_of(entry: dict) -> str:
    """The digest of an entry as a dump writes it (its `version` left out)."""
    text = json.dumps(
        {k: v for k, v in entry.items() if k != "version"},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stamped(entry: dict) -> dict:
    """An entry with its `version` (see `records.versions`)."""
    return {**entry, "version": version_of(entry)}


def _nulls_first(field: str) -> Any:
    """Ascending, the empty (NULL) first on every database, so that a record dumps the
    same from SQLite (which sorts NULL first) and PostgreSQL (last)."""
    return F(field).asc(nulls_first=True)


def _clean(mapping: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values (None, '', [], {}, False) — the loader's defaults."""
    return {k: v for k, v in mapping.items() if v not in (None, "", [], {}, False)}


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def _partial(value: Any, precision: str) -> str | None:
    return PartialDate(value, Precision(precision)).isoformat() if value else None


def _span(start: Any, end: Any, precision: str) -> Any:
    if start is None:
        return None
    if end is None or end == start:
        return _partial(start, precision)
    return {"from": _partial(start, precision), "to": _partial(end, precision)}


def _meeting_key(meeting: Meeting) -> int | str:
    return meeting.number if meeting.number is not None else meeting.slug


def _meeting_ref(meeting: Meeting | None) -> dict | None:
    if meeting is None:
        return None
    return {"body": meeting.body.slug, "meeting": _meeting_key(meeting)}


def dump(org: Organization) -> dict[str, Any]:
    record: dict[str, Any] = {"format": FORMAT}
    record["organization"] = _clean(
        {
            "slug": org.slug,
            "name": org.name,
            "names": org.names,
            "short_name": org.short_name,
            "short_names": org.short_names,
            "text_names": org.text_names,
            "founded": _day(org.founded_on),
            "official_languages": org.official_languages,
            "working_languages": org.working_languages,
            "decision_rule": org.decision_rule,
            "description": org.description,
            "source": org.source,
            "note": org.note,
        }
    )
    people = people_of(org)
    record["parties"] = _parties(party_ids_of(org, people))
    record["statuses"] = [
        _clean(
            {
                "id": s.slug,
                "name": s.name,
                "names": s.names,
                "takes_decisions": s.takes_decisions,
                "from": _day(s.valid_from),
                "until": _day(s.valid_until),
            }
        )
        for s in MembershipStatus.objects.filter(organization=org).order_by("rank", "slug")
    ]
    record["memberships"] = [
        _clean(
            {
                "party": m.party.code,
                "status": m.status.slug,
                "from": _day(m.start),
                "to": _day(m.end),
                "source": m.source,
                "note": m.note,
            }
        )
        for m in Membership.objects.filter(organization=org)
        .select_related("party", "status")
        .order_by("start", "party__code")
    ]
    record["document_types"] = [
        _clean({"id": t.slug, "name": t.name, "names": t.names})
        for t in DocumentType.objects.filter(organization=org)
    ]
    record["topics"] = [
        _clean({"id": t.slug, "name": t.name, "names": t.names})
        for t in Topic.objects.filter(organization=org)
    ]
    record["bodies"] = [stamped(_body(b)) for b in _bodies(org)]
    rotation = RotationRule.objects.filter(organization=org).select_related("handover_body").first()
    if rotation is not None:
        record["rotation"] = _clean(
            {
                "order": rotation.order,
                "sequence": rotation.sequence,
                "term": rotation.term,
                "handover_body": rotation.handover_body.slug if rotation.handover_body else None,
            }
        )
    record["chairmanships"] = [
        _clean(
            {
                "party": t.party.code,
                "body": t.body.slug if t.body else None,
                "from": _day(t.start),
                "to": _day(t.end),
                "basis": t.basis if t.basis != "record" else None,
                "decided_at": _meeting_ref(t.decided_at),
                "source": t.source,
                "note": t.note,
            }
        )
        for t in ChairTerm.objects.filter(organization=org)
        .select_related("party", "body", "decided_at__body")
        .order_by(_nulls_first("body__rank"), "start")
    ]
    record["people"] = [
        _clean(
            {
                "id": p.slug,
                "name": p.name,
                "names": p.names,
                "party": p.party.code if p.party else None,
                "source": p.source,
            }
        )
        for p in people
    ]
    record["posts"] = [
        _post(p)
        for p in registry_selectors.posts_of(org)
        .select_related("party", "body")
        .prefetch_related("holdings__person")
        .order_by("slug")
    ]
    record["documents"] = [stamped(_document(d)) for d in _documents(org)]
    record["events"] = [stamped(_event(e)) for e in _events(org)]
    record["meetings"] = [stamped(_meeting(m)) for m in _meetings(org)]
    record["actions"] = [
        _action(a, with_body=True)
        for a in Action.objects.filter(body__organization=org, meeting__isnull=True)
        .select_related(*_ACTION_RELATED)
        .order_by("body__rank", "position")
    ]
    record["publishing"] = _publishing(org)
    return {k: v for k, v in record.items() if v not in ([], {}, None)}


def _publishing(org: Organization) -> dict | None:
    profile = PublishingProfile.objects.filter(organization=org).select_related("issuer").first()
    if profile is None:
        return None
    return _clean(
        {
            "languages": profile.languages,
            "record_language": profile.record_language if profile.record_language != "en" else None,
            "issuer": profile.issuer.slug if profile.issuer_id else None,
            "timezone": profile.timezone,
            "press_release": profile.press_release_style,
            "information_report": profile.information_report_style,
            "terms": profile.terms,
            "listing_order": _clean(
                {
                    "by": profile.listing_order,
                    "language": profile.listing_language,
                    "parties": profile.protocol_order,
                }
            )
            if profile.listing_order != "name" or profile.listing_language
            else None,
            "letterhead": profile.letterhead,
        }
    )


def as_yaml(record: dict[str, Any]) -> str:
    header = (
        f"# Accord record of {record['organization']['slug']}, written by `accord dump`.\n"
        "# Schema: src/accord/records/schema.json\n"
    )
    return header + yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)


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
    frontier = set(
        Party.objects.filter(pk__in=ids, parent__isnull=False).values_list("parent", flat=True)
    )
    while frontier - ids:
        ids |= frontier
        frontier = set(
            Party.objects.filter(pk__in=frontier, parent__isnull=False).values_list(
                "parent", flat=True
            )
        )
    return ids


def _parties(ids: set[int]) -> list[dict]:
    """The parties `ids` as a dump writes them. Plain states, with their ISO names, are
    left out: a load creates them on reference."""
    parties = []
    for p in Party.objects.filter(pk__in=ids).select_related("parent").order_by("kind", "code"):
        plain = p.names == countries.names(p.code) and not p.source and not p.text_names
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
                    "parent": p.parent.code if p.parent else None,
                    "source": p.source,
                }
            )
        )
    return parties


def _rotation_codes(org: Organization) -> list[str]:
    rule = RotationRule.objects.filter(organization=org).first()
    return list(rule.sequence) if rule else []


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
        kinds = (power.document_type.slug,) if power.document_type else ()
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
            "source": p.source,
        }
    )


def _documents(org: Organization) -> list[Document]:
    return list(
        Document.objects.filter(organization=org)
        .select_related("type", "author_body", "author_party", "restricted_to_body")
        .prefetch_related(
            "shared_with",
            "relations__target",
            "versions",
            "measures__responsible_body",
            "measures__responsible_party",
            "progress_reports__measure",
            "progress_reports__report",
            "progress_reports__meeting__body",
            "progress_reports__reported_by",
            *document_selectors.parties_prefetch(),
        )
        .order_by(_nulls_first("date"), "slug")
    )


def _document(d: Document) -> dict:
    named = document_parties.values_of(d)
    return _clean(
        {
            "id": d.slug,
            "type": d.type.slug,
            "title": d.title,
            "titles": d.titles,
            "date": _partial(d.date, d.date_precision),
            "period": d.period,
            "purpose": d.purpose,
            "purposes": d.purposes,
            "author_body": d.author_body.slug if d.author_body else None,
            "author_party": (
                d.author_party.code if d.author_party and "author_parties" not in named else None
            ),
            **named,
            "classification": d.classification if d.classification != "public" else None,
            "restricted_to": d.restricted_to_body.slug if d.restricted_to_body else None,
            "shared_with": sorted(p.code for p in d.shared_with.all()),
            "relations": [
                _clean({"kind": r.kind, "target": r.target.slug, "source": r.source})
                for r in d.relations.all()
            ],
            "versions": [
                _clean(
                    {
                        "number": v.number,
                        "language": v.language,
                        "date": _day(v.date),
                        "text": v.text,
                        "source": v.source,
                    }
                )
                for v in d.versions.all()
            ],
            "measures": [
                _clean(
                    {
                        "id": m.slug,
                        "text": m.text,
                        "texts": m.texts,
                        "responsible_body": m.responsible_body.slug if m.responsible_body else None,
                        "responsible_party": m.responsible_party.code
                        if m.responsible_party
                        else None,
                        "due": _day(m.due),
                        "source": m.source,
                    }
                )
                for m in d.measures.all()
            ],
            "progress": [
                _clean(
                    {
                        "date": _day(r.date),
                        "status": r.status,
                        "measure": r.measure.slug if r.measure else None,
                        "report": r.report.slug if r.report else None,
                        "meeting": _meeting_ref(r.meeting),
                        "reported_by": r.reported_by.slug if r.reported_by else None,
                        "source": r.source,
                        "note": r.note,
                    }
                )
                for r in d.progress_reports.all()
            ],
            "source": d.source,
            "note": d.note,
        }
    )


def _events(org: Organization) -> list[Event]:
    return list(
        Event.objects.filter(organization=org)
        .select_related("country", "organiser", "host_body")
        .prefetch_related("participants__party")
        .order_by(_nulls_first("start"), "slug")
    )


def _event(e: Event) -> dict:
    return _clean(
        {
            "id": e.slug,
            "name": e.name,
            "names": e.names,
            "kind": e.kind if e.kind != "other" else None,
            "date": _span(e.start, e.end, e.date_precision),
            "place": e.place,
            "place_names": e.place_names,
            "city": e.city,
            "city_names": e.city_names,
            "country": e.country.code if e.country else None,
            "organiser": e.organiser.code if e.organiser else None,
            "host_body": e.host_body.slug if e.host_body else None,
            "participants": [
                _clean(
                    {
                        "party": p.party.code,
                        "role": p.role if p.role != "participant" else None,
                        "first_participation": p.first_participation,
                        "detail": p.detail,
                        "detail_names": p.detail_names,
                        "source": p.source,
                    }
                )
                for p in e.participants.all()
            ],
            "source": e.source,
            "note": e.note,
        }
    )


_ACTION_RELATED = (
    "body",
    "target_post",
    "document",
    "agenda_item__meeting__body",
    "event",
    "target_body",
    "target_meeting",
    "by_person",
)


def meetings_of(org: Organization, *, body: str | None = None) -> list[Meeting]:
    """The organization's meetings (of one body), with all they hold."""
    found = Meeting.objects.filter(body__organization=org)
    if body is not None:
        found = found.filter(body__slug=body)
    return _meetings(org, found)


def entries_by_key(org: Organization, section: str) -> dict[str, dict]:
    """Every entry of `section` (bodies, documents, events, meetings) as `dump` writes it
    (without its version), by its key in a file: `id`, or `body/id` and `body/number`
    for a meeting."""
    if section == "meetings":
        found: dict[str, dict] = {}
        for m in meetings_of(org):
            entry = _meeting(m)
            found[f"{m.body.slug}/{m.slug}"] = entry
            if m.number is not None:
                found.setdefault(f"{m.body.slug}/{m.number}", entry)
        return found
    rows = {"bodies": (_bodies, _body), "documents": (_documents, _document)}
    rows["events"] = (_events, _event)
    many, one = rows[section]
    return {r.slug: one(r) for r in many(org)}


def meeting_entry(m: Meeting) -> dict:
    """One meeting as `dump` writes it."""
    return _meeting(m)


def entry_of(org: Organization, section: str, slug: str) -> dict | None:
    """One body, post, document or event of `org` as `dump` writes it (None: none)."""
    if section == "bodies":
        found = [b for b in _bodies(org) if b.slug == slug]
        return _body(found[0]) if found else None
    if section == "posts":
        post = (
            Post.objects.filter(Q(organization=org) | Q(organization=None), slug=slug)
            .order_by(F("organization").asc(nulls_last=True))
            .select_related("party", "body")
            .prefetch_related("holdings__person")
            .first()
        )
        return _post(post) if post else None
    if section == "documents":
        found = [d for d in _documents(org) if d.slug == slug]
        return _document(found[0]) if found else None
    if section == "events":
        found = [e for e in _events(org) if e.slug == slug]
        return _event(found[0]) if found else None
    return None


def _votes(d: Decision) -> dict | None:
    counts = {
        "in_favour": d.votes_in_favour,
        "against": d.votes_against,
        "abstaining": d.votes_abstaining,
    }
    return {k: v for k, v in counts.items() if v is not None} or None


def _meetings(org: Organization, found: Any = None) -> list[Meeting]:
    if found is None:
        found = Meeting.objects.filter(body__organization=org)
    return list(
        found.select_related("body", "country", "host", "chair", "chair_person", "prepares__body")
        .prefetch_related(
            co_chair_rows(),
            Prefetch(
                "participants",
                queryset=Participation.objects.select_related(
                    "party", "person", "joined_at_item", "left_at_item"
                ),
            ),
            Prefetch("agenda", queryset=AgendaItem.objects.prefetch_related("topics", "events")),
            Prefetch(
                "actions",
                queryset=Action.objects.select_related(*_ACTION_RELATED).order_by("position"),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("document").prefetch_related(
                    "positions__party"
                ),
            ),
            "statements__person",
            "statements__party",
            "statements__agenda_item",
        )
        .order_by("body__rank", "start", "slug")
    )


def _meeting(m: Meeting) -> dict:
    return _clean(
        {
            "body": m.body.slug,
            "number": m.number,
            "id": m.slug if m.slug != str(m.number) else None,
            "kind": m.kind if m.kind != kind_by_default(m.number) else None,
            "title": m.title,
            "titles": m.titles,
            "date": _span(m.start, m.end, m.date_precision),
            "city": m.city,
            "city_names": m.city_names,
            "country": m.country.code if m.country else None,
            "venue": m.venue,
            "mode": m.mode if m.mode != "in-person" else None,
            "host": m.host.code if m.host else None,
            "chair": m.chair.code if m.chair else None,
            "chair_person": m.chair_person.slug if m.chair_person else None,
            "co_chairs": [
                {"party": c.party.code, "person": c.person.slug} if c.person else c.party.code
                for c in sorted(m.co_chair_rows.all(), key=lambda c: c.party.code)
            ],
            "format": m.format if m.format != "restricted" else None,
            "prepares": _meeting_ref(m.prepares),
            "classification": m.classification if m.classification != "public" else None,
            "outcome": m.outcome,
            "outcomes": m.outcomes,
            "participants": [
                _clean(
                    {
                        "party": p.party.code if p.party else None,
                        "person": p.person.slug if p.person else None,
                        "role": p.role if p.role != "delegation" else None,
                        "head": p.head_of_delegation,
                        "post": p.post_title,
                        "post_names": p.post_names,
                        **attendance.attendance_record(p),
                        "source": p.source,
                        "note": p.note,
                    }
                )
                for p in m.participants.all()
            ],
            "agenda": [
                _clean(
                    {
                        "id": i.slug,
                        "title": i.title,
                        "titles": i.titles,
                        "kind": i.kind if i.kind != "discussion" else None,
                        "topics": [t.slug for t in i.topics.all()],
                        "emphasis": i.emphasis,
                        "events": [e.slug for e in i.events.all()],
                        "classification": i.classification
                        if i.classification != "public"
                        else None,
                        "source": i.source,
                        "note": i.note,
                    }
                )
                for i in m.agenda.all()
            ],
            "actions": [_action(a, meeting=m) for a in m.actions.all()],
            "decisions": [
                _clean(
                    {
                        "id": d.slug,
                        "title": d.title,
                        "titles": d.titles,
                        "document": d.document.slug if d.document else None,
                        "outcome": d.outcome,
                        "procedure": d.procedure,
                        "votes": _votes(d),
                        "date": d.date.isoformat() if d.date else None,
                        "classification": d.classification
                        if d.classification != "public"
                        else None,
                        "positions": [
                            _clean(
                                {
                                    "party": p.party.code,
                                    "stance": p.stance,
                                    "statement": p.statement,
                                }
                            )
                            for p in d.positions.all()
                        ],
                        "source": d.source,
                        "note": d.note,
                    }
                )
                for d in m.decisions.all()
            ],
            "statements": [
                _clean(
                    {
                        **attendance.statement_speaker(s),
                        "date": _day(s.date),
                        "after_meeting": s.after_meeting,
                        "text": s.text,
                        "texts": s.texts,
                        "item": s.agenda_item.slug if s.agenda_item else None,
                        "source": s.source,
                        "note": s.note,
                    }
                )
                | ({} if s.verbatim else {"verbatim": False})
                for s in m.statements.all()
            ],
            "source": m.source,
            "note": m.note,
        }
    )


def _action(a: Action, *, meeting: Meeting | None = None, with_body: bool = False) -> dict:
    item: Any = None
    if a.agenda_item is not None:
        home = a.agenda_item.meeting
        if meeting is not None and home.pk == meeting.pk:
            item = a.agenda_item.slug
        else:
            item = {
                "body": home.body.slug,
                "meeting": _meeting_key(home),
                "item": a.agenda_item.slug,
            }
    date = _partial(a.date, a.date_precision)
    if (
        meeting is not None
        and a.date == meeting.start
        and a.date_precision == meeting.date_precision
    ):
        date = None
    return _clean(
        {
            "body": a.body.slug if with_body else None,
            "verb": a.verb,
            "date": date,
            "document": a.document.slug if a.document else None,
            "item": item,
            "event": a.event.slug if a.event else None,
            "by": a.by_person.slug if a.by_person else None,
            "to": a.target_body.slug if a.target_body else None,
            "to_meeting": _meeting_key(a.target_meeting) if a.target_meeting else None,
            "to_post": a.target_post.slug if a.target_post else None,
            "purpose": a.purpose,
            "classification": a.classification if a.classification != "public" else None,
            "source": a.source,
            "note": a.note,
        }
    )
