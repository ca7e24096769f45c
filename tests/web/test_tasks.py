"""My tasks: after signing in, each reader sees what its roles ask of it, as of a date.
A delegation: open decisions awaiting its state's position and the measures its state
is responsible for; an observer: what it reads as; the secretariat: releases not yet
published, referrals overdue and meetings missing data. Only what the reader may read
is listed, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.accounts.access import viewer_of
from accord.core.audit import acting
from accord.decisions.inputs import DecisionFields
from accord.decisions.services import record_position, save_decision
from accord.documents.models import Document
from accord.implementation.inputs import MeasureFields
from accord.implementation.services import save_measure
from accord.meetings import services as meetings
from accord.meetings.inputs import MeetingFields
from accord.meetings.models import AgendaItem, Meeting, Participation
from accord.publishing import services as publishing
from accord.registry.models import Organization, Party
from accord.tasks.selectors import incomplete_meetings, tasks_for
from tests.accounts.people import RoleSpec, make
from tests.web.conftest import sign_in, text

pytestmark = pytest.mark.django_db

SCO = "/organizations/sco"
SUMMIT_AGENDA = "Expanding intra-SCO cooperation with observer states and dialogue partners"


@pytest.fixture
def open_decision(db):
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    decision = save_decision(
        meeting,
        "drug-plan",
        DecisionFields(title="On the counter-narcotics plan", outcome="open"),
        [],
    )
    save_decision(meeting, "closed-one", DecisionFields(title="A closed decision"), [])
    return decision


@pytest.fixture
def measures(db):
    plan = Document.objects.get(slug="anti-drug-action-plan-2019-2020")
    russia, kyrgyzstan = Party.objects.get(code="RU"), Party.objects.get(code="KG")
    save_measure(
        plan,
        "joint-operation",
        MeasureFields(
            text="Hold the joint operation Kanal", responsible_party=russia, due=dt.date(2020, 6, 1)
        ),
    )
    save_measure(
        plan,
        "kg-report",
        MeasureFields(
            text="Report on the border posts", responsible_party=kyrgyzstan, due=dt.date(2020, 6, 1)
        ),
    )


def test_a_reader_lands_on_the_tasks_after_signing_in(client):
    page = client.get("/tasks/")
    assert page.status_code == 302 and page["Location"].startswith("/accounts/login/")
    from django.conf import settings

    assert settings.LOGIN_REDIRECT_URL == "/tasks/"


def test_a_delegation_sees_the_decisions_awaiting_its_position(as_role, open_decision, measures):
    russia = as_role("delegation")
    page = russia.get("/tasks/")
    assert page.status_code == 200
    words = text(page)
    assert "Russia in Shanghai Cooperation Organisation: delegation" in words
    awaiting = words.split("Decisions awaiting your position")[1].split("Measures your state")[0]
    assert "On the counter-narcotics plan" in awaiting
    assert "A closed decision" not in awaiting
    assert (
        f'href="{SCO}/bodies/security-council-secretaries/meetings/14/decisions/drug-plan/position/"'
        in page.content.decode()
    )
    measures_part = words.split("Measures your state is responsible for")[1]
    assert "Hold the joint operation Kanal" in measures_part and "overdue" in measures_part
    # Another state's measure is not Russia's to do.
    assert "Report on the border posts" not in measures_part


def test_a_position_recorded_takes_the_decision_off_the_list(as_role, open_decision):
    russia = as_role("delegation")
    record_position(open_decision, Party.objects.get(code="RU"), "concurs", "")
    words = text(russia.get("/tasks/"))
    assert "No open decision awaits your state's position." in words


def test_only_a_state_taking_decisions_on_the_decision_day_is_asked(open_decision):
    # India joined in 2017: a decision still open from the body's first meeting (2004)
    # is not India's to take a position on, while Russia's list has it.
    first = Meeting.objects.get(body__slug="security-council-secretaries", number=1)
    save_decision(first, "old-one", DecisionFields(title="An old decision", outcome="open"), [])
    day = dt.date(2019, 5, 16)
    india = make(RoleSpec("web-delegation-in", delegations=frozenset({("sco", "IN")}))).viewer
    russia = make(RoleSpec("web-delegation-ru2", delegations=frozenset({("sco", "RU")}))).viewer
    assert [d.slug for d in tasks_for(india, day).parties[0].awaiting] == ["drug-plan"]
    assert [d.slug for d in tasks_for(russia, day).parties[0].awaiting] == ["old-one", "drug-plan"]
    # Asked as of a day before meeting 14 was held, its decision is not yet listed.
    assert tasks_for(india, dt.date(2019, 5, 1)).parties[0].awaiting == []


def test_an_observer_is_told_its_role(as_role, open_decision):
    words = text(as_role("observer").get("/tasks/"))
    assert "Mongolia in Shanghai Cooperation Organisation: observer" in words
    assert "Observers do not record positions on decisions." in words
    assert "On the counter-narcotics plan" not in words


def test_the_secretariat_sees_drafts_overdue_referrals_and_meetings_missing_data(as_role):
    secretariat = as_role("secretariat")
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    officer = make(RoleSpec("web-secretariat-2", secretariat=frozenset({"sco"}))).viewer
    publishing.draft_release(officer, meeting, language="en")
    page = secretariat.get("/tasks/")
    words = text(page)
    drafts = words.split("Releases not yet published")[1].split("Referrals overdue")[0]
    assert "press release (en) — draft" in drafts
    overdue = words.split("Referrals overdue")[1].split("Meetings missing data")[0]
    assert SUMMIT_AGENDA in overdue
    # As of a day before the summit, the referral is not yet overdue.
    earlier = text(secretariat.get("/tasks/?on=2019-06-01"))
    assert SUMMIT_AGENDA not in earlier.split("Referrals overdue")[1].split("Meetings missing")[0]


def test_the_public_has_no_tasks_and_a_reader_without_roles_is_told_why(db, client):
    assert tasks_for(viewer_of(None), dt.date(2019, 5, 15)).empty
    nobody = sign_in(client, RoleSpec("web-nobody"))
    assert "holds no role in any organization" in text(nobody.get("/tasks/"))


def test_a_date_that_cannot_be_read_is_said_beside_the_field(as_role):
    page = as_role("secretariat").get("/tasks/?on=2019-02-30")
    assert page.status_code == 400
    assert 'aria-invalid="true"' in page.content.decode()


def test_the_tasks_take_a_fixed_number_of_queries(as_role, measures):
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    russia = as_role("delegation")

    def counted() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert russia.get("/tasks/").status_code == 200
        return len(queries)

    save_decision(meeting, "open-0", DecisionFields(title="Open 0", outcome="open"), [])
    one = counted()
    for i in range(1, 6):
        save_decision(meeting, f"open-{i}", DecisionFields(title=f"Open {i}", outcome="open"), [])
    assert counted() == one


def test_the_cli_answers_the_same_tasks(as_role, open_decision, measures, accord):
    as_role("delegation")  # makes the user the command reads as
    shown = accord("tasks", "--user", "user-web-delegation-ru", "--on", "2019-05-16")
    assert "RU in sco (delegation)" in shown
    assert "On the counter-narcotics plan" in shown
    assert "Hold the joint operation Kanal" in shown
    as_json = accord(
        "tasks", "--user", "user-web-delegation-ru", "--on", "2019-05-16", "--format", "json"
    )
    assert as_json["parties"][0]["awaiting_position"][0]["decision"] == "drug-plan"


def test_meetings_missing_data_are_those_held_without_participants_or_an_agenda(db):
    """Each meeting held by the day and recorded without participants, or without an
    agenda item, is listed with what it lacks; a meeting with both, or not yet held, is
    not."""
    sco = Organization.objects.get(slug="sco")
    body = Meeting.objects.get(body__slug="security-council-secretaries", number=14).body
    officer = make(RoleSpec("tasks-incomplete", secretariat=frozenset({"sco"}))).viewer
    day = dt.date(2031, 12, 31)
    with acting("test:incomplete"):
        made = {
            slug: meetings.save_meeting(body, slug, MeetingFields(number=n, start=start, end=start))
            for slug, n, start in [
                ("bare", 41, dt.date(2031, 3, 1)),
                ("no-agenda", 42, dt.date(2031, 3, 8)),
                ("no-participants", 43, dt.date(2031, 3, 15)),
                ("later", 44, dt.date(2032, 6, 1)),
            ]
        }
        complete = Meeting.objects.get(body=body, number=14)
        for slug in ("no-agenda", "later"):
            part = Participation.objects.filter(meeting=complete).first()
            part.pk, part.meeting = None, made[slug]
            part.save()
        for slug in ("no-participants", "later"):
            item = AgendaItem.objects.filter(meeting=complete).first()
            item.pk, item.meeting, item.slug = None, made[slug], f"{slug}-item"
            item.save()
    found = {row.meeting.pk: row.missing for row in incomplete_meetings(officer, sco, day)}
    assert found[made["bare"].pk] == ["participants", "agenda"]
    assert found[made["no-agenda"].pk] == ["agenda"]
    assert found[made["no-participants"].pk] == ["participants"]
    assert made["later"].pk not in found  # not held by the day
    assert complete.pk not in found  # held with both
    # Held by then, with a participant and an item: not listed.
    assert made["later"].pk not in {
        r.meeting.pk for r in incomplete_meetings(officer, sco, dt.date(2040, 1, 1))
    }
