"""The working pages on a phone (390×844): nothing is wider than the screen."""

from __future__ import annotations

import pytest

from tests.browser.helpers import login, screenshot, use_language
from tests.browser.pages import USERS

PHONE = {"width": 390, "height": 844}
PAGES = [
    ("tasks", "/tasks/?on=2019-05-16", "kg-delegate"),
    ("tasks-secretariat", "/tasks/", "officer"),
    ("body", "/organizations/sco/bodies/heads-of-state/", None),
    ("implementation", "/organizations/sco/implementation/?party=KG", None),
    (
        "release-work",
        "/organizations/sco/releases/security-council-secretaries-14-press-release-en/work/",
        "officer",
    ),
    ("release-public", "/releases/sco/security-council-secretaries-14-press-release-ru/", None),
]


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
@pytest.mark.parametrize(("name", "path", "user"), PAGES, ids=[p[0] for p in PAGES])
def test_no_page_is_wider_than_a_phone(page, served, name, path, user, language):
    page.set_viewport_size(PHONE)
    if user is not None:
        login(page, served.user(user, *USERS[user]))
    use_language(page, language)
    response = page.goto(path)
    assert response is not None and response.status == 200
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, f"phone-{name}-{language}")
    assert width <= PHONE["width"], f"{path} ({language}) lays out at {width} px"
