"""Decisions with their outcome as recorded, through the services on a real database:
positions optional, checked against the outcome and the decision's own date; co-chairs
and the person who chaired."""

from __future__ import annotations

import dataclasses

from accord.bodies.models import Body
from accord.decisions import selectors as decisions
from accord.decisions.inputs import DecisionFields
from accord.decisions.models import Decision, Position
from accord.decisions.services import change_decision, record_position, save_decision
from accord.meetings.models import CoChair, Meeting
from accord.meetings.selectors import chair_of, record
from accord.registry.models import Organization, Person
from tests.services.build import FOUNDERS, INDIA_JOINS, D, hold, only_problem, refused

ASTANA = D(2017, 6, 8)  # a two-day summit: India becomes a member on its second day
MAY_15 = D(2019, 5, 15)


def concur(world, *codes: str) -> list[tuple]:
    return [(world.party(code), "concurs", "") for code in codes]


def test_a_decision_recorded_adopted_without_positions_reads_adopted(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    decision = save_decision(
        meeting, "on-the-plan", DecisionFields(title="On the plan", outcome="adopted"), []
    )
    assert decision.outcome == "adopted" and not decision.is_open
    assert decision.positions.count() == 0


def test_a_record_without_an_outcome_keeps_what_the_positions_give(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    taken = save_decision(meeting, "a", DecisionFields(title="A"), concur(world, "KZ"))
    blocked = save_decision(
        meeting,
        "b",
        DecisionFields(title="B"),
        [*concur(world, "KZ"), (world.party("RU"), "objects", "")],
    )
    assert (taken.outcome, blocked.outcome) == ("adopted", "not-adopted")


def test_an_objection_under_consensus_contradicts_adoption_and_nothing_is_written(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    before = (Decision.objects.count(), Position.objects.count())
    error = refused(
        lambda: save_decision(
            meeting,
            "on-the-plan",
            DecisionFields(title="On the plan", outcome="adopted"),
            [*concur(world, "KZ"), (world.party("RU"), "objects", "")],
        )
    )
    assert only_problem(error) == ("outcome", "adopted by consensus, yet RU recorded an objection")
    assert (Decision.objects.count(), Position.objects.count()) == before


def test_an_objection_is_no_adoption_by_no_objection_procedure_either(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    values = DecisionFields(title="On the plan", outcome="adopted", procedure="no-objection")
    error = refused(
        lambda: save_decision(meeting, "p", values, [(world.party("KG"), "objects", "")])
    )
    assert only_problem(error) == (
        "outcome",
        "adopted by no-objection, yet KG recorded an objection",
    )


def test_a_member_who_joined_on_the_second_day_holds_a_position_on_that_days_decision(world):
    summit = hold(world.council, "test-17", ASTANA, number=17, end=INDIA_JOINS)
    dated = save_decision(
        summit,
        "on-accession",
        DecisionFields(title="On accession", outcome="adopted", date=INDIA_JOINS),
        concur(world, *FOUNDERS, "IN"),
    )
    assert dated.positions.filter(party__code="IN").exists()
    # Not dated: taken on the meeting's last day, the day India joined.
    undated = save_decision(summit, "later", DecisionFields(title="Later"), concur(world, "IN"))
    assert undated.outcome == "adopted"


def test_a_member_who_joined_later_holds_no_position_on_the_first_days_decision(world):
    summit = hold(world.council, "test-17", ASTANA, number=17, end=INDIA_JOINS)
    error = refused(
        lambda: save_decision(
            summit, "first-day", DecisionFields(title="First day", date=ASTANA), concur(world, "IN")
        )
    )
    field, reason = only_problem(error)
    assert field == "positions[0].party"
    assert (
        reason == "'IN' cannot hold a position: only members on 2017-06-08 can (it is an observer)"
    )


def test_a_decision_is_dated_within_its_meeting(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    error = refused(
        lambda: save_decision(
            meeting, "x", DecisionFields(title="X", outcome="adopted", date=D(2019, 5, 16)), []
        )
    )
    assert only_problem(error) == (
        "date",
        "2019-05-16 is outside the meeting (2019-05-15..2019-05-15)",
    )


def test_a_vote_with_its_counts(world):
    meeting = hold(world.assembly, "test-1", MAY_15, number=1)
    values = DecisionFields(
        title="Resolution",
        outcome="adopted",
        votes_in_favour=4,
        votes_against=0,
        votes_abstaining=1,
    )
    decision = save_decision(meeting, "r", values, [(world.party("KZ"), "abstains", "")])
    assert (decision.votes_in_favour, decision.votes_abstaining) == (4, 1)
    error = refused(
        lambda: save_decision(
            meeting,
            "r",
            dataclasses.replace(values, votes_abstaining=0),
            [(world.party("KZ"), "abstains", "")],
        )
    )
    assert only_problem(error)[0] == "votes.abstaining"
    assert Decision.objects.get(pk=decision.pk).votes_abstaining == 1


def test_a_decisions_outcome_is_taken_by_its_procedure_else_the_bodys_effective_rule(world):
    vote = hold(world.assembly, "test-1", MAY_15, number=1)
    values = DecisionFields(title="R", outcome="adopted", votes_in_favour=4, votes_against=1)
    counted = save_decision(vote, "r", values, [])
    taken = decisions.outcome_of(counted)
    assert (taken.outcome, taken.procedure, taken.taken_by) == ("adopted", "", "vote")
    assert (taken.votes.in_favour, taken.votes.against, taken.votes.abstaining) == (4, 1, None)
    assert taken.votes.given and not taken.is_open
    council = hold(world.council, "test-19", MAY_15, number=19)
    silent = save_decision(
        council, "s", DecisionFields(title="S", procedure="silence", outcome="open"), []
    )
    plain = save_decision(council, "p", DecisionFields(title="P", outcome="adopted"), [])
    assert decisions.outcome_of(silent).taken_by == "silence"
    assert decisions.outcome_of(silent).is_open
    assert decisions.outcome_of(plain).taken_by == "consensus"
    assert not decisions.outcome_of(plain).votes.given
    # The body's own rule is blank: its organization's rule is the one it decides by.
    assert world.council.decision_rule == ""
    Organization.objects.filter(pk=world.council.organization_id).update(decision_rule="vote")
    body = Body.objects.select_related("organization").get(pk=world.council.pk)
    assert decisions.outcome_of(plain, body).taken_by == "vote"
    assert decisions.outcome_of(Decision.objects.get(pk=plain.pk)).taken_by == "vote"


def test_a_position_that_would_contradict_the_recorded_outcome_is_refused(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    decision = save_decision(meeting, "p", DecisionFields(title="P", outcome="open"), [])
    record_position(decision, world.party("RU"), "objects")
    closed = change_decision(decision, DecisionFields(outcome=""))  # closed: the positions give it
    assert closed.outcome == "not-adopted"
    error = refused(lambda: change_decision(closed, DecisionFields(outcome="adopted")))
    assert only_problem(error) == ("outcome", "adopted by consensus, yet RU recorded an objection")


def test_decisions_are_listed_in_their_order(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    save_decision(meeting, "a-last", DecisionFields(title="A", outcome="adopted", order=2), [])
    save_decision(meeting, "z-first", DecisionFields(title="Z", outcome="adopted", order=1), [])
    assert [d.slug for d in record(meeting).decisions.all()] == ["z-first", "a-last"]


# --- the chair as a person, co-chairs ------------------------------------------------------


def person(slug: str, name: str, party=None) -> Person:
    return Person.objects.create(slug=slug, name=name, party=party)


def test_the_person_who_chaired_and_the_co_chairs_with_their_persons(world):
    host = person("test-host-minister", "A Minister", world.party("KG"))
    guest = person("test-guest-minister", "A Guest", world.party("MN"))
    meeting = hold(
        world.forum,
        "test-forum-1",
        MAY_15,
        host=world.party("KG"),
        chair_person=host,
        co_chairs=((world.party("MN"), guest),),
    )
    chair = chair_of(Meeting.objects.get(pk=meeting.pk))
    assert chair.party.code == "KG" and chair.person == host
    assert chair.co_chair_people == [(world.party("MN"), guest)]


def test_a_co_chair_without_standing_is_refused_and_nothing_is_written(world):
    before = Meeting.objects.count(), CoChair.objects.count()
    error = refused(
        lambda: hold(
            world.forum,
            "test-forum-1",
            MAY_15,
            host=world.party("KG"),
            co_chairs=(world.party("BR"),),
        )
    )
    assert only_problem(error) == (
        "co_chairs[0]",
        "'BR' holds no standing in the organization on the meeting date and is not the host (KG)",
    )
    assert (Meeting.objects.count(), CoChair.objects.count()) == before


def test_the_host_may_co_chair_without_standing(world):
    meeting = hold(
        world.forum, "test-forum-1", MAY_15, host=world.party("BR"), co_chairs=(world.party("BR"),)
    )
    assert [p.code for p in meeting.co_chairs.all()] == ["BR"]


def test_a_summit_moves_only_where_its_decisions_positions_still_hold(world):
    summit = hold(world.council, "test-17", ASTANA, number=17, end=INDIA_JOINS)
    save_decision(summit, "undated", DecisionFields(title="Undated"), concur(world, "IN"))
    error = refused(lambda: hold(world.council, "test-17", D(2017, 6, 7), number=17, end=ASTANA))
    assert only_problem(error)[1].startswith("IN would not be members")
    save_decision(
        summit, "dated", DecisionFields(title="Dated", outcome="adopted", date=ASTANA), []
    )
    error = refused(
        lambda: hold(world.council, "test-17", INDIA_JOINS, number=17, end=D(2017, 6, 10))
    )
    assert only_problem(error) == (
        "date",
        "the decision 'dated' is dated 2017-06-08, outside 2017-06-09..2017-06-10;"
        " change its date first",
    )
