"""What the record page's participant rows say of attendance, and its session rows, read
into what the use cases take (`meetings.services.Participant`'s attendance facts,
`meetings.sessions.SessionPlan`). Agenda items are named by their ids as typed on the
same page: the agenda written in the same save (`items`), or, where it was not written
(refused, or a row of it does not read), the ids typed (`typed`), to judge what names
them without writing it."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.utils.translation import gettext

from accord.accounts import refs
from accord.core.errors import DomainError, Problem
from accord.meetings.models import AgendaItem, Participation, Session
from accord.meetings.record import SessionOut
from accord.meetings.sessions import Attendee, SessionPlan
from accord.web.recording.common import blank


def _no_item(slug: str) -> str:
    return gettext("no agenda item %(id)s on the agenda") % {"id": repr(slug)}


def item_named(
    slug: str | None,
    items: Mapping[str, AgendaItem] | None,
    typed: Collection[str],
    field: str,
    problems: list[Problem],
) -> AgendaItem | None:
    """The agenda item `slug` names (None: none named, or the agenda was not written); an
    id neither written nor typed adds to `problems` under `field`."""
    if slug is None:
        return None
    if items is None:
        if slug not in typed:
            problems.append(Problem(field, _no_item(slug)))
        return None
    found = items.get(slug)
    if found is None:
        problems.append(Problem(field, _no_item(slug)))
    return found


def attendance_values(
    d: Mapping[str, Any],
    was: Participation | None,
    items: Mapping[str, AgendaItem] | None,
    typed: Collection[str],
    where: str,
    problems: list[Problem],
) -> dict[str, Any]:
    """A participant row's attendance facts (`models.ATTENDANCE_FIELDS`) as typed; the
    level's translations stay while its text does. The rules that tie them together
    are the services' (`rules.attendance_problems`)."""
    level_text = d["level_text"].strip()
    return {
        "attendance": d["attendance"],
        "absence_reason": d["absence_reason"],
        "level": d["level"],
        "level_text": level_text,
        "level_names": was.level_names if was and was.level_text == level_text else {},
        "joined_at_item": item_named(
            blank(d["joined_item"]), items, typed, f"{where}.joined.item", problems
        ),
        "joined_at_time": d["joined_time"],
        "left_at_item": item_named(
            blank(d["left_item"]), items, typed, f"{where}.left.item", problems
        ),
        "left_at_time": d["left_time"],
        "timing_reason": d["timing_reason"],
    }


def attendee_named(token: str, field: str, problems: list[Problem]) -> Attendee | None:
    """A session attendee as the page names it: a party's code (`KZ`: its delegation), a
    person's id (`aigul-sarsenova`), or both (`KZ:aigul-sarsenova`). Codes are written
    in capitals, ids in small letters. None (with the problem added) when it names
    nothing recorded."""
    code, colon, slug = token.partition(":")
    try:
        if colon:
            return Attendee(party=refs.party_at(code, field), person=refs.person_at(slug, field))
        if token.upper() == token:
            return Attendee(party=refs.party_at(token, field))
        return Attendee(person=refs.person_at(token, field))
    except DomainError as refusal:
        problems += refusal.problems
        return None


def session_plan(
    d: Mapping[str, Any],
    was: Session | None,
    items: Mapping[str, AgendaItem] | None,
    typed: Collection[str],
    where: str,
    problems: list[Problem],
) -> SessionPlan:
    """A session row as the sessions' writer takes it (its attendees and items as far as
    they name something; what names nothing adds to `problems`). Translations of its
    title and city stay while their texts do; its source and note are kept."""
    title, city = d["title"].strip(), d["city"].strip()
    attendees = [
        a
        for j, token in enumerate(d["attendees"])
        if (a := attendee_named(token, f"{where}.participants[{j}]", problems)) is not None
    ]
    taken = [
        item
        for j, slug in enumerate(d["items"])
        if (item := item_named(slug, items, typed, f"{where}.items[{j}]", problems)) is not None
    ]
    return SessionPlan(
        slug=d["id"],
        date=d["date"],
        kind=d["kind"],
        title=title,
        titles=was.titles if was and was.title == title else {},
        venue=d["venue"].strip(),
        city=city,
        city_names=was.city_names if was and was.city == city else {},
        mode=d["mode"],
        attendees=attendees,
        items=taken,
        source=was.source if was else "",
        note=was.note if was else "",
    )


def attendee_token(party: str | None, person: str | None) -> str:
    """How the page names a session attendee (`attendee_named` reads it back)."""
    if party and person:
        return f"{party}:{person}"
    return party or person or ""


def session_row(s: SessionOut) -> dict[str, Any]:
    """A recorded session as its row of the page is filled."""
    return {
        "id": s.id,
        "kind": s.kind,
        "title": s.title or "",
        "date": s.date,
        "venue": s.venue or "",
        "city": s.city or "",
        "mode": s.mode or "",
        "attendees": " ".join(
            attendee_token(a.party.code if a.party else None, a.person.slug if a.person else None)
            for a in s.participants
        ),
        "items": " ".join(s.items),
    }
