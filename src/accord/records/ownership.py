"""Additions remembered between loads.

A file's entry marked `add: true` adds to an entry another file defines. Each load
remembers what each file added (`records.Addition`, by the file's name without its
folder). A later load of the defining file without the adding one folds the
remembered addition in again: its items the definition lacks, its fields where the
definition is silent. Reloading a definition alone never removes what another file
added. Only the adding file changes or drops its addition: loaded again, what it says
now replaces what it said; to remove an item it added, take it out of that file and
load it with the file defining the entry.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from accord.core.persist import Tally, prune, upsert
from accord.records import dumper
from accord.records.merge import PARTS, Merged, key_of, national, whole
from accord.records.models import Addition
from accord.registry import countries
from accord.registry import services as registry
from accord.registry.models import Organization, Party, Person


def _file(name: str) -> str:
    return PurePath(name).name


# Values an item's key field takes when a file leaves it out (a dump leaves them out).
_DEFAULTS = {("meetings", "participants", "role"): "delegation"}


def _item_key(section: str, part: str, item: Any) -> Any:
    fields = PARTS[section][part]
    if fields is None or not isinstance(item, dict):
        return whole(item)
    return tuple(repr(item.get(f, _DEFAULTS.get((section, part, f)))) for f in fields)


def _fold(section: str, definition: dict, addition: dict) -> None:
    """What an adding file said, folded into a definition loaded without that file: its
    items the definition lacks are added, its other fields where the definition is
    silent. The definition's own words win (the adding file, loaded again, is checked
    against them as usual)."""
    for name, value in addition.items():
        if name in ("add", "update"):
            continue
        if name in PARTS[section]:
            current = definition.setdefault(name, [])
            known = {_item_key(section, name, item) for item in current}
            for item in value:
                if _item_key(section, name, item) not in known:
                    current.append(item)
        elif name not in definition:
            definition[name] = value


def with_recorded_additions(contents: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """`contents`, each entry a file of the load defines holding what other files
    (not in this load) added to it in earlier loads: reloading a definition alone keeps
    what another file added."""
    definitions: dict[str, dict[tuple[str, str], dict]] = {}
    files: dict[str, set[str]] = {}
    for name, data in contents:
        slug = data["organization"]["slug"]
        files.setdefault(slug, set()).add(_file(name))
        for section in PARTS:
            for item in data.get(section) or []:
                if not item.get("add") and not national(section, item):
                    key = (section, key_of(section, item) or "")
                    definitions.setdefault(slug, {})[key] = item
    if not definitions:
        return contents
    held = Addition.objects.filter(organization__slug__in=list(definitions)).select_related(
        "organization"
    )
    for row in held.order_by("file", "section", "key"):
        slug = row.organization.slug
        definition = definitions[slug].get((row.section, row.key))
        if definition is not None and row.file not in files[slug]:
            _fold(row.section, definition, row.entry)
    return contents


def record_additions(merged: Merged, tally: Tally) -> None:
    """Remember what each file of the load added, and forget what a file of the load
    no longer adds (remembered additions folded in again stay as they were)."""
    by_org: dict[str, dict[tuple[str, str, str], dict]] = {}
    loaded: dict[str, set[str]] = {}
    for name, data in merged.contents:
        loaded.setdefault(data["organization"]["slug"], set()).add(_file(name))
    for slug, section, key, name, entry in merged.additions:
        by_org.setdefault(slug, {})[(section, key, _file(name))] = entry
    for slug, names in loaded.items():
        org = Organization.objects.filter(slug=slug).first()
        if org is None:
            continue
        kept = []
        for (section, key, file), entry in by_org.get(slug, {}).items():
            row, _ = upsert(
                Addition,
                {"organization": org, "section": section, "key": key, "file": file},
                {"entry": entry},
                tally,
            )
            kept.append(row.pk)
        prune(Addition.objects.filter(organization=org, file__in=sorted(names)), kept, tally)


def declare_named(
    org: Organization, said: dict[str, set] | None, failed: set, tally: Tally
) -> None:
    """`org` declares every party and person its record names now (as its dump writes
    them) and those its files define (`said`): a reference removed later through the
    web or the API leaves them in its dump, and loading its dump back declares nothing
    new. A declaration is never removed by a load."""
    said = said or {}
    slugs = [s for s in said.get("people", ()) if ("person", s) not in failed]
    people = dumper.people_of(org)
    known = {p.slug for p in people}
    people += list(Person.objects.filter(slug__in=[s for s in slugs if s not in known]))
    codes = [c for c in said.get("parties", ()) if ("party", c) not in failed]
    parties = [
        p
        for p in Party.objects.filter(pk__in=dumper.party_ids_of(org, people))
        if not _plain_state(p)
    ]
    parties += list(Party.objects.filter(code__in=codes).exclude(pk__in=[p.pk for p in parties]))
    registry.declare(org, parties, people, tally)


def _plain_state(party: Party) -> bool:
    """A state held as ISO data names it: a load creates it on reference, a dump leaves it
    out (nothing to remember)."""
    return (
        party.kind == "state"
        and party.names == countries.names(party.code)
        and not party.source
        and not party.text_names
    )
