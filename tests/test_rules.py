"""The pure rules: dates, intervals, standing, chair, numbering, referrals, consensus.

No database: these are functions on plain values.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.bodies.rules import Term, chair_on, propose_next, rotation_order
from accord.core.dates import PartialDate, Precision, parse_date
from accord.core.intervals import Interval, first_overlap
from accord.decisions.rules import (
    Act,
    Outcome,
    consensus_outcome,
    lifecycle,
    pending_referrals,
    power_allows,
    status_of,
    vote_outcome,
)
from accord.meetings.rules import Slot, numbering_conflict
from accord.registry.rules import Standing, overlapping_standing, standing_on, status_valid_for

D = dt.date
days = st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31))


# -- partial dates --------------------------------------------------------------------


def test_month_only_date_spans_the_month():
    april = PartialDate.parse("2019-04")
    assert april.precision is Precision.MONTH
    assert (april.earliest, april.latest) == (D(2019, 4, 1), D(2019, 4, 30))


def test_february_of_a_leap_year_and_a_whole_year():
    assert PartialDate.parse("2020-02").latest == D(2020, 2, 29)
    assert PartialDate.parse("2019-02").latest == D(2019, 2, 28)
    year = PartialDate.parse("2004")
    assert (year.earliest, year.latest, str(year)) == (D(2004, 1, 1), D(2004, 12, 31), "2004")


@pytest.mark.parametrize("raw", ["15 May 2019", "2019-13", "2019-02-30", "19-05-15", ""])
def test_a_bad_date_says_what_was_expected(raw):
    with pytest.raises(ValueError, match=r"2019-05-15|not a date in the calendar"):
        PartialDate.parse(raw)


def test_a_full_date_is_required_where_a_day_is_meant():
    with pytest.raises(ValueError, match="expected a full date"):
        parse_date("2019-04")


@given(days, st.sampled_from(list(Precision)))
def test_partial_dates_round_trip_and_span_forward(day, precision):
    raw = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}
    parsed = PartialDate.parse(raw[precision.value])
    assert PartialDate.parse(parsed.isoformat()) == parsed
    assert parsed.earliest <= day <= parsed.latest


# -- intervals ------------------------------------------------------------------------


def test_intervals_are_inclusive_at_both_ends_and_may_stay_open():
    term = Interval(D(2018, 6, 11), D(2019, 6, 14))
    assert not term.covers(D(2018, 6, 10))
    assert term.covers(D(2018, 6, 11))
    assert term.covers(D(2019, 6, 14))
    assert not term.covers(D(2019, 6, 15))
    assert Interval(D(2001, 6, 15)).covers(D(2099, 1, 1))


def test_an_interval_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        Interval(D(2019, 1, 2), D(2019, 1, 1))


def intervals():
    return st.builds(
        lambda a, length, open_end: Interval(
            a, None if open_end else a + dt.timedelta(days=length)
        ),
        days,
        st.integers(min_value=0, max_value=800),
        st.booleans(),
    )


@given(intervals(), intervals())
def test_overlap_is_symmetric_and_means_a_shared_day(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    shared = max(a.start, b.start)
    assert a.overlaps(b) == (a.covers(shared) and b.covers(shared))


@given(st.lists(intervals(), max_size=8))
def test_first_overlap_agrees_with_checking_every_pair(items):
    brute = any(x.overlaps(y) for x, y in itertools.combinations(items, 2))
    found = first_overlap(items)
    assert (found is not None) == brute
    if found:
        i, j = found
        assert i < j and items[i].overlaps(items[j])


# -- standing as of a date ---------------------------------------------------------------

INDIA = [
    Standing("IN", "observer", Interval(D(2005, 7, 5), D(2017, 6, 8))),
    Standing("IN", "member", Interval(D(2017, 6, 9))),
]


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (D(2005, 7, 4), None),
        (D(2005, 7, 5), "observer"),
        (D(2017, 6, 8), "observer"),
        (D(2017, 6, 9), "member"),
        (D(2030, 1, 1), "member"),
    ],
)
def test_a_party_holds_the_status_in_force_on_the_day(day, status):
    assert standing_on(INDIA, day).get("IN") == status


def test_two_standings_of_one_party_may_not_overlap():
    assert overlapping_standing(INDIA) is None
    clash = [*INDIA, Standing("IN", "guest", Interval(D(2017, 6, 1), D(2017, 6, 30)))]
    assert overlapping_standing(clash) is not None
    other_party = [*INDIA, Standing("PK", "member", Interval(D(2017, 6, 9)))]
    assert overlapping_standing(other_party) is None


def test_a_status_type_exists_only_over_its_own_interval():
    merged_away = (None, D(2025, 8, 31))
    assert status_valid_for(*merged_away, Interval(D(2015, 7, 10), D(2025, 8, 31))) is None
    assert "until 2025-08-31" in status_valid_for(*merged_away, Interval(D(2015, 7, 10)))
    introduced = (D(2025, 9, 1), None)
    assert status_valid_for(*introduced, Interval(D(2025, 9, 1))) is None
    assert "from 2025-09-01" in status_valid_for(*introduced, Interval(D(2025, 8, 1)))


# -- chairmanship ---------------------------------------------------------------------------

TERMS = [
    Term("CN", Interval(D(2017, 6, 10), D(2018, 6, 10))),
    Term("KG", Interval(D(2018, 6, 11), D(2019, 6, 14))),
    Term("RU", Interval(D(2019, 6, 15), D(2020, 11, 10))),
]


def test_the_chair_is_the_term_covering_the_day():
    assert chair_on(TERMS, D(2019, 5, 15)) == "KG"
    assert chair_on(TERMS, D(2019, 6, 14)) == "KG"  # the outgoing presidency chairs the summit
    assert chair_on(TERMS, D(2019, 6, 15)) == "RU"
    assert chair_on(TERMS, D(2021, 1, 1)) is None  # no term recorded
    assert chair_on(TERMS, D(2017, 6, 9)) is None


NAMES = {
    "KZ": {"ru": "Казахстан", "en": "Kazakhstan"},
    "CN": {"ru": "Китай", "en": "China"},
    "KG": {"ru": "Кыргызстан", "en": "Kyrgyzstan"},
    "RU": {"ru": "Россия", "en": "Russia"},
    "TJ": {"ru": "Таджикистан", "en": "Tajikistan"},
    "UZ": {"ru": "Узбекистан", "en": "Uzbekistan"},
}


def name_of(code: str, language: str) -> str:
    return NAMES[code][language]


def test_rotation_orders_by_russian_or_english_names_or_a_sequence():
    members = list(NAMES)
    assert rotation_order(members, "russian-alphabetical", name_of, []) == [
        "KZ", "CN", "KG", "RU", "TJ", "UZ",
    ]  # fmt: skip
    assert rotation_order(members, "english-alphabetical", name_of, []) == [
        "CN", "KZ", "KG", "RU", "TJ", "UZ",
    ]  # fmt: skip
    assert rotation_order(["BR", "CN", "IN", "RU", "ZA", "EG"], "sequence", name_of, [
        "BR", "RU", "IN", "CN", "ZA",
    ]) == ["BR", "RU", "IN", "CN", "ZA", "EG"]  # fmt: skip


def test_the_rotation_proposes_the_next_member_and_wraps_around():
    order = ["KZ", "CN", "KG", "RU", "TJ", "UZ"]
    assert propose_next(order, "KG") == "RU"
    assert propose_next(order, "UZ") == "KZ"
    assert propose_next(order, None) == "KZ"
    assert propose_next([], "KG") is None
    # A chair that is no longer a member: continue from where its code would sort.
    assert propose_next(["AM", "BY", "KZ"], "BE") == "BY"


@given(st.lists(st.sampled_from(list("ABCDEFGHIJKL")), min_size=1, unique=True), st.data())
def test_a_rotation_cycle_visits_every_member_once(members, data):
    start = data.draw(st.sampled_from(members))
    visited, current = [], start
    for _ in members:
        current = propose_next(members, current)
        visited.append(current)
    assert sorted(visited) == sorted(members)
    assert visited[-1] == start


# -- numbering of a series ---------------------------------------------------------------


def slot(number: int, raw: str) -> Slot:
    date = PartialDate.parse(raw)
    return Slot(f"{number}@{raw}", number, date.earliest, date.latest)


def test_numbers_are_unique_and_increase_with_the_date_gaps_allowed():
    series = [slot(1, "2004"), slot(10, "2015-04-14"), slot(13, "2018-05-22")]
    assert numbering_conflict(series, slot(14, "2019-05-15")) is None  # 2-9, 11-12 missing
    assert "already taken" in numbering_conflict(series, slot(13, "2019-05-15"))
    assert "held earlier" in numbering_conflict(series, slot(12, "2019-05-15"))
    assert "held later" in numbering_conflict(series, slot(11, "2014-05-01"))
    moved = Slot("13@2018-05-22", 13, D(2018, 6, 1), D(2018, 6, 1))  # the same meeting, re-dated
    assert numbering_conflict(series, moved) is None


def test_two_meetings_on_one_day_may_be_numbered_either_way():
    assert numbering_conflict([slot(3, "2019-05-15")], slot(4, "2019-05-15")) is None


def test_with_month_only_dates_only_a_certain_inversion_counts():
    known = [slot(5, "2019-04-19")]
    assert numbering_conflict(known, slot(4, "2019-04")) is None  # may have been earlier in April
    assert numbering_conflict([slot(5, "2019-05-02")], slot(6, "2019-04")) is not None


@given(st.lists(days, min_size=2, max_size=10, unique=True), st.data())
def test_numbers_given_in_date_order_never_conflict(dates, data):
    dates = sorted(dates)
    numbers = sorted(data.draw(st.lists(st.integers(1, 500), min_size=len(dates),
                                        max_size=len(dates), unique=True)))  # fmt: skip
    slots = [Slot(str(n), n, d, d) for n, d in zip(numbers, dates, strict=True)]
    for i, s in enumerate(slots):
        assert numbering_conflict(slots[:i] + slots[i + 1 :], s) is None


@given(st.lists(days, min_size=2, max_size=8, unique=True), st.data())
def test_swapping_two_numbers_always_conflicts(dates, data):
    dates = sorted(dates)
    slots = [Slot(str(n), n, d, d) for n, d in enumerate(dates, 1)]
    i = data.draw(st.integers(0, len(slots) - 2))
    j = data.draw(st.integers(i + 1, len(slots) - 1))
    swapped = Slot(slots[i].key, slots[j].number, slots[i].earliest, slots[i].latest)
    others = [s for k, s in enumerate(slots) if k not in (i, j)]
    others.append(Slot(slots[j].key, slots[i].number, slots[j].earliest, slots[j].latest))
    assert numbering_conflict(others, swapped) is not None


# -- powers, status, referrals ----------------------------------------------------------------


def test_powers_admit_a_verb_on_a_document_type_or_on_anything():
    powers = [("approved", "working-plan"), ("heard", None)]
    assert power_allows(powers, "approved", "working-plan")
    assert not power_allows(powers, "approved", "declaration")
    assert not power_allows(powers, "adopted", "working-plan")
    assert power_allows(powers, "heard", "report")
    assert power_allows(powers, "heard", None)


def act(key, body, verb, day, subject="plan", target=None, order=0) -> Act:
    return Act(key, body, verb, day, subject, target, order)


PLAN = [
    act("1", "scsc", "approved", D(2019, 5, 15)),
    act("2", "scsc", "submitted", D(2019, 5, 15), target="chs", order=1),
    act("3", "cfm", "examined", D(2019, 5, 22)),
    act("4", "chs", "approved", D(2019, 6, 14)),
]


def test_a_documents_status_follows_its_actions():
    assert status_of([]) is None
    assert status_of(PLAN[:1]) == "approved"
    assert status_of(PLAN[:2]) == "submitted"  # same day: further along the lifecycle wins
    assert status_of(PLAN) == "approved"
    status, by = lifecycle(PLAN)
    assert (status, by.body) == ("approved", "chs")


def test_an_adoption_is_not_undone_by_taking_note_later():
    acts = [
        act("1", "chs", "adopted", D(2018, 6, 10)),
        act("2", "scsc", "took-note", D(2019, 5, 15)),
    ]
    assert status_of(acts) == "adopted"


def test_a_referral_stays_pending_until_the_target_body_settles_it():
    on = D(2019, 5, 16)
    assert [a.key for a in pending_referrals(PLAN, "chs", on)] == ["2"]
    assert pending_referrals(PLAN, "chs", D(2019, 6, 13)) != []
    assert pending_referrals(PLAN, "chs", D(2019, 6, 14)) == []
    assert pending_referrals(PLAN, "chs", D(2019, 5, 14)) == []  # not yet referred


def test_another_bodys_act_a_deferral_or_an_earlier_act_does_not_settle_it():
    referral = act("r", "scsc", "submitted", D(2019, 5, 15), target="chs")
    later = D(2019, 12, 31)
    for other in [
        act("x", "cfm", "approved", D(2019, 5, 22)),
        act("x", "chs", "deferred", D(2019, 6, 14)),
        act("x", "chs", "approved", D(2019, 5, 1)),
        act("x", "chs", "approved", D(2019, 6, 14), subject="another"),
    ]:
        assert pending_referrals([referral, other], "chs", later) == [referral]


def test_a_subject_referred_twice_is_one_pending_item():
    acts = [
        act("a", "scsc", "submitted", D(2019, 5, 15), target="chs"),
        act("b", "cfm", "submitted", D(2019, 5, 22), target="chs"),
    ]
    assert [a.key for a in pending_referrals(acts, "chs", D(2019, 6, 1))] == ["a"]


# -- consensus and votes -----------------------------------------------------------------------


def test_one_objection_blocks_a_consensus_decision():
    stances = {"CN": "concurs", "IN": "concurs", "PK": "objects"}
    assert consensus_outcome(stances, is_open=False) is Outcome.NOT_TAKEN


def test_a_statement_does_not_block_and_absence_is_not_objection():
    stances = {"CN": "concurs", "IN": "concurs-with-statement", "PK": "absent"}
    assert consensus_outcome(stances, is_open=False) is Outcome.TAKEN


def test_an_open_round_or_a_round_nobody_joined_is_not_taken():
    assert consensus_outcome({"CN": "concurs"}, is_open=True) is Outcome.OPEN
    assert consensus_outcome({"CN": "absent"}, is_open=False) is Outcome.NOT_TAKEN
    assert consensus_outcome({}, is_open=False) is Outcome.NOT_TAKEN


CONSENSUS_STANCES = ["concurs", "concurs-with-statement", "objects", "absent"]


@given(st.dictionaries(st.sampled_from(sorted(NAMES)), st.sampled_from(CONSENSUS_STANCES)))
def test_consensus_is_taken_exactly_when_someone_joins_and_nobody_objects(stances):
    taken = consensus_outcome(stances, is_open=False) is Outcome.TAKEN
    joined = any(s.startswith("concurs") for s in stances.values())
    assert taken == (joined and "objects" not in stances.values())


def test_votes_are_decided_by_a_simple_majority_of_votes_cast():
    assert vote_outcome({"A": "yes", "B": "yes", "C": "no"}, is_open=False) is Outcome.TAKEN
    assert (
        vote_outcome({"A": "yes", "B": "no", "C": "abstains"}, is_open=False) is Outcome.NOT_TAKEN
    )
    assert vote_outcome({"A": "yes"}, is_open=True) is Outcome.OPEN
