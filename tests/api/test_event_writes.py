"""Events through the API: one event (GET), a new one (POST), a change (PATCH with
If-Match); refusals name the field and change nothing; every write is audited."""

from __future__ import annotations

import pytest

from accord.core.models import AuditEntry
from accord.meetings.models import Event, EventParticipation

SCO = "/organizations/sco"
EVENTS = f"{SCO}/events"
PEACE_MISSION = f"{EVENTS}/peace-mission-2018"
SCS_BODY = "security-council-secretaries"

NEW_EVENT = {
    "id": "peace-mission-2021",
    "name": "Peace Mission 2021",
    "names": {"ru": "Мирная миссия – 2021"},
    "kind": "exercise",
    "date": "2021-09-11",
    "end": "2021-09-25",
    "place": "Donguz training ground",
    "city": "Orenburg",
    "country": "RU",
    "organiser": "RU-MOD",
    "participants": [
        {"party": "RU", "detail": "armed forces"},
        {"party": "KG", "detail": "armed forces"},
    ],
}


def snapshot() -> dict:
    return {
        "events": list(Event.objects.order_by("pk").values()),
        "participants": list(EventParticipation.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


def test_get_an_event(anonymous):
    answer = anonymous.get(PEACE_MISSION)
    assert answer.status == 200
    assert answer.body["kind"] == "exercise"
    assert (answer.body["date"], answer.body["end"]) == ("2018-08-22", "2018-08-29")
    first = [p["party"]["code"] for p in answer.body["participants"] if p["first_participation"]]
    assert sorted(first) == ["IN", "PK"]
    assert answer.body["source"] == "seed S43"
    assert anonymous.get(f"{EVENTS}/no-such-event").body == {
        "detail": [{"field": "event", "reason": "not found"}]
    }


def test_create_an_event(secretariat, anonymous):
    answer = secretariat.post(EVENTS, NEW_EVENT, x_request_id="req-event")
    assert answer.status == 201, answer.body
    assert answer.headers["Location"].endswith(f"{EVENTS}/peace-mission-2021")
    assert answer.body["organiser"]["code"] == "RU-MOD"
    assert [p["party"]["code"] for p in answer.body["participants"]] == ["KG", "RU"]
    assert anonymous.get(f"{EVENTS}/peace-mission-2021").etag == answer.etag
    listed = anonymous.get(f"{EVENTS}?partner=KG").body["items"]
    assert "peace-mission-2021" in [e["id"] for e in listed]
    entries = AuditEntry.objects.filter(request_id="req-event")
    assert {e.model for e in entries} == {"meetings.Event", "meetings.EventParticipation"}
    assert {e.actor for e in entries} == {"user:user-api-secretariat"}
    again = secretariat.post(EVENTS, NEW_EVENT)
    assert (again.status, again.fields) == (409, ["id"])


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"end": "2021-09-01"}, ["end"]),
        ({"end": "2021-09"}, ["end"]),
        ({"country": "XX", "host_body": "no-body"}, ["country"]),
        ({"participants": [{"party": "RU"}, {"party": "RU"}]}, ["participants[1].party"]),
        ({"participants": [{"party": "XX"}]}, ["participants[0].party"]),
        ({"kind": "parade", "date": "21-09", "colour": "red"}, ["colour", "date", "kind"]),
        ({"name": ""}, ["name"]),
    ],
)
def test_a_refused_event_names_the_field(secretariat, change, fields):
    before = snapshot()
    answer = secretariat.post(EVENTS, {**NEW_EVENT, **change})
    assert answer.status == 422, answer.body
    assert sorted(answer.fields) == sorted(fields)
    assert snapshot() == before


def test_patch_an_event(secretariat):
    read = secretariat.get(PEACE_MISSION)
    answer = secretariat.patch(
        PEACE_MISSION,
        {"note": "about 3,000 troops", "host_body": SCS_BODY, "end": "2018-08-30"},
        if_match=read.etag,
        x_request_id="req-event-patch",
    )
    assert answer.status == 200, answer.body
    assert answer.body["end"] == "2018-08-30"
    assert answer.body["host_body"] == SCS_BODY
    assert len(answer.body["participants"]) == len(read.body["participants"])
    assert secretariat.get(PEACE_MISSION).etag == answer.etag
    [entry] = AuditEntry.objects.filter(request_id="req-event-patch")
    assert set(entry.after) == {"note", "host_body_id", "end"}
    fewer = secretariat.patch(
        PEACE_MISSION, {"participants": [{"party": "CN"}], "date": None}, if_match=answer.etag
    )
    assert fewer.status == 200, fewer.body
    assert [p["party"]["code"] for p in fewer.body["participants"]] == ["CN"]
    assert (fewer.body["date"], fewer.body["end"]) == (None, None)


def test_patch_an_event_needs_the_current_etag(secretariat):
    read = secretariat.get(PEACE_MISSION)
    before = snapshot()
    assert secretariat.patch(PEACE_MISSION, {"note": "x"}).status == 428
    assert secretariat.patch(PEACE_MISSION, {"note": "x"}, if_match='"old"').status == 412
    refused = secretariat.patch(PEACE_MISSION, {"organiser": "XX"}, if_match=read.etag)
    assert (refused.status, refused.fields) == (422, ["organiser"])
    assert snapshot() == before


@pytest.mark.parametrize("role", ["delegation", "observer", "chair-team", "public-user"])
def test_only_the_secretariat_records_events(as_role, role):
    api = as_role(role)
    read = api.get(PEACE_MISSION)
    before = snapshot()
    assert api.post(EVENTS, NEW_EVENT).status == 403
    assert api.patch(PEACE_MISSION, {"note": "x"}, if_match=read.etag).status == 403
    assert snapshot() == before
