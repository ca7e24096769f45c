"""The record loader's share of the meetings use cases: a meeting's participants, agenda
and decisions given by a record file (`accord load`) make the same record, and the same
audited values, as the API's requests that set them (`meetings.actions`,
`decisions.actions`); only who acted differs. Creating the meeting itself is compared
in `test_actions_meetings`.

Each way runs from the same database, its writes rolled back before the other runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.test import Client

from tests import test_actions_meetings as meeting_cases
from tests.actions.test_record_position import User
from tests.test_actions_meetings import (
    AGENDA,
    API,
    NEW_DECISION,
    NEW_MEETING,
    PARTICIPANTS,
    Outcome,
    _answer,
    _auth,
    create_via_file,
    run,
)

# The fixtures of the meetings use cases: signed-in users, quick password hashing.
users = meeting_cases.users
_fast_passwords = meeting_cases._fast_passwords

# Keys of an audited row that name rows written in the same run (a sequence is not
# rolled back, so the two ways give them different numbers).
_OWN_ROWS = {"meeting_id", "agenda_item_id", "decision_id", "session_id"}


def record_via_api(user: User, **parts: Any) -> Callable[[], tuple[int, list[tuple[str, str]]]]:
    """Meeting 17 created by the API, then its `parts` (participants, agenda, decisions)
    set by the API's requests for each: the first refusal stops the way."""

    def way() -> tuple[int, list[tuple[str, str]]]:
        client = Client()
        body = {k: v for k, v in NEW_MEETING.items() if v not in ("", None)}
        answer = client.post(
            API, data=json.dumps({**body, "number": 17}), content_type="application/json",
            **_auth(user),
        )  # fmt: skip
        if answer.status_code >= 400:
            return _answer(answer)
        for part, payload in (
            ("participants", {"participants": parts.get("participants")}),
            ("agenda", {"items": parts.get("agenda")}),
        ):
            if payload[next(iter(payload))] is None:
                continue
            etag = client.get(f"{API}/17", **_auth(user))["ETag"]
            answer = client.put(
                f"{API}/17/{part}", data=json.dumps(payload), content_type="application/json",
                HTTP_IF_MATCH=etag, **_auth(user),
            )  # fmt: skip
            if answer.status_code >= 400:
                return _answer(answer)
        for order, decision in enumerate(parts.get("decisions", [])):
            # A file lists a meeting's decisions in order; the API is told each one's.
            answer = client.post(
                f"{API}/17/decisions", data=json.dumps({**decision, "order": order}),
                content_type="application/json", **_auth(user),
            )  # fmt: skip
            if answer.status_code >= 400:
                return _answer(answer)
        return 201, []

    return way


def _values(outcome: Outcome, model: str) -> list[tuple[str, dict | None]]:
    """The audited operations on `model` and the values written, rows of the run apart."""
    return [
        (e["operation"], {k: v for k, v in (e["after"] or {}).items() if k not in _OWN_ROWS})
        for e in outcome.audit
        if e["model"] == model
    ]


def test_participants_from_a_record_file_are_those_the_api_sets(users, tmp_path):
    api = run(record_via_api(users["secretariat"], participants=PARTICIPANTS), "17")
    loaded = run(create_via_file(tmp_path, number=17, participants=PARTICIPANTS), "17")
    assert (api.status, loaded.status) == (201, 201), (api.refusals, loaded.refusals)
    assert api.record is not None
    assert [p["party"]["code"] for p in api.record["participants"]] == ["UZ", "RU", "KZ"]
    assert loaded.record == api.record
    written = _values(api, "meetings.Participation")
    assert [op for op, _ in written] == ["create"] * 3
    assert _values(loaded, "meetings.Participation") == written
    assert {e["actor"] for e in loaded.audit}.isdisjoint({e["actor"] for e in api.audit})


def test_an_agenda_from_a_record_file_is_the_one_the_api_sets(users, tmp_path):
    api = run(record_via_api(users["secretariat"], agenda=AGENDA), "17")
    loaded = run(create_via_file(tmp_path, number=17, agenda=AGENDA), "17")
    assert (api.status, loaded.status) == (201, 201), (api.refusals, loaded.refusals)
    assert api.record is not None
    assert [i["id"] for i in api.record["agenda"]] == ["drugs", "cyber"]
    assert loaded.record == api.record
    written = _values(api, "meetings.AgendaItem")
    assert [op for op, _ in written] == ["create"] * 2
    assert _values(loaded, "meetings.AgendaItem") == written


def test_decisions_from_a_record_file_are_those_the_api_records(users, tmp_path):
    adopted = {"id": "drug-plan", "title": "On the counter-narcotics plan"}
    decisions = [NEW_DECISION, adopted]
    api = run(record_via_api(users["secretariat"], decisions=decisions), "17")
    loaded = run(create_via_file(tmp_path, number=17, decisions=decisions), "17")
    assert (api.status, loaded.status) == (201, 201), (api.refusals, loaded.refusals)
    assert api.record is not None
    assert sorted(d["id"] for d in api.record["decisions"]) == ["cyber-plan", "drug-plan"]
    assert loaded.record == api.record
    written = _values(api, "decisions.Decision")
    assert [op for op, _ in written] == ["create"] * 2
    assert _values(loaded, "decisions.Decision") == written


def test_a_participant_who_is_not_a_member_is_refused_by_a_file_as_by_the_api(users, tmp_path):
    given = [*PARTICIPANTS[:2], {"party": "MN"}]
    api = run(record_via_api(users["secretariat"], participants=given), "17")
    loaded = run(create_via_file(tmp_path, number=17, participants=given), "17")
    assert (api.status, loaded.status) == (422, 422)
    [(field, reason)] = api.refusals
    assert field == "participants[2].party"
    assert any(reason in said for _, said in loaded.refusals), loaded.refusals
    assert loaded.record is None and loaded.audit == []
