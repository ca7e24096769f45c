"""The pages every browser run opens in each language, screenshots and checks with axe.

A new page is one line: `Page("meeting", "/organizations/sco/bodies/.../meetings/14/")`,
or with `user="officer"` for a page that needs signing in (users are in USERS).
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.browser.server import Grant

# Users the pages are opened as, by name: the grants they are made with.
USERS: dict[str, tuple[Grant, ...]] = {
    "officer": (Grant("sco", "secretariat"),),
    "kg-delegate": (
        Grant("sco", "delegation", party="KG", bodies=("security-council-secretaries",)),
    ),
}


@dataclass(frozen=True)
class Page:
    name: str  # names the screenshots: <name>-<language>.png
    path: str
    user: str | None = None  # a key of USERS; None: a public visitor


PAGES = [
    Page("home", "/"),
    Page("login", "/accounts/login/"),
    Page(
        "meeting-new",
        "/organizations/sco/bodies/security-council-secretaries/meetings/new/",
        "officer",
    ),
    Page(
        "meeting-edit",
        "/organizations/sco/bodies/security-council-secretaries/meetings/14/edit/",
        "officer",
    ),
    Page("tokens", "/accounts/tokens/", "kg-delegate"),
    Page("tasks-delegation", "/tasks/?on=2019-05-16", "kg-delegate"),
    Page("tasks-secretariat", "/tasks/", "officer"),
    Page("body-pending", "/organizations/sco/bodies/heads-of-state/"),
    Page("implementation-party", "/organizations/sco/implementation/?party=KG"),
    Page("organization", "/organizations/sco/"),
    Page(
        "meeting-minutes",
        "/organizations/sco/bodies/security-council-secretaries/meetings/14/minutes/",
    ),
    # Releases of meeting 14 (made in the served database by tests/browser/server.py).
    Page(
        "meeting-officer",
        "/organizations/sco/bodies/security-council-secretaries/meetings/14/",
        "officer",
    ),
    Page(
        "release-work",
        "/organizations/sco/releases/security-council-secretaries-14-press-release-en/work/",
        "officer",
    ),
    Page("release-public", "/releases/sco/security-council-secretaries-14-press-release-ru/"),
]

LANGUAGES = ["en", "ru", "zh-hans"]
