"""Versions of the entries of a dump: the cycle dump, edit the file, load is safe while
others keep recording through the web and the API.

`accord dump` writes each body, document, event and meeting with `version`: a digest
of the entry as it was dumped. A later load compares it with the entry as the record
holds it now and as the file says it:

- the record has not changed since the dump: the file's entry is loaded, edits made in
  the file included (the dump already held what was recorded before it);
- the record changed since the dump, the file's entry did not: the entry is left as
  recorded (someone else's later work is kept);
- both changed: the load is refused, naming the entry with the recorded and the file's
  values, unless the load says `--overwrite`.

An entry without `version` (a hand-written file) is loaded as usual: a row last changed
by anything but a load is then neither changed nor removed unless told.
"""

from __future__ import annotations

from typing import Any

from accord.records import dumper
from accord.records.dumper import version_of
from accord.records.files import FileProblem
from accord.records.merge import keyed, meeting_key
from accord.registry.models import Organization

VERSIONED = ("bodies", "documents", "events", "meetings")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def settle(
    contents: list[tuple[str, dict]], *, overwrite: bool
) -> tuple[list[FileProblem], set[tuple[str, str]]]:
    """Apply the rules above to every entry that carries a version: entries to keep as
    recorded are taken out of the load (None); the problems of entries changed on both
    sides; and the (file, path) of entries loaded over the record as it was dumped."""
    problems: list[FileProblem] = []
    current: set[tuple[str, str]] = set()
    held_by: dict[tuple[str, str], dict[str, dict]] = {}

    def held_of(slug: str, section: str, item: dict) -> dict | None:
        if (slug, section) not in held_by:
            org = Organization.objects.filter(slug=slug).first()
            held_by[(slug, section)] = dumper.entries_by_key(org, section) if org else {}
        key = keyed(section, item) if section != "meetings" else meeting_key(item)
        return held_by[(slug, section)].get(key)

    for name, data in contents:
        slug = data["organization"]["slug"]
        for section in VERSIONED:
            items = data.get(section) or []
            for index, item in enumerate(items):
                if item is None or "version" not in item:
                    continue
                version = item.pop("version")
                held = held_of(slug, section, item)
                path = f"{section}[{index}]"
                if held is None:
                    continue  # not in this record: created as the file says
                if version_of(held) == version_of(item):
                    continue  # the record holds what the file says
                if version_of(held) == version:
                    current.add((name, path))
                    continue
                if version_of(item) == version:
                    items[index] = None  # changed since the dump, not in the file: kept
                    continue
                if overwrite:
                    continue
                fields = sorted(
                    k for k in {*held, *item} - {"version"} if held.get(k) != item.get(k)
                )
                problems += [
                    FileProblem(
                        name,
                        f"{path}.{k}",
                        f"the record holds {_show(held.get(k))} (changed since the dump,"
                        f" version {version}), the file says {_show(item.get(k))}: dump"
                        " again and redo the edit, or load with --overwrite",
                    )
                    for k in fields
                ]
    return problems, current
