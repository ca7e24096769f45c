"""The geometry of a server-drawn SVG timeline: one row per party (or chair), one bar
per period, years along the top. Only drawing; the periods come from the record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

LABEL_WIDTH = 180
PLOT_WIDTH = 760
AXIS_HEIGHT = 26
ROW_HEIGHT = 22
BAR_HEIGHT = 14
GAP = 12  # between the membership rows and the chair rows
# Fills with at least 3:1 contrast against white (and white text on them at 4.5:1).
PALETTE = ["#0b4f8a", "#8a5200", "#1d6b2f", "#6b2a8a", "#4a4a4a", "#a00000"]
CHAIR_PALETTE = ["#2f4f4f", "#5a5a5a"]  # chair terms alternate, apart from the statuses


@dataclass(frozen=True)
class Period:
    """What is drawn: `start`..`end` (inclusive; None = still running) with a label."""

    start: dt.date
    end: dt.date | None
    key: str  # which colour (a status slug, a chair's code)
    label: str  # the bar's title (read by assistive technology and shown on hover)
    text: str = ""  # written on the bar when it is wide enough


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    fill: str
    label: str
    text: str
    text_x: float


@dataclass
class Row:
    label: str
    y: float
    bars: list[Bar] = field(default_factory=list)

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT - 3


@dataclass(frozen=True)
class Tick:
    x: float
    year: int


@dataclass
class Timeline:
    width: int
    height: int
    first: dt.date
    last: dt.date
    ticks: list[Tick]
    rows: list[Row]
    legend: list[tuple[str, str]]  # (fill, label)
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def plot_bottom(self) -> int:
        return self.height - 4


def draw(
    rows: Sequence[tuple[str, Sequence[Period]]],
    chair_rows: Sequence[tuple[str, Sequence[Period]]],
    legend: Sequence[tuple[str, str]],
    until: dt.date,
    since: dt.date | None = None,
) -> Timeline | None:
    """Rows of periods (then chair rows, after a gap) from the earliest start to `until`.

    `legend` is (key, label) per colour key of the membership rows, in order; chair
    bars alternate two colours. None when there is nothing to draw.
    """
    periods = [p for _, ps in [*rows, *chair_rows] for p in ps]
    if not periods:
        return None
    first_day = min([p.start for p in periods] + ([since] if since else []))
    last_day = max([until] + [p.end for p in periods if p.end is not None])
    first = dt.date(first_day.year, 1, 1)
    last = dt.date(last_day.year, 12, 31)
    days = (last - first).days + 1

    def x(day: dt.date) -> float:
        return round(LABEL_WIDTH + PLOT_WIDTH * (day - first).days / days, 1)

    fills = {key: PALETTE[i % len(PALETTE)] for i, (key, _) in enumerate(legend)}
    drawn: list[Row] = []
    y = AXIS_HEIGHT
    for index, (label, ps) in enumerate([*rows, *chair_rows]):
        if index == len(rows) and rows:
            y += GAP
        row = Row(label, y)
        for n, p in enumerate(ps):
            start = x(p.start)
            end = x(min(p.end or until, last) + dt.timedelta(days=1))
            width = max(round(end - start, 1), 1.5)
            fill = fills.get(p.key) if index < len(rows) else CHAIR_PALETTE[n % 2]
            text = p.text if width >= 8 * len(p.text) + 4 else ""
            row.bars.append(
                Bar(start, width, fill or PALETTE[-2], p.label, text, round(start + width / 2, 1))
            )
        drawn.append(row)
        y += ROW_HEIGHT
    years = last.year - first.year + 1
    step = 1 if years <= 12 else 2 if years <= 24 else 5
    ticks = [
        Tick(x(dt.date(year, 1, 1)), year)
        for year in range(first.year, last.year + 1)
        if (year - first.year) % step == 0
    ]
    return Timeline(
        width=LABEL_WIDTH + PLOT_WIDTH + 10,
        height=y + 4,
        first=first,
        last=last,
        ticks=ticks,
        rows=drawn,
        legend=[(fills[key], label) for key, label in legend],
    )
