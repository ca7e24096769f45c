"""What bodies do: powers, document status, pending referrals, consensus and votes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.decisions.rules import (
    Act,
    Outcome,
    consensus_outcome,
    document_status,
    lifecycle,
    pending_referrals,
    power_allows,
    vote_outcome,
)
from accord.decisions.verbs import DEFAULT

D = dt.date
MAY_15 = D(2019, 5, 15)

# --- powers --------------------------------------------------------------------------

SECRETARIES = [("approved", "working-plan"), ("submitted", None), ("took-note", None)]


def test_a_typed_power_admits_its_verb_on_its_document_type():
    assert power_allows(SECRETARIES, "approved", "working-plan")


def test_a_typed_power_does_not_admit_its_verb_on_another_type():
    assert not power_allows(SECRETARIES, "approved", "programme")


def test_a_typed_power_does_not_admit_its_verb_on_a_subject_without_a_type():
    assert not power_allows(SECRETARIES, "approved", None)


def test_an_untyped_power_admits_its_verb_on_any_subject():
    assert power_allows(SECRETARIES, "took-note", "report")
    assert power_allows(SECRETARIES, "took-note", None)


def test_a_verb_without_a_power_is_not_admitted():
    assert not power_allows(SECRETARIES, "adopted", "working-plan")
    assert not power_allows([], "took-note", None)


# --- status ----------------------------------------------------------------------------


def act(verb: str, day: dt.date, body: str = "rats", subject: str = "plan", **kw: object) -> Act:
    return Act(key=f"{body}-{verb}-{day}", body=body, verb=verb, date=day, subject=subject, **kw)


def test_a_document_without_actions_has_no_status():
    assert document_status([]) is None


def test_status_follows_the_actions_in_date_order_whatever_order_they_are_given():
    acts = [
        act("approved", D(2019, 5, 15)),
        act("drafted", D(2019, 2, 1)),
        act("considered", D(2019, 4, 1)),
    ]
    assert document_status(acts) == "approved"


def test_the_latest_action_sets_the_status():
    acts = [act("approved", D(2019, 5, 15)), act("submitted", D(2019, 5, 16))]
    assert document_status(acts) == "submitted"


def test_on_the_same_day_the_action_further_along_the_lifecycle_wins():
    acts = [act("submitted", MAY_15, order=0), act("approved", MAY_15, order=1)]
    assert document_status(acts) == "submitted"


def test_a_same_day_tie_ignores_the_order_actions_are_given_in():
    acts = [act("adopted", MAY_15, body="heads"), act("considered", MAY_15)]
    assert document_status(acts) == "adopted"
    assert document_status(reversed(acts)) == "adopted"


def test_an_adoption_is_not_undone_by_a_later_took_note():
    acts = [act("adopted", D(2018, 6, 10), body="heads"), act("took-note", D(2019, 5, 15))]
    assert document_status(acts) == "adopted"


def test_an_adoption_is_not_undone_by_a_later_consideration_or_referral():
    acts = [
        act("adopted", D(2018, 6, 10), body="heads"),
        act("considered", D(2019, 5, 15)),
        act("submitted", D(2019, 5, 16), target_body="heads"),
    ]
    assert document_status(acts) == "adopted"


def test_a_signature_after_an_adoption_moves_the_status_on():
    acts = [act("adopted", D(2018, 6, 10)), act("signed", D(2018, 6, 11))]
    assert document_status(acts) == "signed"


def test_verbs_without_a_status_leave_it_as_it_was():
    acts = [
        act("approved", D(2019, 5, 15)),
        act("praised", D(2019, 6, 1)),
        act("heard", D(2019, 6, 2)),
    ]
    assert document_status(acts) == "approved"


def test_lifecycle_names_the_action_that_gave_the_status():
    adopted = act("adopted", D(2018, 6, 10), body="heads")
    status, by = lifecycle(
        [act("drafted", D(2018, 1, 1)), adopted, act("took-note", D(2019, 1, 1))]
    )
    assert (status, by) == ("adopted", adopted)


# --- pending referrals ---------------------------------------------------------------


def referral(
    day: dt.date, *, by: str = "secretaries", to: str = "heads", subject: str = "plan"
) -> Act:
    return Act(f"ref-{by}-{subject}-{day}", by, "submitted", day, subject, target_body=to)


LATER = D(2020, 1, 1)


def pending(acts: list[Act], body: str = "heads", on: dt.date = LATER) -> list[Act]:
    return pending_referrals(acts, body, on)


def test_a_referral_without_an_answer_is_pending_for_its_target():
    sent = referral(MAY_15)
    assert pending([sent]) == [sent]


def test_a_referral_is_not_pending_for_another_body():
    assert pending([referral(MAY_15)], body="ministers") == []


def test_a_settling_act_of_the_target_body_on_or_after_the_referral_day_settles_it():
    for day in (MAY_15, D(2019, 6, 14)):
        assert pending([referral(MAY_15), act("adopted", day, body="heads")]) == []


@pytest.mark.parametrize(
    "verb",
    ["approved", "endorsed", "adopted", "signed", "took-note", "examined", "rejected", "heard"],
)
def test_each_settling_verb_settles_a_referral(verb):
    assert pending([referral(MAY_15), act(verb, D(2019, 6, 14), body="heads")]) == []


@pytest.mark.parametrize("verb", ["considered", "deferred", "drafted", "praised"])
def test_a_non_settling_act_keeps_the_referral_pending(verb):
    sent = referral(MAY_15)
    assert pending([sent, act(verb, D(2019, 6, 14), body="heads")]) == [sent]


def test_passing_the_subject_on_settles_the_referral_and_opens_one_for_the_next_body():
    to_ministers = referral(MAY_15, to="ministers")
    onward = referral(D(2019, 5, 22), by="ministers", to="heads")
    assert pending([to_ministers, onward], body="ministers") == []
    assert pending([to_ministers, onward], body="heads") == [onward]


def _pending_by_definition(acts: list[Act], body: str, on: dt.date) -> list[Act]:
    """The rule as it reads, each referral against every act (the order of the
    answer as `pending_referrals` gives it: by day, order and key, one per subject)."""
    verbs = DEFAULT
    found = [
        r
        for r in acts
        if r.verb in verbs.referring
        and r.target_body == body
        and r.date <= on
        and not any(
            a.subject == r.subject
            and r.date <= a.date <= on
            and (
                (a.body == body and a.verb in verbs.settling)
                or (a.verb in verbs.closing and a.target_body == body)
            )
            for a in acts
        )
    ]
    seen: set[str] = set()
    return [
        r
        for r in sorted(found, key=lambda a: (a.date, a.order, a.key))
        if not (r.subject in seen or seen.add(r.subject))
    ]


# Few bodies, subjects and verbs (each kind of verb: referring, settling, closing, none),
# so that referrals, answers and closings often meet on one subject.
_BODIES = st.sampled_from(["ministers", "heads"])
_ACTS = st.builds(
    Act,
    key=st.text("abcdef", min_size=1, max_size=4),
    body=_BODIES,
    verb=st.sampled_from(
        ["submitted", "recommended", "adopted", "withdrawn", "lapsed", "considered"]
    ),
    date=st.dates(D(2019, 1, 1), D(2019, 1, 10)),
    subject=st.sampled_from(["plan", "treaty"]),
    target_body=st.one_of(st.none(), _BODIES),
    order=st.integers(0, 3),
)


@settings(max_examples=500, deadline=None)
@given(
    acts=st.lists(_ACTS, min_size=2, max_size=30),
    body=_BODIES,
    on=st.dates(D(2019, 1, 1), D(2019, 1, 12)),
)
def test_pending_referrals_are_those_the_rule_names(acts, body, on):
    """Looking up each referral's answers by subject gives what the rule says when each
    referral is weighed against every act."""
    assert pending_referrals(acts, body, on) == _pending_by_definition(acts, body, on)


def test_another_bodys_act_does_not_settle_a_referral():
    sent = referral(MAY_15)
    assert pending([sent, act("adopted", D(2019, 6, 14), body="ministers")]) == [sent]


def test_an_act_on_another_subject_does_not_settle_a_referral():
    sent = referral(MAY_15)
    assert pending([sent, act("adopted", D(2019, 6, 14), body="heads", subject="other")]) == [sent]


def test_an_act_before_the_referral_does_not_settle_it():
    sent = referral(MAY_15)
    assert pending([act("took-note", D(2019, 5, 14), body="heads"), sent]) == [sent]


def test_as_of_a_date_before_the_settling_act_the_referral_is_still_pending():
    sent = referral(MAY_15)
    acts = [sent, act("adopted", D(2019, 6, 14), body="heads")]
    assert pending(acts, on=D(2019, 6, 13)) == [sent]
    assert pending(acts, on=D(2019, 6, 14)) == []


def test_as_of_a_date_before_the_referral_nothing_is_pending():
    assert pending([referral(MAY_15)], on=D(2019, 5, 14)) == []
    assert pending([referral(MAY_15)], on=MAY_15) != []


def test_one_subject_referred_by_two_bodies_is_one_pending_item():
    first = referral(MAY_15, by="secretaries")
    second = referral(D(2019, 5, 20), by="ministers")
    assert pending([second, first]) == [first]


def test_a_subject_referred_again_after_it_was_settled_is_pending_again():
    again = referral(D(2020, 5, 1))
    acts = [referral(MAY_15), act("adopted", D(2019, 6, 14), body="heads"), again]
    assert pending(acts, on=D(2020, 6, 1)) == [again]


def test_pending_referrals_come_in_date_order():
    late = referral(D(2019, 6, 1), subject="report")
    early = referral(MAY_15, subject="plan")
    assert pending([late, early]) == [early, late]


# --- consensus and votes ---------------------------------------------------------------


def test_one_objection_blocks_a_consensus_decision():
    stances = {"CN": "concurs", "IN": "objects", "KG": "concurs", "RU": "concurs"}
    assert consensus_outcome(stances, is_open=False) is Outcome.NOT_TAKEN


def test_a_concurrence_with_a_statement_does_not_block_consensus():
    stances = {"CN": "concurs", "IN": "concurs-with-statement"}
    assert consensus_outcome(stances, is_open=False) is Outcome.TAKEN


def test_an_absent_member_does_not_block_consensus():
    assert consensus_outcome({"CN": "concurs", "PK": "absent"}, is_open=False) is Outcome.TAKEN


def test_an_open_decision_has_no_outcome_yet():
    assert consensus_outcome({"IN": "objects"}, is_open=True) is Outcome.OPEN
    assert vote_outcome({"IN": "yes"}, is_open=True) is Outcome.OPEN


def test_a_consensus_decision_nobody_present_concurred_with_is_not_taken():
    assert consensus_outcome({"CN": "absent", "RU": "absent"}, is_open=False) is Outcome.NOT_TAKEN
    assert consensus_outcome({}, is_open=False) is Outcome.NOT_TAKEN


def test_a_vote_is_taken_by_a_simple_majority_of_votes_cast():
    assert vote_outcome({"A": "yes", "B": "yes", "C": "no"}, is_open=False) is Outcome.TAKEN


def test_abstentions_and_absences_are_not_votes_cast():
    stances = {"A": "yes", "B": "abstains", "C": "abstains", "D": "absent"}
    assert vote_outcome(stances, is_open=False) is Outcome.TAKEN


def test_a_tied_vote_is_not_taken():
    assert (
        vote_outcome({"A": "yes", "B": "no", "C": "abstains"}, is_open=False) is Outcome.NOT_TAKEN
    )


def test_a_vote_with_no_votes_cast_is_not_taken():
    assert vote_outcome({"A": "abstains"}, is_open=False) is Outcome.NOT_TAKEN
