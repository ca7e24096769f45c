"""Every kind of page on a phone (390×844), in each language, on the seed and on a
corpus organization (the UN Security Council: votes of fifteen members, long symbols):
nothing is wider than the screen (a recording form's rows scroll inside their own box).
Each page's screenshot is kept in the artefacts (var/artefacts/screenshots/phone-*)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.helpers import login, screenshot, use_language
from tests.browser.pages import USERS
from tests.browser.server import ROOT, Server

PHONE = {"width": 390, "height": 844}
CORPUS = sorted((ROOT / "tests" / "records" / "corpus").glob("un-security-council*.yaml"))
SCS14 = "/organizations/sco/bodies/security-council-secretaries/meetings/14"
UN8979 = "/organizations/un/bodies/security-council/meetings/8979"
PLAN = "/organizations/sco/documents/anti-drug-action-plan-2019-2020"
PAGES = [
    ("home", "/", None),
    ("login", "/accounts/login/", None),
    ("organization", "/organizations/sco/?on=2019-05-15", None),
    ("body", "/organizations/sco/bodies/heads-of-state/", None),
    ("body-series", "/organizations/sco/bodies/security-council-secretaries/", None),
    ("meeting", f"{SCS14}/", None),
    ("meeting-signed-in", f"{SCS14}/", "officer"),
    ("minutes", f"{SCS14}/minutes/", None),
    ("meeting-changes", f"{SCS14}/changes/", "officer"),
    ("document", f"{PLAN}/", None),
    ("document-changes", f"{PLAN}/changes/", "officer"),
    ("person", "/people/vladimir-norov/", None),
    ("calendar", "/organizations/sco/calendar/?from=2019-01-01&to=2019-12-31", None),
    ("search", "/search/?q=plan&organization=sco", None),
    ("implementation", "/organizations/sco/implementation/?party=KG", None),
    ("releases", "/releases/sco/", None),
    ("release-public", "/releases/sco/security-council-secretaries-14-press-release-ru/", None),
    (
        "release-work",
        "/organizations/sco/releases/security-council-secretaries-14-press-release-en/work/",
        "officer",
    ),
    (
        "meeting-new",
        "/organizations/sco/bodies/security-council-secretaries/meetings/new/",
        "officer",
    ),
    ("meeting-edit", f"{SCS14}/edit/", "officer"),
    ("tokens", "/accounts/tokens/", "kg-delegate"),
    ("tasks", "/tasks/?on=2019-05-16", "kg-delegate"),
    ("tasks-secretariat", "/tasks/", "officer"),
    # A corpus organization: a body that votes, its posts and people, long symbols.
    ("un-organization", "/organizations/un/?on=2022-02-25", None),
    ("un-body", "/organizations/un/bodies/security-council/?on=2022-12-31", None),
    ("un-meeting", f"{UN8979}/", None),
    ("un-minutes", f"{UN8979}/minutes/", None),
    ("un-changes", f"{UN8979}/changes/", None),
    ("un-document", "/organizations/un/documents/s-2022-155/", None),
    ("un-calendar", "/organizations/un/calendar/?from=2022-01-01&to=2023-12-31", None),
    ("un-search", "/search/?q=resolution&organization=un", None),
    ("un-releases", "/releases/un/", None),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The seed and the UN Security Council's corpus record, served for these tests."""
    server = Server(
        directory=tmp_path_factory.mktemp("served-phone"),
        log_path=ROOT / "var" / "artefacts" / "browser-server-phone.log",
        extra_files=tuple(CORPUS),
    )
    server.start()
    yield server
    server.stop()


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
    wide = page.evaluate(WIDER_THAN_THE_SCREEN, PHONE["width"])
    assert width <= PHONE["width"], f"{path} ({language}) lays out at {width} px: {wide}"


# The elements whose right edge passes the screen's, innermost first, but those inside a
# box that scrolls or clips (what to fix, named in the failure).
WIDER_THAN_THE_SCREEN = """
(limit) => {
  const past = (e) => e.getBoundingClientRect().right > limit + 0.5;
  const clipped = (e) => {
    // an element positioned absolutely escapes the clipping of a box not positioned
    if (["absolute", "fixed"].includes(getComputedStyle(e).position)) return false;
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  return Array.from(document.body.querySelectorAll("*"))
    .filter((e) => past(e) && !clipped(e))
    .filter((e) => getComputedStyle(e).overflowX !== "visible"
      || !Array.from(e.children).some(past))
    .slice(0, 8)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className}`
      + ` "${(e.textContent || "").trim().slice(0, 40)}"`
      + ` right=${Math.round(e.getBoundingClientRect().right)}`);
}
"""
