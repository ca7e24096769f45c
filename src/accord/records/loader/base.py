"""The loader's common ground: collecting refusals entry by entry, and the references
between entries (looked up once, cached, a failed one skipped)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence, Set
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, overload

from django.db import transaction

from accord.bodies.models import Body
from accord.core import audit, identity, persist
from accord.core.errors import DomainError
from accord.core.persist import Tally
from accord.documents.models import Document, DocumentType
from accord.meetings import rules as meeting_rules
from accord.meetings.models import AgendaItem, Event, Meeting, Topic
from accord.records.files import FileProblem
from accord.records.merge import (
    origin_of,
)
from accord.registry import countries
from accord.registry import services as registry
from accord.registry.models import (
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


class _LoaderBase:
    """What every section of the loader shares: the load's state, entries and references."""

    def __init__(
        self,
        tally: Tally,
        progress: Callable[[str], None],
        *,
        careful: bool,
        origins: dict[tuple[str, str], list[tuple[str, str, str]]] | None = None,
        declared: dict[str, dict[str, set]] | None = None,
        as_dumped: Set[tuple[str, str]] = frozenset(),
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
        self._org: Organization | None = None
        self._parties: dict[str, Party] = {}
        self._cache: dict[tuple[str, str], Any] = {}
        self._entries = 0
        self._told = time.monotonic()

    @property
    def org(self) -> Organization:
        """The organization whose files are being loaded: set before any of its
        sections is (`load_organization` stops when there is none)."""
        if self._org is None:
            raise RuntimeError("no organization is being loaded")
        return self._org

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
            identity.forget()  # the entry's rows were rolled back with its savepoint
            if key:
                self.failed.add(key)
        except DomainError as exc:
            identity.forget()
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

    @overload
    def party(self, code: str, field: str) -> Party: ...
    @overload
    def party(self, code: None, field: str) -> None: ...
    @overload
    def party(self, code: str | None, field: str) -> Party | None: ...
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

    @overload
    def body(self, slug: str, field: str) -> Body: ...
    @overload
    def body(self, slug: None, field: str) -> None: ...
    @overload
    def body(self, slug: str | None, field: str) -> Body | None: ...
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

    @overload
    def person(self, slug: str, field: str) -> Person: ...
    @overload
    def person(self, slug: None, field: str) -> None: ...
    @overload
    def person(self, slug: str | None, field: str) -> Person | None: ...
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

    @overload
    def document(self, slug: str, field: str) -> Document: ...
    @overload
    def document(self, slug: None, field: str) -> None: ...
    @overload
    def document(self, slug: str | None, field: str) -> Document | None: ...
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

    @overload
    def event(self, slug: str, field: str) -> Event: ...
    @overload
    def event(self, slug: None, field: str) -> None: ...
    @overload
    def event(self, slug: str | None, field: str) -> Event | None: ...
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

    @overload
    def meeting(self, body: Body, ref: int | str, field: str) -> Meeting: ...
    @overload
    def meeting(self, body: Body | None, ref: int | str | None, field: str) -> Meeting | None: ...
    def meeting(self, body: Body | None, ref: int | str | None, field: str) -> Meeting | None:
        if ref is None or body is None:
            return None
        slug = str(ref)
        lookup: dict[str, int | str] = {"number": ref} if isinstance(ref, int) else {"slug": ref}
        return self._get(
            "meeting",
            f"{body.slug}/{slug}",
            field,
            lambda: Meeting.objects.filter(body=body, **lookup).select_related("body").first(),
            "",
        )

    @overload
    def meeting_ref(self, ref: dict, field: str) -> Meeting: ...
    @overload
    def meeting_ref(self, ref: None, field: str) -> None: ...
    @overload
    def meeting_ref(self, ref: dict | None, field: str) -> Meeting | None: ...
    def meeting_ref(self, ref: dict | None, field: str) -> Meeting | None:
        if ref is None:
            return None
        body = self.body(ref["body"], f"{field}.body")
        return self.meeting(body, ref["meeting"], f"{field}.meeting")

    def _meeting_slug(self, d: dict) -> str:
        return meeting_rules.meeting_name(d.get("id"), d.get("number"))

    def _this_meeting(self, d: dict) -> Meeting:
        return self.meeting(self.body(d["body"], "body"), self._meeting_slug(d), "id")

    def item(
        self, meeting: Meeting | None, ref: str | dict | None, field: str
    ) -> AgendaItem | None:
        """An agenda item: of `meeting`, or (outside a meeting) as {body, meeting, item}."""
        if ref is None:
            return None
        if isinstance(ref, dict):
            body = self.body(ref["body"], f"{field}.body")
            meeting = self.meeting(body, ref["meeting"], f"{field}.meeting")
            ref = ref["item"]
        if meeting is None:
            raise DomainError.at(field, "outside a meeting, give the item's body and meeting")
        key = f"{meeting.body.slug}/{meeting.slug}/{ref}"
        return self._get(
            "agenda item",
            key,
            field,
            lambda: AgendaItem.objects.filter(meeting=meeting, slug=ref).first(),
            "",
        )

    @overload
    def office(self, slug: str, field: str) -> Post: ...
    @overload
    def office(self, slug: None, field: str) -> None: ...
    @overload
    def office(self, slug: str | None, field: str) -> Post | None: ...
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
