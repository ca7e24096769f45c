"""Implementation: a measure's status, what is overdue, which documents are followed."""

from __future__ import annotations

import datetime as dt

from accord.decisions.rules import Outcome, decision_outcome
from accord.implementation.rules import (
    followed_up,
    latest_progress,
    measure_status,
    overdue,
)

D = dt.date


def test_a_measure_takes_the_status_of_its_latest_report():
    reports = [(D(2019, 5, 15), 2, "in-progress"), (D(2020, 1, 1), 1, "done")]
    assert measure_status(reports) == "done"
    # The same day: the one recorded later.
    same_day = [(D(2020, 1, 1), 7, "delayed"), (D(2020, 1, 1), 3, "in-progress")]
    assert measure_status(same_day) == "delayed"
    assert measure_status([]) == "not-started"
    assert latest_progress([]) is None


def test_a_measure_is_overdue_when_its_due_date_passed_and_it_is_not_done():
    on = D(2021, 1, 1)
    assert overdue(D(2020, 12, 31), "in-progress", on)
    assert overdue(D(2020, 12, 31), "not-started", on)
    assert not overdue(D(2020, 12, 31), "done", on)
    assert not overdue(D(2021, 1, 1), "in-progress", on)  # due today is not late yet
    assert not overdue(None, "delayed", on)


def test_documents_followed_up():
    assert followed_up("adopted", "2019-2021", 0, 0)  # a programme in force for a period
    assert followed_up("approved", "2019-2020", 0, 0)
    assert not followed_up("adopted", "", 0, 0)  # a declaration
    assert not followed_up("submitted", "2019-2020", 0, 0)  # not in force yet
    assert followed_up(None, "", 3, 0)  # its measures are recorded
    assert followed_up("draft", "", 0, 1)  # progress is reported on it


def test_the_outcome_follows_the_bodys_decision_rule():
    stances = {"KG": "concurs", "RU": "objects"}
    assert decision_outcome("consensus", stances, is_open=False) is Outcome.NOT_TAKEN
    assert decision_outcome("vote", {"KG": "yes", "RU": "no", "CN": "yes"}, is_open=False) is (
        Outcome.TAKEN
    )
    assert decision_outcome("consensus", stances, is_open=True) is Outcome.OPEN
