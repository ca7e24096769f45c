"""What a decision decides, in the browser: an officer records a meeting whose decision
appoints the Secretary-General, from the lines folded under the decision's outcome, in
one save; the page stays axe-clean, and the edit page reads the line back with a blank
one to add another."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_accessible, login, screenshot
from tests.browser.pages import USERS

SCS = "/organizations/sco/bodies/security-council-secretaries"
NEW = f"{SCS}/meetings/new/"
MEETING = f"{SCS}/meetings/2022-appointment/"


def test_a_decision_says_what_it_decides(page: Page, served):
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, served.user("decides-officer", *USERS["officer"]))
    page.goto(NEW)
    page.get_by_label("Number in the series").fill("")
    page.locator("#id_slug").fill("2022-appointment")
    page.get_by_label("Date", exact=True).fill("2022-08-19")
    decisions = page.get_by_role("region", name="Decisions")
    decisions.get_by_label("Id, row 1").fill("appointment")
    decisions.get_by_label("Title, row 1").fill("On the appointment of the Secretary-General")
    decisions.get_by_label("Outcome, row 1").select_option("adopted")
    decisions.locator("#decisions-0 details.sub-fields summary").click()
    decisions.get_by_label("What it does, line 1, row 1").select_option("appoints")
    decisions.get_by_label("Post, line 1, row 1").fill("secretary-general")
    decisions.get_by_label("Person, line 1, row 1").fill("zhang-ming")
    decisions.get_by_label("From, line 1, row 1").fill("2022-01-01")
    screenshot(page, "record-decision-decides")
    assert_accessible(page)
    page.get_by_role("button", name="Save the record").first.click()
    expect(page).to_have_url(f"{served.url}{MEETING}")
    expect(page.get_by_role("status")).to_contain_text("The record is saved.")
    page.goto(f"{MEETING}edit/")
    decisions = page.get_by_role("region", name="Decisions")
    expect(decisions.locator("#decisions-0 details.sub-fields")).to_have_attribute("open", "")
    expect(decisions.get_by_label("Person, line 1, row 1")).to_have_value("zhang-ming")
    expect(decisions.get_by_label("Person, line 2, row 1")).to_have_value("")
    assert_accessible(page)
