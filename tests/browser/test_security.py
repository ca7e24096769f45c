"""The Content-Security-Policy holds in the browser: the pages and the API docs (Swagger
UI, from Accord's static files) work under it without a single violation (the `page`
fixture fails a test on any)."""

from __future__ import annotations

from playwright.sync_api import expect


def test_the_api_docs_work_under_the_content_security_policy(page, served):
    answer = page.goto("/api/v1/docs")
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Accord")
    operation = page.locator(".opblock-summary-path", has_text="/api/v1/organizations").first
    expect(operation).to_be_visible()
    operation.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    expect(
        page.locator(".live-responses-table .response .response-col_status").first
    ).to_contain_text("200")
