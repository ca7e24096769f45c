"""What a decision decides, in the browser: an officer records a meeting whose decision
appoints the Secretary-General, from the lines folded under the decision's outcome, in
one save; the page stays axe-clean, and the edit page reads the line back with a blank
one to add another. At 1366 px the decision rows fit the page's width, what a decision
decides on a line of its own under its row, in English, Russian and Chinese."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    TABLES_THAT_SCROLL,
    assert_accessible,
    login,
    screenshot,
    use_language,
)
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
    # The counts of votes go with the procedure, shown for a vote only.
    in_favour = decisions.get_by_label("In favour, row 1")
    expect(in_favour).to_be_hidden()
    decisions.get_by_label("Procedure, row 1").select_option("vote")
    expect(in_favour).to_be_visible()
    in_favour.fill("5")
    decisions.get_by_label("Abstaining, row 1").fill("1")
    # What it decides folds out on a line of its own, under the decision's row.
    decisions.locator("#decisions-0-outcome-fold details.sub-fields summary").click()
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
    fold = page.locator("#decisions-0-outcome-fold details.sub-fields")
    expect(fold).to_have_attribute("open", "")
    expect(decisions.get_by_label("Person, line 1, row 1")).to_have_value("zhang-ming")
    expect(decisions.get_by_label("Person, line 2, row 1")).to_have_value("")
    expect(decisions.get_by_label("In favour, row 1")).to_have_value("5")
    # At 1366 px every table of the record page of a meeting with a decision shares the
    # page's width, in each language: none scrolls inside its own box, nor the page.
    for language in ("en", "ru", "zh-hans"):
        use_language(page, language)
        page.reload()
        expect(fold).to_have_attribute("open", "")
        screenshot(page, f"record-decisions-1366-{language}")
        assert page.evaluate(TABLES_THAT_SCROLL) == [], language
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366, language
    assert_accessible(page)
