"""A body's meeting series: unique numbers that increase with the date."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.core.dates import PartialDate
from accord.meetings.rules import Slot, numbering_conflict

D = dt.date


def slot(key: str, number: int, when: str, until: str | None = None) -> Slot:
    """A meeting `key` numbered `number`, held on `when` (a day, a month or a year)."""
    first = PartialDate.parse(when)
    last = PartialDate.parse(until) if until else first
    return Slot(key, number, first.earliest, last.latest)


SERIES = [slot("12", 12, "2017-04-12"), slot("13", 13, "2018-05-22")]


def test_a_number_already_taken_is_a_conflict():
    reason = numbering_conflict(SERIES, slot("new", 13, "2019-05-15"))
    assert reason == "number 13 is already taken by the meeting of 2018-05-22"


def test_the_next_number_on_a_later_date_joins_the_series():
    assert numbering_conflict(SERIES, slot("14", 14, "2019-05-15")) is None


def test_a_higher_number_held_earlier_than_a_lower_one_is_an_inversion():
    reason = numbering_conflict(SERIES, slot("14", 14, "2018-01-10"))
    assert reason == "number 14 comes after 13, but 13 was held later (2018-05-22)"


def test_a_lower_number_held_later_than_a_higher_one_is_an_inversion():
    reason = numbering_conflict(SERIES, slot("11", 11, "2017-05-01"))
    assert reason == "number 11 comes before 12, but 12 was held earlier (2017-04-12)"


def test_gaps_in_the_numbering_are_allowed():
    assert numbering_conflict(SERIES, slot("20", 20, "2025-06-01")) is None
    assert numbering_conflict(SERIES, slot("1", 1, "2004-06-01")) is None


def test_two_numbers_on_the_same_day_are_allowed_in_either_order():
    same_day = [slot("5", 5, "2019-05-15")]
    assert numbering_conflict(same_day, slot("6", 6, "2019-05-15")) is None
    assert numbering_conflict(same_day, slot("4", 4, "2019-05-15")) is None


def test_a_meeting_is_not_in_conflict_with_itself():
    assert numbering_conflict(SERIES, slot("13", 13, "2018-05-22")) is None


def test_a_meeting_moved_to_another_date_is_checked_against_the_others_only():
    assert numbering_conflict(SERIES, slot("13", 13, "2018-01-01")) is None
    assert numbering_conflict(SERIES, slot("13", 13, "2017-01-01")) is not None


def test_a_meeting_known_to_the_month_after_one_in_that_month_is_not_a_certain_inversion():
    earlier_in_april = [slot("5", 5, "2019-04-19")]
    assert numbering_conflict(earlier_in_april, slot("6", 6, "2019-04")) is None


def test_a_meeting_known_to_the_month_numbered_after_one_held_the_next_month_is_an_inversion():
    in_may = [slot("5", 5, "2019-05-02")]
    reason = numbering_conflict(in_may, slot("6", 6, "2019-04"))
    assert reason == "number 6 comes after 5, but 5 was held later (2019-05-02)"


def test_a_meeting_known_to_the_month_numbered_before_a_day_in_that_month_is_allowed():
    assert numbering_conflict([slot("6", 6, "2019-04-19")], slot("5", 5, "2019-04")) is None


def test_a_meeting_known_to_the_year_may_be_anywhere_in_it():
    in_year = [slot("3", 3, "2006")]
    assert numbering_conflict(in_year, slot("4", 4, "2006-01-01")) is None
    assert numbering_conflict(in_year, slot("2", 2, "2006-12-31")) is None
    assert numbering_conflict(in_year, slot("2", 2, "2007-01-01")) is not None


def test_meetings_of_several_days_overlapping_in_time_are_not_an_inversion():
    two_days = [slot("7", 7, "2019-05-14", "2019-05-15")]
    assert numbering_conflict(two_days, slot("8", 8, "2019-05-14")) is None


def test_a_duplicate_number_is_a_conflict_whatever_the_dates():
    undated = [slot("5", 5, "2019")]
    assert "already taken" in numbering_conflict(undated, slot("x", 5, "2019-05-15"))


@st.composite
def dated_series(draw, min_size=1):
    """Meetings on strictly increasing days, numbered increasingly with gaps."""
    offsets = draw(st.lists(st.integers(1, 400), min_size=min_size, max_size=10))
    steps = draw(st.lists(st.integers(1, 5), min_size=len(offsets), max_size=len(offsets)))
    day, number, series = D(2004, 1, 1), 0, []
    for offset, step in zip(offsets, steps, strict=True):
        day += dt.timedelta(days=offset)
        number += step
        series.append(Slot(f"m{number}", number, day, day))
    return series


@given(series=dated_series())
def test_numbers_increasing_with_the_dates_never_conflict(series):
    for new in series:
        assert numbering_conflict(series, new) is None


@given(data=st.data(), series=dated_series(min_size=2))
def test_swapping_the_numbers_of_two_meetings_on_different_days_is_a_conflict(data, series):
    i, j = sorted(data.draw(st.sets(st.integers(0, len(series) - 1), min_size=2, max_size=2)))
    a, b = series[i], series[j]
    swapped_a = Slot(a.key, b.number, a.earliest, a.latest)
    swapped_b = Slot(b.key, a.number, b.earliest, b.latest)
    rest = [s for k, s in enumerate(series) if k not in (i, j)]
    assert numbering_conflict([*rest, swapped_b], swapped_a) is not None
    assert numbering_conflict([*rest, swapped_a], swapped_b) is not None
