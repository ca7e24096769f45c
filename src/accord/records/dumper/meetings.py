"""The events and meetings sections of a dump, with each meeting's record and actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import F, Prefetch, Q

from accord.decisions.decides import EFFECT_RELATED
from accord.decisions.models import Action, Decision, Effect
from accord.meetings.joint import joint_rows
from accord.meetings.models import (
    AgendaItem,
    Event,
    Meeting,
    Participation,
    co_chair_rows,
    kind_by_default,
    session_rows,
)
from accord.records import attendance
from accord.records.defaults import unless_default
from accord.records.dumper.decides import decides_record
from accord.records.dumper.documents import _document, _documents
from accord.records.dumper.joint import joint_bodies
from accord.records.dumper.plans import plan_entries
from accord.records.dumper.registry import _bodies, _body, _post
from accord.records.dumper.sessions import session_of_item, sessions_of
from accord.records.dumper.values import (
    _clean,
    _day,
    _meeting_key,
    _meeting_ref,
    _nulls_first,
    _partial,
    _span,
)
from accord.registry.models import Organization, Post


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
            "kind": unless_default("events", "kind", e.kind),
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
                        "role": unless_default("events.participants", "role", p.role),
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
    rows: dict[str, tuple[Callable[[Organization], Iterable[Any]], Callable[[Any], dict]]] = {
        "bodies": (_bodies, _body),
        "documents": (_documents, _document),
    }
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
            .select_related("party", "body", "rotation")
            .prefetch_related("holdings__person")
            .first()
        )
        return _post(post) if post else None
    if section == "documents":
        documents = [d for d in _documents(org) if d.slug == slug]
        return _document(documents[0]) if documents else None
    if section == "events":
        events = [e for e in _events(org) if e.slug == slug]
        return _event(events[0]) if events else None
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
            joint_rows(),
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
                    "positions__party",
                    Prefetch("effects", Effect.objects.select_related(*EFFECT_RELATED)),
                ),
            ),
            "statements__person",
            "statements__party",
            "statements__agenda_item",
            "plan_changes__country",
            session_rows(),
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
            "mode": unless_default("meetings", "mode", m.mode),
            "plan": plan_entries(m),
            "host": m.host.code if m.host else None,
            "chair": m.chair.code if m.chair else None,
            "chair_person": m.chair_person.slug if m.chair_person else None,
            "co_chairs": [
                {"party": c.party.code, "person": c.person.slug} if c.person else c.party.code
                for c in sorted(m.co_chair_rows.all(), key=lambda c: c.party.code)
            ],
            "joint_bodies": joint_bodies(m),
            "format": m.format if m.format != "restricted" else None,
            "prepares": _meeting_ref(m.prepares),
            "classification": unless_default("meetings", "classification", m.classification),
            "outcome": m.outcome,
            "outcomes": m.outcomes,
            "participants": [
                _clean(
                    {
                        "party": p.party.code if p.party else None,
                        "person": p.person.slug if p.person else None,
                        "role": unless_default("meetings.participants", "role", p.role),
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
                        "kind": unless_default("meetings.agenda", "kind", i.kind),
                        "topics": [t.slug for t in i.topics.all()],
                        "emphasis": i.emphasis,
                        "events": [e.slug for e in i.events.all()],
                        "session": session_of_item(i, m),
                        "classification": unless_default(
                            "meetings.agenda", "classification", i.classification
                        ),
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
                        "classification": unless_default(
                            "meetings.decisions", "classification", d.classification
                        ),
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
                        "decides": decides_record(d),
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
            "sessions": sessions_of(m),
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
            "to_organization": (
                {"name": a.target_organization, "names": a.target_organization_names}
                if a.target_organization_names
                else a.target_organization
            ),
            "reference": a.reference,
            "purpose": a.purpose,
            "classification": unless_default("actions", "classification", a.classification),
            "source": a.source,
            "note": a.note,
        }
    )
