"""Bodies through the API: a new body (POST) with its powers, a change (PATCH with
If-Match); the hierarchy cannot loop; powers then decide which actions the body may
record; refusals name the field and change nothing."""

from __future__ import annotations

import pytest

from accord.bodies.models import Body, Power
from accord.core.models import AuditEntry

SCO = "/organizations/sco"
BODIES = f"{SCO}/bodies"
NEW_BODY = {
    "id": "transport-ministers",
    "name": "Meeting of Ministers of Transport",
    "names": {"ru": "Совещание министров транспорта"},
    "reports_to": "heads-of-government",
    "chair_rule": "presidency",
    "meets_since": 2013,
    "powers": {"approved": ["working-plan"], "considered": ["any subject"]},
}


def snapshot() -> dict:
    return {
        "bodies": list(Body.objects.order_by("pk").values()),
        "powers": list(Power.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


def test_create_a_body_and_act_within_its_powers(secretariat, anonymous):
    answer = secretariat.post(BODIES, NEW_BODY, x_request_id="req-body")
    assert answer.status == 201, answer.body
    assert answer.headers["Location"].endswith(f"{BODIES}/transport-ministers")
    assert answer.body["reports_to"] == "heads-of-government"
    assert answer.body["powers"] == {"approved": ["working-plan"], "considered": ["any subject"]}
    assert anonymous.get(f"{BODIES}/transport-ministers").etag == answer.etag
    assert {e.model for e in AuditEntry.objects.filter(request_id="req-body")} == {
        "bodies.Body",
        "bodies.Power",
    }
    meeting = secretariat.post(
        f"{BODIES}/transport-ministers/meetings", {"number": 1, "date": "2019-04-01"}
    )
    assert meeting.status == 201
    path = f"{BODIES}/transport-ministers/meetings/1/actions"
    allowed = secretariat.post(
        path, {"verb": "considered", "document": "anti-drug-action-plan-2019-2020"}
    )
    assert allowed.status == 201, allowed.body
    refused = secretariat.post(
        path, {"verb": "adopted", "document": "anti-drug-action-plan-2019-2020"}
    )
    assert (refused.status, refused.fields) == (422, ["verb"])


@pytest.mark.parametrize(
    ("change", "status", "fields"),
    [
        ({"id": "security-council-secretaries"}, 409, ["id"]),
        ({"reports_to": "no-body"}, 422, ["reports_to"]),
        ({"powers": {"approved": ["no-type"]}}, 422, ["powers.approved[0]"]),
        ({"powers": {"sang": ["any subject"]}}, 422, ["powers.sang"]),
        ({"chair_rule": "lottery", "name": ""}, 422, ["chair_rule", "name"]),
        ({"meets_since": 0}, 422, ["meets_since"]),
    ],
)
def test_a_refused_body_names_the_field(secretariat, change, status, fields):
    before = snapshot()
    answer = secretariat.post(BODIES, {**NEW_BODY, **change})
    assert answer.status == status, answer.body
    assert sorted(answer.fields) == fields
    assert snapshot() == before


def test_patch_a_body(secretariat):
    path = f"{BODIES}/security-council-secretaries"
    read = secretariat.get(path)
    answer = secretariat.patch(
        path,
        {"short_name": "SCS", "powers": {**read.body["powers"], "endorsed": ["report"]}},
        if_match=read.etag,
    )
    assert answer.status == 200, answer.body
    assert answer.body["short_name"] == "SCS"
    assert answer.body["powers"]["endorsed"] == ["report"]
    assert secretariat.get(path).etag == answer.etag
    before = snapshot()
    assert secretariat.patch(path, {"short_name": "x"}).status == 428
    assert secretariat.patch(path, {"short_name": "x"}, if_match=read.etag).status == 412
    # The heads of state report to no one; making them report to a body below is a loop.
    top = secretariat.get(f"{BODIES}/heads-of-state")
    loop = secretariat.patch(
        f"{BODIES}/heads-of-state",
        {"reports_to": "security-council-secretaries"},
        if_match=top.etag,
    )
    assert (loop.status, loop.fields) == (422, ["reports_to"])
    assert "a loop" in loop.body["detail"][0]["reason"]
    assert snapshot() == before


@pytest.mark.parametrize("role", ["delegation-scs", "observer", "chair-team", "public-user"])
def test_only_the_secretariat_records_bodies(as_role, role):
    api = as_role(role)
    path = f"{BODIES}/security-council-secretaries"
    read = api.get(path)
    before = snapshot()
    assert api.post(BODIES, NEW_BODY).status == 403
    assert api.patch(path, {"short_name": "x"}, if_match=read.etag).status == 403
    assert snapshot() == before
