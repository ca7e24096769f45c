"""A meeting's sessions as its record file says them (read back by
`records.loader.sessions`): each with what goes without saying left out, and the
session an agenda item was taken up in."""

from __future__ import annotations

from typing import Any

from accord.meetings.models import AgendaItem, Meeting, Participation, Session
from accord.meetings.sessions import attendee_of
from accord.records.dumper.values import _clean


def _attendee(row: Participation, rows: list[Participation]) -> str | dict[str, Any]:
    named = attendee_of(row, rows)
    if named.person is None and named.party is not None:
        return named.party.code
    return _clean(
        {
            "party": named.party.code if named.party is not None else None,
            "person": named.person.slug if named.person is not None else None,
        }
    )


def sessions_of(m: Meeting) -> list[dict[str, Any]]:
    """The sessions of `m` (read with `models.session_rows` and its participants)."""
    rows = list(m.participants.all())
    by_pk = {p.pk: p for p in rows}
    return [
        _clean(
            {
                "id": s.slug,
                "kind": s.kind if s.kind != "other" else None,
                "title": s.title,
                "titles": s.titles,
                "date": s.date.isoformat(),
                "venue": s.venue,
                "city": s.city,
                "city_names": s.city_names,
                "mode": s.mode,
                "participants": [_attendee(by_pk.get(p.pk, p), rows) for p in s.attendees.all()],
                "source": s.source,
                "note": s.note,
            }
        )
        for s in _sessions(m)
    ]


def _sessions(m: Meeting) -> list[Session]:
    return list(m.sessions.all())


def session_of_item(item: AgendaItem, m: Meeting) -> str | None:
    """The id of the session `item` was taken up in (None: none)."""
    if item.session_id is None:
        return None
    return next((s.slug for s in _sessions(m) if s.pk == item.session_id), None)
