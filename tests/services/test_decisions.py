"""Decisions and positions: only members on the meeting date hold one."""

from __future__ import annotations

from accord.decisions.inputs import DecisionFields
from accord.decisions.models import Decision, Position
from accord.decisions.rules import Outcome, consensus_outcome, vote_outcome
from accord.decisions.services import record_position, save_decision
from accord.meetings.selectors import record
from tests.services.build import FOUNDERS, INDIA_JOINS, D, hold, only_problem, refused

MAY_15 = D(2019, 5, 15)


def decide(meeting, positions, *, slug: str = "test-decision", is_open: bool = False) -> Decision:
    return save_decision(
        meeting,
        slug,
        DecisionFields(title="On the plan", outcome="open" if is_open else ""),
        positions,
    )


def concur(world, *codes: str) -> list[tuple]:
    return [(world.party(code), "concurs", "") for code in codes]


def outcome(decision: Decision) -> Outcome:
    stances = {p.party.code: p.stance for p in decision.positions.all()}
    return consensus_outcome(stances, is_open=decision.is_open)


def test_an_observers_position_is_refused_and_nothing_written(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19, format="extended")
    before = (Decision.objects.count(), Position.objects.count())
    error = refused(
        lambda: decide(meeting, [*concur(world, "KZ"), (world.party("MN"), "concurs", "")])
    )
    field, reason = only_problem(error)
    assert field == "positions[1].party"
    assert "cannot hold a position" in reason
    assert (
        reason == "'MN' cannot hold a position: only members on 2019-05-15 can (it is an observer)"
    )
    assert (Decision.objects.count(), Position.objects.count()) == before


def test_a_position_of_a_party_without_status_is_refused(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    error = refused(lambda: decide(meeting, [(world.party("BR"), "concurs", "")]))
    field, reason = only_problem(error)
    assert field == "positions[0].party"
    assert reason.endswith("(it holds no status)")


def test_a_member_joining_after_the_meeting_cannot_hold_a_position(world):
    meeting = hold(world.council, "test-17", D(2017, 6, 8), number=17)
    error = refused(lambda: decide(meeting, concur(world, "IN")))
    assert "only members on 2017-06-08 can" in only_problem(error)[1]


def test_a_member_holds_a_position_from_the_day_it_joins(world):
    meeting = hold(world.council, "test-17", INDIA_JOINS, number=17)
    decision = decide(meeting, concur(world, *FOUNDERS, "IN"))
    assert decision.positions.count() == 6
    assert outcome(decision) is Outcome.TAKEN


def test_a_consensus_decision_with_one_objection_is_not_taken(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    decision = decide(
        meeting, [*concur(world, "KZ", "CN", "RU", "KG"), (world.party("UZ"), "objects", "")]
    )
    assert outcome(decision) is Outcome.NOT_TAKEN
    (recorded,) = record(meeting).decisions.all()
    assert outcome(recorded) is Outcome.NOT_TAKEN


def test_a_concurrence_with_a_statement_does_not_block_consensus(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    decision = decide(
        meeting,
        [
            *concur(world, "KZ", "CN"),
            (world.party("UZ"), "concurs-with-statement", "A reservation."),
        ],
    )
    assert outcome(decision) is Outcome.TAKEN


def test_two_positions_of_one_party_are_refused(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    error = refused(
        lambda: decide(meeting, [*concur(world, "KZ"), (world.party("KZ"), "objects", "")])
    )
    assert only_problem(error) == ("positions[1].party", "KZ has two positions")


def test_a_voting_body_records_votes_not_consensus_stances(world):
    meeting = hold(world.assembly, "test-a-1", MAY_15, number=1)
    error = refused(lambda: decide(meeting, [(world.party("KZ"), "objects", "")]))
    assert only_problem(error)[0] == "positions[0].stance"
    decision = decide(
        meeting,
        [(world.party(c), s, "") for c, s in [("KZ", "yes"), ("CN", "yes"), ("RU", "no")]],
    )
    stances = {p.party.code: p.stance for p in decision.positions.all()}
    assert vote_outcome(stances, is_open=False) is Outcome.TAKEN


def test_a_consensus_body_refuses_a_vote(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    error = refused(lambda: decide(meeting, [(world.party("KZ"), "yes", "")]))
    field, reason = only_problem(error)
    assert field == "positions[0].stance"
    assert "'yes' is not a position under consensus" in reason


# -- the consensus round, position by position ---------------------------------------------


def open_round(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19, format="extended")
    return decide(meeting, [], is_open=True)


def test_a_member_records_its_position_while_the_decision_is_open(world):
    decision = open_round(world)
    record_position(decision, world.party("KZ"), "concurs")
    assert outcome(decision) is Outcome.OPEN
    assert decision.positions.get().stance == "concurs"


def test_a_member_may_change_its_position_while_the_decision_is_open(world):
    decision = open_round(world)
    record_position(decision, world.party("KZ"), "objects")
    record_position(decision, world.party("KZ"), "concurs")
    assert list(decision.positions.values_list("stance", flat=True)) == ["concurs"]


def test_a_position_on_a_closed_decision_is_refused_and_nothing_written(world):
    meeting = hold(world.council, "test-19", MAY_15, number=19)
    decision = decide(meeting, concur(world, "KZ"))
    before = list(Position.objects.filter(decision=decision).values())
    error = refused(lambda: record_position(decision, world.party("KZ"), "objects"))
    assert only_problem(error) == (
        "decision",
        "the decision is closed; positions can no longer change",
    )
    assert list(Position.objects.filter(decision=decision).values()) == before


def test_an_observer_cannot_record_a_position_in_the_round(world):
    decision = open_round(world)
    error = refused(lambda: record_position(decision, world.party("MN"), "concurs"))
    field, reason = only_problem(error)
    assert field == "party"
    assert "cannot hold a position" in reason
    assert decision.positions.count() == 0


def test_a_concurrence_with_a_statement_needs_the_statement(world):
    decision = open_round(world)
    for blank in ("", "   "):
        error = refused(
            lambda blank=blank: record_position(
                decision, world.party("KZ"), "concurs-with-statement", blank
            )
        )
        assert only_problem(error) == (
            "statement",
            "a concurrence with a statement needs the statement",
        )
    assert decision.positions.count() == 0


def test_a_concurrence_with_its_statement_is_recorded(world):
    decision = open_round(world)
    record_position(decision, world.party("KZ"), "concurs-with-statement", "On the understanding…")
    assert decision.positions.get().statement == "On the understanding…"
