"""Signing in with the keyboard alone."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.pages import USERS


def test_signing_in_with_the_keyboard_only(page, served):
    officer = served.user("officer", *USERS["officer"])
    page.goto("/accounts/login/")
    # Tab from the top of the page until the user name field: every control on the
    # way is reachable, and the field is reached.
    page.locator("body").focus()
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "username":
            break
    expect(page.get_by_label("User name")).to_be_focused()
    page.keyboard.type(officer.username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(officer.password)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{served.url}/tasks/")
    expect(page.get_by_role("button", name="Sign out officer")).to_be_visible()


def test_a_wrong_password_is_refused_with_a_message(page, served):
    officer = served.user("officer", *USERS["officer"])
    page.goto("/accounts/login/")
    page.get_by_label("User name").fill(officer.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    expect(page).to_have_url(f"{served.url}/accounts/login/")
