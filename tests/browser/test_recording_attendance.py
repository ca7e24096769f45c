"""Attendance and sessions in the browser: an officer records a meeting where one
delegation declined to come, one spoke by video and one left early, held in a restricted
and an extended session, with one load of the form and one save; the fields that go
with an attendance appear only when it is chosen, rows are added by keyboard, the
action rows fit a 1366 px screen, and the page stays axe-clean."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_accessible, login, screenshot
from tests.browser.pages import USERS

SCS = "/organizations/sco/bodies/security-council-secretaries"
NEW = f"{SCS}/meetings/new/"
MEETING = f"{SCS}/meetings/2024-astana-attendance/"


def test_attendance_and_sessions_are_recorded_in_one_save(page: Page, served):
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, served.user("attendance-officer", *USERS["officer"]))
    page.goto(NEW)
    loads: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and loads.append(frame.url))

    page.get_by_label("Number in the series").fill("")
    page.locator("#id_slug").fill("2024-astana-attendance")
    page.get_by_label("Date", exact=True).fill("2024-07-04")
    page.get_by_label("City", exact=True).fill("Astana")
    participants = page.get_by_role("region", name="Participants")
    participants.get_by_label("Party, row 1").fill("KZ")
    participants.get_by_label("Party, row 2").fill("RU")

    # Absent: the reason for the absence appears (and the level does not), reached by Tab.
    reason = participants.get_by_label("Reason for the absence, row 2")
    expect(reason).to_be_hidden()
    attendance = participants.get_by_label("Attendance, row 2")
    attendance.select_option("absent")
    expect(reason).to_be_visible()
    expect(participants.get_by_label("Level, row 2", exact=True)).to_be_hidden()
    attendance.focus()
    page.keyboard.press("Tab")
    expect(reason).to_be_focused()
    reason.select_option("declined")

    # A third delegation added by keyboard, by video.
    participants.get_by_role("button", name="Add a participant row").focus()
    page.keyboard.press("Enter")
    expect(participants.get_by_label("Party, row 3")).to_be_focused()
    page.keyboard.type("IN")
    participants.get_by_label("Attendance, row 3").select_option("video")

    agenda = page.get_by_role("region", name="Agenda")
    agenda.get_by_label("Id, row 1").fill("security")
    agenda.get_by_label("Title, row 1").fill("Regional security")
    agenda.get_by_label("Id, row 2").fill("economy")
    agenda.get_by_label("Title, row 2").fill("Economic cooperation")

    # Kazakhstan's delegation left at the second item.
    participants.locator("#participants-0 details.sub-fields summary").click()
    left = participants.get_by_label("Left at item, row 1")
    left.fill("economy")
    participants.get_by_label("Left at (time), row 1").fill("16:00")

    sessions = page.get_by_role("region", name="Sessions")
    sessions.get_by_label("Id, row 1").fill("restricted")
    sessions.get_by_label("Kind, row 1").select_option("restricted")
    sessions.get_by_label("Day, row 1").fill("2024-07-04")
    # Who attended is ticked among the participants typed above (the text field, what
    # is sent without the script, follows).
    restricted = sessions.get_by_role("group", name="Who attended, row 1")
    # Russia, absent, is not offered.
    expect(restricted.get_by_role("checkbox")).to_have_count(2)
    expect(restricted.get_by_role("checkbox", name="Russia")).to_have_count(0)
    restricted.get_by_role("checkbox", name="Kazakhstan").check()
    expect(sessions.locator("#id_sessions-0-attendees")).to_be_hidden()
    sessions.get_by_label("Agenda items taken up, row 1").fill("security")
    sessions.get_by_role("button", name="Add a session row").focus()
    page.keyboard.press("Enter")
    expect(sessions.get_by_label("Id, row 2")).to_be_focused()
    page.keyboard.type("extended")
    sessions.get_by_label("Kind, row 2").select_option("extended")
    sessions.get_by_label("Day, row 2").fill("2024-07-04")
    extended = sessions.get_by_role("group", name="Who attended, row 2")
    extended.get_by_role("checkbox", name="India").check()
    extended.get_by_role("checkbox", name="Kazakhstan").check()
    expect(sessions.locator("#id_sessions-1-attendees")).to_have_value("KZ IN")
    sessions.get_by_label("Agenda items taken up, row 2").fill("economy")

    # The action rows fit the screen: nothing scrolls sideways.
    actions = page.get_by_role("region", name="Actions").locator("div.rows")
    assert actions.evaluate("el => el.scrollWidth <= el.clientWidth"), "the action rows scroll"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot(page, "record-attendance-and-sessions")
    assert_accessible(page)
    assert loads == []

    page.get_by_role("button", name="Save the record").first.click()
    expect(page).to_have_url(f"{served.url}{MEETING}")
    assert len(loads) == 1, loads  # the meeting's page, after the one save
    expect(page.get_by_role("status")).to_contain_text("The record is saved.")
    screenshot(page, "record-attendance-and-sessions-saved")

    # The edit page reads it back: the absent row shows its reason, not the level.
    page.goto(f"{MEETING}edit/")
    participants = page.get_by_role("region", name="Participants")
    expect(participants.get_by_label("Attendance, row 2")).to_have_value("absent")
    expect(participants.get_by_label("Reason for the absence, row 2")).to_have_value("declined")
    expect(participants.get_by_label("Level, row 2", exact=True)).to_be_hidden()
    expect(participants.get_by_label("Left at item, row 1")).to_have_value("economy")
    sessions = page.get_by_role("region", name="Sessions")
    expect(sessions.locator("#id_sessions-1-attendees")).to_have_value("KZ IN")
    extended = sessions.get_by_role("group", name="Who attended, row 2")
    expect(extended.get_by_role("checkbox", name="India")).to_be_checked()
    expect(extended.get_by_role("checkbox", name="Kazakhstan")).to_be_checked()
    assert_accessible(page)


def test_an_attendance_refusal_is_in_the_summary_and_beside_the_field(page: Page, served):
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, served.user("attendance-officer-2", *USERS["officer"]))
    page.goto(NEW)
    page.get_by_label("Number in the series").fill("")
    page.locator("#id_slug").fill("2024-attendance-refused")
    page.get_by_label("Date", exact=True).fill("2024-07-04")
    participants = page.get_by_role("region", name="Participants")
    participants.get_by_label("Party, row 1").fill("KZ")
    # Represented at another level, without saying which.
    participants.get_by_label("Attendance, row 1").select_option("represented")
    expect(participants.get_by_label("Level, row 1", exact=True)).to_be_visible()
    page.get_by_role("button", name="Save the record").first.click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Participants, row 1: Level")
    expect(page.locator("#id_participants-0-level-error")).to_contain_text("needs its level")
    summary.locator("a[href='#id_participants-0-level']").click()
    expect(page.locator("#id_participants-0-level")).to_be_focused()
    screenshot(page, "record-attendance-refused")
    assert_accessible(page)


def test_agenda_items_and_target_meetings_are_picked_by_name(page: Page, served):
    """The agenda item of an action is offered from the agenda rows typed on the page; a
    referral's meeting from the target body's meetings (asked of GET /pick)."""
    login(page, served.user("picker-officer-2", *USERS["officer"]))
    page.goto(NEW)
    agenda = page.get_by_role("region", name="Agenda")
    agenda.get_by_label("Id, row 1").fill("drugs")
    agenda.get_by_label("Title, row 1").fill("Countering the drug threat")
    actions = page.get_by_role("region", name="Actions")
    actions.get_by_label("Agenda item, row 1").press_sequentially("dr", delay=30)
    options = page.locator("datalist#agenda-items option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_attribute("value", "drugs")
    expect(options.first).to_have_attribute("label", "Countering the drug threat")
    actions.get_by_label("Referred to, row 1").select_option("heads-of-state")
    with page.expect_response(lambda r: "/api/v1/pick?" in r.url and "kind=meeting" in r.url):
        actions.get_by_label("At its meeting, row 1").press_sequentially("2019", delay=30)
    meetings = page.locator("datalist#meetings option")
    expect(meetings.first).to_have_attribute("value", "19")
    screenshot(page, "record-pick-item-and-meeting")
