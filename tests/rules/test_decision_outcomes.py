"""A decision's outcome as recorded, against the positions and counts under its procedure
(decisions.rules.outcome_problems), and the co-chair rule (meetings.rules)."""

from __future__ import annotations

import datetime as dt
import importlib

from hypothesis import given
from hypothesis import strategies as st

from accord.decisions.rules import (
    Procedure,
    Recorded,
    Votes,
    date_problem,
    decision_outcome,
    outcome_from_positions,
    outcome_problems,
    procedure_of,
    stances_under,
)
from accord.meetings.rules import co_chair_problem

CODES = st.sampled_from(["CN", "IN", "KG", "KZ", "PK", "RU", "TJ", "UZ"])
CONSENSUS_LIKE = [Procedure.CONSENSUS, Procedure.NO_OBJECTION, Procedure.SILENCE]


def stances(kinds: list[str]) -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(CODES, st.sampled_from(kinds), max_size=8)


# --- consensus, no objection, silence procedure -----------------------------------------


@given(
    procedure=st.sampled_from(CONSENSUS_LIKE),
    positions=stances(["concurs", "concurs-with-statement", "objects", "absent"]),
)
def test_an_objection_contradicts_adoption_and_nothing_else_does(procedure, positions):
    problems = outcome_problems("adopted", procedure, positions)
    objecting = sorted(code for code, s in positions.items() if s == "objects")
    if objecting:
        assert [field for field, _ in problems] == ["outcome"]
        assert ", ".join(objecting) in problems[0][1]
        assert "recorded an objection" in problems[0][1]
    else:
        assert problems == []


@given(
    procedure=st.sampled_from(CONSENSUS_LIKE),
    outcome=st.sampled_from(["not-adopted", "open", "deferred", "withdrawn"]),
    positions=stances(["concurs", "concurs-with-statement", "objects", "absent"]),
)
def test_an_outcome_other_than_adoption_stands_beside_any_positions(procedure, outcome, positions):
    assert outcome_problems(outcome, procedure, positions) == []


def test_a_decision_adopted_with_no_positions_stands():
    for procedure in Procedure:
        assert outcome_problems("adopted", procedure, {}) == []


def test_counts_of_votes_belong_to_a_vote_only():
    problems = outcome_problems("adopted", "consensus", {}, Votes(14, 0, 1))
    assert problems == [("votes", "counts of votes belong to a vote, not to consensus")]


def test_an_unknown_outcome_or_procedure_is_named():
    assert outcome_problems("taken", "consensus", {})[0][0] == "outcome"
    assert outcome_problems("adopted", "acclamation", {})[0][0] == "procedure"


# --- vote ------------------------------------------------------------------------------


@given(
    positions=stances(["yes", "no", "abstains", "absent"]),
    in_favour=st.integers(0, 15),
    against=st.integers(0, 15),
    abstaining=st.integers(0, 15),
    outcome=st.sampled_from([r.value for r in Recorded]),
)
def test_counts_agree_with_the_positions_recorded(
    positions, in_favour, against, abstaining, outcome
):
    problems = dict(
        outcome_problems(outcome, "vote", positions, Votes(in_favour, against, abstaining))
    )
    counted = {"yes": in_favour, "no": against, "abstains": abstaining}
    fields = {"yes": "votes.in_favour", "no": "votes.against", "abstains": "votes.abstaining"}
    for stance, count in counted.items():
        recorded = sum(1 for s in positions.values() if s == stance)
        assert (fields[stance] in problems) is (count < recorded)
    adopted_short = outcome == "adopted" and in_favour <= against
    assert ("outcome" in problems) is adopted_short


def test_resolution_2664_adopted_14_0_1_with_india_abstaining():
    assert outcome_problems("adopted", "vote", {"IN": "abstains"}, Votes(14, 0, 1)) == []


def test_a_vetoed_draft_is_not_adopted_despite_a_majority():
    # S/2022/155: 11 in favour, 1 against (a permanent member), 3 abstaining.
    assert outcome_problems("not-adopted", "vote", {"RU": "no"}, Votes(11, 1, 3)) == []


def test_more_abstentions_recorded_than_counted_are_refused():
    problems = outcome_problems(
        "adopted", "vote", {"IN": "abstains", "CN": "abstains"}, Votes(14, 0, 1)
    )
    assert problems == [
        ("votes.abstaining", "1 abstaining, yet 2 positions are recorded abstaining (CN, IN)")
    ]


def test_a_vote_adopted_with_no_more_in_favour_than_against_is_refused():
    problems = outcome_problems("adopted", "vote", {}, Votes(5, 5, 5))
    assert problems == [("outcome", "adopted by vote, yet 5 voted in favour and 5 against")]


# --- what positions alone give, procedures, dates ------------------------------------------


def test_positions_alone_give_what_they_gave_before():
    assert outcome_from_positions("consensus", {"KG": "concurs"}) is Recorded.ADOPTED
    assert outcome_from_positions("consensus", {"KG": "concurs", "RU": "objects"}) is (
        Recorded.NOT_ADOPTED
    )
    assert outcome_from_positions("consensus", {}) is Recorded.NOT_ADOPTED
    assert outcome_from_positions("vote", {"A": "yes", "B": "no", "C": "yes"}) is Recorded.ADOPTED


def test_a_decision_without_a_procedure_takes_the_bodys_rule():
    assert procedure_of("", "consensus") == "consensus"
    assert procedure_of("silence", "consensus") == "silence"
    assert stances_under("vote") == frozenset({"yes", "no", "abstains", "absent"})
    assert "objects" in stances_under("no-objection")


def test_a_decision_is_dated_within_its_meeting():
    first, last = dt.date(2017, 6, 8), dt.date(2017, 6, 9)
    assert date_problem(dt.date(2017, 6, 9), first, last) is None
    assert date_problem(dt.date(2017, 6, 10), first, last) == (
        "2017-06-10 is outside the meeting (2017-06-08..2017-06-09)"
    )


# --- co-chairs ---------------------------------------------------------------------------


def test_a_co_chair_holds_a_standing_or_is_the_host():
    assert co_chair_problem("AF", "observer", "KG") is None
    assert co_chair_problem("KG", None, "KG") is None
    assert co_chair_problem("US", None, "KG") == (
        "'US' holds no standing in the organization on the meeting date and is not the host (KG)"
    )
    assert "records no host" in co_chair_problem("US", None, None)


# --- the migration keeps what the positions gave --------------------------------------------


@given(
    rule=st.sampled_from(["consensus", "vote"]),
    positions=stances(["concurs", "concurs-with-statement", "objects", "absent", "yes", "no"]),
    is_open=st.booleans(),
)
def test_the_migration_gives_each_decision_the_outcome_its_positions_gave(rule, positions, is_open):
    migration = importlib.import_module(
        "accord.decisions.migrations.0002_decision_recorded_outcome"
    )
    before = decision_outcome(rule, positions, is_open=is_open)
    after = migration._derived(rule, list(positions.values()), is_open)
    assert after == {"open": "open", "taken": "adopted", "not taken": "not-adopted"}[before]
