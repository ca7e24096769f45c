"""Values of a record file read for the domain: dates, spans, logos, ISO timestamps, and
what a file says over what is held."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from accord.core.dates import PartialDate, parse_date
from accord.core.errors import DomainError, Problem
from accord.core.models import AuditEntry
from accord.publishing import letterhead
from accord.records.merge import (
    GLOBAL_KEYS,
    OFFICES,
    Merged,
)
from accord.registry import countries
from accord.registry.models import (
    Party,
)


def _declared(contents: list[tuple[str, dict]], merged: Merged) -> dict[str, dict[str, set]]:
    """For each organization of the load, the global records (`parties` by code,
    `people` by id, national `offices` by id) its files define, said again elsewhere
    or not."""
    org_of = {name: data["organization"]["slug"] for name, data in contents}
    declared: dict[str, dict[str, set]] = {}
    for (section, key), places in merged.places.items():
        if section not in GLOBAL_KEYS and section != OFFICES:
            continue
        for place in places:
            of = declared.setdefault(
                org_of[place.file], {s: set() for s in (*GLOBAL_KEYS, OFFICES)}
            )
            of[section].add(key)
    return declared


def _partial(raw: Any, field: str) -> PartialDate:
    """`raw` as a date of some precision; a DomainError on `field` when it is none (the
    schema checks the pattern, not the calendar: 2019-02-30 reaches here)."""
    try:
        return PartialDate.parse(raw)
    except ValueError as exc:
        raise DomainError.at(field, str(exc)) from None


def _span(raw: Any) -> tuple[PartialDate, PartialDate]:
    if isinstance(raw, dict):
        start = _partial(raw["from"], "date.from")
        end = _partial(raw.get("to", raw["from"]), "date.to")
    else:
        start = end = _partial(raw, "date")
    if end.precision != start.precision:
        raise DomainError.at("date.to", "give both ends of a span to the same precision")
    return start, end


def _first_day(raw: Any) -> str:
    """A sort key: the first day a date or span names, as text."""
    return str(raw["from"] if isinstance(raw, dict) else raw)


def _day(raw: str | None, field: str) -> Any:
    if raw is None:
        return None
    try:
        return parse_date(raw)
    except ValueError as exc:
        raise DomainError.at(field, str(exc)) from None


def _logo(record_file: str, path: str | None) -> str:
    """The letterhead's logo, read from its path (relative to the record file that
    names it) as a data: URI; '' without one."""
    if path is None:
        return ""
    if not isinstance(path, str) or not path.strip():
        raise DomainError.at("letterhead.logo", "the path of a PNG or JPEG file")
    found = Path(path)
    if not found.is_absolute():
        found = Path(record_file).parent / found
    try:
        return letterhead.read_logo(found)
    except ValueError as exc:
        raise DomainError.at("letterhead.logo", str(exc)) from None


def _from_iso(party: Party) -> bool:
    """Whether a state is as Accord created it on first reference, from ISO data."""
    iso = countries.names(party.code)
    return (
        party.kind == "state"
        and not party.source
        and party.names == iso
        and party.name == iso.get("en", party.code)
    )


def _said_over(held: Any, d: dict, fields: dict[str, Callable[[Any], Any]]) -> dict:
    """What a file's entry of a global record (a party, a person) makes of the record
    the database holds: what the entry leaves out stays as held, names in other
    languages are added; a value it says differently is refused unless the entry is
    marked `update: true`."""
    if held is None:
        return d
    said = dict(d)
    problems = []
    for name, value_of in fields.items():
        was = value_of(held) or None
        if name not in d:
            if was is not None:
                said[name] = was
        elif d[name] != was and was is not None and not d.get("update"):
            problems.append((name, d[name], was))
    for key in ("names", "text_names"):
        names = dict(getattr(held, key, None) or {})
        for language, text in (d.get(key) or {}).items():
            if names.get(language, text) != text and not d.get("update"):
                problems.append((f"{key}.{language}", text, names[language]))
            names[language] = text
        said[key] = names
    if problems:
        last = (
            AuditEntry.objects.filter(model=held._meta.label, object_id=str(held.pk))
            .order_by("-seq")
            .first()
        )
        by = f" (written by {last.actor} on {last.at:%Y-%m-%d})" if last else ""
        raise DomainError(
            Problem(
                field,
                f"{new!r} here, the record holds {old!r}{by}: it is shared by every"
                " organization; leave it out, or mark the entry `update: true` to change it",
            )
            for field, new, old in problems
        )
    return said
