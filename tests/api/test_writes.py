"""Writes through the API: the same services as the CLI and the record loader, so every
rule holds; refusals name each field; nothing is partly written; concurrent edits are
detected by ETag (428 without If-Match, 412 with an outdated one) and change nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.core.models import AuditEntry
from accord.decisions.models import Action, Decision, Position
from accord.meetings.models import Meeting
from tests.api.conftest import SCS, Api

SCO = "/organizations/sco"
MEETINGS = f"{SCO}/bodies/{SCS}/meetings"
MEETING_14 = f"{MEETINGS}/14"
MEMBERS = ["CN", "IN", "KG", "KZ", "PK", "RU", "TJ", "UZ"]


def snapshot() -> dict:
    """Every row a meeting write could touch, to compare before and after a refusal."""
    return {
        "meetings": list(Meeting.objects.order_by("pk").values()),
        "co_chairs": list(Meeting.co_chairs.through.objects.order_by("pk").values()),
        "actions": list(Action.objects.order_by("pk").values()),
        "decisions": list(Decision.objects.order_by("pk").values()),
        "positions": list(Position.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


NEW_MEETING = {
    "number": 17,
    "date": "2022-08-19",
    "city": "Tashkent",
    "country": "UZ",
    "format": "restricted",
    "title": "17th Meeting of Security Council Secretaries",
}


# --- creating a meeting ----------------------------------------------------------------


def test_create_a_meeting(secretariat):
    answer = secretariat.post(MEETINGS, NEW_MEETING, x_request_id="req-create-17")
    assert answer.status == 201, answer.body
    assert answer.headers["Location"].endswith(f"{MEETINGS}/17")
    assert answer.headers["X-Request-Id"] == "req-create-17"
    assert answer.body["number"] == 17
    assert answer.body["chair"] == {
        "party": {"code": "UZ", "name": "Uzbekistan"},
        "rule": "presidency",
        "person": None,
        "co_chairs": [],
    }
    again = secretariat.get(f"{MEETINGS}/17")
    assert again.etag == answer.etag
    trail = secretariat.get(f"{MEETINGS}/17/audit").body["items"]
    assert trail[0]["operation"] == "create"
    assert trail[0]["actor"] == "user:user-api-secretariat"
    assert trail[0]["request_id"] == "req-create-17"


def test_an_ad_hoc_meeting_needs_an_id(secretariat):
    answer = secretariat.post(MEETINGS, {"date": "2022-03-01"})
    assert answer.status == 422
    assert answer.fields == ["id"]
    created = secretariat.post(MEETINGS, {"id": "2022-03-extraordinary", "date": "2022-03"})
    assert created.status == 201
    assert created.body["date"] == "2022-03"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**NEW_MEETING, "number": 14}, "number"),
        ({**NEW_MEETING, "id": "14", "number": None}, "id"),
    ],
)
def test_a_taken_number_or_id_is_a_conflict(secretariat, payload, field):
    before = snapshot()
    answer = secretariat.post(MEETINGS, payload)
    assert answer.status == 409
    assert answer.fields == [field]
    assert snapshot() == before


def test_invalid_input_lists_every_field_and_writes_nothing(secretariat):
    before = snapshot()
    answer = secretariat.post(
        MEETINGS,
        {
            "number": 0,
            "date": "2019-13-01",
            "mode": "teleport",
            "co_chairs": ["KG", 7],
            "prepares": {"body": "heads-of-state"},
        },
    )
    assert answer.status == 422
    assert sorted(answer.fields) == [
        "co_chairs[1]",
        "date",
        "mode",
        "number",
        "prepares.meeting",
    ]
    assert all(p["reason"] for p in answer.body["detail"])
    assert snapshot() == before


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"date": "2010-05-01"}, "number", "held later"),  # numbers increase with the date
        ({"chair": "MN"}, "chair", "not a member"),  # an explicit chair must be a member
        ({"country": "XX"}, "country", "no party"),
        ({"co_chairs": ["KG", "XX"]}, "co_chairs[1]", "no party"),
        (
            {"prepares": {"body": "heads-of-state", "meeting": "99"}},
            "prepares.meeting",
            "no meeting",
        ),
        ({"date": "2022-08-19", "end": "2022-08"}, "end", "same precision"),
        ({"date": "2022-08-19", "end": "2022-08-18"}, "end", "before it starts"),
    ],
)
def test_rules_refuse_a_new_meeting_by_field(secretariat, change, field, reason):
    before = snapshot()
    answer = secretariat.post(MEETINGS, {**NEW_MEETING, **change})
    assert answer.status == 422, answer.body
    assert answer.fields == [field]
    assert reason in answer.body["detail"][0]["reason"]
    assert snapshot() == before


def test_writes_need_a_user(anonymous):
    before = snapshot()
    answer = anonymous.post(MEETINGS, NEW_MEETING)
    assert answer.status == 401
    assert answer.fields == ["Authorization"]
    assert snapshot() == before


@pytest.mark.parametrize("role", ["delegation-scs", "delegation", "observer"])
def test_only_the_secretariat_keeps_the_record(as_role, role):
    api = as_role(role)
    before = snapshot()
    created = api.post(MEETINGS, NEW_MEETING)
    assert created.status == 403
    assert created.fields == ["permission"]
    current = api.get(MEETING_14)
    changed = api.patch(MEETING_14, {"venue": "Ala Archa"}, if_match=current.etag)
    assert changed.status == 403
    assert snapshot() == before


# --- changing a meeting: ETags ------------------------------------------------------------


def test_patch_with_the_current_etag(secretariat):
    read = secretariat.get(MEETING_14)
    answer = secretariat.patch(
        MEETING_14,
        {"venue": "Ala Archa State Residence", "mode": "hybrid"},
        if_match=read.etag,
        x_request_id="req-venue",
    )
    assert answer.status == 200, answer.body
    assert answer.body["venue"] == "Ala Archa State Residence"
    assert answer.body["mode"] == "hybrid"
    assert answer.body["date"] == "2019-05-15"  # untouched fields keep their value
    assert answer.etag != read.etag
    assert secretariat.get(MEETING_14).etag == answer.etag
    last = secretariat.get(f"{MEETING_14}/audit?limit=200").body["items"][-1]
    assert last["operation"] == "update"
    assert last["after"] == {"venue": "Ala Archa State Residence", "mode": "hybrid"}
    assert (last["actor"], last["request_id"]) == ("user:user-api-secretariat", "req-venue")


def test_a_compressed_read_can_be_written_back(secretariat):
    """A program that accepts gzip (python-requests, `curl --compressed`) holds the ETag
    of the compressed answer, which compression marks weak (`W/`): sent back as
    If-Match, it names the representation read, and the write goes through; a tag
    that names something else is still refused."""
    gzip = {
        "HTTP_ACCEPT_ENCODING": "gzip, deflate",
        "HTTP_AUTHORIZATION": f"Bearer {secretariat.token}",
    }
    client = secretariat.client
    read = client.get(f"/api/v1{MEETING_14}", **gzip)
    assert read.status_code == 200 and read["Content-Encoding"] == "gzip"
    tag = read["ETag"]
    assert tag == "W/" + secretariat.get(MEETING_14).etag  # the same tag, marked weak
    before = snapshot()
    for other in ('W/"0123456789"', tag.removeprefix("W/")[:-2] + '0"', "W/" + tag):
        refused = secretariat.patch(MEETING_14, {"venue": "x"}, if_match=other)
        assert refused.status == 412, other
    assert snapshot() == before
    changed = client.patch(
        f"/api/v1{MEETING_14}",
        data='{"venue": "Ala Archa"}',
        content_type="application/json",
        HTTP_IF_MATCH=tag,
        **gzip,
    )
    assert changed.status_code == 200
    assert secretariat.get(MEETING_14).body["venue"] == "Ala Archa"
    # And the answer's own (compressed) ETag names the new state for the next change.
    again = secretariat.patch(MEETING_14, {"venue": "Bishkek"}, if_match=changed["ETag"])
    assert again.status == 200, again.body


def test_patch_without_if_match_is_refused_and_changes_nothing(secretariat):
    before = snapshot()
    answer = secretariat.patch(MEETING_14, {"venue": "elsewhere"})
    assert answer.status == 428
    assert answer.fields == ["If-Match"]
    assert snapshot() == before
    star = secretariat.patch(MEETING_14, {"venue": "elsewhere"}, if_match="*")
    assert star.status == 428
    assert snapshot() == before


def test_two_officers_editing_the_same_meeting(secretariat, as_role):
    """Both read the record; the first to save wins, the second gets 412 and its
    change is not written over the first."""
    other = as_role("admin")
    mine = secretariat.get(MEETING_14)
    theirs = other.get(MEETING_14)
    assert mine.etag == theirs.etag  # both see the whole record
    first = other.patch(MEETING_14, {"title": "Their title"}, if_match=theirs.etag)
    assert first.status == 200
    before = snapshot()
    second = secretariat.patch(MEETING_14, {"title": "My title"}, if_match=mine.etag)
    assert second.status == 412
    assert second.fields == ["If-Match"]
    assert snapshot() == before
    assert secretariat.get(MEETING_14).body["title"] == "Their title"


def test_a_change_elsewhere_in_the_record_also_outdates_the_etag(secretariat):
    read = secretariat.get(MEETING_14)
    acted = secretariat.post(
        f"{MEETING_14}/actions", {"verb": "took-note", "item": "information-security"}
    )
    assert acted.status == 201
    before = snapshot()
    assert secretariat.patch(MEETING_14, {"venue": "x"}, if_match=read.etag).status == 412
    assert snapshot() == before


def test_fields_a_change_does_not_know_are_refused(secretariat):
    read = secretariat.get(MEETING_14)
    before = snapshot()
    answer = secretariat.patch(MEETING_14, {"number": 15, "venu": "x"}, if_match=read.etag)
    assert answer.status == 422
    assert sorted(answer.fields) == ["number", "venu"]
    assert snapshot() == before


def test_patch_refused_by_a_rule_changes_nothing(secretariat):
    read = secretariat.get(MEETING_14)
    before = snapshot()
    answer = secretariat.patch(MEETING_14, {"date": "2021-01-01"}, if_match=read.etag)
    assert answer.status == 422  # after the 15th (2020) and before the 16th: out of order
    assert answer.fields == ["number"]
    assert snapshot() == before


def test_patch_chair_and_co_chairs_and_clear_them(secretariat):
    read = secretariat.get(MEETING_14)
    set_ = secretariat.patch(MEETING_14, {"chair": "RU", "co_chairs": ["KZ"]}, if_match=read.etag)
    assert set_.status == 200
    assert set_.body["chair"]["party"]["code"] == "RU"
    assert set_.body["chair"]["rule"] == "recorded"
    assert [c["code"] for c in set_.body["chair"]["co_chairs"]] == ["KZ"]
    cleared = secretariat.patch(MEETING_14, {"chair": None, "co_chairs": []}, if_match=set_.etag)
    # The person who chaired (Sagynbaev, in the seed) is changed apart (chair_person).
    assert cleared.body["chair"] == {
        "party": {"code": "KG", "name": "Kyrgyzstan"},
        "rule": "presidency",
        "person": {"slug": "damir-sagynbaev", "name": "Damir Sagynbaev"},
        "co_chairs": [],
    }


def test_patch_a_hidden_or_missing_meeting_is_not_found(secretariat):
    answer = secretariat.patch(f"{MEETINGS}/99", {"venue": "x"}, if_match='"x"')
    assert answer.status == 404
    assert answer.body == {"detail": [{"field": "meeting", "reason": "not found"}]}


def test_a_write_is_all_or_nothing(secretariat, monkeypatch):
    """A failure after the meeting was saved (here: building the answer) undoes it."""
    from accord.api.routers import meetings as router
    from accord.core.errors import DomainError

    real, calls = router.record_of, []

    def failing(viewer, meeting):
        calls.append(meeting)
        if len(calls) == 1:  # the answer, built after the write (the use case reads its own)
            raise DomainError.at("venue", "simulated failure after the write")
        return real(viewer, meeting)

    read = secretariat.get(MEETING_14)
    before = snapshot()
    monkeypatch.setattr(router, "record_of", failing)
    answer = secretariat.patch(MEETING_14, {"venue": "half-written"}, if_match=read.etag)
    assert answer.status == 422
    assert snapshot() == before


# --- sessions: CSRF --------------------------------------------------------------------


def test_a_session_write_needs_the_csrf_token(as_role):
    from django.contrib.auth import get_user_model

    as_role("secretariat")
    user = get_user_model().objects.get(username="user-api-secretariat")
    browser = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    browser.force_login(user)
    api = Api(client=browser)
    read = api.get(MEETING_14)
    assert read.status == 200
    before = snapshot()
    refused = api.patch(MEETING_14, {"venue": "x"}, if_match=read.etag)
    assert refused.status == 403
    assert "CSRF" in refused.body["detail"][0]["reason"]
    assert snapshot() == before
    secret = "a" * 32
    browser.cookies["csrftoken"] = secret
    accepted = api.patch(MEETING_14, {"venue": "x"}, if_match=read.etag, x_csrftoken=secret)
    assert accepted.status == 200, accepted.body


# --- actions ---------------------------------------------------------------------------


def test_record_an_action_at_the_meeting(secretariat):
    answer = secretariat.post(
        f"{MEETING_14}/actions",
        {"verb": "took-note", "item": "information-security", "note": "recorded later"},
    )
    assert answer.status == 201, answer.body
    assert answer.body["date"] == "2019-05-15"
    assert answer.body["meeting"]["number"] == 14
    record = secretariat.get(MEETING_14).body
    assert record["actions"][-1]["item"] == "information-security"


def test_a_referral_to_an_office_then_withdrawn(secretariat):
    sent = secretariat.post(
        f"{MEETING_14}/actions",
        {"verb": "submitted", "item": "rats-report", "to_post": "secretary-general"},
    )
    assert sent.status == 201, sent.body
    assert (sent.body["to"], sent.body["to_post"]) == (None, "secretary-general")
    withdrawn = secretariat.post(
        f"{MEETING_14}/actions",
        {"verb": "withdrawn", "item": "rats-report", "to_post": "secretary-general"},
    )
    assert withdrawn.status == 201, withdrawn.body
    actions = secretariat.get(MEETING_14).body["actions"]
    assert [(a["verb"], a["to_post"]) for a in actions[-2:]] == [
        ("submitted", "secretary-general"),
        ("withdrawn", "secretary-general"),
    ]
    unknown = secretariat.post(
        f"{MEETING_14}/actions", {"verb": "submitted", "item": "rats-report", "to_post": "nobody"}
    )
    assert (unknown.status, unknown.fields) == (422, ["to_post"])


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"verb": "adopted", "document": "bishkek-declaration-2019"}, "verb"),  # no such power
        ({"verb": "submitted", "document": "anti-drug-action-plan-2019-2020"}, "to"),
        ({"verb": "took-note"}, "document"),  # no subject
        ({"verb": "heard", "document": "no-such-document"}, "document"),
        ({"verb": "heard", "item": "no-such-item"}, "item"),
        ({"verb": "heard", "item": "rats-report", "date": "2019-06-01"}, "date"),
        ({"verb": "sang", "item": "rats-report"}, "verb"),
        (
            {"verb": "submitted", "item": "rats-report", "to": "heads-of-state", "to_meeting": "3"},
            "to_meeting",
        ),
    ],
)
def test_an_action_refused_by_a_rule_names_the_field(secretariat, payload, field):
    before = snapshot()
    answer = secretariat.post(f"{MEETING_14}/actions", payload)
    assert answer.status == 422, answer.body
    assert field in answer.fields
    assert snapshot() == before


# --- decisions and positions ----------------------------------------------------------


@pytest.fixture
def open_decision(secretariat):
    answer = secretariat.post(
        f"{MEETING_14}/decisions",
        {
            "id": "summit-agenda",
            "title": "On the agenda of the Bishkek summit",
            "open": True,
            "positions": [{"party": "CN", "stance": "concurs"}],
        },
    )
    assert answer.status == 201, answer.body
    return f"{MEETING_14}/decisions/summit-agenda"


def test_create_a_decision_and_read_it(secretariat, open_decision, anonymous):
    answer = anonymous.get(open_decision)
    assert answer.status == 200
    assert answer.body["outcome"] == "open"
    assert [p["party"]["code"] for p in answer.body["positions"]] == ["CN"]
    conflict = secretariat.post(
        f"{MEETING_14}/decisions", {"id": "summit-agenda", "title": "again"}
    )
    assert conflict.status == 409
    assert conflict.fields == ["id"]


def test_a_decision_refused_lists_each_position(secretariat):
    before = snapshot()
    answer = secretariat.post(
        f"{MEETING_14}/decisions",
        {
            "id": "d",
            "title": "t",
            "positions": [
                {"party": "KG", "stance": "concurs"},
                {"party": "MN", "stance": "concurs"},  # an observer holds no position
                {"party": "KG", "stance": "objects"},  # twice
            ],
        },
    )
    assert answer.status == 422
    assert answer.fields == ["positions[1].party", "positions[2].party"]
    bad = secretariat.post(
        f"{MEETING_14}/decisions",
        {"id": "d", "title": "", "positions": [{"party": "KG", "stance": "maybe"}]},
    )
    assert bad.status == 422
    assert sorted(bad.fields) == ["positions[0].stance", "title"]
    assert snapshot() == before


def test_a_delegation_records_its_own_position(as_role, open_decision):
    kyrgyzstan = as_role("delegation-scs")
    position = f"{open_decision}/positions/KG"
    read = kyrgyzstan.get(position)
    assert read.status == 200
    assert (read.body["stance"], read.body["recorded"]) == (None, False)
    answer = kyrgyzstan.put(position, {"stance": "concurs"}, if_match=read.etag)
    assert answer.status == 200, answer.body
    assert (answer.body["stance"], answer.body["recorded"]) == ("concurs", True)
    assert kyrgyzstan.get(position).etag == answer.etag
    assert kyrgyzstan.get(open_decision).body["outcome"] == "open"


def test_a_delegation_cannot_record_another_states_position(as_role, open_decision):
    kyrgyzstan = as_role("delegation-scs")
    position = f"{open_decision}/positions/RU"
    read = kyrgyzstan.get(position)
    before = snapshot()
    answer = kyrgyzstan.put(position, {"stance": "objects"}, if_match=read.etag)
    assert answer.status == 403
    assert answer.fields == ["permission"]
    assert snapshot() == before


def test_positions_need_if_match_and_a_current_one(secretariat, as_role, open_decision):
    kyrgyzstan = as_role("delegation-scs")
    position = f"{open_decision}/positions/KG"
    read = kyrgyzstan.get(position)
    before = snapshot()
    assert kyrgyzstan.put(position, {"stance": "concurs"}).status == 428
    assert snapshot() == before
    # Meanwhile the secretariat records Kyrgyzstan's position as heard in the room.
    officer = secretariat.get(position)
    assert secretariat.put(position, {"stance": "objects"}, if_match=officer.etag).status == 200
    before = snapshot()
    stale = kyrgyzstan.put(position, {"stance": "concurs"}, if_match=read.etag)
    assert stale.status == 412
    assert snapshot() == before
    assert kyrgyzstan.get(position).body["stance"] == "objects"


@pytest.mark.parametrize(
    ("code", "body", "field"),
    [
        ("MN", {"stance": "concurs"}, "party"),  # observers hold no position
        ("KG", {"stance": "concurs-with-statement"}, "statement"),
        ("KG", {"stance": "yes"}, "stance"),  # a vote under consensus
    ],
)
def test_position_rules(secretariat, open_decision, code, body, field):
    position = f"{open_decision}/positions/{code}"
    read = secretariat.get(position)
    before = snapshot()
    answer = secretariat.put(position, body, if_match=read.etag)
    assert answer.status == 422, answer.body
    assert answer.fields == [field]
    assert snapshot() == before


def test_a_closed_decision_takes_no_more_positions(secretariat):
    created = secretariat.post(
        f"{MEETING_14}/decisions",
        {
            "id": "closed",
            "title": "Closed",
            "positions": [{"party": c, "stance": "concurs"} for c in MEMBERS],
        },
    )
    assert created.body["outcome"] == "adopted"
    position = f"{MEETING_14}/decisions/closed/positions/KG"
    read = secretariat.get(position)
    answer = secretariat.put(position, {"stance": "objects"}, if_match=read.etag)
    assert answer.status == 422
    assert answer.fields == ["decision"]


def test_one_objection_blocks_consensus(secretariat):
    created = secretariat.post(
        f"{MEETING_14}/decisions",
        {
            "id": "blocked",
            "title": "Blocked",
            "positions": [
                {"party": c, "stance": "objects" if c == "IN" else "concurs"} for c in MEMBERS
            ],
        },
    )
    assert created.status == 201
    assert created.body["outcome"] == "not-adopted"
