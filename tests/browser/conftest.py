"""Fixtures of the browser tests: Accord served on 127.0.0.1 and Debian's Chromium.

- `served` (session): `accord serve` from its own SQLite file holding the seed
  (tests/browser/server.py); `served.url`, `served.user(name, *grants)` makes a user
  through accord.accounts.services, `served.accord(...)` runs a command on its database.
- `browser` (package): headless Chromium, started by Playwright from /usr/bin/chromium.
- `page` (each test): a new browser context (no cookies) whose relative URLs go to
  the server, in English unless `use_language` says otherwise. A request to any host
  but 127.0.0.1 is blocked and fails the test, and so do a JavaScript error and a
  Content-Security-Policy violation (reported by a `securitypolicyviolation` listener
  added to every document, and by Chromium's console).

Playwright's synchronous API runs an event loop, so while it runs Django refuses
database queries in this process: browser tests read and write through the served
Accord (or `served.accord`), never through the ORM. Every test here is marked
`browser` (deselect with `-m "not browser"`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, sync_playwright

from tests.browser.server import ROOT, Server

CHROMIUM = os.environ.get("ACCORD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000
# Added to every document before its own scripts (by the browser, so the page's CSP
# does not apply to it): each violation is reported on the console.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile}:${e.lineNumber} (${e.sample})`);
});
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(
        directory=tmp_path_factory.mktemp("served"),
        log_path=ROOT / "var" / "artefacts" / "browser-server.log",
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not at {CHROMIUM}: install Debian's chromium (.ci/run does), "
            "or set ACCORD_CHROMIUM to its path"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, served: Server) -> Iterator[Page]:
    context = browser.new_context(
        base_url=served.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    blocked: list[str] = []
    errors: list[str] = []

    def only_this_machine(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", only_this_machine)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    violations: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "CSP violation" in message.text or "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    yield page
    context.close()
    assert not blocked, f"the page asked for something outside 127.0.0.1: {blocked}"
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
