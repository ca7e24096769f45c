"""A meeting's decisions: each member on the meeting date with its position (or none
recorded), and the outcome under the body's rule; restricted decisions stay hidden."""

from __future__ import annotations

import pytest

from accord.decisions.inputs import DecisionFields
from accord.decisions.services import save_decision
from accord.documents.models import Document
from accord.meetings.models import Meeting
from accord.registry.models import Party
from tests.web.conftest import text

MEETING_14 = "/organizations/sco/bodies/security-council-secretaries/meetings/14/"


@pytest.fixture
def decisions(db):
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    party = {p.code: p for p in Party.objects.filter(code__in=["KG", "RU", "CN", "IN"])}
    save_decision(
        meeting,
        "working-plan",
        DecisionFields(
            title="Decision approving the working plan",
            document=Document.objects.get(slug="anti-drug-action-plan-2019-2020"),
        ),
        [
            (party["KG"], "concurs", ""),
            (party["CN"], "concurs", ""),
            (party["IN"], "concurs-with-statement", "India reads the plan as voluntary."),
        ],
    )
    save_decision(
        meeting,
        "blocked",
        DecisionFields(title="Decision blocked by one objection"),
        [(party["KG"], "concurs", ""), (party["RU"], "objects", "")],
    )
    save_decision(
        meeting,
        "confidential",
        DecisionFields(title="A decision for the members only", classification="organization"),
        [(party["KG"], "concurs", "")],
    )
    return meeting


def decision_words(response, slug: str) -> str:
    page = response.content.decode()
    table = page.split(f'<table id="decision-{slug}">')[1].split("</table>")[0]
    return text(table)


def test_each_member_on_the_date_with_its_position(client, decisions):
    response = client.get(MEETING_14)
    taken = decision_words(response, "working-plan")
    assert taken.startswith(
        "Decision approving the working plan — adopted (by consensus; May 15, 2019)"
    )
    assert "Action Plan for 2019-2020" in taken  # the document it concerns
    assert "Kyrgyzstan concurs" in taken
    assert "India concurs with a statement India reads the plan as voluntary." in taken
    # The eight members on 15 May 2019, each with a row; no observer.
    for name in ("Kazakhstan", "Pakistan", "Russia", "Tajikistan", "Uzbekistan"):
        assert f"{name} not recorded" in taken
    assert "Mongolia" not in taken and "Iran" not in taken
    blocked = decision_words(response, "blocked")
    assert blocked.startswith("Decision blocked by one objection — not adopted")
    assert "Russia objects" in blocked


def test_a_restricted_decision_is_shown_only_to_its_readers(client, decisions, as_role):
    assert "A decision for the members only" not in text(client.get(MEETING_14))
    assert "A decision for the members only" not in text(as_role("observer").get(MEETING_14))
    assert "A decision for the members only" in text(as_role("delegation").get(MEETING_14))
