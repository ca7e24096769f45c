"""The dates of a refusal as its language writes them: in English as the record does
(2019-05-15, 2019-05, 2019-05-01..2019-05-03), in Russian and Chinese as the pages do,
to the precision known, in every rule that refuses with a date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from accord.core.dates import PartialDate, range_problem
from accord.core.intervals import valid_interval
from accord.core.wording import day, days
from accord.meetings.rules import Slot, numbering_conflict, session_date_problem

D = dt.date


@pytest.mark.parametrize(
    ("language", "full", "month", "year"),
    [
        ("en", "2019-05-15", "2019-05", "2019"),
        ("ru", "15 мая 2019 г.", "май 2019 г.", "2019"),
        ("zh-hans", "2019年5月15日", "2019年5月", "2019"),
    ],
)
def test_a_day_a_month_and_a_year_as_each_language_writes_them(language, full, month, year):
    with translation.override(language):
        assert day(D(2019, 5, 15)) == full
        assert day(PartialDate.read("2019-05-15")) == full
        assert day(PartialDate.read("2019-05")) == month
        assert day(PartialDate.read("2019")) == year


@pytest.mark.parametrize(
    ("language", "period"),
    [
        ("en", "2019-05-01..2019-05-03"),
        ("ru", "1 мая 2019 г. – 3 мая 2019 г."),
        ("zh-hans", "2019年5月1日至2019年5月3日"),
    ],
)
def test_a_period_as_each_language_writes_it(language, period):
    with translation.override(language):
        assert days(D(2019, 5, 1), D(2019, 5, 3)) == period


def test_a_period_of_one_day_is_that_day_but_in_english():
    with translation.override("ru"):
        assert days(D(2019, 5, 15), D(2019, 5, 15)) == "15 мая 2019 г."
    with translation.override("en"):
        assert days(D(2019, 5, 15), D(2019, 5, 15)) == "2019-05-15..2019-05-15"


def test_a_date_outside_the_record_in_russian_and_chinese():
    with translation.override("ru"):
        assert range_problem(PartialDate.read("1850-03")) == (
            "март 1850 г. вне дат, которые хранит запись (с 1 января 1900 г. по 31 декабря 2200 г.)"
        )
    with translation.override("zh-hans"):
        assert range_problem(D(2201, 1, 1)) == (
            "2201年1月1日 不在记录所保存的日期范围内（1900年1月1日 至 2200年12月31日）"
        )


def test_an_end_before_the_start_in_russian_to_the_precision_given():
    with translation.override("ru"):
        reason = valid_interval(PartialDate.read("2019-12"), PartialDate.read("2019-01"))
        assert reason == "заканчивается январь 2019 г., раньше начала декабрь 2019 г."
        assert valid_interval(D(2019, 12, 31), D(2019, 1, 1)) == (
            "заканчивается 1 января 2019 г., раньше начала 31 декабря 2019 г."
        )


def test_a_number_out_of_the_series_order_in_russian_and_chinese():
    series = [Slot("13", 13, D(2018, 5, 22), D(2018, 5, 22))]
    new = Slot("new", 14, D(2018, 1, 10), D(2018, 1, 10))
    with translation.override("ru"):
        assert numbering_conflict(series, new) == (
            "номер 14 идёт после 13, но заседание 13 прошло позже (22 мая 2018 г.)"
        )
        taken = Slot("new", 13, D(2019, 5, 15), D(2019, 5, 15))
        assert numbering_conflict(series, taken) == (
            "номер 13 уже занят заседанием от 22 мая 2018 г."
        )
    with translation.override("zh-hans"):
        assert numbering_conflict(series, new) == (
            "编号 14 在 13 之后，但第 13 次会议举行得更晚（2018年5月22日）"
        )


def test_a_session_outside_the_meeting_in_russian_and_chinese():
    problem = (D(2019, 5, 4), D(2019, 5, 1), D(2019, 5, 3))
    with translation.override("ru"):
        assert session_date_problem(*problem) == (
            "4 мая 2019 г. — вне дат заседания (с 1 мая 2019 г. по 3 мая 2019 г.)"
        )
    with translation.override("zh-hans"):
        assert session_date_problem(*problem) == (
            "2019年5月4日不在会议日期内（2019年5月1日至2019年5月3日）"
        )
    with translation.override("en"):
        assert session_date_problem(*problem) == (
            "2019-05-04 is outside the meeting's dates (2019-05-01 to 2019-05-03)"
        )
