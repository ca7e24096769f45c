"""Closed date intervals with an open end."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.core.dates import PartialDate
from accord.core.errors import DomainError, Problem
from accord.core.intervals import (
    Dated,
    Interval,
    check_span,
    first_overlap,
    holding_on,
    span_problem,
    valid_interval,
)

D = dt.date


def test_an_interval_covers_its_first_and_last_day():
    term = Interval(D(2018, 6, 10), D(2019, 6, 14))
    assert term.covers(D(2018, 6, 10))
    assert term.covers(D(2019, 6, 14))


def test_an_interval_does_not_cover_the_day_before_or_after():
    term = Interval(D(2018, 6, 10), D(2019, 6, 14))
    assert not term.covers(D(2018, 6, 9))
    assert not term.covers(D(2019, 6, 15))


def test_an_open_interval_covers_every_day_from_its_start():
    running = Interval(D(2017, 6, 9))
    assert not running.covers(D(2017, 6, 8))
    assert running.covers(D(2017, 6, 9))
    assert running.covers(D(2999, 12, 31))


def test_a_one_day_interval_covers_that_day_only():
    day = Interval(D(2019, 5, 15), D(2019, 5, 15))
    assert day.covers(D(2019, 5, 15))
    assert not day.covers(D(2019, 5, 14))
    assert not day.covers(D(2019, 5, 16))


def test_intervals_sharing_a_boundary_day_overlap():
    first = Interval(D(2019, 1, 1), D(2019, 6, 30))
    second = Interval(D(2019, 6, 30), D(2019, 12, 31))
    assert first.overlaps(second)
    assert second.overlaps(first)


def test_consecutive_intervals_do_not_overlap():
    first = Interval(D(2019, 1, 1), D(2019, 6, 30))
    second = Interval(D(2019, 7, 1), D(2019, 12, 31))
    assert not first.overlaps(second)
    assert not second.overlaps(first)


def test_an_open_interval_overlaps_any_later_interval():
    running = Interval(D(2017, 6, 9))
    assert running.overlaps(Interval(D(2030, 1, 1), D(2030, 1, 2)))
    assert Interval(D(2030, 1, 1), D(2030, 1, 2)).overlaps(running)
    assert running.overlaps(Interval(D(2000, 1, 1)))


def test_an_open_interval_does_not_overlap_one_that_ended_before_it():
    running = Interval(D(2017, 6, 9))
    before = Interval(D(2001, 6, 15), D(2017, 6, 8))
    assert not running.overlaps(before)
    assert not before.overlaps(running)


def test_an_interval_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match=r"ends \(2019-01-01\) before it starts \(2019-12-31\)"):
        Interval(D(2019, 12, 31), D(2019, 1, 1))


def test_valid_interval_says_why_an_inverted_one_is_not():
    assert valid_interval(D(2019, 1, 1), None) is None
    assert valid_interval(D(2019, 1, 1), D(2019, 1, 1)) is None
    assert valid_interval(D(2019, 12, 31), D(2019, 1, 1)) == (
        "ends on 2019-01-01, before it starts on 2019-12-31"
    )


def test_span_problem_names_the_end_field_and_shows_the_dates_as_given():
    assert span_problem("to", D(2019, 1, 1), None) is None
    assert span_problem("to", None, D(2019, 1, 1)) is None
    assert span_problem("to", D(2019, 12, 31), D(2019, 1, 1)) == Problem(
        "to", "ends on 2019-01-01, before it starts on 2019-12-31"
    )
    months = span_problem("end", PartialDate.parse("2019-12"), PartialDate.parse("2019-01"))
    assert months == Problem("end", "ends on 2019-01, before it starts on 2019-12")


def test_check_span_refuses_an_inverted_span_at_its_end_field():
    check_span("until", D(2019, 1, 1), D(2019, 1, 1))
    with pytest.raises(DomainError) as refused:
        check_span("until", D(2019, 12, 31), D(2019, 1, 1))
    assert refused.value.problems == [
        Problem("until", "ends on 2019-01-01, before it starts on 2019-12-31")
    ]


def test_first_overlap_names_the_two_overlapping_intervals_by_index():
    intervals = [
        Interval(D(2019, 7, 1), D(2019, 12, 31)),
        Interval(D(2018, 1, 1), D(2018, 12, 31)),
        Interval(D(2019, 12, 31)),
    ]
    assert first_overlap(intervals) == (0, 2)


def test_first_overlap_of_disjoint_intervals_is_none():
    assert first_overlap([Interval(D(2019, 1, 1), D(2019, 1, 1)), Interval(D(2019, 1, 2))]) is None
    assert first_overlap([]) is None
    assert first_overlap([Interval(D(2019, 1, 1))]) is None


def test_holding_on_gives_the_values_whose_interval_covers_the_day():
    items = [
        Dated("observer", Interval(D(2005, 7, 5), D(2017, 6, 8))),
        Dated("member", Interval(D(2017, 6, 9))),
    ]
    assert holding_on(items, D(2017, 6, 8)) == ["observer"]
    assert holding_on(items, D(2017, 6, 9)) == ["member"]
    assert holding_on(items, D(2005, 7, 4)) == []


BASE = D(2000, 1, 1)


@st.composite
def intervals(draw):
    start = BASE + dt.timedelta(days=draw(st.integers(0, 60)))
    if draw(st.booleans()):
        return Interval(start)
    return Interval(start, start + dt.timedelta(days=draw(st.integers(0, 20))))


def _days(interval: Interval, horizon: dt.date) -> set[dt.date]:
    last = interval.end or horizon
    return {interval.start + dt.timedelta(days=n) for n in range((last - interval.start).days + 1)}


@given(a=intervals(), b=intervals())
def test_overlap_is_symmetric(a, b):
    assert a.overlaps(b) == b.overlaps(a)


@given(a=intervals(), b=intervals())
def test_intervals_overlap_exactly_when_they_share_a_day(a, b):
    horizon = BASE + dt.timedelta(days=200)
    assert a.overlaps(b) == bool(_days(a, horizon) & _days(b, horizon))


@given(items=st.lists(intervals(), max_size=8))
def test_first_overlap_finds_an_overlap_iff_some_pair_overlaps(items):
    pairwise = [
        (i, j) for i, j in combinations(range(len(items)), 2) if items[i].overlaps(items[j])
    ]
    found = first_overlap(items)
    assert (found is not None) == bool(pairwise)
    if found is not None:
        i, j = found
        assert i < j
        assert items[i].overlaps(items[j])
