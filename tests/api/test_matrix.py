"""The authorization matrix through the API: role × classification × kind of object ×
view, generated.

Objects of every kind are made in the seed's SCO with every classification: documents
(body-restricted to two bodies, shared with a member, an observer and a third party),
meetings of the Security Council Secretaries, and, at a public meeting, agenda items,
decisions (with a position) and actions. For each role, every view that can show an
object is asked, and what it shows is compared with a small oracle of the policy (see
`accord.accounts.access`): lists, searches, filtered counts, the body's series, the
calendar, details and audit trails (404 exactly like a missing object), the meeting
record, decisions and positions. The test counts the cases it checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from accord.bodies.models import Body
from accord.decisions import services as decisions
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.documents import services as documents
from accord.documents.inputs import DocumentFields
from accord.documents.models import Document, DocumentType
from accord.meetings import services as meetings
from accord.meetings.inputs import AgendaItemFields, MeetingFields
from accord.meetings.services import Item
from accord.registry.models import Organization, Party
from tests.api.conftest import ROLES, SCS

SCO = "/organizations/sco"
CFM = "foreign-ministers"
SERIES = f"{SCO}/bodies/{SCS}/meetings"
CLASSIFICATIONS = ["public", "organization", "body", "parties"]
# Each role's party and what it is in the SCO (for the oracle).
PARTY = {"delegation-scs": "KG", "delegation": "RU", "observer": "MN", "chair-team": "CN"}
DELEGATIONS = {"delegation-scs", "delegation", "chair-team"}  # chair teams read as delegations
BODIES = {"delegation-scs": {SCS}}
# Documents: (classification, restricted to body, shared with party).
DOCUMENTS = [
    ("public", None, None),
    ("organization", None, None),
    ("body", SCS, None),
    ("body", CFM, None),
    ("parties", None, "KG"),
    ("parties", None, "MN"),
    ("parties", None, "CN"),
]
MISSING = {"meeting", "document", "decision"}


@dataclass(frozen=True)
class Thing:
    kind: str
    classification: str
    body: str | None = None  # the body a body classification names
    shared: str | None = None  # the party a document is shared with


def may_read(role: str, thing: Thing) -> bool:
    """The policy, for objects of the SCO whose containers are public."""
    if role in {"admin", "secretariat"} or thing.classification == "public":
        return True
    if thing.classification == "organization":
        return role in DELEGATIONS  # KG and RU are members on every date here
    if thing.classification == "body":
        return role in DELEGATIONS and thing.body in BODIES.get(role, set())
    if thing.classification == "parties":
        return thing.kind == "document" and PARTY.get(role) == thing.shared
    raise AssertionError(thing)


def build() -> dict:
    org = Organization.objects.get(slug="sco")
    scs = Body.objects.get(organization=org, slug=SCS)
    cfm = Body.objects.get(organization=org, slug=CFM)
    roadmap = DocumentType.objects.get(organization=org, slug="roadmap")
    made: dict = {"documents": {}, "meetings": {}, "items": {}, "decisions": {}, "actions": {}}
    for i, (classification, body, shared) in enumerate(DOCUMENTS):
        slug = f"mx-doc-{i}"
        documents.save_document(
            org,
            slug,
            DocumentFields(
                type=roadmap,
                title=f"Matrixdoc{i} roadmap",
                date=dt.date(2019, 5, 15),
                classification=classification,
                restricted_to_body={SCS: scs, CFM: cfm}.get(body),
            ),
            shared_with=Party.objects.filter(code=shared) if shared else [],
        )
        made["documents"][slug] = Thing("document", classification, body, shared)
    host = meetings.save_meeting(
        scs,
        "17",
        MeetingFields(number=17, start=dt.date(2022, 8, 19), end=dt.date(2022, 8, 19)),
    )
    for i, classification in enumerate(CLASSIFICATIONS):
        number = 18 + i
        day = dt.date(2023 + i, 6, 1)
        meetings.save_meeting(
            scs,
            str(number),
            MeetingFields(number=number, start=day, end=day, classification=classification),
        )
        made["meetings"][number] = Thing("meeting", classification, SCS)
    items = meetings.set_agenda(
        host,
        [
            Item("mx-host-item", "Public item the actions are on"),
            *(
                Item(f"mx-item-{c}", f"Item {c}", AgendaItemFields(classification=c))
                for c in CLASSIFICATIONS
            ),
        ],
    )
    for c in CLASSIFICATIONS:
        made["items"][f"mx-item-{c}"] = Thing("item", c, SCS)
    kg = Party.objects.get(code="KG")
    for c in CLASSIFICATIONS:
        decisions.save_decision(
            host,
            f"mx-decision-{c}",
            DecisionFields(title=f"Decision {c}", outcome="open", classification=c),
            [(kg, "concurs", "")],
        )
        made["decisions"][f"mx-decision-{c}"] = Thing("decision", c, SCS)
    public_item = items[0]
    for c in CLASSIFICATIONS:  # the action's own classification, on a public item
        decisions.record_action(
            scs,
            ActionFields(
                meeting=host,
                date=host.start,
                verb="heard",
                agenda_item=public_item,
                classification=c,
                note=f"mx-action-{c}",
            ),
        )
        made["actions"][f"mx-action-{c}"] = Thing("action", c, SCS)
    for slug, thing in made["documents"].items():  # a public action on each document
        decisions.record_action(
            scs,
            ActionFields(
                meeting=host,
                date=host.start,
                verb="considered",
                document=Document.objects.get(organization=org, slug=slug),
                note=f"mx-on-{slug}",
            ),
        )
        made["actions"][f"mx-on-{slug}"] = thing
    return made


def Document_of(org, slug):
    from accord.documents.models import Document

    return Document.objects.get(organization=org, slug=slug)


def not_found(answer, field: str) -> bool:
    return answer.status == 404 and answer.body == {
        "detail": [{"field": field, "reason": "not found"}]
    }


@pytest.mark.parametrize("role", list(ROLES))
def test_every_view_shows_exactly_what_the_role_may_read(as_role, role):
    made = build()
    api = as_role(role)
    cases = 0

    def check(seen: bool, thing: Thing, what: str) -> None:
        nonlocal cases
        assert seen is may_read(role, thing), (role, thing, what)
        cases += 1

    def shows(answer, field: str) -> bool:
        """200 when readable; otherwise exactly the 404 of something missing."""
        if answer.status == 200:
            return True
        assert not_found(answer, field), answer.body
        return False

    listed = {d["slug"] for d in api.get(f"{SCO}/documents?limit=200").body["items"]}
    by_class = {
        c: [d["slug"] for d in api.get(f"{SCO}/documents?classification={c}").body["items"]]
        for c in CLASSIFICATIONS
    }
    walked, cursor = set(), None
    while True:  # page by page: no page holds a hidden row
        page = api.get(f"{SCO}/documents?limit=3" + (f"&cursor={cursor}" if cursor else "")).body
        walked |= {d["slug"] for d in page["items"]}
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert walked == listed
    for i, (slug, thing) in enumerate(made["documents"].items()):
        check(slug in listed, thing, "documents list")
        searched = api.get(f"{SCO}/documents?q=Matrixdoc{i}%20&type=roadmap").body["items"]
        check([d["slug"] for d in searched] == [slug], thing, "search")
        check(by_class[thing.classification].count(slug) == 1, thing, "filtered count")
        check(shows(api.get(f"{SCO}/documents/{slug}"), "document"), thing, "detail")
        check(shows(api.get(f"{SCO}/documents/{slug}/history"), "document"), thing, "history")
        check(shows(api.get(f"{SCO}/documents/{slug}/audit"), "document"), thing, "audit")
    missing = api.get(f"{SCO}/documents/mx-doc-none")
    assert not_found(missing, "document")

    numbers = [m["number"] for m in api.get(f"{SERIES}?limit=200").body["items"]]
    series = [m["number"] for m in api.get(f"{SCO}/bodies/{SCS}").body["meetings"]]
    calendar = api.get(f"{SCO}/calendar?from=2023-01-01&body={SCS}&limit=200").body["items"]
    in_calendar = [e["meeting"]["number"] for e in calendar]
    for number, thing in made["meetings"].items():
        check(number in numbers, thing, "meetings list")
        check(number in series, thing, "body series")
        check(number in in_calendar, thing, "calendar")
        check(shows(api.get(f"{SERIES}/{number}"), "meeting"), thing, "record")
        check(shows(api.get(f"{SERIES}/{number}/audit"), "meeting"), thing, "audit")

    record = api.get(f"{SERIES}/17").body
    agenda = {i["id"] for i in record["agenda"]}
    for slug, thing in made["items"].items():
        check(slug in agenda, thing, "agenda")
    shown = {d["id"] for d in record["decisions"]}
    for slug, thing in made["decisions"].items():
        check(slug in shown, thing, "record decisions")
        check(shows(api.get(f"{SERIES}/17/decisions/{slug}"), "decision"), thing, "decision")
        position = api.get(f"{SERIES}/17/decisions/{slug}/positions/KG")
        check(shows(position, "decision"), thing, "position")
    notes = {a["note"] for a in record["actions"]}
    for note, thing in made["actions"].items():
        check(note in notes, thing, "record actions")

    assert cases == 7 * 6 + 4 * 5 + 4 + 4 * 3 + 11


# --- writes --------------------------------------------------------------------------
#
# Every write, on objects of every classification, by every role: the administrator and
# the secretariat may write (the answer is theirs: done, or a rule's refusal); a role
# that may read the object gets 403 and one that may not 404, as for a missing object;
# nobody 401. Refused writes change nothing.

EDITORS = {"admin", "secretariat"}


@dataclass(frozen=True)
class Attempt:
    method: str
    path: str
    body: dict | None
    thing: Thing | None  # None: a creation in the organization, readable by all
    read: str | None = None  # where the ETag is read (default: `path`)
    field: str = ""  # the field a 404 names


def write_attempts(made: dict) -> list[Attempt]:
    attempts = [
        Attempt(
            "post",
            f"{SCO}/documents",
            {"id": "mx-new-doc", "type": "roadmap", "title": "New"},
            None,
        )
    ]
    for slug, thing in made["documents"].items():
        doc = f"{SCO}/documents/{slug}"
        attempts += [
            Attempt("patch", doc, {"note": "changed"}, thing, field="document"),
            Attempt(
                "put", f"{doc}/versions", {"versions": [{"number": 1}]}, thing, doc, "document"
            ),
            Attempt("put", f"{doc}/relations", {"relations": []}, thing, doc, "document"),
            Attempt("put", f"{doc}/measures", {"measures": []}, thing, doc, "document"),
            Attempt("put", f"{doc}/progress", {"progress": []}, thing, doc, "document"),
            Attempt("delete", doc, None, thing, field="document"),
        ]
    host = f"{SERIES}/17"
    for note, thing in made["actions"].items():
        if note.startswith("mx-action-"):  # positions 0 to 3, one per classification
            position = CLASSIFICATIONS.index(thing.classification)
            attempts.append(
                Attempt("delete", f"{host}/actions/{position}", None, thing, field="action")
            )
    for slug, thing in made["decisions"].items():
        decision = f"{host}/decisions/{slug}"
        attempts += [
            Attempt("patch", decision, {"note": "changed"}, thing, field="decision"),
            Attempt("delete", decision, None, thing, field="decision"),
        ]
    for number, thing in made["meetings"].items():
        meeting = f"{SERIES}/{number}"
        attempts += [
            Attempt("put", f"{meeting}/participants", {"participants": []}, thing, meeting),
            Attempt("put", f"{meeting}/agenda", {"items": []}, thing, meeting),
            Attempt("put", f"{meeting}/statements", {"statements": []}, thing, meeting),
            Attempt("put", f"{meeting}/plan", {"plan": []}, thing, meeting),
            Attempt("put", f"{meeting}/sessions", {"sessions": []}, thing, meeting),
            Attempt("delete", meeting, None, thing),
        ]
    attempts = [
        replace(a, field=a.field or "meeting") if a.thing and a.thing.kind == "meeting" else a
        for a in attempts
    ]
    # Objects every reader sees: events, standings, chair terms, people, post holders.
    attempts += [
        Attempt("post", f"{SCO}/events", {"id": "mx-event", "name": "Exercise"}, None),
        Attempt("patch", f"{SCO}/events/peace-mission-2018", {"note": "changed"}, None),
        Attempt(
            "post",
            f"{SCO}/memberships",
            {"party": "KG", "status": "observer", "start": "2000-01-01", "end": "2000-12-31"},
            None,
        ),
        Attempt("patch", f"{SCO}/memberships/KG/2001-06-15", {"note": "founder"}, None),
        Attempt("delete", f"{SCO}/memberships/KG/2001-06-15", None, None),
        Attempt(
            "post",
            f"{SCO}/chair-terms",
            {"party": "KZ", "body": "heads-of-government", "start": "2030-01-01"},
            None,
        ),
        Attempt("post", f"{SCO}/bodies", {"id": "mx-body", "name": "Body"}, None),
        Attempt("patch", f"{SCO}/bodies/{CFM}", {"note": "changed"}, None),
        Attempt("post", f"{SCO}/topics", {"id": "mx-topic", "name": "Topic"}, None),
        Attempt("post", "/parties", {"code": "TM"}, None),
        Attempt("patch", "/parties/KG", {"source": "changed"}, None),
        Attempt("post", "/people", {"id": "mx-person", "name": "Someone"}, None),
        Attempt("patch", "/people/zhang-ming", {"note": "changed"}, None),
        Attempt(
            "post",
            f"{SCO}/posts/rats-director/holders",
            {"person": "zhang-ming", "start": "2030-01-01"},
            None,
        ),
    ]
    return attempts


def _rows() -> int:
    from accord.core.models import AuditEntry

    return AuditEntry.objects.count()


@pytest.mark.parametrize("role", list(ROLES))
def test_every_write_is_refused_to_whom_it_must_be(as_role, role):
    made = build()
    api = as_role(role)
    cases = 0
    attempts = write_attempts(made)
    for attempt in attempts:
        headers = {}
        readable = attempt.thing is None or may_read(role, attempt.thing)
        if attempt.method in {"patch", "put", "delete"}:
            read = api.get(attempt.read or attempt.path)
            headers["if_match"] = read.etag if read.status == 200 else '"not-read"'
        before = _rows()
        send = getattr(api, attempt.method)
        answer = (
            send(attempt.path, **headers)
            if attempt.body is None
            else send(attempt.path, attempt.body, **headers)
        )
        if role == "anonymous":
            assert answer.status == 401, (attempt, answer.body)
        elif role in EDITORS:
            assert answer.status in {200, 201, 204, 409}, (attempt, answer.body)
        elif readable:
            assert (answer.status, answer.fields) == (403, ["permission"]), (attempt, answer.body)
        else:
            assert not_found(answer, attempt.field), (attempt, answer.body)
        if role not in EDITORS:
            assert _rows() == before, attempt
        cases += 1
    assert cases == len(attempts) == 1 + 7 * 6 + 4 + 4 * 2 + 4 * 6 + 14
