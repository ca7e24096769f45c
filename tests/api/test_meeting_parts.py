"""Writes on the parts of a meeting's record: participants, agenda, statements (PUT the
whole list), one action (GET, DELETE), one decision (PATCH, DELETE), the meeting itself
(DELETE). Each goes through the services, in one transaction, audited; refusals name
the field; If-Match is required (428) and must be current (412), and a refused request
changes nothing."""

from __future__ import annotations

import pytest

from accord.core.models import AuditEntry
from accord.decisions.models import Action, Decision, Position
from accord.meetings.models import AgendaItem, Meeting, Participation, Statement
from accord.registry.inputs import PersonFields
from accord.registry.models import Person
from accord.registry.services import save_person
from tests.api.conftest import SCS

SCO = "/organizations/sco"
MEETINGS = f"{SCO}/bodies/{SCS}/meetings"
MEETING_14 = f"{MEETINGS}/14"
MEMBERS = ["CN", "IN", "KG", "KZ", "PK", "RU", "TJ", "UZ"]


def snapshot() -> dict:
    return {
        "meetings": list(Meeting.objects.order_by("pk").values()),
        "participants": list(Participation.objects.order_by("pk").values()),
        "agenda": list(AgendaItem.objects.order_by("pk").values()),
        "topics": list(AgendaItem.topics.through.objects.order_by("pk").values()),
        "statements": list(Statement.objects.order_by("pk").values()),
        "actions": list(Action.objects.order_by("pk").values()),
        "decisions": list(Decision.objects.order_by("pk").values()),
        "positions": list(Position.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


def as_input(participant: dict) -> dict:
    """A participant as the record shows it, as a PUT sends it."""
    return {
        "party": participant["party"]["code"] if participant["party"] else None,
        "person": participant["person"]["slug"] if participant["person"] else None,
        "role": participant["role"],
        "head": participant["head"],
        "post": participant["post"] or "",
        "post_names": participant["post_names"],
        "source": participant["source"],
        "note": participant["note"],
    }


def item_input(item: dict) -> dict:
    return {
        "id": item["id"],
        "title": item["title"],
        "titles": item["titles"],
        "kind": item["kind"],
        "topics": [t["slug"] for t in item["topics"]],
        "events": item["events"],
        "emphasis": item["emphasis"],
        "classification": item["classification"],
        "source": item["source"],
        "note": item["note"],
    }


def entries_of(request_id: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(request_id=request_id).order_by("seq"))


# --- participants -----------------------------------------------------------------------


def test_what_the_record_shows_can_be_sent_back_unchanged(secretariat):
    """Every field a PUT writes is in the record a GET shows, sources and notes too: a
    client sending back what it read changes nothing and loses nothing."""
    read = secretariat.get(MEETING_14)
    assert any(p["source"] for p in read.body["participants"])
    before = snapshot()
    for part, rows in (
        ("participants", [as_input(p) for p in read.body["participants"]]),
        ("agenda", [item_input(i) for i in read.body["agenda"]]),
    ):
        etag = secretariat.get(MEETING_14).etag
        answer = secretariat.put(
            f"{MEETING_14}/{part}", {part if part != "agenda" else "items": rows}, if_match=etag
        )
        assert answer.status == 200, answer.body
    assert snapshot() == before


def test_put_participants(secretariat):
    read = secretariat.get(MEETING_14)
    wanted = [as_input(p) for p in read.body["participants"] if p["role"] != "host"]
    wanted[0]["post"] = "Deputy National Security Adviser of India"
    answer = secretariat.put(
        f"{MEETING_14}/participants",
        {"participants": wanted},
        if_match=read.etag,
        x_request_id="req-participants",
    )
    assert answer.status == 200, answer.body
    assert [as_input(p) for p in answer.body["participants"]] == wanted
    assert answer.etag != read.etag
    assert secretariat.get(MEETING_14).etag == answer.etag
    entries = entries_of("req-participants")
    assert {e.operation for e in entries} == {"update", "delete"}
    assert {e.actor for e in entries} == {"user:user-api-secretariat"}
    assert AuditEntry.objects.filter(model="meetings.Participation", operation="delete").exists()


def test_participants_refused_by_the_rules_name_each_row(secretariat):
    read = secretariat.get(MEETING_14)
    before = snapshot()
    answer = secretariat.put(
        f"{MEETING_14}/participants",
        {
            "participants": [
                {"party": "KG", "head": True},
                {"party": "MN"},  # an observer as a member delegation
                {"party": "KG", "head": True},  # two heads
            ]
        },
        if_match=read.etag,
    )
    assert answer.status == 422, answer.body
    assert answer.fields == ["participants[1].party", "participants[2].head"]
    assert "not a member on 2019-05-15" in answer.body["detail"][0]["reason"]
    unknown = secretariat.put(
        f"{MEETING_14}/participants",
        {"participants": [{"party": "XX"}, {"person": "nobody-at-all"}]},
        if_match=read.etag,
    )
    assert unknown.status == 422
    assert unknown.fields == ["participants[0].party", "participants[1].person"]
    invalid = secretariat.put(
        f"{MEETING_14}/participants",
        {"participants": [{"party": "KG", "role": "king", "heda": True}]},
        if_match=read.etag,
    )
    assert invalid.status == 422
    assert sorted(invalid.fields) == ["participants[0].heda", "participants[0].role"]
    assert snapshot() == before


@pytest.mark.parametrize("part", ["participants", "agenda", "statements"])
def test_a_part_needs_the_current_etag(secretariat, part):
    body = {"participants": {"participants": []}, "agenda": {"items": []}}.get(
        part, {"statements": []}
    )
    read = secretariat.get(MEETING_14)
    before = snapshot()
    missing = secretariat.put(f"{MEETING_14}/{part}", body)
    assert missing.status == 428
    assert missing.fields == ["If-Match"]
    assert snapshot() == before
    changed = secretariat.patch(MEETING_14, {"venue": "Ala Archa"}, if_match=read.etag)
    assert changed.status == 200
    before = snapshot()
    stale = secretariat.put(f"{MEETING_14}/{part}", body, if_match=read.etag)
    assert stale.status == 412
    assert stale.fields == ["If-Match"]
    assert snapshot() == before


# --- agenda ------------------------------------------------------------------------------


def test_put_agenda_reorders_adds_and_links(secretariat):
    read = secretariat.get(MEETING_14)
    items = [item_input(i) for i in read.body["agenda"]]
    items.reverse()
    items.append(
        {
            "id": "cyber-threats",
            "title": "Threats in the information space",
            "titles": {"ru": "Угрозы в информационном пространстве"},
            "kind": "briefing",
            "topics": ["regional-situation"],
            "events": ["peace-mission-2018"],
            "classification": "organization",
        }
    )
    answer = secretariat.put(
        f"{MEETING_14}/agenda", {"items": items}, if_match=read.etag, x_request_id="req-agenda"
    )
    assert answer.status == 200, answer.body
    shown = answer.body["agenda"]
    assert [i["id"] for i in shown] == [i["id"] for i in items]
    assert [i["position"] for i in shown] == list(range(len(items)))
    assert shown[-1]["topics"][0]["slug"] == "regional-situation"
    assert shown[-1]["events"] == ["peace-mission-2018"]
    # Items keep their ids, and the actions recorded on them stay.
    assert len(answer.body["actions"]) == len(read.body["actions"])
    entries = entries_of("req-agenda")
    assert {e.model for e in entries} == {"meetings.AgendaItem"}
    linked = [set(e.after) for e in entries if e.operation == "update"]
    assert {"topics"} in linked and {"events"} in linked
    assert any(e.operation == "create" and e.after["slug"] == "cyber-threats" for e in entries)


def test_a_new_topic_for_the_agenda(secretariat, as_role):
    created = secretariat.post(
        f"{SCO}/topics",
        {"id": "cyber-security", "name": "information security", "names": {"ru": "МИБ"}},
    )
    assert created.status == 201, created.body
    assert created.headers["ETag"]
    read = secretariat.get(MEETING_14)
    items = [item_input(i) for i in read.body["agenda"]]
    items[0]["topics"].append("cyber-security")
    answer = secretariat.put(f"{MEETING_14}/agenda", {"items": items}, if_match=read.etag)
    assert answer.status == 200, answer.body
    assert "cyber-security" in [t["slug"] for t in answer.body["agenda"][0]["topics"]]
    delegation = as_role("delegation-scs")
    before = snapshot()
    again = secretariat.post(f"{SCO}/topics", {"id": "cyber-security", "name": "again"})
    assert (again.status, again.fields) == (409, ["id"])
    bad = secretariat.post(f"{SCO}/topics", {"id": "a b", "name": ""})
    assert (bad.status, sorted(bad.fields)) == (422, ["id", "name"])
    refused = delegation.post(f"{SCO}/topics", {"id": "t", "name": "t"})
    assert (refused.status, refused.fields) == (403, ["permission"])
    assert snapshot() == before


def test_an_item_with_actions_cannot_be_left_out(secretariat):
    read = secretariat.get(MEETING_14)
    kept = [item_input(i) for i in read.body["agenda"] if i["id"] != "rats-report"]
    before = snapshot()
    answer = secretariat.put(f"{MEETING_14}/agenda", {"items": kept}, if_match=read.etag)
    assert answer.status == 409, answer.body
    assert answer.fields == ["items"]
    assert (
        "'rats-report' is the subject of the meeting's actions 0"
        in (answer.body["detail"][0]["reason"])
    )
    assert snapshot() == before


def test_agenda_refusals_name_the_item(secretariat):
    read = secretariat.get(MEETING_14)
    items = [item_input(i) for i in read.body["agenda"]]
    before = snapshot()
    unknown = secretariat.put(
        f"{MEETING_14}/agenda",
        {"items": [{**items[0], "topics": ["regional-situation", "no-topic"], "events": ["x"]}]},
        if_match=read.etag,
    )
    assert unknown.status == 422
    assert unknown.fields == ["items[0].topics[1]", "items[0].events[0]"]
    twice = secretariat.put(
        f"{MEETING_14}/agenda", {"items": [*items, items[1]]}, if_match=read.etag
    )
    assert twice.status == 422
    assert twice.fields == [f"items[{len(items)}].id"]
    invalid = secretariat.put(
        f"{MEETING_14}/agenda",
        {"items": [{"id": "a b", "title": "", "kind": "dance"}]},
        if_match=read.etag,
    )
    assert invalid.status == 422
    assert sorted(invalid.fields) == ["items[0].id", "items[0].kind", "items[0].title"]
    assert snapshot() == before


# --- statements ---------------------------------------------------------------------------


def test_put_statements(secretariat):
    read = secretariat.get(MEETING_14)
    answer = secretariat.put(
        f"{MEETING_14}/statements",
        {
            "statements": [
                {
                    "person": "jumakhon-giyosov",
                    "item": "rats-report",
                    "text": "The RATS reported on the 2019 programme.",
                    "texts": {"ru": "РАТС доложила о программе на 2019 год."},
                },
                {
                    "person": "vladimir-norov",
                    "date": "2019-05-16",
                    "after_meeting": True,
                    "text": "The Secretary-General spoke to the press.",
                },
            ]
        },
        if_match=read.etag,
        x_request_id="req-statements",
    )
    assert answer.status == 200, answer.body
    said = answer.body["statements"]
    assert [(s["person"]["slug"], s["item"], s["after_meeting"]) for s in said] == [
        ("jumakhon-giyosov", "rats-report", False),
        ("vladimir-norov", None, True),
    ]
    assert {e.model for e in entries_of("req-statements")} >= {"meetings.Statement"}


def test_statements_refused_name_the_row(secretariat):
    read = secretariat.get(MEETING_14)
    before = snapshot()
    answer = secretariat.put(
        f"{MEETING_14}/statements",
        {
            "statements": [
                {"person": "vladimir-norov", "item": "no-item", "text": "x"},
                {"person": "nobody", "text": "x"},
            ]
        },
        if_match=read.etag,
    )
    assert answer.status == 422
    assert answer.fields == ["statements[1].person", "statements[0].item"]
    early = secretariat.put(
        f"{MEETING_14}/statements",
        {"statements": [{"person": "vladimir-norov", "date": "2019-05-01", "text": "x"}]},
        if_match=read.etag,
    )
    assert early.status == 422
    assert early.fields == ["statements[0].date"]
    empty = secretariat.put(
        f"{MEETING_14}/statements",
        {"statements": [{"person": "vladimir-norov", "text": ""}]},
        if_match=read.etag,
    )
    assert empty.status == 422
    assert empty.fields == ["statements[0].text"]
    assert snapshot() == before


# --- one action ------------------------------------------------------------------------


def test_get_and_remove_an_action(secretariat, anonymous):
    path = f"{MEETING_14}/actions/4"
    read = anonymous.get(path)
    assert read.status == 200
    assert (read.body["verb"], read.body["item"]) == ("praised", "peace-mission-2018")
    assert secretariat.get(path).etag == read.etag
    before = snapshot()
    assert secretariat.delete(path).status == 428
    stale = secretariat.delete(path, if_match='"not-the-etag"')
    assert stale.status == 412
    assert snapshot() == before
    gone = secretariat.delete(path, if_match=read.etag, x_request_id="req-remove-action")
    assert gone.status == 204
    assert anonymous.get(path).status == 404
    assert [e.operation for e in entries_of("req-remove-action")] == ["delete"]
    # The others keep their positions.
    positions = [a["position"] for a in anonymous.get(MEETING_14).body["actions"]]
    assert positions == [0, 1, 2, 3, 5, 8]


def test_a_missing_action_is_not_found(secretariat):
    answer = secretariat.get(f"{MEETING_14}/actions/77")
    assert answer.status == 404
    assert answer.body == {"detail": [{"field": "action", "reason": "not found"}]}
    assert secretariat.delete(f"{MEETING_14}/actions/77", if_match='"x"').status == 404


# --- one decision ----------------------------------------------------------------------


@pytest.fixture
def decision(secretariat) -> str:
    answer = secretariat.post(
        f"{MEETING_14}/decisions",
        {
            "id": "summit-agenda",
            "title": "On the agenda of the Bishkek summit",
            "open": True,
            "positions": [{"party": c, "stance": "concurs"} for c in MEMBERS],
        },
    )
    assert answer.status == 201, answer.body
    return f"{MEETING_14}/decisions/summit-agenda"


def test_patch_a_decision_closes_it(secretariat, decision):
    read = secretariat.get(decision)
    assert read.body["outcome"] == "open"
    answer = secretariat.patch(
        decision,
        {"open": False, "document": "anti-drug-action-plan-2019-2020", "note": "closed"},
        if_match=read.etag,
        x_request_id="req-close",
    )
    assert answer.status == 200, answer.body
    assert (answer.body["open"], answer.body["outcome"]) == (False, "adopted")
    assert answer.body["document"]["slug"] == "anti-drug-action-plan-2019-2020"
    assert secretariat.get(decision).etag == answer.etag
    [entry] = entries_of("req-close")
    assert entry.after["outcome"] == "adopted" and entry.after["note"] == "closed"


def test_patch_a_decision_refusals(secretariat, decision):
    read = secretariat.get(decision)
    before = snapshot()
    assert secretariat.patch(decision, {"open": False}).status == 428
    unknown = secretariat.patch(decision, {"document": "no-such"}, if_match=read.etag)
    assert (unknown.status, unknown.fields) == (422, ["document"])
    invalid = secretariat.patch(decision, {"title": "", "positions": []}, if_match=read.etag)
    assert (invalid.status, sorted(invalid.fields)) == (422, ["positions", "title"])
    assert snapshot() == before
    assert secretariat.patch(decision, {"note": "first"}, if_match=read.etag).status == 200
    before = snapshot()
    stale = secretariat.patch(decision, {"note": "second"}, if_match=read.etag)
    assert stale.status == 412
    assert snapshot() == before


def test_remove_a_decision_with_its_positions(secretariat, decision):
    read = secretariat.get(decision)
    before = snapshot()
    assert secretariat.delete(decision).status == 428
    assert secretariat.delete(decision, if_match='"x"').status == 412
    assert snapshot() == before
    gone = secretariat.delete(decision, if_match=read.etag, x_request_id="req-remove-decision")
    assert gone.status == 204
    assert secretariat.get(decision).status == 404
    removed = entries_of("req-remove-decision")
    assert [e.model for e in removed].count("decisions.Position") == len(MEMBERS)
    assert not Position.objects.filter(decision__slug="summit-agenda").exists()


# --- the meeting ---------------------------------------------------------------------------


def test_remove_a_meeting(secretariat):
    created = secretariat.post(MEETINGS, {"number": 17, "date": "2022-08-19"})
    assert created.status == 201
    path = f"{MEETINGS}/17"
    before = snapshot()
    assert secretariat.delete(path).status == 428
    assert secretariat.delete(path, if_match='"x"').status == 412
    assert snapshot() == before
    gone = secretariat.delete(path, if_match=created.etag, x_request_id="req-remove-17")
    assert gone.status == 204
    assert secretariat.get(path).status == 404
    assert [e.operation for e in entries_of("req-remove-17")] == ["delete"]


def test_a_meeting_others_refer_to_is_not_removed(secretariat):
    created = secretariat.post(MEETINGS, {"number": 17, "date": "2022-08-19"})
    preparing = secretariat.post(
        MEETINGS,
        {
            "id": "2022-preparatory",
            "date": "2022-08-01",
            "prepares": {"body": SCS, "meeting": "17"},
        },
    )
    assert preparing.status == 201, preparing.body
    current = secretariat.get(f"{MEETINGS}/17")
    assert current.etag == created.etag  # what prepares it is not part of its record
    before = snapshot()
    answer = secretariat.delete(f"{MEETINGS}/17", if_match=current.etag)
    assert answer.status == 409
    assert answer.body["detail"] == [
        {
            "field": "meeting",
            "reason": "the meeting is referred to by 1 meeting that prepares it;"
            " remove those first",
        }
    ]
    assert snapshot() == before


# --- query counts -------------------------------------------------------------------------


@pytest.fixture
def empty_meeting(secretariat) -> str:
    created = secretariat.post(MEETINGS, {"number": 17, "date": "2022-08-19", "format": "extended"})
    assert created.status == 201
    for i in range(20):
        save_person(f"qc-person-{i}", PersonFields(name=f"Person {i}"))
    return f"{MEETINGS}/17"


def _participants(n: int) -> list[dict]:
    return [
        {"party": MEMBERS[i % len(MEMBERS)], "person": f"qc-person-{i}", "head": i < 8}
        for i in range(n)
    ]


def _items(n: int) -> list[dict]:
    return [
        {
            "id": f"qc-item-{i}",
            "title": f"Item {i}",
            "topics": ["regional-situation"],
            "events": ["peace-mission-2018"],
        }
        for i in range(n)
    ]


def _statements(n: int) -> list[dict]:
    return [{"person": f"qc-person-{i}", "text": f"Statement {i}"} for i in range(n)]


# Queries of a PUT (new rows, then the same rows again): signing in, the meeting (read,
# locked), its record twice (the ETag compared, the answer: 10 each, a meeting without
# sessions reading none of their attendees, and of its co-chairs, joint bodies,
# decisions, statements, plan changes and sessions only those it has: 16 each before,
# `visibility.FLAGGED_PARTS`), the rows'
# references (one query per kind), the existing rows, one insert, the audit batch.
# New agenda items are also written into the search index, however many: 7 queries on
# SQLite (the FTS5 table besides the entries), 6 on PostgreSQL.
# Participants: one more to check the statements recorded against the attendance, one
# to read the sessions' attendance it keeps; statements: one more to read the
# attendance of their speakers.
# (Each with a joint meeting's other bodies and its plan changes, read to check them and
# in the answer.)
PUT_QUERIES = {"participants": (29, 26), "agenda": (32, 31), "statements": (27, 25)}
INDEXED = {"agenda": {"sqlite": 7, "postgresql": 6}}


@pytest.mark.parametrize(
    ("part", "rows", "key"),
    [
        ("participants", _participants, "participants"),
        ("agenda", _items, "items"),
        ("statements", _statements, "statements"),
    ],
)
def test_a_put_runs_the_same_queries_for_5_or_20_rows(secretariat, empty_meeting, part, rows, key):
    """No query per row: a PUT of 20 new rows costs what a PUT of 5 costs, and so does
    putting the same list again (nothing changes, nothing is written)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for n in (5, 20):
        path = f"{MEETINGS}/17"
        if n == 20:  # start from an empty list again
            read = secretariat.get(path)
            assert secretariat.put(f"{path}/{part}", {key: []}, if_match=read.etag).status == 200
        read = secretariat.get(path)
        with CaptureQueriesContext(connection) as queries:
            answer = secretariat.put(f"{path}/{part}", {key: rows(n)}, if_match=read.etag)
        assert answer.status == 200, answer.body
        with CaptureQueriesContext(connection) as again:
            same = secretariat.put(f"{path}/{part}", {key: rows(n)}, if_match=answer.etag)
        assert same.status == 200
        counts[n] = (len(queries), len(again))
    # PostgreSQL: one more where the audit trail is appended to (its advisory lock).
    written, unchanged = PUT_QUERIES[part]
    index = INDEXED.get(part, {}).get(connection.vendor, 0)
    expected = (written + index + (connection.vendor == "postgresql"), unchanged)
    assert counts[5] == counts[20] == expected, counts
    assert Person.objects.filter(slug__startswith="qc-person-").count() == 20
