"""The geometry of the membership timeline (drawing only, no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.web.browse.timeline import LABEL_WIDTH, PLOT_WIDTH, Period, draw

D = dt.date


@pytest.mark.database_independent
def test_bars_sit_on_the_time_axis():
    line = draw(
        [
            (
                "India",
                [
                    Period(D(2005, 7, 5), D(2017, 6, 8), "observer", "India: observer"),
                    Period(D(2017, 6, 9), None, "member", "India: member"),
                ],
            ),
            ("China", [Period(D(2001, 6, 15), None, "member", "China: member")]),
        ],
        [("Presidency", [Period(D(2018, 6, 11), D(2019, 6, 14), "KG", "KG", "KG")])],
        [("member", "member state"), ("observer", "observer state")],
        until=D(2020, 12, 31),
    )
    assert (line.first, line.last) == (D(2001, 1, 1), D(2020, 12, 31))
    india, china, chair = line.rows
    observer, member = india.bars
    # Consecutive periods meet; bars stay within the plot.
    assert abs(observer.x + observer.width - member.x) < 0.2
    assert china.bars[0].x < observer.x
    assert member.x + member.width <= LABEL_WIDTH + PLOT_WIDTH + 0.1
    # Each status its colour, as the legend says; chair rows come after a gap.
    assert line.legend == [(member.fill, "member state"), (observer.fill, "observer state")]
    assert china.bars[0].fill == member.fill != observer.fill
    assert chair.y > china.y + 22
    # Years along the top, every other year over two decades.
    assert [t.year for t in line.ticks][:3] == [2001, 2003, 2005]
    assert line.ticks == sorted(line.ticks, key=lambda t: t.x)


@pytest.mark.database_independent
def test_a_label_is_written_only_on_a_bar_wide_enough():
    line = draw(
        [],
        [
            (
                "Presidency",
                [
                    Period(D(2001, 6, 15), D(2001, 6, 15), "CN", "CN", "CN"),
                    Period(D(2001, 6, 16), D(2010, 6, 7), "RU", "RU", "RU"),
                ],
            )
        ],
        [],
        until=D(2010, 12, 31),
    )
    one_day, long = line.rows[0].bars
    assert one_day.text == "" and one_day.width >= 1.5
    assert long.text == "RU"


@pytest.mark.database_independent
def test_nothing_to_draw():
    assert draw([], [], [], until=D(2020, 1, 1)) is None
