"""The values a record file may leave out, in one place for the loader, the dumper and
the API's schemas.

The loader writes the default of a key an entry leaves out; the dumper leaves out a
value equal to its default, so a dumped file stays short and loads back the same; the
API's schemas give a field a request leaves out the same default (a new meeting is
in person and public whichever way it is recorded). Places are sections of the file,
or lists inside an entry (`meetings.agenda`).
"""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, dict[str, Any]] = {
    "chairmanships": {"basis": "record"},
    "documents": {"classification": "public"},
    "events": {"kind": "other"},
    "events.participants": {"role": "participant"},
    "meetings": {"mode": "in-person", "classification": "public"},
    "meetings.participants": {"role": "delegation"},
    "meetings.agenda": {"kind": "discussion", "classification": "public"},
    "meetings.decisions": {"classification": "public"},
    "actions": {"classification": "public"},
    "publishing": {"record_language": "en"},
}


def given(entry: dict, place: str, key: str) -> Any:
    """`entry[key]` as the loader reads it: the default of `key` at `place` if left out."""
    return entry.get(key, DEFAULTS[place][key])


def unless_default(place: str, key: str, value: Any) -> Any:
    """`value` as the dumper writes it: None (left out) if it is the default."""
    return None if value == DEFAULTS[place][key] else value
