"""The Content-Security-Policy holds in the browser: the pages and the API docs (Swagger
UI, from Accord's static files) work under it without a single violation (the `page`
fixture fails a test on any); enrolling an authenticator app and signing in with its
code, as a person does (the code computed from the secret the page shows)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, login, screenshot
from tests.browser.pages import USERS
from tests.security import totp


def test_the_api_docs_work_under_the_content_security_policy(page, served):
    answer = page.goto("/api/v1/docs#/organizations/list_organizations")
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Accord")
    operation = page.locator("#operations-organizations-list_organizations")
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    status = operation.locator(".live-responses-table .response .response-col_status")
    expect(status).to_contain_text("200")


def test_enrolling_an_authenticator_then_signing_in_with_its_code(page, served):
    officer = served.user("two-step-officer", *USERS["officer"])
    login(page, officer)
    page.get_by_role("link", name="Two-step sign-in").click()
    expect(page.get_by_role("img", name="QR code of your Accord secret")).to_be_visible()
    screenshot(page, "two-factor-enrol")
    assert_accessible(page)
    key = totp.key_of(page.get_by_label("Secret (to type instead of scanning)").input_value())
    page.get_by_label("Code from your authenticator app").fill(totp.code(key))
    page.get_by_role("button", name="Set up the authenticator").click()
    expect(page.get_by_role("status")).to_contain_text("Your authenticator app is set up")
    page.get_by_role("button", name="Sign out two-step-officer").click()

    page.goto("/accounts/login/")
    page.get_by_label("User name").fill(officer.username)
    page.get_by_label("Password").fill(officer.password)
    page.get_by_label("Password").press("Enter")
    expect(page).to_have_url(f"{served.url}/accounts/login/code/")
    assert_accessible(page)
    # The code of now was taken by the enrolment; the app's next one is accepted too.
    page.get_by_label("Code from your authenticator app").fill(totp.code(key, 1))
    page.get_by_role("button", name="Sign in").last.click()
    expect(page.get_by_role("button", name="Sign out two-step-officer")).to_be_visible()
    page.goto("/accounts/tokens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
