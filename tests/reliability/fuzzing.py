"""Fuzzing Accord's API from its own OpenAPI description, as one role at a time.

Schemathesis generates requests for every operation of /api/v1/openapi.json (valid
ones, and invalid ones that the API must refuse); they are sent in-process to Django's
WSGI application, over the test database holding the seed scenario. Path parameters
are mostly those of rows that exist (a random slug only ever reaches the 404), and a
change is sent now and then with the If-Match of the row as the role reads it, so
that writes reach the domain's rules.

Every answer is checked:

- no server error (5xx);
- the answer is one the description documents: its status, content type, headers
  and body schema (schemathesis' conformance checks); invalid input is refused;
- no leak: the text of an answer holds no marker of a row the role may not read.
  The markers are words put in the titles, notes and slugs of restricted rows
  (`plant_markers`); whether a role may read a row is asked of the access layer
  (`accord.accounts.access`), the one the API itself goes through;
- a refused change changed nothing: a fingerprint of the record (every row of the
  domain's tables and the audit trail) is the same before and after.

`Fuzzer.run` answers a `Tally` of what it sent and what it found; tests assert it
is clean, `bench/fuzz.py` prints it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from django.apps import apps
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accord.accounts import access
from accord.accounts import services as accounts
from accord.accounts.models import TokenScope
from accord.bodies.models import Body
from accord.decisions import services as decisions
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.decisions.models import Action, Decision, Position
from accord.documents import services as documents
from accord.documents.inputs import DocumentFields
from accord.documents.models import Document, DocumentFile, DocumentType, DocumentVersion
from accord.meetings import services as meetings
from accord.meetings.inputs import AgendaItemFields, MeetingFields
from accord.meetings.models import AgendaItem, Event, Meeting
from accord.meetings.services import Item
from accord.publishing import services as publishing
from accord.publishing.models import PressRelease
from accord.publishing.tables import TABLES
from accord.registry import services as registry
from accord.registry.inputs import PersonFields
from accord.registry.models import Declaration, Membership, Organization, Party, Person, Post
from tests.accounts.people import RoleSpec, make

SCO, SCS, CFM = "sco", "security-council-secretaries", "foreign-ministers"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
CONDITIONAL = {"PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class FuzzRole:
    spec: RoleSpec
    scope: str | None  # the token's scope; None: no token (anonymous)


ROLES: dict[str, FuzzRole] = {
    "anonymous": FuzzRole(RoleSpec("fz-anonymous", anonymous=True), None),
    # Signed in with no affiliation: reads what the public reads.
    "public": FuzzRole(RoleSpec("fz-public"), TokenScope.FULL),
    "observer": FuzzRole(RoleSpec("fz-observer-mn", observers=frozenset({(SCO, "MN")})), "full"),
    # Kyrgyzstan's delegation, named on the Security Council Secretaries.
    "delegation": FuzzRole(
        RoleSpec("fz-delegation-kg", delegations=frozenset({(SCO, "KG")}), bodies=frozenset({SCS})),
        TokenScope.FULL,
    ),
    "secretariat": FuzzRole(RoleSpec("fz-secretariat", secretariat=frozenset({SCO})), "full"),
    # The secretariat's officer with a read-only token: reads everything, writes nothing.
    "read-token": FuzzRole(
        RoleSpec("fz-secretariat-read", secretariat=frozenset({SCO})), TokenScope.READ
    ),
}


# --- markers of restricted rows ------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    word: str  # lower case; searched case-insensitively in every answer
    model: type
    pk: int


_SELECTORS: dict[type, Callable] = {
    Document: access.documents,
    Meeting: access.meetings,
    AgendaItem: access.agenda_items,
    Decision: access.decisions,
    Action: access.actions,
    Position: access.positions,
    PressRelease: access.press_releases,
    Person: access.people,
}


def plant_markers() -> list[Marker]:
    """Rows of every classification, each with a word of its own: documents (one
    related to from a public document), meetings, and, at a public meeting, agenda
    items, decisions (with a position's statement), actions; and a draft press
    release. Made through the services, like the record."""
    org = Organization.objects.get(slug=SCO)
    scs = Body.objects.get(organization=org, slug=SCS)
    cfm = Body.objects.get(organization=org, slug=CFM)
    roadmap = DocumentType.objects.get(organization=org, slug="roadmap")
    kg = Party.objects.get(code="KG")
    markers: list[Marker] = []
    shapes = [
        ("public", None, None),
        ("organization", None, None),
        ("body", scs, None),
        ("body", cfm, None),
        ("parties", None, "KG"),
        ("parties", None, "MN"),
        ("parties", None, "CN"),
    ]
    docs = []
    for letter, (classification, body, shared) in zip("abcdefg", shapes, strict=True):
        word = f"leakmarkdoc{letter}"
        doc = documents.save_document(
            org,
            word,
            DocumentFields(
                type=roadmap,
                title=f"Roadmap {word.capitalize()}",
                date=dt.date(2019, 5, 15),
                classification=classification,
                restricted_to_body=body,
                note=f"about {word}",
            ),
            shared_with=Party.objects.filter(code=shared) if shared else [],
        )
        docs.append(doc)
        markers.append(Marker(word, Document, doc.pk))
    documents.set_versions(docs[1], [{"number": 1, "language": "en"}])
    # A public document that implements each restricted one: the relation must not
    # show a target its reader may not read.
    relations = [("implements", target, {}) for target in docs[1:]]
    documents.set_relations(docs[0], relations)

    for i, classification in enumerate(["organization", "body", "parties"]):
        word = f"leakmarkmeeting{'abc'[i]}"
        day = dt.date(2031 + i, 3, 1)
        meeting = meetings.save_meeting(
            scs,
            word,
            MeetingFields(
                number=40 + i,
                start=day,
                end=day,
                classification=classification,
                title=f"Session {word}",
                venue=f"Hall {word}",
            ),
        )
        markers.append(Marker(word, Meeting, meeting.pk))
    host = meetings.save_meeting(
        scs,
        "leakhost",
        MeetingFields(number=39, start=dt.date(2030, 3, 1), end=dt.date(2030, 3, 1)),
    )
    classes = ["organization", "body", "parties"]
    items = meetings.set_agenda(
        host,
        [
            Item("leakhost-item", "A public item"),
            *(
                Item(
                    f"leakmarkitem{'abc'[i]}",
                    f"Item leakmarkitem{'abc'[i]}",
                    AgendaItemFields(classification=c),
                )
                for i, c in enumerate(classes)
            ),
        ],
    )
    for item in items[1:]:
        markers.append(Marker(item.slug, AgendaItem, item.pk))
    for i, c in enumerate(classes):
        word = f"leakmarkdecision{'abc'[i]}"
        decision = decisions.save_decision(
            host,
            word,
            DecisionFields(title=f"Decision {word}", outcome="open", classification=c),
            [(kg, "concurs", f"statement leakmarkposition{'abc'[i]}")],
        )
        markers.append(Marker(word, Decision, decision.pk))
        position = Position.objects.get(decision=decision, party=kg)
        markers.append(Marker(f"leakmarkposition{'abc'[i]}", Position, position.pk))
    for i, c in enumerate(classes):
        word = f"leakmarkaction{'abc'[i]}"
        action = decisions.record_action(
            scs,
            ActionFields(
                meeting=host,
                date=host.start,
                verb="heard",
                agenda_item=items[0],
                classification=c,
                note=f"note {word}",
            ),
        )
        markers.append(Marker(word, Action, action.pk))
    markers += _derived_markers(scs)
    return markers


def _derived_markers(scs: Body) -> list[Marker]:
    """Rows seen only through what Accord derives: a person who took part only in an
    organization-restricted meeting, and a public release published of a meeting that
    was classified for the organization afterwards (it goes with its meeting)."""
    admin = access.Viewer(None, True, frozenset(), frozenset(), frozenset(), frozenset())
    day = dt.date(2034, 3, 1)
    values = {
        "number": 44,
        "start": day,
        "end": day,
        "title": "Session leakmarkreleasemeeting",
        "venue": "Hall leakmarkreleasemeeting",
    }
    meeting = meetings.save_meeting(scs, "leakmarkreleasemeeting", MeetingFields(**values))
    release = publishing.draft_release(admin, meeting, classification="public")
    publishing.review_release(admin, release)
    publishing.publish_release(admin, release)
    meeting = meetings.save_meeting(
        scs, "leakmarkreleasemeeting", MeetingFields(**values, classification="organization")
    )
    person = registry.save_person("leakmarkperson", PersonFields(name="Leakmarkperson Only"))
    meetings.set_participants(meeting, [meetings.Participant(person=person, role="guest")])
    return [
        Marker("leakmarkreleasemeeting", Meeting, meeting.pk),
        Marker("leakmarkperson", Person, person.pk),
    ]


def forbidden_words(markers: list[Marker], viewer: access.Viewer) -> set[str]:
    """The markers of the rows `viewer` may not read, as the access layer decides."""
    hidden = set()
    for marker in markers:
        if not _SELECTORS[marker.model](viewer).filter(pk=marker.pk).exists():
            hidden.add(marker.word)
    return hidden


# --- the record's fingerprint ----------------------------------------------------------

DOMAIN_APPS = (
    "registry",
    "bodies",
    "meetings",
    "documents",
    "decisions",
    "implementation",
    "publishing",
    "core",
    "search",
)
# Tables only ever appended to (or rewritten whole): their shape says all a change did.
APPENDED = ("core_auditentry", "search_entry")


def _domain_models() -> list[type]:
    return [m for label in DOMAIN_APPS for m in apps.get_app_config(label).get_models()]


def shape() -> tuple:
    """How many rows each domain table holds and its highest key, in one query: what
    a refused change that added or removed a row changes. Cheap, for every refusal."""
    from django.db import connection

    quote = connection.ops.quote_name
    parts = [
        f"SELECT {i}, COUNT(*), MAX({quote(m._meta.pk.column)}) FROM {quote(m._meta.db_table)}"
        for i, m in enumerate(_domain_models())
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return tuple(sorted(cursor.fetchall()))


def fingerprint() -> str:
    """A hash of every row of the domain's tables and of the audit trail: what any
    refused change changed, even a value in place. (On PostgreSQL the server hashes
    each table: fetching every row there costs a round trip per chunk.)"""
    from django.db import connection

    models = [m for m in _domain_models() if m._meta.db_table not in APPENDED]
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        parts = [
            f"SELECT {i}, md5(COALESCE(string_agg(t::text, '|' ORDER BY"
            f" t.{quote(m._meta.pk.column)}), '')) FROM {quote(m._meta.db_table)} t"
            for i, m in enumerate(models)
        ]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts))
            content = repr(sorted(cursor.fetchall()))
        return hashlib.sha256((repr(shape()) + content).encode()).hexdigest()
    digest = hashlib.sha256(repr(shape()).encode())
    for model in models:
        digest.update(model._meta.db_table.encode())
        for row in model._base_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


# --- path parameters of rows that exist --------------------------------------------------


def _meeting_ref(m: Meeting) -> str:
    return str(m.number) if m.number is not None else m.slug


def known_rows() -> dict[str, list[dict[str, str]]]:
    """For each kind of path, the parameters naming rows that exist (every row,
    readable or not: the fuzz asks the hidden ones too)."""
    rows: dict[str, list[dict[str, str]]] = {}
    rows["org"] = [{"org": o.slug} for o in Organization.objects.all()]
    rows["body"] = [
        {"org": b.organization.slug, "body": b.slug}
        for b in Body.objects.select_related("organization")
    ]
    meeting_rows = Meeting.objects.select_related("body__organization")
    rows["ref"] = [
        {"org": m.body.organization.slug, "body": m.body.slug, "ref": _meeting_ref(m)}
        for m in meeting_rows
    ]
    rows["decision"] = [
        {
            "org": d.meeting.body.organization.slug,
            "body": d.meeting.body.slug,
            "ref": _meeting_ref(d.meeting),
            "decision": d.slug,
        }
        for d in Decision.objects.select_related("meeting__body__organization")
    ]
    rows["positions"] = [
        {
            "org": p.decision.meeting.body.organization.slug,
            "body": p.decision.meeting.body.slug,
            "ref": _meeting_ref(p.decision.meeting),
            "decision": p.decision.slug,
            "code": p.party.code,
        }
        for p in Position.objects.select_related("decision__meeting__body__organization", "party")
    ]
    counts: dict[int, int] = {}
    for a in Action.objects.filter(meeting__isnull=False).values_list("meeting_id", flat=True):
        counts[a] = counts.get(a, 0) + 1
    rows["actions"] = [
        {
            "org": m.body.organization.slug,
            "body": m.body.slug,
            "ref": _meeting_ref(m),
            "position": str(i),
        }
        for m in meeting_rows.filter(pk__in=counts)
        for i in range(counts[m.pk])
    ]
    rows["documents"] = [
        {"org": d.organization.slug, "slug": d.slug}
        for d in Document.objects.select_related("organization")
    ]
    rows["versions"] = [
        {"org": v.document.organization.slug, "slug": v.document.slug, "number": str(v.number)}
        for v in DocumentVersion.objects.select_related("document__organization")
    ]
    rows["files"] = [
        {
            "org": f.version.document.organization.slug,
            "slug": f.version.document.slug,
            "number": str(f.version.number),
            "language": f.language,
            "kind": f.kind,
        }
        for f in DocumentFile.objects.select_related("version__document__organization")
    ]
    rows["memberships"] = [
        {"org": m.organization.slug, "code": m.party.code, "start": m.start.isoformat()}
        for m in Membership.objects.select_related("organization", "party")
    ]
    # An organization's own posts, and the national offices each organization names.
    rows["posts"] = [
        {"org": p.organization.slug, "post": p.slug}
        for p in Post.objects.filter(organization__isnull=False).select_related("organization")
    ] + [
        {"org": d.organization.slug, "post": d.post.slug}
        for d in Declaration.objects.filter(post__isnull=False).select_related(
            "organization", "post"
        )
    ]
    rows["events"] = [
        {"org": e.organization.slug, "slug": e.slug}
        for e in Event.objects.select_related("organization")
    ]
    rows["releases"] = [
        {"org": r.organization.slug, "slug": r.slug}
        for r in PressRelease.objects.select_related("organization")
    ]
    rows["parties"] = [{"code": p.code} for p in Party.objects.all()]
    rows["people"] = [{"slug": p.slug} for p in Person.objects.all()]
    rows["tables"] = [{"org": o["org"], "table": t} for o in rows["org"] for t in TABLES]
    return rows


# The kind of row a path's last parameter names, by the literal segment before it.
_KINDS = {
    "organizations": "org",
    "bodies": "body",
    "meetings": "ref",
    "decisions": "decision",
    "positions": "positions",
    "actions": "actions",
    "documents": "documents",
    "versions": "versions",
    "files": "files",
    "memberships": "memberships",
    "posts": "posts",
    "events": "events",
    "releases": "releases",
    "parties": "parties",
    "people": "people",
    "tables": "tables",
}


def rows_for(path: str, known: dict[str, list[dict[str, str]]]) -> list[dict[str, str]]:
    """The known parameters of `path` (a template): the rows its last parameters name
    (`.../files/{language}/{kind}`: a file; `.../memberships/{code}/{start}`: one)."""
    parameters = re.findall(r"\{([^}]+)\}", path)
    if not parameters:
        return []
    segments = [s for s in path.split("/") if s]
    last = max(i for i, s in enumerate(segments) if s.startswith("{"))
    kind = _KINDS[next(s for s in reversed(segments[:last]) if not s.startswith("{"))]
    return [row for row in known[kind] if set(row) == set(parameters)]


@contextmanager
def in_process() -> Iterator[None]:
    """Requests answered in this process, in the test's transaction: Django's WSGI
    handler must not close the database connection at the end of each request (as
    Django's test client, which does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# --- the run ---------------------------------------------------------------------------

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@dataclass
class Tally:
    """What one role's fuzz sent and found."""

    role: str
    cases: int = 0
    writes: int = 0
    server_errors: int = 0
    schema_violations: int = 0
    leaks: int = 0
    dirty_refusals: int = 0  # refused changes that changed something
    marked: int = 0  # answers showing some marker (the role's readable ones)
    operations: set[str] = field(default_factory=set)  # those sent at least once
    seconds: float = 0.0
    by_status: dict[int, int] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)  # (kind, operation) -> first case

    def fail(self, kind: str, operation: str, detail: str) -> None:
        self.failures.setdefault(f"{kind}: {operation}", detail)

    @property
    def clean(self) -> bool:
        return not self.failures


class Fuzzer:
    """Sends generated requests for every operation as one role, and checks each answer."""

    def __init__(self, role: str, markers: list[Marker]) -> None:
        self.role = role
        spec = ROLES[role]
        person = make(spec.spec)
        # Answers as sent, not compressed: the checks read them.
        self.headers: dict[str, str] = {"Accept-Encoding": "identity"}
        if person.user is not None:
            _, secret = accounts.create_token(person.user, "fuzz", days=1, scope=spec.scope)
            self.headers["Authorization"] = f"Bearer {secret}"
        self.viewer = person.viewer
        self.forbidden = forbidden_words(markers, self.viewer)
        self.app = WSGIHandler()
        with in_process():
            self.schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", self.app)
        self.known = known_rows()
        self.gets = {op.path for op in self.operations() if op.method.upper() == "GET"}
        self.tally = Tally(role)
        self.record: object = None  # the measure of the record, when known
        # Roles whose changes get past the permission check are measured in full; the
        # others' refusals (401, 403, 404) by the tables' shape.
        self.measure: Callable[[], object] = (
            fingerprint if role in {"secretariat", "delegation"} else shape
        )

    def operations(self) -> list[Any]:
        return [result.ok() for result in self.schema.get_all_operations()]

    def _read_path(self, path: str) -> str | None:
        """The GET whose ETag a change of `path` sends back: the path itself, or the
        nearest enclosing one that can be read."""
        parts = path.split("/")
        while parts:
            candidate = "/".join(parts)
            if candidate in self.gets:
                return candidate
            parts.pop()
        return None

    def _etag(self, case: Any) -> str | None:
        read = self._read_path(case.operation.path)
        if read is None:
            return None
        url = read
        for name, value in (case.path_parameters or {}).items():
            url = url.replace("{" + name + "}", str(value))
        from werkzeug.test import Client

        answer = Client(self.app).get(url, headers={**self.headers, "Host": "localhost"})
        return answer.headers.get("ETag")

    def run(self, reads: int, writes: int, derandomize: bool = True) -> Tally:
        """`reads` examples for each read operation, `writes` for each change."""
        with in_process():
            for operation in self.operations():
                examples = writes if operation.method.upper() in WRITES else reads
                self._fuzz(operation, examples, derandomize)
        return self.tally

    def _fuzz(self, operation: Any, examples: int, derandomize: bool) -> None:
        label = f"{operation.method.upper()} {operation.path}"
        known = rows_for(operation.path, self.known)
        modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]

        def cases(mode: GenerationMode) -> st.SearchStrategy:
            generated = operation.as_strategy(generation_mode=mode)
            if not known:
                return generated
            existing = st.sampled_from(known).flatmap(
                lambda row: operation.as_strategy(generation_mode=mode, path_parameters=row)
            )
            return st.one_of(existing, existing, existing, generated)

        strategy = st.one_of(*(cases(mode) for mode in modes))

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=derandomize,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy, with_etag=st.booleans())
        def one(case: Any, with_etag: bool) -> None:
            self._send(label, case, with_etag)

        one()

    def _send(self, label: str, case: Any, with_etag: bool) -> None:
        tally = self.tally
        method = case.method.upper()
        headers = dict(self.headers)
        if case.headers:
            # Which site is asked (Host) is the server's to check before the API is
            # reached (Django's ALLOWED_HOSTS answers 400), not an input of the API.
            case.headers = {k: v for k, v in case.headers.items() if k.lower() != "host"}
        if method in CONDITIONAL and with_etag:
            etag = self._etag(case)
            if etag:
                case.headers = {**(case.headers or {}), "If-Match": etag}
        write = method in WRITES
        # The record as it stands; kept from the last refused change (a refusal that
        # changed nothing leaves it as it was), recomputed after one that was made.
        before = (self.record or self.measure()) if write else None
        response = case.call(headers=headers)
        tally.cases += 1
        tally.operations.add(label)
        tally.writes += write
        tally.by_status[response.status_code] = tally.by_status.get(response.status_code, 0) + 1
        curl = case.as_curl_command(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                server = failure.title.startswith("Server error")
                if server:
                    tally.server_errors += 1
                else:
                    tally.schema_violations += 1
                tally.fail(failure.title, label, f"{failure.message}\n{curl}")
        text = response.content.decode("utf-8", "replace").lower()
        tally.marked += "leakmark" in text
        leaked = sorted(word for word in self.forbidden if word in text)
        if leaked:
            tally.leaks += 1
            tally.fail("leak", label, f"{leaked} shown to {self.role}\n{curl}")
        if write:
            self.record = None
            if response.status_code >= 400:
                self.record = self.measure()
                if self.record != before:
                    tally.dirty_refusals += 1
                    tally.fail(
                        "refused change changed the record",
                        label,
                        f"{response.status_code}: {response.content[:300]!r}\n{curl}",
                    )
