"""The missing numbers of a meeting series, shown as gaps."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from accord.meetings.rules import missing_numbers


def test_runs_of_missing_numbers():
    # The Security Council Secretaries: 1 (2004), then 10 to 16.
    assert missing_numbers([1, 10, 11, 12, 13, 14, 15, 16]) == [(2, 9)]
    assert missing_numbers([3, 5, 6, 9]) == [(1, 2), (4, 4), (7, 8)]
    assert missing_numbers([1, 2, 3]) == []
    assert missing_numbers([]) == []
    assert missing_numbers([4, 4, 2]) == [(1, 1), (3, 3)]


@given(st.sets(st.integers(min_value=1, max_value=60), min_size=1))
def test_the_runs_and_the_numbers_cover_the_series_once(numbers):
    runs = missing_numbers(numbers)
    missing = [n for first, last in runs for n in range(first, last + 1)]
    assert sorted(missing + list(numbers)) == list(range(1, max(numbers) + 1))
    assert all(first <= last for first, last in runs)
    # Runs are maximal: two runs never touch.
    assert all(a[1] + 1 < b[0] for a, b in pairwise(runs))
