"""A delegation records its own state's position on an open decision of a meeting.

The rules are the domain's (`decisions.services.record_position`, `access.require_position`):
only while the decision is open, only for a state that is a member on the meeting
date, never an observer's; a delegation only its own state's. Refusals are shown beside
the field, with nothing written; a stale version answers 409.
"""

from __future__ import annotations

import pytest
from django.test import Client

from accord.core.models import AuditEntry
from accord.decisions.inputs import DecisionFields
from accord.decisions.models import Decision, Position
from accord.decisions.services import record_position, save_decision
from accord.meetings.models import Meeting
from accord.registry.models import Party
from tests.accounts.people import RoleSpec
from tests.services.build import build_world
from tests.web.conftest import sign_in, text
from tests.web.forms import form_fields, post_data

SCS = "/organizations/sco/bodies/security-council-secretaries"
MEETING_14 = f"{SCS}/meetings/14/"
OPEN = f"{MEETING_14}decisions/drug-plan/position/"
CLOSED = f"{MEETING_14}decisions/closed-one/position/"


@pytest.fixture
def decisions(db) -> dict[str, Decision]:
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    return {
        "open": save_decision(
            meeting,
            "drug-plan",
            DecisionFields(title="On the counter-narcotics plan", outcome="open"),
            [],
        ),
        "closed": save_decision(
            meeting, "closed-one", DecisionFields(title="A closed decision"), []
        ),
    }


def position(decision: Decision, code: str) -> Position | None:
    return Position.objects.filter(decision=decision, party__code=code).first()


def field_error(page, name: str) -> str:
    html = page.content.decode()
    marker = f'id="id_{name}-error">'
    assert marker in html, f"no error beside {name}"
    return text(html.split(marker, 1)[1].split("</ul>", 1)[0])


def trail() -> int:
    return AuditEntry.objects.count()


def test_a_delegation_records_its_states_position(as_role, decisions):
    russia = as_role("delegation")
    meeting = text(russia.get(MEETING_14))
    assert "Record a position on “On the counter-narcotics plan”" in meeting
    assert "A closed decision" in meeting
    assert "Record a position on “A closed decision”" not in meeting
    page = russia.get(OPEN)
    assert page.status_code == 200
    assert "Position of Russia" in text(page)
    answer = russia.post(OPEN, post_data(form_fields(page, "stack"), stance="concurs"))
    assert answer.status_code == 303
    assert answer["Location"] == f"{MEETING_14}#decision-drug-plan"
    assert position(decisions["open"], "RU").stance == "concurs"
    entry = AuditEntry.objects.filter(model="decisions.Position").latest("seq")
    assert entry.actor == "user:user-web-delegation-ru"
    assert "The position of Russia is recorded." in text(russia.get(answer["Location"]))
    # Changing it again starts from what was recorded.
    page = russia.get(OPEN)
    assert form_fields(page, "stack")["stance"] == ["concurs"]
    answer = russia.post(
        OPEN,
        post_data(
            form_fields(page, "stack"),
            stance="concurs-with-statement",
            statement="With a reservation on item 3.",
        ),
    )
    assert answer.status_code == 303
    assert position(decisions["open"], "RU").statement == "With a reservation on item 3."


def test_a_concurrence_with_a_statement_needs_the_statement(as_role, decisions):
    russia = as_role("delegation")
    fields = form_fields(russia.get(OPEN), "stack")
    before = trail()
    answer = russia.post(OPEN, post_data(fields, stance="concurs-with-statement", statement=" "))
    assert answer.status_code == 422
    assert "needs the statement" in field_error(answer, "statement")
    assert position(decisions["open"], "RU") is None
    assert trail() == before


def test_a_closed_decision_takes_no_position(as_role, decisions):
    russia = as_role("delegation")
    fields = form_fields(russia.get(CLOSED), "stack")
    before = trail()
    answer = russia.post(CLOSED, post_data(fields, stance="objects"))
    assert answer.status_code == 422
    assert "the decision is closed" in text(answer)
    assert form_fields(answer, "stack")["stance"] == ["objects"]
    assert position(decisions["closed"], "RU") is None
    assert trail() == before


def test_only_a_member_on_the_meeting_date_holds_a_position(db, decisions):
    # Iran is a member today, and was an observer on 2019-05-15.
    iran = sign_in(
        Client(HTTP_HOST="127.0.0.1"),
        RoleSpec("delegation-ir", delegations=frozenset({("sco", "IR")})),
    )
    assert "Record a position" not in text(iran.get(MEETING_14))
    fields = form_fields(iran.get(OPEN), "stack")
    before = trail()
    answer = iran.post(OPEN, post_data(fields, stance="concurs"))
    assert answer.status_code == 422
    assert "'IR' cannot hold a position: only members on 2019-05-15" in text(answer)
    assert position(decisions["open"], "IR") is None
    assert trail() == before


def test_a_delegation_records_no_other_states_position(as_role, decisions):
    russia = as_role("delegation")
    before = trail()
    assert russia.get(OPEN, {"party": "KZ"}).status_code == 404
    fields = form_fields(russia.get(OPEN), "stack")
    assert russia.post(OPEN, post_data(fields, party="KZ", stance="objects")).status_code == 404
    assert position(decisions["open"], "KZ") is None
    assert trail() == before


def reader_of(who: str, as_role) -> Client:
    if who == "observer":
        return as_role("observer")
    if who == "other-secretariat":
        build_world()
        role = RoleSpec("other-secretariat", secretariat=frozenset({"test-org-svc"}))
        return sign_in(Client(HTTP_HOST="127.0.0.1"), role)
    return sign_in(Client(HTTP_HOST="127.0.0.1"), RoleSpec("no-affiliation"))


@pytest.mark.parametrize("who", ["observer", "public", "other-secretariat"])
def test_observers_the_public_and_other_secretariats_never(as_role, decisions, who):
    reader = reader_of(who, as_role)
    assert "Record a position" not in text(reader.get(MEETING_14))
    assert reader.get(OPEN).status_code == 404
    assert reader.get(OPEN, {"party": "MN"}).status_code == 404
    assert reader.post(OPEN, {"party": "MN", "stance": "concurs"}).status_code == 404
    assert not Position.objects.filter(decision=decisions["open"]).exists()


def test_the_anonymous_are_sent_to_sign_in(client, decisions):
    assert "Record a position" not in text(client.get(MEETING_14))
    answer = client.get(OPEN)
    assert answer.status_code == 302
    assert answer["Location"].startswith("/accounts/login/?next=")


def test_the_secretariat_records_any_members_position(as_role, decisions):
    officer = as_role("secretariat")
    assert "Record a position on “On the counter-narcotics plan”" in text(officer.get(MEETING_14))
    page = officer.get(OPEN, {"party": "KZ"})
    assert page.status_code == 200
    fields = form_fields(page, "stack")
    assert fields["party"] == ["KZ"]
    assert officer.post(OPEN, post_data(fields, stance="objects")).status_code == 303
    assert position(decisions["open"], "KZ").stance == "objects"


def test_a_stale_version_answers_409(as_role, decisions):
    russia = as_role("delegation")
    fields = form_fields(russia.get(OPEN), "stack")
    # Meanwhile the secretariat records Russia's position.
    record_position(decisions["open"], Party.objects.get(code="RU"), "absent")
    before = trail()
    answer = russia.post(OPEN, post_data(fields, stance="objects", statement="Late"))
    assert answer.status_code == 409
    assert "changed by someone else" in text(answer)
    assert form_fields(answer, "stack")["statement"] == ["Late"]
    assert position(decisions["open"], "RU").stance == "absent"
    assert trail() == before


# With whether the session owes a second factor (1), and the record's state (1), which
# keys the answers shared by a standing.
POSITION_QUERIES = 12


def test_the_page_runs_a_fixed_number_of_queries(as_role, decisions, django_assert_num_queries):
    russia = as_role("delegation")
    record_position(decisions["open"], Party.objects.get(code="KZ"), "concurs")
    with django_assert_num_queries(POSITION_QUERIES):
        assert russia.get(OPEN).status_code == 200
