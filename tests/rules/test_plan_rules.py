"""The rules of a meeting's plan over time: the plan in force as known on a day uses
only the changes known by that day (whatever comes later), the fold keeps the latest
dates, place and mode said, and a history is refused naming the change."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.core.dates import PartialDate, Precision
from accord.meetings.plan_rules import (
    KINDS,
    MOVED_ONLINE,
    Change,
    plan_after,
    plan_on,
    plan_problems,
)

START = dt.date(2019, 1, 1)


@st.composite
def known_days(draw) -> PartialDate:
    day = START + dt.timedelta(days=draw(st.integers(0, 900)))
    precision = draw(
        st.sampled_from([Precision.DAY, Precision.DAY, Precision.MONTH, Precision.YEAR])
    )
    if precision is Precision.MONTH:
        return PartialDate(day.replace(day=1), precision)
    if precision is Precision.YEAR:
        return PartialDate(day.replace(month=1, day=1), precision)
    return PartialDate(day)


@st.composite
def changes(draw) -> Change:
    kind = draw(st.sampled_from(KINDS))
    start = draw(st.none() | st.integers(0, 1200).map(lambda n: START + dt.timedelta(days=n)))
    end = None
    if start is not None and draw(st.booleans()):
        end = start + dt.timedelta(days=draw(st.integers(0, 3)))
    return Change(
        kind=kind,
        known_on=draw(known_days()),
        start=start,
        end=end,
        city=draw(st.sampled_from(["", "", "Bishkek", "Moscow"])),
        country=draw(st.sampled_from([None, None, "KG", "RU"])),
        mode=draw(st.sampled_from(["", "", "in-person", "video", "hybrid"])),
    )


histories = st.lists(changes(), max_size=8).map(
    lambda found: sorted(found, key=lambda c: c.known_on.earliest)
)
days = st.integers(-30, 1300).map(lambda n: START + dt.timedelta(days=n))


@settings(max_examples=300, deadline=None)
@given(histories, days)
def test_the_plan_as_of_a_day_uses_only_the_changes_known_by_then(history, day):
    known = [c for c in history if c.known_on.latest <= day]
    assert plan_on(history, day) == plan_after(known)


@settings(max_examples=300, deadline=None)
@given(histories, days, st.lists(changes(), max_size=4))
def test_changes_known_later_never_change_the_answer_of_an_earlier_day(history, day, later):
    # Whatever becomes known after `day` (added at the end, in known order).
    after = [c for c in later if c.known_on.earliest > day]
    after = sorted(after, key=lambda c: c.known_on.earliest)
    assert plan_on(history + after, day) == plan_on(history, day)


@settings(max_examples=300, deadline=None)
@given(histories)
def test_the_plan_keeps_the_latest_dates_place_and_mode_said(history):
    plan = plan_after(history)
    dated = [c for c in history if c.start is not None]
    if not dated:
        assert plan is None
        return
    assert plan is not None
    assert plan.status == history[-1].kind
    assert (plan.start, plan.end) == (dated[-1].start, dated[-1].end or dated[-1].start)
    placing = [c for c in history if c.city or c.country or c.kind == MOVED_ONLINE]
    if placing:
        last = placing[-1]
        assert (plan.city, plan.country) == (last.city, last.country)
    else:
        assert plan.placed is False and plan.city == ""
    moding = [c for c in history if c.mode or c.kind == MOVED_ONLINE]
    assert plan.mode == (moding[-1].mode or "video" if moding else "")


@settings(max_examples=300, deadline=None)
@given(histories)
def test_a_history_in_known_order_is_never_refused_for_its_order(history):
    assert not [f for f, _ in plan_problems(history) if f.endswith(".known_on") and "before" in _]


def day(text: str) -> PartialDate:
    return PartialDate.parse(text)


Y2020 = dt.date(2020, 1, 1)


def test_the_2020_summit():
    history = [
        Change("announced", day("2018-03"), Y2020, precision="year", city="Chelyabinsk",
               country="RU"),
        Change("scheduled", day("2019-07-19"), Y2020, precision="year",
               city="Saint Petersburg", country="RU"),
        Change("scheduled", day("2019-12-25"), dt.date(2020, 7, 22), dt.date(2020, 7, 23)),
        Change("postponed", day("2020-05-27")),
        Change("moved-online", day("2020-10-21"), dt.date(2020, 11, 10)),
        Change("held", day("2020-11-10"), dt.date(2020, 11, 10), mode="video"),
    ]  # fmt: skip
    assert plan_problems(history) == []
    assert plan_on(history, dt.date(2018, 3, 30)) is None  # "2018-03": known by its end
    first = plan_on(history, dt.date(2018, 3, 31))
    assert first is not None and (first.city, first.date.isoformat()) == ("Chelyabinsk", "2020")
    june = plan_on(history, dt.date(2020, 6, 1))
    assert june is not None
    assert (june.status, june.start, june.city) == (
        "postponed",
        dt.date(2020, 7, 22),
        "Saint Petersburg",
    )
    final = plan_after(history)
    assert final is not None
    assert (final.status, final.start, final.city, final.country, final.mode) == (
        "held", dt.date(2020, 11, 10), "", None, "video",
    )  # fmt: skip


def test_refusals_name_the_change_and_the_field():
    a = Change("announced", day("2020-01-10"), dt.date(2020, 11, 10))
    assert plan_problems([Change("postponed", day("2020-01-01"))]) == [
        ("[0].date", "the first change of a plan gives its dates")
    ]
    assert plan_problems([a, Change("rescheduled", day("2020-02-01"))]) == [
        ("[1].date", "a rescheduled meeting needs its new dates")
    ]
    assert [
        f for f, _ in plan_problems([a, Change("cancelled", day("2020-02-01"), mode="video")])
    ] == ["[1].mode"]
    assert [
        f
        for f, _ in plan_problems([a, Change("moved-online", day("2020-02-01"), mode="in-person")])
    ] == ["[1].mode"]
    cancelled = [a, Change("cancelled", day("2020-02-01"))]
    assert [f for f, _ in plan_problems([*cancelled, Change("held", day("2020-11-10"))])] == [
        "[2].kind"
    ]
    rescheduled = Change("rescheduled", day("2020-03-01"), dt.date(2020, 12, 1))
    assert plan_problems([*cancelled, rescheduled, Change("held", day("2020-12-01"))]) == []
    assert [f for f, _ in plan_problems([a, Change("held", day("2020-11-09"))])] == ["[1].known_on"]
    assert [
        f
        for f, _ in plan_problems(
            [Change("announced", day("2020-03-01"), dt.date(2020, 5, 2), dt.date(2020, 5, 1))]
        )
    ] == ["[0].date.to"]
    assert [f for f, _ in plan_problems([a, Change("postponed", day("2019-12-31"))])] == [
        "[1].known_on"
    ]
