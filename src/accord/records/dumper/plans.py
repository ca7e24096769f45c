"""A meeting's plan history as `dump` writes it (`plan`)."""

from __future__ import annotations

from accord.meetings.models import Meeting
from accord.records.dumper.values import _clean, _partial, _span


def plan_entries(m: Meeting) -> list[dict]:
    """The meeting's changes of plan, in order (read with `plan_changes__country`)."""
    return [
        _clean(
            {
                "kind": c.kind,
                "known_on": _partial(c.known_on, c.known_precision),
                "date": _span(c.start, c.end, c.date_precision),
                "city": c.city,
                "city_names": c.city_names,
                "country": c.country.code if c.country else None,
                "mode": c.mode,
                "source": c.source,
                "note": c.note,
            }
        )
        for c in m.plan_changes.all()
    ]
