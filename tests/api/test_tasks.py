"""GET /tasks: what the reader's roles ask of it on a day, the same lists as the web's
My tasks page and `accord tasks` (accord.tasks.selectors.tasks_for)."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.decisions.inputs import DecisionFields
from accord.decisions.services import save_decision
from accord.documents.models import Document
from accord.implementation.inputs import MeasureFields
from accord.implementation.services import save_measure
from accord.meetings.models import Meeting
from accord.registry.models import Party

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_decision(db):
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    return save_decision(
        meeting,
        "drug-plan",
        DecisionFields(title="On the counter-narcotics plan", outcome="open"),
        [],
    )


@pytest.fixture
def measure(db):
    plan = Document.objects.get(slug="anti-drug-action-plan-2019-2020")
    values = {
        "text": "Hold the joint operation Kanal",
        "responsible_party": Party.objects.get(code="RU"),
        "due": dt.date(2020, 6, 1),
    }
    return save_measure(plan, "joint-operation", MeasureFields(**values))


def test_a_delegation_is_asked_for_its_position_and_its_measures(as_role, open_decision, measure):
    answer = as_role("delegation").get("/tasks?on=2019-05-16")
    assert answer.status == 200
    assert answer.body["on"] == "2019-05-16"
    (party,) = answer.body["parties"]
    assert party["party"]["code"] == "RU" and party["role"] == "delegation"
    assert [d["decision"] for d in party["awaiting_position"]] == ["drug-plan"]
    assert party["awaiting_position"][0]["meeting"]["number"] == 14
    assert [m["measure"] for m in party["measures"]] == ["joint-operation"]
    assert party["measures"][0]["overdue"] is False  # due 1 June 2020
    later = as_role("delegation").get("/tasks?on=2021-01-01").body
    assert later["parties"][0]["measures"][0]["overdue"] is True


def test_the_public_has_no_tasks(anonymous):
    answer = anonymous.get("/tasks")
    assert answer.status == 200
    assert answer.body["parties"] == [] and answer.body["secretariat"] == []


def test_only_the_secretariat_is_given_the_secretariats_lists(as_role):
    assert as_role("delegation").get("/tasks").body["secretariat"] == []
    (kept,) = as_role("secretariat").get("/tasks").body["secretariat"]
    assert kept["organization"] == "sco"
    referred = [r["referred_by"]["slug"] for r in kept["overdue_referrals"]]
    assert "security-council-secretaries" in referred


def test_an_observer_is_told_its_role_and_given_nothing_to_decide(as_role, open_decision):
    (party,) = as_role("observer").get("/tasks").body["parties"]
    assert party["role"] == "observer" and party["awaiting_position"] == []


def test_a_date_out_of_the_record_is_refused_naming_the_field(as_role):
    answer = as_role("delegation").get("/tasks?on=1066-10-14")
    assert answer.status == 422
    assert "on" in str(answer.body)
