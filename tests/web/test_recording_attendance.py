"""Attendance and sessions on the record page: each participant row says how it attended
(absent with a reason, by video, represented at another level, joined late or left
early at an agenda item or a time), and the meeting's sessions are rows of their own
(day, venue, who of the participants attended, the items taken up), all written in the
one save, through the same use cases as the API's. The rules' refusals are shown beside
the field and in the summary at the top, nothing written."""

from __future__ import annotations

import datetime as dt

from accord.meetings.models import AgendaItem, Meeting, Participation, Session
from tests.web.conftest import text
from tests.web.test_recording import NEW, SCS, field_error, new_form, officer, trail, value_of

__all__ = ["officer"]

EDIT_17 = f"{SCS}/meetings/17/edit/"

# Uzbekistan hosts; Russia leaves early in protest at the second item; Kazakhstan is
# represented at a lower level; Tajikistan boycotts; India speaks by video.
ATTENDANCE = {
    "participants-1-attendance": "present",
    "participants-1-left_item": "cyber",
    "participants-1-left_time": "15:30",
    "participants-1-timing_reason": "protest",
    "participants-2-party": "KZ",
    "participants-2-role": "delegation",
    "participants-2-attendance": "represented",
    "participants-2-level": "lower",
    "participants-2-level_text": "Deputy Secretary of the Security Council",
    "participants-3-party": "TJ",
    "participants-3-role": "delegation",
    "participants-3-attendance": "absent",
    "participants-3-absence_reason": "boycott",
    "participants-4-party": "IN",
    "participants-4-role": "delegation",
    "participants-4-attendance": "video",
    "participants-TOTAL_FORMS": "5",
    # A restricted session on the first item, an extended one on the second.
    "sessions-0-id": "restricted",
    "sessions-0-kind": "restricted",
    "sessions-0-date": "2022-08-19",
    "sessions-0-venue": "Congress Hall",
    "sessions-0-attendees": "UZ RU KZ",
    "sessions-0-items": "drugs",
    "sessions-1-id": "extended",
    "sessions-1-kind": "extended",
    "sessions-1-date": "2022-08-19",
    "sessions-1-mode": "hybrid",
    "sessions-1-attendees": "UZ RU KZ IN",
    "sessions-1-items": "cyber",
    "sessions-TOTAL_FORMS": "2",
}


def _meeting() -> Meeting:
    return Meeting.objects.get(body__slug="security-council-secretaries", number=17)


def _row(code: str) -> Participation:
    return Participation.objects.get(meeting=_meeting(), party__code=code)


def test_attendance_and_sessions_are_recorded_in_one_save(officer):
    answer = officer.post(NEW, new_form(officer, **ATTENDANCE))
    assert answer.status_code == 303, text(answer)[:2000]
    ru, kz, tj, india = _row("RU"), _row("KZ"), _row("TJ"), _row("IN")
    assert ru.left_at_item.slug == "cyber"
    assert ru.left_at_time == dt.time(15, 30)
    assert ru.timing_reason == "protest"
    assert (kz.attendance, kz.level) == ("represented", "lower")
    assert kz.level_text == "Deputy Secretary of the Security Council"
    assert (tj.attendance, tj.absence_reason) == ("absent", "boycott")
    assert india.attendance == "video"
    sessions = list(Session.objects.filter(meeting=_meeting()).order_by("position"))
    assert [s.slug for s in sessions] == ["restricted", "extended"]
    assert sessions[0].venue == "Congress Hall"
    assert sorted(p.party.code for p in sessions[1].attendees.all()) == ["IN", "KZ", "RU", "UZ"]
    assert AgendaItem.objects.get(meeting=_meeting(), slug="drugs").session == sessions[0]
    assert sessions[1].mode == "hybrid"
    # The edit page reads it all back.
    page = officer.get(EDIT_17)
    assert value_of(page, "participants-3-absence_reason") == ["boycott"]
    assert value_of(page, "participants-1-left_item") == ["cyber"]
    assert value_of(page, "participants-1-left_time") == ["15:30"]
    assert value_of(page, "sessions-1-attendees") == ["UZ RU KZ IN"]
    assert value_of(page, "sessions-0-items") == ["drugs"]
    # The meeting page says who attended which session.
    shown = text(officer.get(f"{SCS}/meetings/17/"))
    assert "Congress Hall" in shown


def test_the_rules_refusals_are_shown_beside_the_field_and_in_the_summary(officer):
    before = trail()
    changes = {
        **ATTENDANCE,
        # A reason for an absence given for one present.
        "participants-4-absence_reason": "declined",
        # Left before it joined.
        "participants-1-joined_item": "cyber",
        "participants-1-left_item": "drugs",
        # Represented without a level.
        "participants-2-level": "",
        "participants-2-level_text": "",
        # An item no row names; a session on a day the meeting was not held.
        "participants-4-left_item": "nowhere",
        "sessions-1-date": "2022-08-21",
    }
    answer = officer.post(NEW, new_form(officer, **changes))
    assert answer.status_code == 422
    assert "only for an absent participant" in field_error(answer, "participants-4-absence_reason")
    assert "before it joined" in field_error(answer, "participants-1-left_item")
    assert "needs its level" in field_error(answer, "participants-2-level")
    assert "no agenda item 'nowhere'" in field_error(answer, "participants-4-left_item")
    assert "outside the meeting's dates" in field_error(answer, "sessions-1-date")
    summary = text(answer).split("things to correct")[1].split("Save the record")[0]
    for said in (
        "Participants, row 5: Reason for the absence",
        "Participants, row 2: Left at item",
        "Participants, row 3: Level",
        "Sessions, row 2: Day",
    ):
        assert said in summary, said
    # The folded fields that hold something are shown open; nothing is written.
    assert value_of(answer, "participants-1-joined_item") == ["cyber"]
    assert trail() == before
    assert not Meeting.objects.filter(body__slug="security-council-secretaries", number=17).exists()


def test_a_session_names_only_participants_and_items_of_the_page(officer):
    changes = {**ATTENDANCE, "sessions-0-attendees": "UZ CN nobody-known", "sessions-0-items": "x"}
    answer = officer.post(NEW, new_form(officer, **changes))
    assert answer.status_code == 422
    error = field_error(answer, "sessions-0-attendees")
    assert "no person 'nobody-known'" in error
    assert "'x'" in field_error(answer, "sessions-0-items")
    # One absent from the meeting attended none of its sessions.
    answer = officer.post(NEW, new_form(officer, **{**ATTENDANCE, "sessions-1-attendees": "UZ TJ"}))
    assert answer.status_code == 422
    assert "recorded as absent" in field_error(answer, "sessions-1-attendees")


def test_a_session_attendee_made_absent_on_the_same_page_is_refused(officer):
    assert officer.post(NEW, new_form(officer, **ATTENDANCE)).status_code == 303
    page = officer.get(EDIT_17)
    from tests.web.forms import form_fields, post_data

    data = post_data(form_fields(page), **{"participants-2-attendance": "absent"})
    data["participants-2-level"] = ""
    data["participants-2-level_text"] = ""
    answer = officer.post(EDIT_17, data)
    assert answer.status_code == 422
    assert "recorded as absent" in field_error(answer, "sessions-0-attendees")
    # Taken out of the sessions too, the change is recorded.
    data["sessions-0-attendees"] = "UZ RU"
    data["sessions-1-attendees"] = "UZ RU IN"
    answer = officer.post(EDIT_17, data)
    assert answer.status_code == 303
    assert _row("KZ").attendance == "absent"
    assert not _row("KZ").sessions.exists()


def test_the_edit_page_with_attendance_and_sessions_keeps_its_query_count(
    officer, django_assert_num_queries
):
    """The sessions and their attendees are one query more than the 14th meeting's
    record (which has statements, not asked for here: there are none; and no sessions),
    for any number of sessions, participants and attendance facts."""
    from tests.web.test_recording import EDIT_QUERIES

    assert officer.post(NEW, new_form(officer, **ATTENDANCE)).status_code == 303
    officer.get(EDIT_17)
    with django_assert_num_queries(EDIT_QUERIES + 1):
        assert officer.get(EDIT_17).status_code == 200
    from tests.web.forms import form_fields, post_data

    more = {
        "sessions-2-id": "closing",
        "sessions-2-kind": "closing",
        "sessions-2-date": "2022-08-19",
        "sessions-2-attendees": "UZ RU KZ IN",
    }
    data = post_data(form_fields(officer.get(EDIT_17)), **more)
    assert officer.post(EDIT_17, data).status_code == 303
    officer.get(f"{SCS}/meetings/17/")
    with django_assert_num_queries(EDIT_QUERIES + 1):
        assert officer.get(EDIT_17).status_code == 200


def test_an_attendance_refusal_is_in_the_pages_language(officer):
    officer.cookies["django_language"] = "ru"
    changes = {**ATTENDANCE, "participants-2-level": "", "participants-2-level_text": ""}
    answer = officer.post(NEW, new_form(officer, **changes))
    assert answer.status_code == 422
    assert "нужно указать уровень" in field_error(answer, "participants-2-level")


def test_a_session_refusal_is_in_the_pages_language(officer):
    officer.cookies["django_language"] = "ru"
    changes = {**ATTENDANCE, "sessions-0-attendees": "UZ CN"}
    answer = officer.post(NEW, new_form(officer, **changes))
    assert answer.status_code == 422
    assert "не является участником заседания" in field_error(answer, "sessions-0-attendees")
    officer.cookies["django_language"] = "zh-hans"
    answer = officer.post(NEW, new_form(officer, **changes))
    assert "不是会议的参加方" in field_error(answer, "sessions-0-attendees")
