"""Releases in the browser, as a secretariat officer works on one: drafted from the
meeting page, its headline edited on its working page, reviewed and published; then the
meeting links it, and its public page reads as a page in the release's language."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_accessible, login, screenshot
from tests.browser.pages import USERS

MEETING = "/organizations/sco/bodies/security-council-secretaries/meetings/14/"
HEADLINE = "Секретари советов безопасности ШОС встретились в Бишкеке"


def test_an_officer_drafts_edits_reviews_and_publishes_a_release(page: Page, served):
    login(page, served.user("officer", *USERS["officer"]))
    page.goto(MEETING)
    form = page.locator("form.draft-release")
    form.get_by_label("Kind").select_option("information-report")
    form.get_by_label("Language").select_option("ru")
    form.get_by_label("Audience").select_option("public")
    form.get_by_role("button", name="Draft from the record").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Information report (Russian)")
    expect(page.get_by_role("status")).to_contain_text("The release is drafted from the record.")
    page.get_by_label("Headline").fill(HEADLINE)
    page.get_by_role("button", name="Save the text").click()
    expect(page.get_by_role("status")).to_contain_text("The release is saved.")
    expect(page.get_by_label("Headline")).to_have_value(HEADLINE)
    expect(page.locator(".release-state")).to_have_text("draft")
    assert_accessible(page)
    screenshot(page, "release-edited-en")

    page.get_by_role("button", name="Mark reviewed").click()
    expect(page.locator(".release-state")).to_have_text("reviewed")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("The release is published.")
    expect(page.locator(".release-state")).to_have_text("published")

    page.goto(MEETING)
    page.get_by_role("link", name="Information report (ru)").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(page.locator("article.release")).to_have_attribute("lang", "ru")
    page.locator("dl.facts").get_by_role("link").first.click()
    expect(page).to_have_url(f"{served.url}{MEETING}")
