"""The Content-Security-Policy holds in the browser: the pages and the API docs (Swagger
UI, from Accord's static files) work under it without a single violation (the `page`
fixture fails a test on any); enrolling an authenticator app with the enrolment code an
administrator issued, and signing in with its code, then with a backup code, as a
person does (the code computed from the secret the page shows)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import REPORT_CSP_VIOLATIONS, is_csp_violation
from tests.browser.helpers import assert_accessible, login, screenshot
from tests.browser.pages import USERS
from tests.security import totp


def test_a_violation_is_blocked_and_reported(browser, served):
    """What the `page` fixture listens for is reported when a page breaks the policy."""
    context = browser.new_context(base_url=served.url)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    reported: list[str] = []
    page.on("console", lambda message: reported.append(message.text))
    page.goto("/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected") is None  # blocked
    assert any(is_csp_violation(text) and "script-src" in text for text in reported), reported
    context.close()


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
    issued = served.accord("user", "enrolment-code", officer.username)
    code = re.search(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", issued)[0]
    login(page, officer)
    page.get_by_role("link", name="Two-step sign-in").click()
    assert_accessible(page)
    page.get_by_label("Enrolment code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("img", name="QR code of your Accord secret")).to_be_visible()
    screenshot(page, "two-factor-enrol")
    assert_accessible(page)
    key = totp.key_of(page.get_by_label("Secret (to type instead of scanning)").input_value())
    page.get_by_label("Code from your authenticator app").fill(totp.code(key))
    page.get_by_role("button", name="Set up the authenticator").click()
    expect(page.get_by_role("status")).to_contain_text("Your authenticator app is set up")
    backup = page.locator("code.backup-code").all_inner_texts()
    assert len(backup) == 10
    assert_accessible(page)
    page.get_by_role("link", name="I have kept them: continue").click()
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
    page.get_by_role("button", name="Sign out two-step-officer").click()

    page.goto("/accounts/login/")
    page.get_by_label("User name").fill(officer.username)
    page.get_by_label("Password").fill(officer.password)
    page.get_by_label("Password").press("Enter")
    page.get_by_label("Code from your authenticator app").fill(backup[0])
    page.get_by_role("button", name="Sign in").last.click()
    expect(page.get_by_role("button", name="Sign out two-step-officer")).to_be_visible()
