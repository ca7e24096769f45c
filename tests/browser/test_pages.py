"""Every page of tests/browser/pages.py, in each language: it answers, it is in that
language, axe-core finds nothing serious or critical, and a screenshot is kept."""

from __future__ import annotations

import warnings

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    assert_accessible,
    describe,
    login,
    screenshot,
    use_language,
)
from tests.browser.pages import LANGUAGES, PAGES, USERS


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("entry", PAGES, ids=lambda p: p.name)
def test_page(page, served, entry, language):
    if entry.user is not None:
        login(page, served.user(entry.user, *USERS[entry.user]))
    use_language(page, language)
    response = page.goto(entry.path)
    assert response is not None and response.status == 200, f"{entry.path}: {response.status}"
    expect(page.locator("html")).to_have_attribute("lang", language)
    screenshot(page, f"{entry.name}-{language}")
    lesser = assert_accessible(page)
    if lesser:
        warnings.warn(f"{entry.path} ({language}):\n{describe(lesser)}", stacklevel=1)
