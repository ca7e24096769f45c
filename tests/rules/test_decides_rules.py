"""What a decision decides, checked on plain values (decisions.effects.problems): only
an adopted decision appoints, extends or fixes a chair term; what it names is its own
organization's; an extension moves the end later."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.decisions.effects import Kind, Named, extension_problems, problems

DAY = dt.date(2018, 6, 10)
DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
OUTCOMES = ["adopted", "not-adopted", "open", "deferred", "withdrawn"]


def appointment(**given: object) -> Named:
    values: dict = {
        "where": "decides.appoints[0]",
        "kind": Kind.APPOINTS,
        "record": "holding:1",
        "label": "the term of vladimir-norov as secretary-general from 2019-01-01",
        "start": dt.date(2019, 1, 1),
        "end": dt.date(2021, 12, 31),
    }
    return Named(**(values | given))


def test_an_adopted_decision_appoints_to_a_term_starting_later():
    assert problems("adopted", DAY, [appointment()]) == []


@given(outcome=st.sampled_from(OUTCOMES))
def test_only_an_adopted_decision_decides_anything(outcome):
    found = problems(outcome, DAY, [appointment()])
    if outcome == "adopted":
        assert found == []
    else:
        assert found == [
            (
                "decides",
                f"the decision is {outcome}: only an adopted decision appoints, extends a"
                " term or fixes a chair term",
            )
        ]
    # A decision that names nothing may have any outcome.
    assert problems(outcome, DAY, []) == []


def test_a_record_of_another_organization_is_refused_with_its_field():
    assert problems("adopted", DAY, [appointment(ours=False)]) == [
        (
            "decides.appoints[0]",
            "the term of vladimir-norov as secretary-general from 2019-01-01 belongs to"
            " another organization",
        )
    ]


def test_a_term_that_ended_before_the_decision_cannot_be_appointed():
    ended = appointment(start=dt.date(2010, 1, 1), end=dt.date(2012, 12, 31))
    [(field, reason)] = problems("adopted", DAY, [ended])
    assert field == "decides.appoints[0]"
    assert reason.endswith("ended on 2012-12-31, before the decision (2018-06-10)")


def test_the_same_record_named_twice_is_refused_once_for_the_second():
    second = appointment(where="decides.appoints[1]")
    assert problems("adopted", DAY, [appointment(), second]) == [
        (
            "decides.appoints[1]",
            "the term of vladimir-norov as secretary-general from 2019-01-01 is named twice",
        )
    ]


def test_a_chair_term_fixed_by_a_decision_has_that_basis_and_no_other_meeting():
    term = appointment(
        where="decides.fixes_chair[0]",
        kind=Kind.FIXES_CHAIR,
        record="chair:1",
        label="the chair term of KG from 2018-06-11",
        start=dt.date(2018, 6, 11),
        end=dt.date(2019, 6, 14),
        chair=True,
        basis="decision",
    )
    assert problems("adopted", DAY, [term]) == []
    rotated = Named(**{**term.__dict__, "basis": "rotation", "decided_elsewhere": True})
    assert [reason for _, reason in problems("adopted", DAY, [rotated])] == [
        "the chair term of KG from 2018-06-11 is recorded with basis 'rotation': a chair"
        " term a decision fixes has basis 'decision'",
        "the chair term of KG from 2018-06-11 is recorded as decided at another meeting",
    ]
    # A post is appointed, not fixed as a chair; a chair term is not appointed.
    assert problems("adopted", DAY, [appointment(kind=Kind.FIXES_CHAIR)]) == [
        (
            "decides.appoints[0]",
            "only a chair term is fixed; a term in a post is appointed (appoints)",
        )
    ]


@given(start=DAYS, previous_end=DAYS, end=st.one_of(st.none(), DAYS))
def test_an_extension_moves_the_end_of_a_term_later(start, previous_end, end):
    found = extension_problems("the term", start, previous_end, end)
    if previous_end < start:
        assert found == [f"the term cannot have ended on {previous_end}, before it began ({start})"]
    elif end is not None and end <= previous_end:
        assert found == [
            f"the term ends on {end}: an extension from {previous_end} moves the end later"
        ]
    else:
        assert found == []


def test_an_extension_names_the_end_before_it_and_only_an_extension_does():
    extension = appointment(kind=Kind.EXTENDS, where="decides.extends[0]")
    assert problems("adopted", DAY, [extension]) == [
        (
            "decides.extends[0]",
            "an extension names the end the term had before it (previous_end)",
        )
    ]
    with_end = appointment(previous_end=dt.date(2020, 12, 31))
    assert problems("adopted", DAY, [with_end]) == [
        (
            "decides.appoints[0]",
            "only an extension names the end before it (previous_end)",
        )
    ]
