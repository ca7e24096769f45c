"""The API takes an organization's verbs: an action or a power naming a verb the
organization does not have is refused, naming the field, and nothing is written; a
circulation to an outside organization keeps its reference number."""

from __future__ import annotations

from tests.api.test_body_writes import BODIES, NEW_BODY
from tests.api.test_body_writes import snapshot as body_snapshot
from tests.api.test_writes import MEETING_14, snapshot


def test_an_action_with_an_undeclared_verb_is_refused_naming_the_field(secretariat):
    before = snapshot()
    refused = secretariat.post(
        f"{MEETING_14}/actions", {"verb": "blessed", "item": "information-security"}
    )
    assert (refused.status, refused.fields) == (422, ["verb"])
    assert "'blessed' is not a verb of the organization" in str(refused.body)
    assert snapshot() == before


def test_a_power_naming_an_undeclared_verb_is_refused_naming_the_field(secretariat):
    before = body_snapshot()
    body = {**NEW_BODY, "powers": {"approved": ["working-plan"], "blessed": ["any subject"]}}
    refused = secretariat.post(BODIES, body)
    assert (refused.status, refused.fields) == (422, ["powers.blessed"])
    assert body_snapshot() == before


def test_a_circulation_keeps_its_outside_organization_and_reference(secretariat):
    body = {**NEW_BODY, "powers": {"circulated": ["any subject"], "considered": ["any subject"]}}
    assert secretariat.post(BODIES, body).status == 201
    made = secretariat.post(
        f"{BODIES}/transport-ministers/meetings", {"number": 1, "date": "2019-04-01"}
    )
    assert made.status == 201
    path = f"{BODIES}/transport-ministers/meetings/1/actions"
    document = "anti-drug-action-plan-2019-2020"
    missing = secretariat.post(path, {"verb": "circulated", "document": document})
    assert (missing.status, missing.fields) == (422, ["to_organization"])
    numbered = secretariat.post(
        path, {"verb": "considered", "document": document, "reference": "A/74/1"}
    )
    assert (numbered.status, numbered.fields) == (422, ["reference"])
    sent = secretariat.post(
        path,
        {
            "verb": "circulated",
            "document": document,
            "to_organization": "United Nations",
            "to_organization_names": {"ru": "Организация Объединённых Наций"},
            "reference": "A/74/1",
        },
    )
    assert sent.status == 201, sent.body
    assert (sent.body["to_organization"], sent.body["reference"]) == ("United Nations", "A/74/1")
    assert sent.body["to_organization_names"] == {"ru": "Организация Объединённых Наций"}


def test_the_organizations_verbs_are_read(anonymous):
    answer = anonymous.get("/organizations/sco/verbs")
    assert answer.status == 200
    assert answer.body["default"] is True
    by_id = {v["id"]: v for v in answer.body["items"]}
    assert by_id["took-note"]["status"] == "noted" and by_id["took-note"]["settles"]
    assert by_id["lapsed"]["closes"] and by_id["lapsed"]["status"] is None
    assert (by_id["circulated"]["target"], by_id["circulated"]["reference"]) == (
        "organization",
        True,
    )
    assert anonymous.get("/organizations/nowhere/verbs").status == 404
