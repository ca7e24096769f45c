"""The record page of a meeting with rows in every table, at 1366 px, in English, Russian
and Chinese: no table scrolls sideways, nor the page, and no table's header is broken
inside a word (each word of a header lies on one line, inside its cell). Who attended a
session and the agenda items it took up have a line of their own under its row. Each
table's screenshot is kept (var/artefacts/screenshots/record-<table>-1366-<language>)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    BROKEN_HEADERS,
    SCREENSHOTS,
    TABLES_THAT_SCROLL,
    assert_accessible,
    login,
    screenshot,
    use_language,
)
from tests.browser.pages import USERS
from tests.browser.server import ROOT

SCS = "/organizations/sco/bodies/security-council-secretaries"
MEETING = f"{SCS}/meetings/2019-11-tashkent/"
TABLES = ("participants", "agenda", "sessions", "actions", "decisions")

# A meeting with rows in every table: participants, agenda, sessions, actions, a decision.
RECORD = ROOT / "tests" / "records" / "sco-2019-tashkent-sessions.yaml"


def test_every_table_of_the_record_page_fits_in_each_language(page: Page, served):
    served.accord("load", str(RECORD))
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, served.user("widths-officer", *USERS["officer"]))
    for language in ("en", "ru", "zh-hans"):
        use_language(page, language)
        page.goto(f"{MEETING}edit/")
        # Who attended is ticked on the session's own line, across the table.
        line = page.locator("#sessions-0-attendees-line")
        expect(line.locator("fieldset.attendees input:checked")).to_have_count(8)
        expect(page.locator("#sessions-1-items-line input")).to_be_visible()
        # What a decision decides, opened: its own table's headers are checked too.
        page.locator("#decisions-0-outcome-fold summary").click()
        screenshot(page, f"record-tables-1366-{language}")
        for table in TABLES:
            page.locator(f"section[aria-labelledby={table}-heading]").screenshot(
                path=str(SCREENSHOTS / f"record-{table}-1366-{language}.png")
            )
        assert page.evaluate(TABLES_THAT_SCROLL) == [], language
        assert page.evaluate(BROKEN_HEADERS) == [], language
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366, language
    assert_accessible(page)
