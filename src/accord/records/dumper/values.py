"""Values as a dump writes them: digests, dates, spans, meeting references, YAML."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import yaml
from django.db.models import F

from accord.core.dates import PartialDate, Precision
from accord.meetings.models import (
    Meeting,
)


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


def as_yaml(record: dict[str, Any]) -> str:
    header = (
        f"# Accord record of {record['organization']['slug']}, written by `accord dump`.\n"
        "# Schema: src/accord/records/schema.json\n"
    )
    return header + yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
