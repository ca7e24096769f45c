"""The rules on sessions, without a database: a session is held on one of the meeting's
days; who attended it attended the meeting; a restricted session admits whom a meeting
restricted to members admits, by the one rule both use."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.meetings.rules import (
    duplicate_problems,
    members_only_problem,
    session_attendee_problem,
    session_date_problem,
)

ROLES = ["delegation", "observer", "secretariat", "official", "guest", "host"]
ATTENDANCE = ["present", "absent", "video", "message", "represented"]
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))


@given(days, st.integers(0, 10), st.integers(-20, 20))
def test_a_session_is_held_on_one_of_the_meetings_days(start, length, offset):
    last = start + dt.timedelta(days=length)
    day = start + dt.timedelta(days=offset)
    reason = session_date_problem(day, start, last)
    assert (reason is None) == (start <= day <= last)
    if reason:
        assert str(day) in reason and str(start) in reason and str(last) in reason


@given(st.sampled_from(ROLES), st.sampled_from(ATTENDANCE), st.booleans())
def test_who_may_attend_a_session(role, attendance, restricted):
    reason = session_attendee_problem("TL", role, attendance, "retreat", restricted)
    if attendance == "absent":
        assert reason is not None and "absent from the meeting" in reason
    elif restricted and role == "observer":
        assert reason == "the session 'retreat' is restricted to members; 'TL' cannot attend it"
    else:
        assert reason is None


@given(st.sampled_from(ROLES))
def test_a_restricted_session_and_a_members_only_meeting_admit_alike(role):
    at_meeting = members_only_problem("TL", role, "the meeting")
    at_session = session_attendee_problem("TL", role, "present", "retreat", True)
    assert (at_meeting is None) == (at_session is None)
    if at_meeting:
        assert at_meeting == "the meeting is restricted to members; 'TL' cannot attend it"


@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=8))
def test_each_repeat_is_named_with_its_first_place(keys):
    found = duplicate_problems(keys, "sessions")
    repeats = [i for i, k in enumerate(keys) if k in keys[:i]]
    assert [i for i, _ in found] == repeats
    for i, reason in found:
        assert reason == f"{keys[i]} is already named as sessions[{keys.index(keys[i])}]"
