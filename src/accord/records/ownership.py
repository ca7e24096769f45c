"""Additions remembered between loads.

A file's entry marked `add: true` adds to an entry another file defines. Each load
remembers what each file added (`records.Addition`, by the file's name without its
folder). A later load of the defining file without the adding one folds the
remembered addition in again, as if that file were given too: reloading a definition
alone never removes what another file added. Only the adding file changes or drops
its addition: loaded again, what it says now replaces what it said; to remove an item
it added, take it out of that file and load it with the file defining the entry.
"""

from __future__ import annotations

from pathlib import PurePath

from accord.core.persist import Tally, prune, upsert
from accord.records.merge import PARTS, Merged, key_of
from accord.records.models import Addition
from accord.registry.models import Organization

# How a remembered addition is named in messages: the file it came from, as recorded.
RECORDED = " (as last loaded)"


def _file(name: str) -> str:
    return PurePath(name).name


def with_recorded_additions(contents: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """`contents` and, for each entry a file of the load defines, the additions other
    files made to it in earlier loads (those files not in this load), each as a file of
    its own."""
    defined: dict[str, set[tuple[str, str]]] = {}
    files: dict[str, set[str]] = {}
    for name, data in contents:
        slug = data["organization"]["slug"]
        files.setdefault(slug, set()).add(_file(name))
        for section in PARTS:
            for item in data.get(section) or []:
                if not item.get("add"):
                    defined.setdefault(slug, set()).add((section, key_of(section, item) or ""))
    if not defined:
        return contents
    extra: list[tuple[str, dict]] = []
    held = Addition.objects.filter(organization__slug__in=list(defined)).select_related(
        "organization"
    )
    for row in held.order_by("file", "section", "key"):
        slug = row.organization.slug
        if row.file in files[slug] or (row.section, row.key) not in defined[slug]:
            continue
        extra.append(
            (
                f"{row.file}{RECORDED}",
                {
                    "format": "accord-record/1",
                    "organization": {"slug": slug},
                    row.section: [row.entry],
                },
            )
        )
    return [*contents, *extra]


def record_additions(merged: Merged, tally: Tally) -> None:
    """Remember what each file of the load added, and forget what a file of the load
    no longer adds (remembered additions folded in again stay as they were)."""
    by_org: dict[str, dict[tuple[str, str, str], dict]] = {}
    loaded: dict[str, set[str]] = {}
    for name, data in merged.contents:
        if not name.endswith(RECORDED):
            loaded.setdefault(data["organization"]["slug"], set()).add(_file(name))
    for slug, section, key, name, entry in merged.additions:
        if not name.endswith(RECORDED):
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
