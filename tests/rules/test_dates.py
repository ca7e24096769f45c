"""PartialDate: a day, a month or a year, and the span of days it covers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.core.dates import EARLIEST, LATEST, PartialDate, Precision, parse_date, range_problem

DAY = dt.timedelta(days=1)


def test_a_full_date_is_precise_to_the_day():
    day = PartialDate.parse("2019-05-15")
    assert day.precision is Precision.DAY
    assert day.earliest == day.latest == dt.date(2019, 5, 15)


def test_a_month_spans_from_its_first_to_its_last_day():
    april = PartialDate.parse("2019-04")
    assert april.precision is Precision.MONTH
    assert (april.earliest, april.latest) == (dt.date(2019, 4, 1), dt.date(2019, 4, 30))


def test_a_year_spans_from_january_first_to_december_thirty_first():
    year = PartialDate.parse("2004")
    assert year.precision is Precision.YEAR
    assert (year.earliest, year.latest) == (dt.date(2004, 1, 1), dt.date(2004, 12, 31))


def test_february_ends_on_the_29th_in_a_leap_year():
    assert PartialDate.parse("2020-02").latest == dt.date(2020, 2, 29)
    assert PartialDate.parse("2000-02").latest == dt.date(2000, 2, 29)


def test_february_ends_on_the_28th_in_a_common_year():
    assert PartialDate.parse("2019-02").latest == dt.date(2019, 2, 28)
    assert PartialDate.parse("1900-02").latest == dt.date(1900, 2, 28)


def test_the_29th_of_february_exists_only_in_leap_years():
    assert PartialDate.parse("2020-02-29").value == dt.date(2020, 2, 29)
    with pytest.raises(ValueError, match="'2019-02-29' is not a date in the calendar"):
        PartialDate.parse("2019-02-29")


def test_a_date_object_is_read_as_a_day():
    assert PartialDate.parse(dt.date(2019, 5, 15)) == PartialDate(dt.date(2019, 5, 15))


def test_a_partial_date_is_returned_as_it_is():
    april = PartialDate.parse("2019-04")
    assert PartialDate.parse(april) is april


def test_a_year_given_as_a_number_is_read_as_a_year():
    assert PartialDate.parse(2004) == PartialDate.parse("2004")


def test_surrounding_spaces_are_ignored():
    assert PartialDate.parse(" 2019-05-15 ") == PartialDate.parse("2019-05-15")


@pytest.mark.parametrize("raw", ["2019-05-15", "2019-04", "2004"])
def test_isoformat_writes_back_what_was_read(raw):
    assert PartialDate.parse(raw).isoformat() == raw
    assert str(PartialDate.parse(raw)) == raw


@pytest.mark.parametrize(
    "raw",
    ["", "15.05.2019", "2019/05/15", "2019-5-15", "19-05-15", "2019-05-15T10:00", "May 2019"],
)
def test_text_in_another_shape_is_refused_with_the_accepted_shapes(raw):
    with pytest.raises(ValueError, match=r"expected a date such as 2019-05-15, 2019-04 or 2004"):
        PartialDate.parse(raw)


@pytest.mark.parametrize("raw", ["2019-13", "2019-00", "2019-04-31", "2019-01-00", "0000"])
def test_a_well_shaped_date_outside_the_calendar_is_refused(raw):
    with pytest.raises(ValueError, match="is not a date in the calendar"):
        PartialDate.parse(raw)


def test_a_date_and_time_is_refused():
    with pytest.raises(ValueError, match="expected a date, got a date and time"):
        PartialDate.parse(dt.datetime(2019, 5, 15, 10, 0))  # noqa: DTZ001


@pytest.mark.parametrize("raw", [None, 2019.5, ["2019"]])
def test_a_value_of_another_type_is_refused(raw):
    with pytest.raises(ValueError, match="expected a date such as"):
        PartialDate.parse(raw)


def test_parse_date_wants_a_full_day():
    assert parse_date("2019-05-15") == dt.date(2019, 5, 15)
    with pytest.raises(ValueError, match="expected a full date such as 2019-05-15, got '2019-04'"):
        parse_date("2019-04")


def _truncated(day: dt.date, precision: Precision) -> PartialDate:
    """`day` known only to `precision`, as the parser would hold it."""
    if precision is Precision.DAY:
        return PartialDate(day, precision)
    if precision is Precision.MONTH:
        return PartialDate(day.replace(day=1), precision)
    return PartialDate(day.replace(month=1, day=1), precision)


@given(day=st.dates(), precision=st.sampled_from(Precision))
def test_any_partial_date_round_trips_through_isoformat(day, precision):
    partial = _truncated(day, precision)
    assert PartialDate.read(partial.isoformat()) == partial


@given(day=st.dates(EARLIEST, LATEST), precision=st.sampled_from(Precision))
def test_any_partial_date_in_the_range_is_taken_as_input(day, precision):
    partial = _truncated(day, precision)
    assert PartialDate.parse(partial.isoformat()) == partial
    assert range_problem(partial) is None


@given(
    day=st.one_of(st.dates(max_value=EARLIEST - DAY), st.dates(min_value=LATEST + DAY)),
    precision=st.sampled_from(Precision),
)
def test_any_date_outside_the_range_is_refused_as_input_as_written(day, precision):
    partial = _truncated(day, precision)
    reason = f"{partial} is outside the dates the record keeps (1900-01-01 to 2200-12-31)"
    assert range_problem(partial) == reason
    # As text, and a day also as a date (as YAML reads one).
    given_as = [str(partial), partial.value] if precision is Precision.DAY else [str(partial)]
    for raw in given_as:
        with pytest.raises(ValueError) as refusal:
            PartialDate.parse(raw)
        assert str(refusal.value) == reason


def test_the_range_is_the_first_day_of_1900_to_the_last_of_2200():
    assert dt.date(1900, 1, 1) == EARLIEST
    assert dt.date(2200, 12, 31) == LATEST
    for raw in ("1900", "1900-01", "1900-01-01", "2200", "2200-12", "2200-12-31"):
        assert PartialDate.parse(raw).isoformat() == raw
    for raw in ("1899", "1899-12", "1899-12-31", "2201", "2201-01", "2201-01-01", "9999-12"):
        with pytest.raises(ValueError, match=f"^{raw} is outside the dates the record keeps"):
            PartialDate.parse(raw)
    with pytest.raises(ValueError, match="outside the dates"):
        parse_date(dt.date(9999, 12, 31))


@given(day=st.dates(), precision=st.sampled_from(Precision))
def test_any_partial_date_spans_the_day_it_was_made_from(day, precision):
    partial = _truncated(day, precision)
    assert partial.earliest <= day <= partial.latest
    assert partial.earliest <= partial.latest
