"""Fixtures of the web tests: a browser-like client on 127.0.0.1, signed in as a role
(users made through the accounts services), and the text of a page."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from django.test import Client

from tests.accounts.people import RoleSpec, make

SCO, SCS = "sco", "security-council-secretaries"
ROLES = {
    "admin": RoleSpec("web-admin", admin=True),
    "secretariat": RoleSpec("web-secretariat", secretariat=frozenset({SCO})),
    # A member's delegation named on the Security Council Secretaries: reads the
    # organization-restricted report and the body-restricted roadmaps.
    "delegation-scs": RoleSpec(
        "web-delegation-kg-scs", delegations=frozenset({(SCO, "KG")}), bodies=frozenset({SCS})
    ),
    # A member's delegation named on no body: reads the report, not the roadmaps.
    "delegation": RoleSpec("web-delegation-ru", delegations=frozenset({(SCO, "RU")})),
    # An observer: neither.
    "observer": RoleSpec("web-observer-mn", observers=frozenset({(SCO, "MN")})),
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Argon2 is slow by design; these tests are about pages, not passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="127.0.0.1")


def sign_in(client: Client, role: RoleSpec) -> Client:
    person = make(role)
    client.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def as_role(db) -> Callable[[str], Client]:
    """as_role("delegation") -> a client signed in (by session) as that role."""

    def signed(role: str) -> Client:
        return sign_in(Client(HTTP_HOST="127.0.0.1"), ROLES[role])

    return signed


def text(page) -> str:
    """The words of a page (a response, or a piece of HTML), tags removed and spaces
    collapsed (for facts to read)."""
    if not isinstance(page, str):
        page = page.content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"</?(a|span|strong|em|mark|abbr)\b[^>]*>", "", page)  # inline: no space
    page = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(page).split())


def h1_count(response) -> int:
    return len(re.findall(r"<h1[\s>]", response.content.decode()))
