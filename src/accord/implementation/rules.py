"""Pure rules about implementation: a measure's status, what is overdue, what is followed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

NOT_STARTED = "not-started"
DONE = "done"
# Statuses (derived from a document's actions) under which a document is in force.
IN_FORCE = frozenset({"adopted", "approved", "endorsed", "signed"})


def latest_progress(reports: Iterable[tuple[dt.date, int, str]]) -> str | None:
    """The status of the latest report (by date, then order of recording), or None."""
    latest = max(reports, key=lambda r: (r[0], r[1]), default=None)
    return latest[2] if latest is not None else None


def measure_status(reports: Iterable[tuple[dt.date, int, str]]) -> str:
    """A measure's status: that of its latest progress report; not started without one."""
    return latest_progress(reports) or NOT_STARTED


def overdue(due: dt.date | None, status: str, on: dt.date) -> bool:
    """A measure is overdue on `on` when its due date has passed and it is not done."""
    return due is not None and due < on and status != DONE


def followed_up(status: str | None, period: str, measures: int, reports: int) -> bool:
    """Whether a document belongs on the implementation dashboard.

    It does when the record holds its implementation (measures or progress reports),
    or when it is in force (adopted, approved, endorsed, signed) for a period, as
    programmes, strategies and plans are ("2019-2021").
    """
    return measures > 0 or reports > 0 or (status in IN_FORCE and bool(period.strip()))
