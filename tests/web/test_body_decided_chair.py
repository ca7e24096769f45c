"""The body page names the decision that fixed its next chair: the decision's title,
linked to its place on the meeting's page, where a decision says it fixes that term."""

from __future__ import annotations

import pytest

from accord.records.loader import load
from tests.test_record_decides import APPOINTS, write
from tests.web.conftest import text


@pytest.mark.django_db
def test_the_next_chair_is_shown_with_the_decision_that_fixed_it(tmp_path, client):
    decisions = APPOINTS.replace("{outcome}", "adopted").replace("{person}", "test-decides-first")
    load([write(tmp_path, decisions)])
    page = client.get("/organizations/test-decides/bodies/council/?on=2018-12-01")
    assert page.status_code == 200
    shown = text(page).split("Next, already decided")[1].split("Pending")[0]
    assert "decided by Decision on the appointment of the Secretary-General at" in shown, shown
    assert "/organizations/test-decides/bodies/council/meetings/1/#decision-appointment" in (
        page.content.decode()
    )


@pytest.mark.django_db
def test_without_a_decision_the_meeting_that_decided_it_is_named(tmp_path, client):
    decisions = "      - {id: other, title: Other, outcome: adopted}\n"
    load([write(tmp_path, decisions)])
    page = client.get("/organizations/test-decides/bodies/council/?on=2018-12-01")
    shown = text(page).split("Next, already decided")[1].split("Pending")[0]
    assert "decided at" in shown and "decided by" not in shown, shown
