"""Loading record files: reading and merging them, one transaction, a fast pass then
(if anything was refused) a careful one that reports every refusal."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence, Set
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from accord.core import audit, identity, persist, rows
from accord.core.errors import DomainError, Problem
from accord.core.models import AuditEntry
from accord.core.persist import Tally
from accord.records import dumper, versions
from accord.records.files import FileProblem, read
from accord.records.loader.base import LoadError, _Refused
from accord.records.loader.bodies import _Bodies
from accord.records.loader.documents import _Documents
from accord.records.loader.meetings import _Meetings
from accord.records.loader.registry import _Registry
from accord.records.loader.values import _day, _declared
from accord.records.loader.verbs import _Verbs
from accord.records.merge import (
    PARTS,
    Merged,
    Place,
    merge,
)
from accord.records.merge import add as add_to
from accord.records.offices import load_offices
from accord.records.ownership import declare_named, record_additions, with_recorded_additions
from accord.registry import services as registry
from accord.registry.inputs import OrganizationFields
from accord.registry.models import (
    Organization,
)


@dataclass
class Report:
    files: list[str]
    tally: Tally
    seconds: float
    # The entries the load appended to the audit trail, by operation.
    audited: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        """Rows created, updated and removed as the audit trail records them (a link
        added to a row just created is an update there), and the rows left unchanged."""
        counts = [f"{self.audited[op]} {word}" for op, word in _WORDS.items()]
        unchanged = self.tally.count_of("unchanged")
        return (
            f"{len(self.files)} file(s) loaded in {self.seconds:.2f} s: "
            f"{', '.join(counts)}, {unchanged} unchanged"
        )


_WORDS = {"create": "created", "update": "updated", "delete": "removed"}


def load(
    paths: Sequence[Path | str],
    *,
    progress: Callable[[str], None] | None = None,
    overwrite: bool = False,
) -> Report:
    """Load record files together as one record; raise LoadError (changing nothing) on error.

    A row last changed by anything but a load of record files (the web, the API, a
    command) is not changed or removed unless `overwrite` says so: the load is refused,
    naming each such entry with the recorded and the file's values."""
    started = time.perf_counter()
    contents: list[tuple[str, dict]] = []
    problems: list[FileProblem] = []
    for path in map(Path, paths):
        data, found = read(path)
        problems += found
        if data is not None and not found:
            contents.append((str(path), data))
    if problems:
        raise LoadError(problems)
    contents = with_recorded_additions(contents)
    merged = merge(contents)
    if merged.problems:
        raise LoadError(merged.problems)
    contents = merged.contents
    if problems := _fold_into_database(contents, merged):
        raise LoadError(problems)
    problems, as_dumped = versions.settle(contents, overwrite=overwrite)
    if problems:
        raise LoadError(problems)
    actor = audit.current_actor()
    name = actor.name if actor.name != "system" else "load"
    if overwrite:
        name = f"{name} --overwrite"[:150]
    say = progress or (lambda _: None)
    audited: Counter = Counter()

    def count(sender: Any, *, operation: str, **_: Any) -> None:
        audited[operation] += 1

    audit.written.connect(count, weak=False)
    with (
        _disconnected(count),
        audit.acting(name, actor.request_id if actor.name != "system" else None),
        rows.unlogged(),
        persist.guarded(None if overwrite else _keep_live_edits),
    ):
        try:
            # The fast pass: no savepoint per entry; the first refusal ends it.
            tally = _load(contents, say, careful=False, merged=merged, as_dumped=as_dumped)
        except _Refused:
            # Nothing was kept. Load again with each entry in a savepoint of its own,
            # so that every refused entry is reported, not only the first.
            say("a refusal was found: checking each entry to report every problem")
            audited.clear()
            tally = _load(contents, say, careful=True, merged=merged, as_dumped=as_dumped)
    return Report([name for name, _ in contents], tally, time.perf_counter() - started, audited)


@contextmanager
def _disconnected(receiver: Callable[..., None]) -> Iterator[None]:
    try:
        yield
    finally:
        audit.written.disconnect(receiver)


def _by_a_load(actor: str) -> bool:
    return actor == "load" or actor.startswith(("load ", "cli:load"))


def _keep_live_edits(row: Any, changes: Any) -> None:
    """Refuse to change or remove a row whose last change was not made by a load of
    record files: it was recorded since, through the web, the API or a command."""
    last = (
        AuditEntry.objects.filter(model=row._meta.label, object_id=str(row.pk))
        .order_by("-seq")
        .first()
    )
    if last is None or _by_a_load(last.actor):
        return
    since = f"recorded by {last.actor} on {last.at:%Y-%m-%d %H:%M}"
    if changes is None:
        raise DomainError.at(
            "",
            f"{row._meta.verbose_name} {row} ({since}) would be removed: the file no longer"
            " says it; add it to the file, or load with --overwrite",
        )
    raise DomainError(
        Problem(
            field,
            f"the record holds {held!r} ({since}), the file says {wanted!r}: write the"
            " recorded value into the file (accord dump), or load with --overwrite",
        )
        for field, (held, wanted) in changes.items()
    )


def _held(slug: str, section: str, d: dict) -> dict | None:
    """The entry of `section` the database holds under the key of `d`, as `dump` writes it."""
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        return None
    if section == "meetings":
        ref = d.get("id") or d.get("number")
        found = [
            m
            for m in dumper.meetings_of(org, body=d["body"])
            if m.slug == str(ref) or (d.get("id") is None and m.number == d.get("number"))
        ]
        return dumper.meeting_entry(found[0]) if found else None
    return dumper.entry_of(org, section, d["id"])


def _fold_into_database(contents: list[tuple[str, dict]], merged: Merged) -> list[FileProblem]:
    """An addition whose definition is not in the load adds to what the database holds:
    the entry is written back with the addition folded in."""
    problems: list[FileProblem] = []
    for name, data in contents:
        slug = data["organization"]["slug"]
        for section in PARTS:
            items = data.get(section) or []
            for index, item in enumerate(items):
                if item is None or not item.get("add"):
                    continue
                path = f"{section}[{index}]"
                base = _held(slug, section, item)
                if base is None:
                    problems.append(
                        FileProblem(
                            name,
                            path,
                            "adds to an entry that neither this load nor the database holds:"
                            " load it with the file that defines it",
                        )
                    )
                    continue
                where = Place(f"the record of {slug}", section)
                problems += add_to(section, base, where, item, Place(name, path), merged)
                merged.origins[(name, path)] = merged.origins.pop((where.file, where.path), [])
                items[index] = base
    return problems


def _load(
    contents: list[tuple[str, dict]],
    progress: Callable[[str], None],
    careful: bool,
    merged: Merged,
    as_dumped: Set[tuple[str, str]] = frozenset(),
) -> Tally:
    """One pass over the record files in one transaction; LoadError (or _Refused, in the
    fast pass) rolls all of it back."""
    tally = Tally()
    with transaction.atomic():
        loader = _Loader(
            tally,
            progress,
            careful=careful,
            origins=merged.origins,
            declared=_declared(contents, merged),
            as_dumped=as_dumped,
        )
        with audit.batched(), identity.batch():
            loader.run(contents)
            if loader.problems:
                raise LoadError(loader.problems)
            record_additions(merged, tally)
    return tally


class _Loader(_Registry, _Bodies, _Meetings, _Documents, _Verbs):
    """One load: every section of every organization's files, in order."""

    # -- the run ------------------------------------------------------------

    def run(self, contents: list[tuple[str, dict]]) -> None:
        by_org: dict[str, list[tuple[str, dict]]] = {}
        for name, data in contents:
            by_org.setdefault(data["organization"]["slug"], []).append((name, data))
        for slug, files in by_org.items():
            self.progress(f"loading {slug} from {len(files)} file(s)")
            self._cache.clear()
            self.load_organization(slug, files)
        self._cache.clear()
        load_offices(self, contents)
        # Last, once every organization's files are in: whether a state is as ISO data
        # names it depends on all of them (see `records.ownership.declare_named`).
        for slug in by_org:
            org = Organization.objects.filter(slug=slug).first()
            if org is not None and ("organization", slug) not in self.failed:
                declare_named(org, self.declared.get(slug), self.failed, self.tally)

    def load_organization(self, slug: str, files: list[tuple[str, dict]]) -> None:
        self.load_parties(files)
        definitions = [(n, d["organization"]) for n, d in files if len(d["organization"]) > 1]
        for name, definition in definitions:
            with self.entry(name, "organization", ("organization", slug)):
                self._org = registry.save_organization(
                    slug,
                    OrganizationFields(
                        name=definition.get("name", slug),
                        names=definition.get("names", {}),
                        short_name=definition.get("short_name", ""),
                        short_names=definition.get("short_names", {}),
                        text_names=definition.get("text_names", {}),
                        founded_on=_day(definition.get("founded"), "founded"),
                        official_languages=definition.get("official_languages", []),
                        working_languages=definition.get("working_languages", []),
                        decision_rule=definition.get("decision_rule", "consensus"),
                        description=definition.get("description", ""),
                        source=definition.get("source", ""),
                        note=definition.get("note", ""),
                    ),
                    self.tally,
                )
        if not definitions:
            self._org = Organization.objects.filter(slug=slug).first()
            if self._org is None:
                self.problems.append(
                    FileProblem(
                        files[0][0],
                        "organization.slug",
                        f"unknown organization {slug!r}: define it (at least its name)"
                        " in one of the files loaded",
                    )
                )
                return
        if ("organization", slug) in self.failed:
            return
        steps = [
            self.load_statuses,
            self.load_memberships,
            self.load_vocabularies,
            self.load_verbs,
            self.load_bodies,
            self.load_rotation,
            self.load_people_and_posts,
            self.load_documents,
            self.load_events,
            self.load_meetings,
            self.load_chairmanships,
            self.load_meeting_records,
            self.load_standalone_actions,
            self.load_document_details,
            self.load_publishing,
        ]
        for step in steps:
            self.progress(f"{slug}: {step.__name__.removeprefix('load_').replace('_', ' ')}")
            step(files)
