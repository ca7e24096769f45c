"""Attendance rules: which attendance facts go together, and who can have spoken at a
meeting given how it attended (an absent head of delegation said nothing there; a
delegation that left early said nothing at a later item)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.meetings.rules import Presence, attendance_problems, statement_problem

ATTENDANCES = ["present", "absent", "video", "message", "represented"]


def fields(p: Presence) -> list[str]:
    return [field for field, _ in attendance_problems(p)]


def test_plain_attendances_are_consistent():
    assert attendance_problems(Presence()) == []
    assert attendance_problems(Presence("absent", absence_reason="boycott")) == []
    assert attendance_problems(Presence("video")) == []
    lower = Presence("represented", level="lower", level_text="ambassador")
    assert attendance_problems(lower) == []
    left = Presence(left_at=2, left_item="ukraine", timing_reason="protest")
    assert attendance_problems(left) == []


def test_an_absence_reason_belongs_to_the_absent_only():
    assert attendance_problems(Presence("video", absence_reason="boycott")) == [
        ("absence_reason", "is given only for an absent participant, not 'video'")
    ]


def test_represented_at_another_level_needs_the_level_and_only_it_has_one():
    assert fields(Presence("represented")) == ["level"]
    assert fields(Presence("present", level="lower", level_text="x")) == ["level", "level_text"]


def test_the_absent_neither_join_nor_leave():
    absent = Presence("absent", joined_at=1, joined_item="a", left_time=dt.time(15, 30))
    assert fields(absent) == ["joined", "left"]


def test_leaving_before_joining_and_a_reason_without_either_are_refused():
    assert fields(Presence(joined_at=3, joined_item="c", left_at=1, left_item="a")) == ["left.item"]
    assert fields(Presence(joined_time=dt.time(12), left_time=dt.time(11))) == ["left.time"]
    assert fields(Presence(timing_reason="protest")) == ["reason"]


@given(
    reason=st.sampled_from(["", "boycott", "declined", "not-invited", "suspended"]),
    item=st.one_of(st.none(), st.integers(0, 20)),
)
def test_an_absent_participant_has_made_no_statement_at_the_meeting(reason, item):
    absent = Presence("absent", absence_reason=reason)
    refused = statement_problem("RU", absent, item, "x", after_meeting=False)
    assert refused is not None and refused[0] == "speaker"
    assert "absent" in refused[1]
    # Words said after the meeting are not judged by attendance.
    assert statement_problem("RU", absent, item, "x", after_meeting=True) is None


@given(left=st.integers(0, 20), item=st.integers(0, 20))
def test_a_delegation_that_left_early_said_nothing_at_a_later_item(left, item):
    gone = Presence(left_at=left, left_item=f"item-{left}", timing_reason="protest")
    refused = statement_problem("UA", gone, item, f"item-{item}", after_meeting=False)
    assert (refused is not None) == (item > left)
    if refused:
        assert refused == ("item", f"UA left the meeting at 'item-{left}', before 'item-{item}'")


@given(joined=st.integers(0, 20), item=st.integers(0, 20))
def test_a_delegation_that_joined_late_said_nothing_at_an_earlier_item(joined, item):
    late = Presence(joined_at=joined, joined_item=f"item-{joined}")
    refused = statement_problem("UA", late, item, f"item-{item}", after_meeting=False)
    assert (refused is not None) == (item < joined)


@given(attendance=st.sampled_from(ATTENDANCES), item=st.one_of(st.none(), st.integers(0, 9)))
def test_only_absence_or_timing_rules_out_a_statement(attendance, item):
    level = {"level": "lower"} if attendance == "represented" else {}
    presence = Presence(attendance, **level)
    refused = statement_problem("KG", presence, item, "x", after_meeting=False)
    assert (refused is not None) == (attendance == "absent")
