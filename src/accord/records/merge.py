"""Record files given together, made one record before anything is written.

Every entry is defined once. The same key defined in two places is refused, naming
both (`file:path`), unless the later place is an explicit addition (`add: true`),
whose lists are added to the definition's by key and whose other fields may only
say what the definition says or what it leaves out. Global records (parties, people,
national offices) may be said again by any file: what two places say must agree,
names in other languages are merged, a national office's holders are added to by
their first day, and a place marked `update: true` wins over one that is not.

The files are put in one order first (the file defining the organization, then by
name), so the order they are given in never changes the result. Pure functions on
plain values: nothing here reads the database.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from accord.records.files import FileProblem

# Sections whose entries are global: shared by every organization.
GLOBAL_KEYS: dict[str, tuple[str, ...]] = {"parties": ("code",), "people": ("id",)}

# The lists inside an entry that an addition may add to, with the fields that key
# their items (None: an item is its whole value; the same item twice is kept once).
PARTS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "meetings": {
        "participants": ("party", "person", "role"),
        "agenda": ("id",),
        "actions": None,
        "decisions": ("id",),
        "statements": None,
        "co_chairs": None,
        "plan": None,
        "sessions": ("id",),
    },
    "bodies": {"powers": None},
    "posts": {"holders": ("from",)},
    "documents": {
        "relations": ("kind", "target"),
        "versions": ("number", "language"),
        "measures": ("id",),
        "progress": None,
        "shared_with": None,
        "signatories": None,
        "counterparties": None,
    },
    "events": {"participants": ("party",)},
}

SINGLE = ("rotation", "publishing")


def national(section: str, item: dict | None) -> bool:
    """Whether a `posts` entry is a national office: a post of a state (`party`) that
    names no body of the organization. It belongs to its state, shared by every
    organization, like a party or a person."""
    return (
        section == "posts" and item is not None and bool(item.get("party")) and not item.get("body")
    )


# The places of national offices are kept under this section name (see `Merged.places`).
OFFICES = "offices"


def meeting_key(d: dict) -> str:
    return f"{d['body']}/{d.get('id') or d.get('number')}"


def keyed(section: str, d: dict) -> str:
    """The key of an entry of a section whose entries all have one (not `actions`)."""
    key = key_of(section, d)
    if key is None:
        raise ValueError(f"entries of {section} have no key")
    return key


def key_of(section: str, d: dict) -> str | None:
    """What identifies an entry of `section` within its organization (None: keyless)."""
    if section in GLOBAL_KEYS:
        return str(d[GLOBAL_KEYS[section][0]])
    if section == "meetings":
        return meeting_key(d)
    if section == "memberships":
        return f"{d['party']}/{d['from']}"
    if section == "chairmanships":
        return f"{d.get('body') or ''}/{d['from']}"
    if section == "actions":
        return None
    return str(d["id"])


OWNED = (
    "statuses",
    "memberships",
    "document_types",
    "topics",
    "verbs",
    "bodies",
    "chairmanships",
    "posts",
    "documents",
    "events",
    "meetings",
)


@dataclass
class Place:
    file: str
    path: str

    def __str__(self) -> str:
        return f"{self.file}:{self.path}"


@dataclass
class Merged:
    """The files, each entry defined once: a folded addition or a repeated global
    record is left as None in its list (so that the paths of the others stay true).
    `origins` tells, for a definition, where each item added to it came from."""

    contents: list[tuple[str, dict]]
    problems: list[FileProblem] = field(default_factory=list)
    origins: dict[tuple[str, str], list[tuple[str, str, str]]] = field(default_factory=dict)
    # For each (section, key) of this load: the files that said it.
    places: dict[tuple[str, str], list[Place]] = field(default_factory=dict)
    # Each addition as its file says it: (organization, section, key, file, entry).
    additions: list[tuple[str, str, str, str, dict]] = field(default_factory=list)


def order(contents: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """One order whatever the command line: by organization, the files defining it
    first, then by file name."""

    def rank(item: tuple[str, dict]) -> tuple:
        name, data = item
        defines = len(data.get("organization") or {}) > 1
        return (data["organization"]["slug"], not defines, PurePath(name).name, name)

    return sorted(contents, key=rank)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def merge(contents: list[tuple[str, dict]]) -> Merged:
    """The files as one record, or the problems saying where two of them disagree."""
    ordered = [(name, copy.deepcopy(data)) for name, data in order(contents)]
    out = Merged(ordered)
    for name, data in ordered:
        for section in PARTS:
            for item in data.get(section) or []:
                if item.get("add") and not national(section, item):
                    key = key_of(section, item) or ""
                    org = data["organization"]["slug"]
                    out.additions.append((org, section, key, name, copy.deepcopy(item)))
    by_org: dict[str, list[tuple[str, dict]]] = {}
    for name, data in ordered:
        by_org.setdefault(data["organization"]["slug"], []).append((name, data))
    globals_seen: dict[tuple[str, str], tuple[Place, dict]] = {}
    for files in by_org.values():
        _merge_organization(files, out)
    # Global records across every organization of the load.
    for name, data in ordered:
        for section in (*GLOBAL_KEYS, "posts"):
            items = data.get(section) or []
            for index, item in enumerate(items):
                if item is None or (section == "posts" and not national(section, item)):
                    continue
                key = keyed(section, item)
                place = Place(name, f"{section}[{index}]")
                label = OFFICES if section == "posts" else section
                out.places.setdefault((label, key), []).append(place)
                seen = globals_seen.get((section, key))
                if seen is None:
                    globals_seen[(section, key)] = (place, item)
                    continue
                first_place, first = seen
                merged, problems = _agree(first, item, first_place, place)
                out.problems += problems
                if not problems:
                    first.clear()
                    first.update(merged)
                    items[index] = None
    return out


def _agree(a: dict, b: dict, pa: Place, pb: Place) -> tuple[dict, list[FileProblem]]:
    """Two places saying one global record: what one leaves out, the other says;
    names are merged; a place marked `update: true` wins over one that is not."""
    forced = bool(a.get("update")) != bool(b.get("update"))
    winner, other = (a, b) if a.get("update") and not b.get("update") else (b, a)
    merged = {k: v for k, v in other.items() if k not in ("update", "add")}
    problems = []

    def disagree(name: str, va: Any, vb: Any) -> None:
        problems.append(
            FileProblem(
                pb.file,
                f"{pb.path}.{name}",
                f"{_show(vb)} here, {_show(va)} at {pa}: say it once, the same way"
                " everywhere, or mark the entry that changes it `update: true`",
            )
        )

    for name, value in winner.items():
        if name in ("update", "add"):
            continue
        if name == "holders" and isinstance(merged.get(name), list):
            # A national office's holders: added to by their first day.
            # A national office's holders: added to by their first day; what one place
            # says of a term and the other leaves out is kept.
            held = {h["from"]: dict(h) for h in merged[name]}
            for h in value:
                term = held.setdefault(h["from"], {})
                for k, v in h.items():
                    if k in term and term[k] != v and not forced:
                        disagree(f"holders[from={h['from']}].{k}", term[k], v)
                    term[k] = v
            merged[name] = sorted(held.values(), key=lambda h: h["from"])
        elif isinstance(value, dict) and isinstance(merged.get(name), dict):
            both = dict(merged[name])
            for lang, text in value.items():
                if lang in both and both[lang] != text and not forced:
                    disagree(f"{name}.{lang}", a[name][lang], b[name][lang])
                both[lang] = text
            merged[name] = both
        elif name in merged and merged[name] != value and not forced:
            disagree(name, a[name], b[name])
        else:
            merged[name] = value
    if a.get("update") or b.get("update"):
        merged["update"] = True
    if a.get("add") and b.get("add"):
        merged["add"] = True
    return merged, problems


def _merge_organization(files: list[tuple[str, dict]], out: Merged) -> None:
    # The organization itself and the sections said once.
    defining = [(n, d) for n, d in files if len(d["organization"]) > 1]
    for name, _ in defining[1:]:
        out.problems.append(
            FileProblem(
                name,
                "organization",
                f"the organization is defined at {defining[0][0]}:organization too:"
                " define it in one file, and name only its slug in the others",
            )
        )
    for section in SINGLE:
        holders = [n for n, d in files if d.get(section) is not None]
        for name in holders[1:]:
            out.problems.append(
                FileProblem(name, section, f"`{section}` is given at {holders[0]}:{section} too")
            )
    for section in OWNED:
        definitions: dict[str, tuple[Place, dict]] = {}
        additions: list[tuple[Place, dict, str, list, int]] = []
        for name, data in files:
            items = data.get(section) or []
            for index, item in enumerate(items):
                if national(section, item):
                    continue  # global: merged across organizations (see `merge`)
                key = keyed(section, item)
                place = Place(name, f"{section}[{index}]")
                out.places.setdefault((section, key), []).append(place)
                if item.get("add"):
                    additions.append((place, item, key, items, index))
                    continue
                if key in definitions:
                    first = definitions[key][0]
                    out.problems.append(
                        FileProblem(
                            name,
                            place.path,
                            f"{_describe(section, key)} is defined at {first} too: define it"
                            " once, and mark an entry that adds to it `add: true`",
                        )
                    )
                    continue
                definitions[key] = (place, item)
        for place, item, key, items, index in additions:
            if key not in definitions:
                continue  # added to what the database holds (see the loader)
            target_place, target = definitions[key]
            problems = add(section, target, target_place, item, place, out)
            out.problems += problems
            items[index] = None


def _describe(section: str, key: str) -> str:
    kind = {
        "meetings": "meeting",
        "bodies": "body",
        "memberships": "standing",
        "chairmanships": "chair term",
        "statuses": "status",
        "document_types": "document type",
        "topics": "topic",
        "verbs": "verb",
        "posts": "post",
        "documents": "document",
        "events": "event",
    }.get(section, section)
    return f"{kind} {key!r}"


def whole(item: Any) -> str:
    """An item keyed by its whole value, whatever the order its fields are written in
    (a dump writes them in its own order)."""
    return json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


def _item_key(fields: tuple[str, ...] | None, item: Any) -> Any:
    if fields is None or not isinstance(item, dict):
        return whole(item)
    return tuple(repr(item.get(f)) for f in fields)


def add(
    section: str, target: dict, at: Place, addition: dict, place: Place, out: Merged
) -> list[FileProblem]:
    """Fold `addition` into the definition `target`: lists by key, the rest only where
    the definition is silent or says the same."""
    problems: list[FileProblem] = []
    parts = PARTS.get(section)
    if parts is None:
        return [
            FileProblem(place.file, f"{place.path}.add", f"a {section} entry cannot be added to")
        ]
    origins = out.origins.setdefault((at.file, at.path), [])
    for name, value in addition.items():
        if name == "add":
            continue
        if name in parts:
            fields = parts[name]
            current = target.setdefault(name, [])
            known = {_item_key(fields, item): i for i, item in enumerate(current)}
            for j, item in enumerate(value):
                k = _item_key(fields, item)
                if k in known:
                    if current[known[k]] != item:
                        there = Place(*origin_of(origins, at.file, at.path, f"{name}[{known[k]}]"))
                        problems.append(
                            FileProblem(
                                place.file,
                                f"{place.path}.{name}[{j}]",
                                f"{_show(item)} here, {_show(current[known[k]])} at {there}:"
                                " an addition adds items, it does not change them",
                            )
                        )
                    continue
                known[k] = len(current)
                origins.append((f"{name}[{len(current)}]", place.file, f"{place.path}.{name}[{j}]"))
                current.append(item)
        elif name in target and target[name] != value:
            problems.append(
                FileProblem(
                    place.file,
                    f"{place.path}.{name}",
                    f"{_show(value)} here, {_show(target[name])} at {at}.{name}: an addition"
                    " may say only what the definition leaves out",
                )
            )
        else:
            target[name] = value
    return problems


def origin_of(
    origins: list[tuple[str, str, str]], file: str, path: str, field_path: str
) -> tuple[str, str]:
    """Where the part named by `field_path` (inside the entry at `file`:`path`) was written."""
    for prefix, ofile, opath in origins:
        if field_path == prefix or field_path.startswith((prefix + ".", prefix + "[")):
            return ofile, opath + field_path[len(prefix) :]
    return file, f"{path}.{field_path}" if field_path else path
