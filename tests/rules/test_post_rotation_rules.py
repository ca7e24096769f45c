"""A post that rotates among parties by turn: whose turn it is on a date, and whose
comes next, decided (a recorded holding) or proposed (the rotation's order)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.core.intervals import Interval
from accord.registry.rotation import (
    Turn,
    TurnsOn,
    ordered_parties,
    recorded_turns,
    turns_on,
    years_after,
)
from accord.registry.rules import Holding

pytestmark = pytest.mark.database_independent

D = dt.date
ORDER = ["AM", "BY", "KZ", "KG", "RU", "TJ"]
RU_NAMES = {
    "AM": "Армения",
    "BY": "Беларусь",
    "KZ": "Казахстан",
    "KG": "Кыргызстан",
    "RU": "Россия",
    "TJ": "Таджикистан",
}

# The CSTO's Secretary-General: Armenia's turn cut short, an acting holder, Belarus's
# turn decided in November 2019, Kazakhstan's in November 2022.
AM = Holding("am", Interval(D(2017, 1, 1), D(2018, 11, 2)), D(2016, 10, 14), party="AM")
ACTING = Holding("acting", Interval(D(2018, 11, 3), D(2019, 12, 31)), acting=True, party="RU")
BY = Holding("by", Interval(D(2020, 1, 1), D(2022, 12, 31)), D(2019, 11, 28), party="BY")
KZ = Holding("kz", Interval(D(2023, 1, 1)), D(2022, 11, 23), party="KZ")
HELD = [AM, ACTING, BY, KZ]


def on(day: dt.date, held: list[Holding] = HELD) -> TurnsOn:
    return turns_on(held, day, ORDER, set(ORDER), 3)


def test_the_order_is_alphabetical_in_the_language_named_or_the_sequence():
    def name(code: str, language: str) -> str:
        return RU_NAMES[code] if language == "ru" else code

    assert ordered_parties(reversed(ORDER), "ru", name, []) == ORDER
    assert ordered_parties(ORDER, None, name, ["RU", "AM"]) == ["RU", "AM", "BY", "KG", "KZ", "TJ"]


def test_before_anything_is_decided_there_is_no_turn():
    assert on(D(2016, 1, 1)) == TurnsOn(None, None)


def test_a_decided_turn_is_next_from_its_appointment():
    answer = on(D(2016, 12, 1))
    assert answer.current is None
    assert answer.next == Turn("AM", Interval(D(2017, 1, 1), D(2019, 12, 31)), True, ("am",))


def test_a_turn_runs_its_length_and_the_rotation_proposes_the_next_party():
    answer = on(D(2017, 6, 1))
    assert answer.current == Turn("AM", Interval(D(2017, 1, 1), D(2019, 12, 31)), True, ("am",))
    assert answer.next == Turn("BY", Interval(D(2020, 1, 1), D(2022, 12, 31)), False)


def test_a_turn_whose_holder_left_is_cut_short_only_once_they_left():
    assert not on(D(2018, 11, 2)).current.cut_short
    answer = on(D(2018, 12, 1))
    assert answer.current.party == "AM"
    assert answer.current.held_until == D(2018, 11, 2)
    assert answer.current.cut_short
    # The acting holder is no turn: Belarus is still what the rotation proposes.
    assert answer.next == Turn("BY", Interval(D(2020, 1, 1), D(2022, 12, 31)), False)


def test_the_decision_fixes_the_next_turn_from_the_day_it_was_taken():
    assert not on(D(2019, 11, 27)).next.decided
    answer = on(D(2019, 11, 28))
    assert answer.next.decided and answer.next.holdings == ("by",)
    assert on(D(2020, 6, 1)).current.holdings == ("by",)
    assert on(D(2020, 6, 1)).next == Turn("KZ", Interval(D(2023, 1, 1), D(2025, 12, 31)), False)
    assert on(D(2022, 12, 1)).next.holdings == ("kz",)


def test_after_the_last_recorded_turn_the_proposal_continues_from_it():
    # A holder still serving past the turn's end keeps it; the next is overdue.
    answer = on(D(2026, 6, 1))
    assert answer.current.holdings == ("kz",)
    assert answer.next == Turn("KG", Interval(D(2026, 1, 1), D(2028, 12, 31)), False, overdue=True)
    # Before the turn's end, the proposal is not yet due.
    assert not on(D(2025, 6, 1)).next.overdue
    # Once nobody serves, the rotation's turns follow one another.
    ended = [AM, ACTING, BY]
    assert on(D(2024, 6, 1), ended).current == Turn(
        "KZ", Interval(D(2023, 1, 1), D(2025, 12, 31)), False
    )
    assert on(D(2024, 6, 1), ended).next.party == "KG"


def test_a_recorded_holding_overrides_the_proposal_and_the_rotation_continues_from_it():
    # Russia takes Belarus's turn by decision: the order continues after Russia.
    swapped = [AM, Holding("ru", Interval(D(2020, 1, 1), D(2022, 12, 31)), party="RU")]
    assert on(D(2021, 1, 1), swapped).current.party == "RU"
    assert on(D(2021, 1, 1), swapped).next.party == "TJ"


def test_a_turn_decided_to_begin_early_ends_the_one_before():
    early = [AM, Holding("by", Interval(D(2019, 6, 1), D(2021, 12, 31)), party="BY")]
    turns = recorded_turns(early, D(2020, 1, 1), 3)
    assert turns[0].interval == Interval(D(2017, 1, 1), D(2019, 5, 31))
    assert turns[0].cut_short


def test_a_holder_of_the_same_party_continues_the_turn():
    again = [AM, Holding("am2", Interval(D(2019, 1, 1), D(2019, 12, 31)), party="AM")]
    turns = recorded_turns(again, D(2019, 6, 1), 3)
    assert [t.holdings for t in turns] == [("am", "am2")]
    assert not turns[0].cut_short


def test_years_after_a_leap_day():
    assert years_after(D(2020, 2, 29), 3) == D(2023, 2, 28)


@st.composite
def holdings(draw) -> list[Holding]:
    """Holdings one after another (a post has one holder at a time), some acting."""
    found = []
    day = draw(st.dates(D(2000, 1, 1), D(2010, 12, 31)))
    for key in range(draw(st.integers(0, 6))):
        start = day + dt.timedelta(days=draw(st.integers(0, 900)))
        end = draw(st.none() | st.dates(start, start + dt.timedelta(days=2000)))
        appointed = draw(st.none() | st.dates(start - dt.timedelta(days=800), start))
        found.append(
            Holding(
                str(key),
                Interval(start, end),
                appointed,
                draw(st.booleans()),
                draw(st.sampled_from(ORDER)),
            )
        )
        if end is None:
            break
        day = end + dt.timedelta(days=1)
    return found


@settings(max_examples=300, deadline=None)
@given(
    holdings(),
    st.dates(D(1999, 1, 1), D(2040, 12, 31)),
    st.none() | st.integers(1, 6),
    st.sets(st.sampled_from(ORDER), min_size=1),
)
def test_a_turn_on_a_date_uses_only_the_holdings_decided_by_then(held, day, years, eligible):
    known = [h for h in held if (h.appointed or h.interval.start) <= day]
    answer = turns_on(held, day, ORDER, eligible, years)
    assert answer == turns_on(known, day, ORDER, eligible, years)
    # Acting holders are no turn.
    assert answer == turns_on([h for h in held if not h.acting], day, ORDER, eligible, years)
    known_keys = {h.key for h in known if not h.acting}
    for turn in (answer.current, answer.next):
        if turn is None:
            continue
        assert set(turn.holdings) <= known_keys
        assert turn.decided == bool(turn.holdings)
        if not turn.decided:
            assert turn.party in eligible
        if turn.cut_short:
            assert turn.held_until < day
    if answer.current is not None:
        assert answer.current.interval.start <= day
    if answer.next is not None and answer.next.decided:
        assert answer.next.interval.start > day
    # A full term covering the day is its holder's party's turn.
    for h in known:
        if not h.acting and h.interval.covers(day):
            assert answer.current is not None and answer.current.party == h.party
            assert h.key in answer.current.holdings
    # A proposal due on or before the day is overdue (pending), never one running from
    # a day gone by; a decided turn or one yet to come is not.
    if answer.next is not None:
        due = not answer.next.decided and answer.next.interval.start <= day
        assert answer.next.overdue == due
    if answer.current is not None:
        assert not answer.current.overdue
    # Proposed turns follow the order.
    current, upcoming = answer.current, answer.next
    if current is not None and upcoming is not None and not upcoming.decided and len(eligible) > 1:
        assert answer.next.party != answer.current.party
