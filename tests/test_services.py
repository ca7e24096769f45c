"""The services, the only writers: each rule refused with the field and the reason,
and nothing written on refusal. A small organization of its own, built here."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.bodies import selectors as bodies
from accord.bodies import services as body_services
from accord.bodies.models import ChairTerm
from accord.core.errors import DomainError
from accord.decisions import selectors as decisions
from accord.decisions import services as decision_services
from accord.decisions.models import Action, Decision
from accord.decisions.rules import Outcome, consensus_outcome
from accord.documents import services as document_services
from accord.meetings import selectors as meetings
from accord.meetings import services as meeting_services
from accord.meetings.models import Meeting, Participation
from accord.registry import selectors as registry
from accord.registry import services as registry_services
from accord.registry.models import Membership

D = dt.date
pytestmark = pytest.mark.django_db


def problem(caught: pytest.ExceptionInfo) -> tuple[str, str]:
    first = caught.value.problems[0]
    return first.field, first.reason


@pytest.fixture
def org():
    """Three members (AM, BY, KZ), an observer (TJ) and a member from mid-2019 (KG)."""
    o = registry_services.save_organization("test-org", {"name": "Test Organization"})
    member = registry_services.save_status(o, "member", {"name": "member", "takes_decisions": True})
    observer = registry_services.save_status(o, "observer", {"name": "observer"})
    for code in ("AM", "BY", "KZ"):
        party = registry_services.ensure_state(code)
        registry_services.save_membership(o, party, member, D(2000, 1, 1), None)
    registry_services.save_membership(
        o, registry_services.ensure_state("TJ"), observer, D(2000, 1, 1), None
    )
    registry_services.save_membership(
        o, registry_services.ensure_state("KG"), member, D(2019, 7, 1), None
    )
    return o


@pytest.fixture
def plan_type(org):
    return document_services.save_document_type(org, "plan", {"name": "plan"})


@pytest.fixture
def council(org, plan_type):
    body = body_services.save_body(org, "council", {"name": "Council"})
    body_services.set_powers(body, [("adopted", plan_type), ("considered", None)])
    return body


@pytest.fixture
def committee(org, council, plan_type):
    body = body_services.save_body(org, "committee", {"name": "Committee", "reports_to": council})
    body_services.set_powers(body, [("approved", plan_type), ("submitted", None), ("heard", None)])
    return body


@pytest.fixture
def plan(org, plan_type):
    return document_services.save_document(org, "plan", {"type": plan_type, "title": "Plan"})


def meeting(body, number, day, **values):
    return meeting_services.save_meeting(
        body,
        str(number) if number else f"ad-hoc-{day}",
        {"number": number, "start": day, "end": day, **values},
    )


# -- memberships -------------------------------------------------------------------------


def test_a_party_holds_one_status_at_a_time_and_a_refusal_writes_nothing(org):
    before = Membership.objects.count()
    observer = registry.status_type(org, "observer")
    with pytest.raises(DomainError) as caught:
        registry_services.save_membership(org, registry.party("AM"), observer, D(2010, 1, 1), None)
    field, reason = problem(caught)
    assert field == "from"
    assert "already holds 'member'" in reason
    assert Membership.objects.count() == before


def test_an_inverted_membership_is_refused(org):
    with pytest.raises(DomainError) as caught:
        registry_services.save_membership(
            org,
            registry_services.ensure_state("UZ"),
            registry.status_type(org, "member"),
            D(2010, 1, 1),
            D(2009, 1, 1),
        )
    assert problem(caught)[0] == "to"


def test_a_status_cannot_be_held_beyond_its_own_life(org):
    old = registry_services.save_status(
        org, "dialogue-partner", {"name": "d", "valid_until": D(2025, 8, 31)}
    )
    with pytest.raises(DomainError) as caught:
        registry_services.save_membership(
            org, registry_services.ensure_state("NP"), old, D(2015, 7, 10), None
        )
    assert problem(caught) == (
        "status",
        "'dialogue-partner' exists only until 2025-08-31; end the membership by then",
    )


def test_a_member_joining_mid_year(org):
    assert "KG" not in registry.decision_takers_on(org, D(2019, 6, 30))
    assert "KG" in registry.decision_takers_on(org, D(2019, 7, 1))
    on_day = {m.party.code for m in registry.memberships_on(org, D(2019, 7, 1), "member")}
    assert on_day == {"AM", "BY", "KZ", "KG"}


# -- chair terms ---------------------------------------------------------------------------


def test_chair_terms_may_not_overlap_and_go_to_members(org):
    body_services.save_chair_term(
        org, None, registry.party("AM"), D(2019, 1, 1), D(2019, 12, 31), {}
    )
    with pytest.raises(DomainError) as caught:
        body_services.save_chair_term(org, None, registry.party("BY"), D(2019, 12, 1), None, {})
    assert problem(caught)[0] == "from"
    with pytest.raises(DomainError) as caught:
        body_services.save_chair_term(org, None, registry.party("TJ"), D(2020, 1, 1), None, {})
    assert problem(caught) == ("party", "'TJ' is not a member on 2020-01-01")
    assert ChairTerm.objects.filter(organization=org).count() == 1


def test_the_chair_follows_the_bodys_rule(org, council):
    body_services.save_chair_term(
        org, None, registry.party("AM"), D(2019, 1, 1), D(2019, 12, 31), {}
    )
    own = body_services.save_body(
        org, "ministers", {"name": "Ministers", "chair_rule": "own-terms"}
    )
    body_services.save_chair_term(org, own, registry.party("BY"), D(2019, 1, 1), None, {})
    hosted = body_services.save_body(org, "group", {"name": "Group", "chair_rule": "host"})
    day = D(2019, 5, 15)
    assert bodies.chair_on(org, day).party.code == "AM"
    assert bodies.chair_on(org, day, council).party.code == "AM"
    assert bodies.chair_on(org, day, own).party.code == "BY"
    assert bodies.chair_on(org, day, hosted).party is None
    group_meeting = meeting_services.save_meeting(
        hosted,
        "bishkek",
        {"start": day, "end": day, "host": registry.party("KZ")},
        co_chairs=[registry.party("TJ")],
    )
    chair = meetings.chair_of(group_meeting)
    assert (chair.party.code, chair.rule, [p.code for p in chair.co_chairs]) == (
        "KZ",
        "host",
        ["TJ"],
    )
    recorded = meeting(council, 1, day, chair=registry.party("BY"))
    assert meetings.chair_of(recorded).party.code == "BY"
    assert meetings.chair_of(meeting(council, 2, D(2019, 6, 1))).party.code == "AM"


def test_the_rotation_proposes_but_a_recorded_term_decides(org, council):
    body_services.save_rotation_rule(
        org, {"order": "english-alphabetical", "term": "calendar-year"}
    )
    body_services.save_chair_term(
        org, None, registry.party("AM"), D(2019, 1, 1), D(2019, 12, 31), {}
    )
    body_services.save_chair_term(
        org, None, registry.party("KZ"), D(2020, 1, 1), D(2020, 12, 31), {"basis": "decision"}
    )
    proposal = bodies.propose_next_presidency(org, D(2019, 6, 1))
    assert proposal.party == "BY"  # Armenia, Belarus, Kazakhstan, Kyrgyzstan
    assert proposal.interval.start == D(2020, 1, 1)
    assert bodies.chair_on(org, D(2020, 6, 1)).party.code == "KZ"


# -- meetings --------------------------------------------------------------------------------


def test_meeting_numbers_are_unique_and_follow_the_dates(council):
    meeting(council, 3, D(2019, 5, 15))
    meeting(council, 7, D(2021, 5, 15))  # gaps allowed
    meeting(council, None, D(2018, 1, 1))  # ad hoc: outside the numbering
    with pytest.raises(DomainError) as caught:
        meeting_services.save_meeting(
            council, "another", {"number": 3, "start": D(2019, 6, 1), "end": D(2019, 6, 1)}
        )
    assert problem(caught) == ("number", "number 3 is already taken by the meeting of 2019-05-15")
    with pytest.raises(DomainError) as caught:
        meeting(council, 5, D(2022, 1, 1))
    assert problem(caught) == (
        "number",
        "number 5 comes before 7, but 7 was held earlier (2021-05-15)",
    )
    assert Meeting.objects.filter(body=council).count() == 3


def test_a_month_only_meeting(council):
    m = meeting_services.save_meeting(
        council,
        "april",
        {"number": 4, "start": D(2019, 4, 1), "end": D(2019, 4, 1), "date_precision": "month"},
    )
    assert str(m.partial_date) == "2019-04"
    meeting(council, 5, D(2019, 4, 19))  # later in April is possible
    with pytest.raises(DomainError):
        meeting(
            council, 3, D(2019, 4, 30)
        )  # 3 after a meeting that may have been on 1 April... or not
    with pytest.raises(DomainError):
        meeting(council, 6, D(2019, 3, 31))


def test_an_explicit_chair_must_be_a_member_on_the_day(council):
    with pytest.raises(DomainError) as caught:
        meeting(council, 1, D(2019, 5, 15), chair=registry.party("KG"))
    assert problem(caught) == ("chair", "'KG' is not a member on 2019-05-15")
    assert meeting(council, 1, D(2019, 7, 15), chair=registry.party("KG")).chair.code == "KG"


def participant(code, role="delegation", head=False):
    return meeting_services.Participant(
        party=registry.party(code), role=role, head_of_delegation=head
    )


def test_who_may_take_part(council):
    restricted = meeting(council, 1, D(2019, 5, 15))
    with pytest.raises(DomainError) as caught:
        meeting_services.set_participants(restricted, [participant("AM"), participant("TJ")])
    assert problem(caught)[0] == "[1].party"
    assert "record it with role observer" in problem(caught)[1]
    with pytest.raises(DomainError) as caught:
        meeting_services.set_participants(restricted, [participant("TJ", "observer")])
    assert "restricted to members" in problem(caught)[1]
    extended = meeting(council, 2, D(2019, 6, 15), format="extended")
    meeting_services.set_participants(
        extended, [participant("AM", head=True), participant("TJ", "observer")]
    )
    with pytest.raises(DomainError) as caught:
        meeting_services.set_participants(
            extended, [participant("AM", head=True), participant("AM", head=True)]
        )
    assert problem(caught)[0] == "[1].head"
    assert Participation.objects.filter(meeting=extended).count() == 2


# -- actions and referrals -----------------------------------------------------------------------


def test_an_action_outside_the_bodys_powers_is_refused(council, plan):
    m = meeting(council, 1, D(2019, 5, 15))
    with pytest.raises(DomainError) as caught:
        decision_services.set_actions(
            council, m, [{"verb": "approved", "document": plan, "date": m.start}]
        )
    assert problem(caught) == (
        "[0].verb",
        "council has no power to take the action 'approved' on a plan",
    )
    assert not Action.objects.filter(body=council).exists()


def test_a_referral_names_its_target_and_a_meeting_of_that_body(council, committee, plan):
    m = meeting(committee, 1, D(2019, 5, 15))
    other = meeting(committee, 2, D(2019, 6, 15))
    with pytest.raises(DomainError) as caught:
        decision_services.record_action(
            committee, {"verb": "submitted", "document": plan, "date": m.start, "meeting": m}
        )
    assert problem(caught) == ("to", "a referral must name the body it goes to")
    with pytest.raises(DomainError) as caught:
        decision_services.record_action(
            committee,
            {
                "verb": "submitted",
                "document": plan,
                "date": m.start,
                "meeting": m,
                "target_body": council,
                "target_meeting": other,
            },
        )
    assert problem(caught) == ("to_meeting", "is not a meeting of council")


def test_pending_until_the_target_body_acts(council, committee, plan, org):
    m = meeting(committee, 1, D(2019, 5, 15))
    summit = meeting(council, 1, D(2019, 6, 14))
    decision_services.set_actions(
        committee,
        m,
        [
            {"verb": "approved", "document": plan, "date": m.start},
            {
                "verb": "submitted",
                "document": plan,
                "date": m.start,
                "target_body": council,
                "target_meeting": summit,
            },
        ],
    )
    assert [a.document for a in decisions.pending_for(org, council, D(2019, 5, 16))] == [plan]
    decision_services.set_actions(
        council, summit, [{"verb": "considered", "document": plan, "date": summit.start}]
    )
    assert (
        decisions.pending_for(org, council, D(2019, 6, 15)) != []
    )  # considering does not settle it
    decision_services.set_actions(
        council, summit, [{"verb": "adopted", "document": plan, "date": summit.start}]
    )
    assert decisions.pending_for(org, council, D(2019, 6, 13)) != []
    assert decisions.pending_for(org, council, D(2019, 6, 14)) == []
    history = decisions.history(plan)
    assert [a.verb for a in history.actions] == ["approved", "submitted", "adopted"]
    assert (history.status, history.status_by.body) == ("adopted", council)


# -- decisions and positions ---------------------------------------------------------------------


def test_only_members_on_the_day_hold_positions(council):
    m = meeting(council, 1, D(2019, 5, 15))
    for code, held in (
        ("TJ", "it is an observer"),
        ("KG", "it holds no status"),
        ("UZ", "it holds no status"),
    ):
        registry_services.ensure_state(code)
        with pytest.raises(DomainError) as caught:
            decision_services.save_decision(
                m, "d", {"title": "D"}, [(registry.party(code), "objects", "")]
            )
        field, reason = problem(caught)
        assert field == "positions[0].party"
        assert "cannot hold a position" in reason and held in reason
    assert not Decision.objects.filter(meeting=m).exists()


def test_one_objection_and_the_decision_is_not_taken(council):
    m = meeting(council, 1, D(2019, 5, 15))
    d = decision_services.save_decision(
        m,
        "d",
        {"title": "D"},
        [
            (registry.party("AM"), "concurs", ""),
            (registry.party("BY"), "concurs-with-statement", "on record"),
            (registry.party("KZ"), "objects", ""),
        ],
    )
    stances = {p.party.code: p.stance for p in d.positions.all()}
    assert consensus_outcome(stances, is_open=d.is_open) is Outcome.NOT_TAKEN


def test_a_delegation_records_its_position_only_while_the_round_is_open(council):
    m = meeting(council, 1, D(2019, 5, 15))
    d = decision_services.save_decision(m, "d", {"title": "D", "is_open": True}, [])
    with pytest.raises(DomainError) as caught:
        decision_services.record_position(d, registry.party("AM"), "concurs-with-statement", "  ")
    assert problem(caught)[0] == "statement"
    decision_services.record_position(d, registry.party("AM"), "concurs")
    d.is_open = False
    d.save()
    with pytest.raises(DomainError) as caught:
        decision_services.record_position(d, registry.party("BY"), "objects")
    assert problem(caught)[0] == "decision"


# -- queries do not grow with the record -----------------------------------------------------------


def build(council, committee, plan, number, size):
    m = meeting(committee, number, D(2019, 5, number))
    parties = ["AM", "BY", "KZ"]
    meeting_services.set_participants(
        m, [meeting_services.Participant(party=registry.party(parties[i % 3])) for i in range(size)]
    )
    decision_services.set_actions(
        committee,
        m,
        [
            {"verb": "submitted", "document": plan, "date": m.start, "target_body": council}
            for _ in range(size)
        ],
    )
    return m


def read_everything(m):
    record = meetings.record(m)
    for p in record.participants.all():
        str(p.party.code)
    for a in record.actions.all():
        str(a.document.type.slug if a.document else "")
        str(a.target_body.slug)
    meetings.chair_of(record)


def test_a_meeting_record_reads_in_a_fixed_number_of_queries(
    council, committee, plan, django_assert_num_queries
):
    small, large = build(council, committee, plan, 1, 3), build(council, committee, plan, 2, 12)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        read_everything(small)
    with django_assert_num_queries(len(few.captured_queries)):
        read_everything(large)


def test_pending_reads_in_a_fixed_number_of_queries(council, committee, plan, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build(council, committee, plan, 1, 3)
    with CaptureQueriesContext(connection) as few:
        [decisions.subject_label(a) for a in decisions.pending_for(org, council, D(2019, 12, 31))]
    build(council, committee, plan, 2, 12)
    with CaptureQueriesContext(connection) as many:
        [decisions.subject_label(a) for a in decisions.pending_for(org, council, D(2019, 12, 31))]
    assert len(many.captured_queries) == len(few.captured_queries)
