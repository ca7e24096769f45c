"""`accord load`: a record file (or several) into the database, in one transaction.

Every object goes through the domain services, so every rule that holds for the
CLI and the API holds here. A file is first checked against the schema; then each
entry is written inside a savepoint, and a refused entry is reported with the file,
its path inside the file and the reason. If anything was refused, the whole load
is rolled back: a bad file changes nothing. Loading the same files twice writes
nothing the second time; a changed file updates what changed.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from accord.bodies import services as bodies
from accord.bodies.models import Body, ChairTerm
from accord.core import audit, persist, rows
from accord.core.dates import PartialDate, parse_date
from accord.core.errors import DomainError, Problem
from accord.core.models import AuditEntry
from accord.core.persist import Tally, prune
from accord.decisions import services as decisions
from accord.decisions.models import Decision
from accord.documents import services as documents
from accord.documents.models import Document, DocumentType
from accord.implementation import services as implementation
from accord.implementation.models import Measure
from accord.meetings import services as meetings
from accord.meetings.models import AgendaItem, Event, Meeting, Topic, kind_by_default
from accord.publishing import letterhead
from accord.publishing import services as publishing
from accord.records import attendance, document_parties, dumper, versions
from accord.records.files import FileProblem, read
from accord.records.merge import (
    GLOBAL_KEYS,
    OFFICES,
    PARTS,
    Merged,
    Place,
    merge,
    national,
    origin_of,
)
from accord.records.merge import add as add_to
from accord.records.offices import load_offices
from accord.records.ownership import declare_named, record_additions, with_recorded_additions
from accord.registry import countries
from accord.registry import services as registry
from accord.registry.models import (
    Membership,
    MembershipStatus,
    Organization,
    Party,
    Person,
    Post,
)


class LoadError(Exception):
    """The files were refused; nothing was written. `problems` says where and why."""

    def __init__(self, problems: Sequence[FileProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


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


class _Skip(Exception):
    """A reference to an entry that already failed: reported once, where it failed."""


# Audit entries of a load are appended this many at a time (between entries), so that
# loading a long history holds a bounded number of them in memory.
AUDIT_CHUNK = 5000


class _Refused(Exception):
    """An entry was refused in the fast pass: load again, entry by entry, to report all."""


@dataclass
class _Entry:
    file: str
    path: str
    data: dict


# Seconds between two "rows written so far" lines during a long load.
PROGRESS_EVERY = 5.0


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
    as_dumped: set[tuple[str, str]] = frozenset(),
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
        with audit.batched(), persist.batch():
            loader.run(contents)
            if loader.problems:
                raise LoadError(loader.problems)
            record_additions(merged, tally)
    return tally


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


class _Loader:
    def __init__(
        self,
        tally: Tally,
        progress: Callable[[str], None],
        *,
        careful: bool,
        origins: dict[tuple[str, str], list[tuple[str, str, str]]] | None = None,
        declared: dict[str, dict[str, set]] | None = None,
        as_dumped: set[tuple[str, str]] = frozenset(),
    ) -> None:
        self.careful = careful
        # Entries of a dump loaded over the record as it was dumped: the file's edits
        # apply, whoever changed the rows before the dump (see `records.versions`).
        self.as_dumped = as_dumped
        self.origins = origins or {}
        self.declared = declared or {}
        self.tally = tally
        self.progress = progress
        self.problems: list[FileProblem] = []
        self.failed: set[tuple[str, str]] = set()
        self.org: Organization | None = None
        self._parties: dict[str, Party] = {}
        self._cache: dict[tuple[str, str], Any] = {}
        self._entries = 0
        self._told = time.monotonic()

    # -- error collection -------------------------------------------------

    @contextmanager
    def entry(self, file: str, path: str, key: tuple[str, str] | None = None) -> Iterator[None]:
        """Write one entry; carefully: inside a savepoint, a refusal recorded, not raised.

        In the fast pass an entry has no savepoint of its own (each costs two queries),
        and a refusal ends the pass (_Refused) for a careful one to report them all.
        """
        if (file, path) in self.as_dumped:
            with persist.guarded(None), self._entry(file, path, key):
                yield
            return
        with self._entry(file, path, key):
            yield

    @contextmanager
    def _entry(self, file: str, path: str, key: tuple[str, str] | None) -> Iterator[None]:
        self._entries += 1
        if self._entries % 100 == 0 and time.monotonic() - self._told >= PROGRESS_EVERY:
            self._told = time.monotonic()
            self.progress(f"  {self.tally.count_of('created'):,} rows written so far")
        if not self.careful:
            try:
                yield
            except (_Skip, DomainError):
                raise _Refused from None
            audit.settle(at_least=AUDIT_CHUNK)
            return
        try:
            with transaction.atomic():
                yield
            audit.settle(at_least=AUDIT_CHUNK)
        except _Skip:
            persist.forget()  # the entry's rows were rolled back with its savepoint
            if key:
                self.failed.add(key)
        except DomainError as exc:
            persist.forget()
            if key:
                self.failed.add(key)
            added = self.origins.get((file, path), [])
            for problem in exc.problems:
                if added and problem.field:
                    where, inside = origin_of(added, file, path, problem.field)
                    self.problems.append(FileProblem(where, inside, problem.reason))
                    continue
                moved = problem.under(path)
                self.problems.append(FileProblem(file, moved.field, moved.reason))

    def entries(self, files: list[tuple[str, dict]], section: str) -> Iterator[_Entry]:
        for name, data in files:
            for index, item in enumerate(data.get(section) or []):
                if item is not None:  # said again elsewhere, or folded into its definition
                    yield _Entry(name, f"{section}[{index}]", item)

    # -- references -------------------------------------------------------

    def _get(self, kind: str, key: str, field: str, fetch: Callable[[], Any], hint: str) -> Any:
        if (kind, key) in self.failed:
            raise _Skip
        cached = self._cache.get((kind, key))
        if cached is not None:
            return cached
        found = fetch()
        if found is None:
            raise DomainError.at(field, f"unknown {kind} {key!r}{hint}")
        self._cache[(kind, key)] = found
        return found

    def remember(self, kind: str, key: str, obj: Any) -> None:
        self._cache[(kind, key)] = obj

    def party(self, code: str | None, field: str) -> Party | None:
        if code is None:
            return None
        if ("party", code) in self.failed:
            raise _Skip
        found = self._parties.get(code) or Party.objects.filter(code=code).first()
        if found is None:
            if countries.lookup(code) is None:
                raise DomainError.at(
                    field,
                    f"unknown party {code!r}: declare it under `parties`"
                    " or use an ISO 3166 alpha-2 country code",
                )
            found = registry.ensure_state(code, self.tally)
        self._parties[code] = found
        return found

    def body(self, slug: str | None, field: str) -> Body | None:
        if slug is None:
            return None
        return self._get(
            "body",
            slug,
            field,
            lambda: (
                Body.objects.filter(organization=self.org, slug=slug)
                .select_related("organization", "reports_to")
                .first()
            ),
            f" in {self.org.slug}",
        )

    def status(self, slug: str, field: str) -> MembershipStatus:
        return self._get(
            "status",
            slug,
            field,
            lambda: MembershipStatus.objects.filter(organization=self.org, slug=slug).first(),
            f" in {self.org.slug}: declare it under `statuses`",
        )

    def document_type(self, slug: str, field: str) -> DocumentType:
        return self._get(
            "document type",
            slug,
            field,
            lambda: DocumentType.objects.filter(organization=self.org, slug=slug).first(),
            ": declare it under `document_types`",
        )

    def topic(self, slug: str, field: str) -> Topic:
        return self._get(
            "topic",
            slug,
            field,
            lambda: Topic.objects.filter(organization=self.org, slug=slug).first(),
            ": declare it under `topics`",
        )

    def person(self, slug: str | None, field: str) -> Person | None:
        if slug is None:
            return None
        return self._get(
            "person",
            slug,
            field,
            lambda: Person.objects.filter(slug=slug).first(),
            ": declare it under `people`",
        )

    def document(self, slug: str | None, field: str) -> Document | None:
        if slug is None:
            return None
        return self._get(
            "document",
            slug,
            field,
            lambda: (
                Document.objects.filter(organization=self.org, slug=slug)
                .select_related("type")
                .first()
            ),
            f" in {self.org.slug}",
        )

    def event(self, slug: str | None, field: str) -> Event | None:
        if slug is None:
            return None
        return self._get(
            "event",
            slug,
            field,
            lambda: Event.objects.filter(organization=self.org, slug=slug).first(),
            f" in {self.org.slug}",
        )

    def meeting(self, body: Body | None, ref: int | str | None, field: str) -> Meeting | None:
        if ref is None or body is None:
            return None
        slug = str(ref)
        lookup = {"number": ref} if isinstance(ref, int) else {"slug": ref}
        return self._get(
            "meeting",
            f"{body.slug}/{slug}",
            field,
            lambda: Meeting.objects.filter(body=body, **lookup).select_related("body").first(),
            "",
        )

    def meeting_ref(self, ref: dict | None, field: str) -> Meeting | None:
        if ref is None:
            return None
        body = self.body(ref["body"], f"{field}.body")
        return self.meeting(body, ref["meeting"], f"{field}.meeting")

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
                self.org = registry.save_organization(
                    slug,
                    {
                        "name": definition.get("name", slug),
                        "names": definition.get("names", {}),
                        "short_name": definition.get("short_name", ""),
                        "short_names": definition.get("short_names", {}),
                        "text_names": definition.get("text_names", {}),
                        "founded_on": _day(definition.get("founded"), "founded"),
                        "official_languages": definition.get("official_languages", []),
                        "working_languages": definition.get("working_languages", []),
                        "decision_rule": definition.get("decision_rule", "consensus"),
                        "description": definition.get("description", ""),
                        "source": definition.get("source", ""),
                        "note": definition.get("note", ""),
                    },
                    self.tally,
                )
        if not definitions:
            self.org = Organization.objects.filter(slug=slug).first()
            if self.org is None:
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

    def load_parties(self, files: list[tuple[str, dict]]) -> None:
        items = {e.data["code"]: e for e in self.entries(files, "parties")}
        done: set[str] = set()

        def visit(code: str, trail: tuple[str, ...]) -> None:
            # Parents first, however deep: PARIS-PACT is part of UNODC, part of the UN.
            if code in done or code not in items:
                return
            e = items[code]
            parent = e.data.get("parent")
            if parent and parent not in trail:
                visit(parent, (*trail, code))
            done.add(code)
            d = e.data
            with self.entry(e.file, e.path, ("party", code)):
                if parent in trail:
                    raise DomainError.at("parent", f"{parent!r} is part of {code!r}: a loop")
                held = Party.objects.filter(code=code).select_related("parent").first()
                if held is not None and _from_iso(held):
                    held = None  # named by reference only, never defined
                said = _said_over(
                    held,
                    d,
                    {
                        "kind": lambda p: p.kind,
                        "name": lambda p: p.name,
                        "parent": lambda p: p.parent.code if p.parent else None,
                        "source": lambda p: p.source,
                    },
                )
                self._parties[code] = registry.save_party(
                    code,
                    said["kind"],
                    name=said.get("name", ""),
                    names=said.get("names"),
                    text_names=said.get("text_names"),
                    parent=self.party(said.get("parent"), "parent"),
                    source=said.get("source", ""),
                    tally=self.tally,
                )

        for code in items:
            visit(code, ())

    def load_statuses(self, files: list[tuple[str, dict]]) -> None:
        for rank, e in enumerate(self.entries(files, "statuses")):
            d = e.data
            with self.entry(e.file, e.path, ("status", d["id"])):
                status = registry.save_status(
                    self.org,
                    d["id"],
                    {
                        "name": d["name"],
                        "names": d.get("names", {}),
                        "takes_decisions": d.get("takes_decisions", False),
                        "valid_from": _day(d.get("from"), "from"),
                        "valid_until": _day(d.get("until"), "until"),
                        "rank": rank,
                    },
                    self.tally,
                )
                self.remember("status", d["id"], status)

    def load_memberships(self, files: list[tuple[str, dict]]) -> None:
        items = list(self.entries(files, "memberships"))
        # The files hold each named party's whole standing: drop what they no longer say.
        starts: dict[str, set] = {}
        for e in items:
            try:
                starts.setdefault(e.data["party"], set()).add(parse_date(e.data["from"]))
            except ValueError:
                continue
        for code, days in starts.items():
            stale = Membership.objects.filter(organization=self.org, party__code=code).exclude(
                start__in=days
            )
            prune(stale, [], self.tally)
        for e in sorted(items, key=lambda e: e.data["from"]):
            d = e.data
            with self.entry(e.file, e.path):
                registry.save_membership(
                    self.org,
                    self.party(d["party"], "party"),
                    self.status(d["status"], "status"),
                    _day(d["from"], "from"),
                    _day(d.get("to"), "to"),
                    source=d.get("source", ""),
                    note=d.get("note", ""),
                    tally=self.tally,
                )

    def load_vocabularies(self, files: list[tuple[str, dict]]) -> None:
        for e in self.entries(files, "document_types"):
            d = e.data
            with self.entry(e.file, e.path, ("document type", d["id"])):
                kind = documents.save_document_type(
                    self.org, d["id"], {"name": d["name"], "names": d.get("names", {})}, self.tally
                )
                self.remember("document type", d["id"], kind)
        for e in self.entries(files, "topics"):
            d = e.data
            with self.entry(e.file, e.path, ("topic", d["id"])):
                topic = meetings.save_topic(
                    self.org, d["id"], {"name": d["name"], "names": d.get("names", {})}, self.tally
                )
                self.remember("topic", d["id"], topic)

    def load_bodies(self, files: list[tuple[str, dict]]) -> None:
        items = {e.data["id"]: e for e in self.entries(files, "bodies")}
        done: set[str] = set()

        def visit(slug: str, trail: tuple[str, ...]) -> None:
            if slug in done or slug not in items:
                return
            e = items[slug]
            parent = e.data.get("reports_to")
            if parent and parent not in trail:
                visit(parent, (*trail, slug))
            done.add(slug)
            d = e.data
            with self.entry(e.file, e.path, ("body", slug)):
                if parent in trail:
                    raise DomainError.at(
                        "reports_to", f"{parent!r} reports back to {slug!r}: a loop"
                    )
                body = bodies.save_body(
                    self.org,
                    slug,
                    {
                        "name": d["name"],
                        "names": d.get("names", {}),
                        "short_name": d.get("short_name", ""),
                        "reports_to": self.body(parent, "reports_to"),
                        "founded_on": _day(d.get("founded"), "founded"),
                        "meets_since": d.get("meets_since"),
                        "chair_rule": d.get("chair_rule", "presidency"),
                        "decision_rule": d.get("decision_rule", ""),
                        "function": d.get("function", ""),
                        "described_as": d.get("described_as", {}),
                        "rank": list(items).index(slug),
                        "source": d.get("source", ""),
                        "note": d.get("note", ""),
                    },
                    self.tally,
                )
                self.remember("body", slug, body)
                powers = []
                for i, power in enumerate(d.get("powers", [])):
                    kinds = [
                        self.document_type(k, f"powers[{i}].document_types[{j}]")
                        for j, k in enumerate(power.get("document_types", []))
                    ] or [None]
                    powers += [(verb, kind) for verb in power["verbs"] for kind in kinds]
                bodies.set_powers(body, powers, self.tally)

        for slug in items:
            visit(slug, ())

    def load_rotation(self, files: list[tuple[str, dict]]) -> None:
        for name, data in files:
            d = data.get("rotation")
            if not d:
                continue
            with self.entry(name, "rotation"):
                for i, code in enumerate(d.get("sequence", [])):
                    self.party(code, f"sequence[{i}]")
                bodies.save_rotation_rule(
                    self.org,
                    {
                        "order": d["order"],
                        "sequence": d.get("sequence", []),
                        "term": d["term"],
                        "handover_body": self.body(d.get("handover_body"), "handover_body"),
                    },
                    self.tally,
                )

    def load_people_and_posts(self, files: list[tuple[str, dict]]) -> None:
        for e in self.entries(files, "people"):
            d = e.data
            with self.entry(e.file, e.path, ("person", d["id"])):
                held = Person.objects.filter(slug=d["id"]).select_related("party").first()
                said = _said_over(
                    held,
                    d,
                    {
                        "name": lambda p: p.name,
                        "party": lambda p: p.party.code if p.party else None,
                        "source": lambda p: p.source,
                    },
                )
                person = registry.save_person(
                    d["id"],
                    {
                        "name": said["name"],
                        "names": said.get("names", {}),
                        "party": self.party(said.get("party"), "party"),
                        "source": said.get("source", ""),
                    },
                    self.tally,
                )
                self.remember("person", d["id"], person)
        for e in self.entries(files, "posts"):
            d = e.data
            if national("posts", d):
                continue  # global: see `records.offices`
            with self.entry(e.file, e.path, ("post", d["id"])):
                post = registry.save_post(
                    self.org,
                    d["id"],
                    {
                        "name": d["name"],
                        "names": d.get("names", {}),
                        "party": self.party(d.get("party"), "party"),
                        "body": self.body(d.get("body"), "body"),
                        "source": d.get("source", ""),
                    },
                    self.tally,
                )
                holders = d.get("holders", [])
                days = [_day(h["from"], f"holders[{i}].from") for i, h in enumerate(holders)]
                prune(post.holdings.exclude(start__in=days), [], self.tally)
                for i, h in sorted(enumerate(holders), key=lambda pair: pair[1]["from"]):
                    try:
                        registry.save_holding(
                            post,
                            self.person(h["person"], "person"),
                            days[i],
                            _day(h.get("to"), "to"),
                            {
                                "appointed_on": _day(h.get("appointed"), "appointed"),
                                "acting": h.get("acting", False),
                                "source": h.get("source", ""),
                                "note": h.get("note", ""),
                            },
                            self.tally,
                        )
                    except DomainError as exc:
                        raise exc.under(f"holders[{i}]") from None

    def load_documents(self, files: list[tuple[str, dict]]) -> None:
        for e in self.entries(files, "documents"):
            d = e.data
            with self.entry(e.file, e.path, ("document", d["id"])):
                when = _partial(d["date"], "date") if d.get("date") else None
                document = documents.save_document(
                    self.org,
                    d["id"],
                    {
                        "type": self.document_type(d["type"], "type"),
                        "title": d["title"],
                        "titles": d.get("titles", {}),
                        "date": when.value if when else None,
                        "date_precision": when.precision.value if when else "day",
                        "period": d.get("period", ""),
                        "purpose": d.get("purpose", ""),
                        "purposes": d.get("purposes", {}),
                        "author_body": self.body(d.get("author_body"), "author_body"),
                        "author_party": self.party(
                            document_parties.first_author(d), "author_party"
                        ),
                        "classification": d.get("classification", "public"),
                        "restricted_to_body": self.body(d.get("restricted_to"), "restricted_to"),
                        "source": d.get("source", ""),
                        "note": d.get("note", ""),
                    },
                    shared_with=[
                        self.party(code, f"shared_with[{i}]")
                        for i, code in enumerate(d.get("shared_with", []))
                    ],
                    tally=self.tally,
                )
                self.remember("document", d["id"], document)

    def load_events(self, files: list[tuple[str, dict]]) -> None:
        for e in self.entries(files, "events"):
            d = e.data
            with self.entry(e.file, e.path, ("event", d["id"])):
                start = end = None
                precision = "day"
                if d.get("date") is not None:
                    first, last = _span(d["date"])
                    start, end, precision = first.value, last.value, first.precision.value
                participants = [
                    {
                        "party": self.party(p["party"], f"participants[{i}].party"),
                        "role": p.get("role", "participant"),
                        "first_participation": p.get("first_participation", False),
                        "detail": p.get("detail", ""),
                        "detail_names": p.get("detail_names", {}),
                        "source": p.get("source", ""),
                    }
                    for i, p in enumerate(d.get("participants", []))
                ]
                event = meetings.save_event(
                    self.org,
                    d["id"],
                    {
                        "name": d["name"],
                        "names": d.get("names", {}),
                        "kind": d.get("kind", "other"),
                        "start": start,
                        "end": end,
                        "date_precision": precision,
                        "place": d.get("place", ""),
                        "place_names": d.get("place_names", {}),
                        "city": d.get("city", ""),
                        "city_names": d.get("city_names", {}),
                        "country": self.party(d.get("country"), "country"),
                        "organiser": self.party(d.get("organiser"), "organiser"),
                        "host_body": self.body(d.get("host_body"), "host_body"),
                        "source": d.get("source", ""),
                        "note": d.get("note", ""),
                    },
                    participants,
                    self.tally,
                )
                self.remember("event", d["id"], event)

    def _meeting_slug(self, d: dict) -> str:
        if d.get("id"):
            return d["id"]
        if d.get("number") is None:
            raise DomainError.at("id", "a meeting without a number (ad hoc) needs an id")
        return str(d["number"])

    def load_meetings(self, files: list[tuple[str, dict]]) -> None:
        items = list(self.entries(files, "meetings"))
        items.sort(key=lambda e: _first_day(e.data["date"]))
        for e in items:
            d = e.data
            key = None
            with self.entry(e.file, e.path):
                slug = self._meeting_slug(d)
                key = ("meeting", f"{d['body']}/{slug}")
                body = self.body(d["body"], "body")
                first, last = _span(d["date"])
                meeting = meetings.save_meeting(
                    body,
                    slug,
                    {
                        "number": d.get("number"),
                        "kind": d.get("kind") or kind_by_default(d.get("number")),
                        "title": d.get("title", ""),
                        "titles": d.get("titles", {}),
                        "start": first.value,
                        "end": last.value,
                        "date_precision": first.precision.value,
                        "city": d.get("city", ""),
                        "city_names": d.get("city_names", {}),
                        "country": self.party(d.get("country"), "country"),
                        "venue": d.get("venue", ""),
                        "mode": d.get("mode", "in-person"),
                        "host": self.party(d.get("host"), "host"),
                        "chair": self.party(d.get("chair"), "chair"),
                        "chair_person": self.person(d.get("chair_person"), "chair_person"),
                        "format": d.get("format", "restricted"),
                        "classification": d.get("classification", "public"),
                        "outcome": d.get("outcome", ""),
                        "outcomes": d.get("outcomes", {}),
                        "source": d.get("source", ""),
                        "note": d.get("note", ""),
                    },
                    co_chairs=[
                        self._co_chair(c, f"co_chairs[{i}]")
                        for i, c in enumerate(d.get("co_chairs", []))
                    ],
                    tally=self.tally,
                )
                self.remember("meeting", f"{body.slug}/{slug}", meeting)
                if d.get("number") is not None:
                    self.remember("meeting", f"{body.slug}/{d['number']}", meeting)
            if key is not None and self._cache.get(key) is None:
                self.failed.add(key)
        # Second pass: what a meeting prepares may be recorded after it.
        for e in items:
            d = e.data
            if "prepares" not in d:
                continue
            with self.entry(e.file, e.path):
                meeting = self.meeting(self.body(d["body"], "body"), self._meeting_slug(d), "id")
                target = self.meeting_ref(d["prepares"], "prepares")
                meetings.save_meeting(
                    meeting.body,
                    meeting.slug,
                    self._meeting_values(meeting, prepares=target),
                    co_chairs=[(row.party, row.person) for row in meeting.co_chair_rows.all()],
                    tally=None,
                )

    def _co_chair(self, c: str | dict, field: str) -> tuple[Party, Person | None]:
        """A co-chair as the record gives it: a party code, or its party and person."""
        if isinstance(c, str):
            return self.party(c, field), None  # type: ignore[return-value]
        party = self.party(c["party"], f"{field}.party")
        return party, self.person(c.get("person"), f"{field}.person")  # type: ignore[return-value]

    @staticmethod
    def _meeting_values(meeting: Meeting, **changes: Any) -> dict:
        names = [
            "number", "kind", "title", "titles", "start", "end", "date_precision", "city",
            "city_names", "country", "venue", "mode", "host", "chair", "chair_person", "format",
            "classification", "outcome", "outcomes", "source", "note", "prepares",
        ]  # fmt: skip
        return {**{n: getattr(meeting, n) for n in names}, **changes}

    def load_publishing(self, files: list[tuple[str, dict]]) -> None:
        for name, data in files:
            d = data.get("publishing")
            if d is None:
                continue
            with self.entry(name, "publishing"):
                publishing.save_profile(
                    self.org,
                    {
                        "languages": d.get("languages", []),
                        "record_language": d.get("record_language", "en"),
                        "issuer": self.body(d.get("issuer"), "issuer"),
                        "timezone": d.get("timezone", ""),
                        "press_release_style": d.get("press_release", "news"),
                        "information_report_style": d.get("information_report", "formal"),
                        "terms": d.get("terms", {}),
                        "listing_order": d.get("listing_order", {}).get("by", "name"),
                        "listing_language": d.get("listing_order", {}).get("language", ""),
                        "protocol_order": d.get("listing_order", {}).get("parties", []),
                        "letterhead": d.get("letterhead", {}),
                        "letterhead_logo": _logo(name, d.get("letterhead", {}).get("logo")),
                    },
                    self.tally,
                )

    def load_chairmanships(self, files: list[tuple[str, dict]]) -> None:
        items = list(self.entries(files, "chairmanships"))
        starts: dict[str | None, set] = {}
        for e in items:
            try:
                starts.setdefault(e.data.get("body"), set()).add(parse_date(e.data["from"]))
            except ValueError:
                continue
        for body_slug, days in starts.items():
            try:
                body = self.body(body_slug, "body")
            except (DomainError, _Skip):
                continue
            stale = ChairTerm.objects.filter(organization=self.org, body=body).exclude(
                start__in=days
            )
            prune(stale, [], self.tally)
        for e in sorted(items, key=lambda e: e.data["from"]):
            d = e.data
            with self.entry(e.file, e.path):
                bodies.save_chair_term(
                    self.org,
                    self.body(d.get("body"), "body"),
                    self.party(d["party"], "party"),
                    _day(d["from"], "from"),
                    _day(d.get("to"), "to"),
                    {
                        "basis": d.get("basis", "record"),
                        "decided_at": self.meeting_ref(d.get("decided_at"), "decided_at"),
                        "source": d.get("source", ""),
                        "note": d.get("note", ""),
                    },
                    self.tally,
                )

    def load_meeting_records(self, files: list[tuple[str, dict]]) -> None:
        items = list(self.entries(files, "meetings"))
        for e in items:
            with self.entry(e.file, e.path, ("meeting record", e.path)):
                self._meeting_people_and_agenda(e.data)
        for e in items:
            if ("meeting record", e.path) in self.failed:
                continue  # its agenda was refused: its actions would only echo that
            with self.entry(e.file, e.path):
                self._meeting_acts(e.data)

    def _this_meeting(self, d: dict) -> Meeting:
        return self.meeting(self.body(d["body"], "body"), self._meeting_slug(d), "id")

    def _meeting_people_and_agenda(self, d: dict) -> None:
        meeting = self._this_meeting(d)
        items = []
        for i, a in enumerate(d.get("agenda", [])):
            items.append(
                meetings.Item(
                    slug=a["id"],
                    title=a["title"],
                    values={
                        "titles": a.get("titles", {}),
                        "kind": a.get("kind", "discussion"),
                        "emphasis": a.get("emphasis", False),
                        "classification": a.get("classification", "public"),
                        "source": a.get("source", ""),
                        "note": a.get("note", ""),
                    },
                    topics=[
                        self.topic(t, f"agenda[{i}].topics[{j}]")
                        for j, t in enumerate(a.get("topics", []))
                    ],
                    events=[
                        self.event(v, f"agenda[{i}].events[{j}]")
                        for j, v in enumerate(a.get("events", []))
                    ],
                )
            )
        try:
            rows = meetings.set_agenda(meeting, items, self.tally)
        except DomainError as exc:
            raise exc.under("agenda") from None
        for row in rows:
            self.remember("agenda item", f"{meeting.body.slug}/{meeting.slug}/{row.slug}", row)
        participants = []
        for i, p in enumerate(d.get("participants", [])):
            where = f"participants[{i}]"
            participants.append(
                meetings.Participant(
                    party=self.party(p.get("party"), f"{where}.party"),
                    person=self.person(p.get("person"), f"{where}.person"),
                    role=p.get("role", "delegation"),
                    head_of_delegation=p.get("head", False),
                    post_title=p.get("post", ""),
                    post_names=p.get("post_names", {}),
                    source=p.get("source", ""),
                    note=p.get("note", ""),
                    **attendance.participant_attendance(
                        p, where, lambda ref, at: self.item(meeting, ref, at)
                    ),
                )
            )
        try:
            meetings.set_participants(meeting, participants, self.tally, statements_follow=True)
        except DomainError as exc:
            raise exc.under("participants") from None
        statements = []
        for i, s in enumerate(d.get("statements", [])):
            where = f"statements[{i}]"
            statements.append(
                {
                    "person": self.person(s.get("person"), f"{where}.person"),
                    "party": self.party(s.get("party"), f"{where}.party"),
                    "kind": s.get("kind", "statement"),
                    "verbatim": s.get("verbatim", True),
                    "date": _day(s.get("date"), f"{where}.date"),
                    "after_meeting": s.get("after_meeting", False),
                    "text": s["text"],
                    "texts": s.get("texts", {}),
                    "agenda_item": self.item(meeting, s.get("item"), f"{where}.item"),
                    "source": s.get("source", ""),
                    "note": s.get("note", ""),
                }
            )
        try:
            meetings.set_statements(meeting, statements, self.tally)
        except DomainError as exc:
            raise exc.under("statements") from None

    def item(self, meeting: Meeting, ref: str | dict | None, field: str) -> AgendaItem | None:
        if ref is None:
            return None
        if isinstance(ref, dict):
            body = self.body(ref["body"], f"{field}.body")
            meeting = self.meeting(body, ref["meeting"], f"{field}.meeting")
            ref = ref["item"]
        key = f"{meeting.body.slug}/{meeting.slug}/{ref}"
        return self._get(
            "agenda item",
            key,
            field,
            lambda: AgendaItem.objects.filter(meeting=meeting, slug=ref).first(),
            "",
        )

    def office(self, slug: str | None, field: str) -> Post | None:
        if slug is None:
            return None
        return self._get(
            "office",
            slug,
            field,
            lambda: Post.objects.filter(organization=self.org, slug=slug).first(),
            f" in {self.org.slug}: declare it under `posts`",
        )

    def _action_values(self, a: dict, meeting: Meeting | None, body: Body) -> dict:
        if a.get("date"):
            when = _partial(a["date"], "date")
        elif meeting is not None:
            when = meeting.partial_date
        else:
            raise DomainError.at("date", "an action outside a meeting needs a date")
        target = self.body(a.get("to"), "to")
        return {
            "meeting": meeting,
            "date": when.value,
            "date_precision": when.precision.value,
            "verb": a["verb"],
            "document": self.document(a.get("document"), "document"),
            "agenda_item": self.item(meeting, a.get("item"), "item")
            if meeting or isinstance(a.get("item"), dict)
            else None,
            "event": self.event(a.get("event"), "event"),
            "target_body": target,
            "target_meeting": self.meeting(target, a.get("to_meeting"), "to_meeting"),
            "target_post": self.office(a.get("to_post"), "to_post"),
            "by_person": self.person(a.get("by"), "by"),
            "purpose": a.get("purpose", ""),
            "classification": a.get("classification", "public"),
            "source": a.get("source", ""),
            "note": a.get("note", ""),
        }

    def _meeting_acts(self, d: dict) -> None:
        meeting = self._this_meeting(d)
        actions = []
        for i, a in enumerate(d.get("actions", [])):
            try:
                actions.append(self._action_values(a, meeting, meeting.body))
            except DomainError as exc:
                raise exc.under(f"actions[{i}]") from None
        try:
            decisions.set_actions(meeting.body, meeting, actions, self.tally)
        except DomainError as exc:
            raise exc.under("actions") from None
        kept = []
        for i, x in enumerate(d.get("decisions", [])):
            where = f"decisions[{i}]"
            positions = [
                (
                    self.party(p["party"], f"{where}.positions[{j}].party"),
                    p["stance"],
                    p.get("statement", ""),
                )
                for j, p in enumerate(x.get("positions", []))
            ]
            try:
                decision = decisions.save_decision(
                    meeting,
                    x["id"],
                    {
                        "title": x["title"],
                        "titles": x.get("titles", {}),
                        "document": self.document(x.get("document"), "document"),
                        **self._decision_outcome(x),
                        "order": i,
                        "classification": x.get("classification", "public"),
                        "source": x.get("source", ""),
                        "note": x.get("note", ""),
                    },
                    positions,
                    self.tally,
                )
            except DomainError as exc:
                raise exc.under(where) from None
            kept.append(decision.pk)
        persist.prune_under(Decision, {"meeting": meeting}, kept, self.tally)

    @staticmethod
    def _decision_outcome(x: dict) -> dict:
        """A decision's outcome, procedure, counts and date as the record gives them. A
        record with no outcome is open when it says `open: true`, else the positions
        give its outcome (`decisions.rules.outcome_from_positions`)."""
        votes = x.get("votes", {})
        return {
            "outcome": x.get("outcome") or ("open" if x.get("open") else None),
            "procedure": x.get("procedure", ""),
            "votes_in_favour": votes.get("in_favour"),
            "votes_against": votes.get("against"),
            "votes_abstaining": votes.get("abstaining"),
            "date": _partial(x["date"], "date").value if x.get("date") else None,
        }

    def load_standalone_actions(self, files: list[tuple[str, dict]]) -> None:
        grouped: dict[str, list[tuple[_Entry, dict]]] = {}
        for e in self.entries(files, "actions"):
            with self.entry(e.file, e.path):
                body = self.body(e.data["body"], "body")
                grouped.setdefault(body.slug, []).append(
                    (e, self._action_values(e.data, None, body))
                )
        for slug, pairs in grouped.items():
            body = self.body(slug, "body")
            problems = []
            for e, values in pairs:
                problems += [
                    FileProblem(e.file, p.under(e.path).field, p.reason)
                    for p in decisions.check_action(body, values)
                ]
            if problems:
                self.problems += problems
                continue
            with self.entry(pairs[0][0].file, "actions"):
                decisions.set_actions(body, None, [v for _, v in pairs], self.tally)

    def load_document_details(self, files: list[tuple[str, dict]]) -> None:
        for e in self.entries(files, "documents"):
            d = e.data
            if ("document", d["id"]) in self.failed:
                continue
            with self.entry(e.file, e.path):
                document = self.document(d["id"], "id")
                relations = [
                    (
                        r["kind"],
                        self.document(r["target"], f"relations[{i}].target"),
                        {"source": r.get("source", "")},
                    )
                    for i, r in enumerate(d.get("relations", []))
                ]
                documents.set_relations(document, relations, self.tally)
                documents.set_parties(
                    document, **document_parties.parties(self, d), tally=self.tally
                )
                documents.set_versions(
                    document,
                    [
                        {
                            "number": v["number"],
                            "language": v.get("language", ""),
                            "date": _day(v.get("date"), f"versions[{i}].date"),
                            "text": v.get("text", ""),
                            "source": v.get("source", ""),
                        }
                        for i, v in enumerate(d.get("versions", []))
                    ],
                    self.tally,
                )
                keep = []
                for i, m in enumerate(d.get("measures", [])):
                    where = f"measures[{i}]"
                    try:
                        measure = implementation.save_measure(
                            document,
                            m["id"],
                            {
                                "text": m["text"],
                                "texts": m.get("texts", {}),
                                "responsible_body": self.body(
                                    m.get("responsible_body"), "responsible_body"
                                ),
                                "responsible_party": self.party(
                                    m.get("responsible_party"), "responsible_party"
                                ),
                                "due": _day(m.get("due"), "due"),
                                "source": m.get("source", ""),
                            },
                            self.tally,
                        )
                    except DomainError as exc:
                        raise exc.under(where) from None
                    keep.append(measure.pk)
                persist.prune_under(Measure, {"document": document}, keep, self.tally)
                reports = []
                for i, p in enumerate(d.get("progress", [])):
                    where = f"progress[{i}]"
                    try:
                        reports.append(
                            {
                                "date": _day(p["date"], "date"),
                                "status": p["status"],
                                "measure": document.measures.filter(slug=p["measure"]).first()
                                if p.get("measure")
                                else None,
                                "report": self.document(p.get("report"), "report"),
                                "meeting": self.meeting_ref(p.get("meeting"), "meeting"),
                                "reported_by": self.body(p.get("reported_by"), "reported_by"),
                                "source": p.get("source", ""),
                                "note": p.get("note", ""),
                            }
                        )
                    except DomainError as exc:
                        raise exc.under(where) from None
                    if p.get("measure") and reports[-1]["measure"] is None:
                        raise DomainError.at(
                            f"{where}.measure", f"unknown measure {p['measure']!r}"
                        )
                try:
                    implementation.set_progress_reports(document, reports, self.tally)
                except DomainError as exc:
                    raise exc.under("progress") from None
