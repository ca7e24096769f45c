"""Fixtures of the API tests: an HTTP client that records which operations it hit,
and users holding each role (made through the accounts services, signed in by token).

Every request goes through Django's test Client on 127.0.0.1, as a program would send
it. The operations hit are recorded so that `test_openapi.py` can check that every
operation of the OpenAPI description is exercised by some test.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from accord.accounts import services
from accord.api.api import api as accord_api
from tests.accounts.people import RoleSpec, make

PREFIX = "/api/v1"
HITS: set[tuple[str, str]] = set()  # (method, OpenAPI path template) of every request sent


def _templates() -> list[tuple[re.Pattern[str], str]]:
    schema = accord_api.get_openapi_schema(path_prefix="")
    found = []
    for template in schema["paths"]:
        pattern = re.sub(r"\{[^}]+\}", r"[^/]+", template)
        found.append((re.compile(f"^{re.escape(PREFIX)}{pattern}$"), template))
    # Literal segments beat parameters: /meetings/{ref}/audit before /meetings/{ref}.
    return sorted(found, key=lambda t: (t[1].count("{"), -len(t[1])))


_TEMPLATES: list[tuple[re.Pattern[str], str]] = []


def record_hit(method: str, path: str) -> None:
    if not _TEMPLATES:
        _TEMPLATES.extend(_templates())
    path = path.split("?", 1)[0]
    for pattern, template in _TEMPLATES:
        if pattern.match(path):
            HITS.add((method.lower(), template))
            return


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: Any

    @property
    def fields(self) -> list[str]:
        """The field paths of an error body."""
        return [p["field"] for p in self.body["detail"]]

    @property
    def etag(self) -> str:
        return self.headers["ETag"]


class Api:
    """Sends requests to /api/v1 as one user (by bearer token), or as nobody."""

    def __init__(self, token: str | None = None, client: Client | None = None) -> None:
        self.client = client or Client(HTTP_HOST="127.0.0.1")
        self.token = token

    def _send(self, method: str, path: str, body: Any = None, **headers: str) -> Answer:
        url = PREFIX + path
        record_hit(method, url)
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        if self.token is not None:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        send = getattr(self.client, method)
        if body is None:
            response = send(url, **extra)
        else:
            response = send(url, data=json.dumps(body), content_type="application/json", **extra)
        content = response.content
        parsed = json.loads(content) if content and "json" in response["Content-Type"] else None
        return Answer(response.status_code, dict(response.headers), parsed)

    def upload(self, path: str, fields: dict[str, Any], **headers: str) -> Answer:
        """A multipart POST: `fields` holds strings and files (file-like with a name)."""
        url = PREFIX + path
        record_hit("post", url)
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        if self.token is not None:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        response = self.client.post(url, data=fields, **extra)
        parsed = json.loads(response.content) if response.content else None
        return Answer(response.status_code, dict(response.headers), parsed)

    def download(self, path: str, **headers: str) -> tuple[Answer, bytes]:
        """A GET whose answer is bytes (the body as sent, and the headers)."""
        url = PREFIX + path
        record_hit("get", url)
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        if self.token is not None:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        response = self.client.get(url, **extra)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        parsed = json.loads(content) if "json" in response.get("Content-Type", "") else None
        return Answer(response.status_code, dict(response.headers), parsed), content

    def delete(self, path: str, **headers: str) -> Answer:
        return self._send("delete", path, **headers)

    def get(self, path: str, **headers: str) -> Answer:
        return self._send("get", path, **headers)

    def post(self, path: str, body: Any, **headers: str) -> Answer:
        return self._send("post", path, body, **headers)

    def patch(self, path: str, body: Any, **headers: str) -> Answer:
        return self._send("patch", path, body, **headers)

    def put(self, path: str, body: Any, **headers: str) -> Answer:
        return self._send("put", path, body, **headers)


SCO, SCS = "sco", "security-council-secretaries"

ROLES = {
    "anonymous": RoleSpec("api-anonymous", anonymous=True),
    "admin": RoleSpec("api-admin", admin=True),
    "secretariat": RoleSpec("api-secretariat", secretariat=frozenset({SCO})),
    # A member's delegation that attends the Security Council Secretaries.
    "delegation-scs": RoleSpec(
        "api-delegation-kg-scs", delegations=frozenset({(SCO, "KG")}), bodies=frozenset({SCS})
    ),
    # A member's delegation named on no body.
    "delegation": RoleSpec("api-delegation-ru", delegations=frozenset({(SCO, "RU")})),
    "observer": RoleSpec("api-observer-mn", observers=frozenset({(SCO, "MN")})),
    # Signed in, with no affiliation: reads what the public reads.
    "public-user": RoleSpec("api-public-user"),
    # The presidency's team of a member state (China), named on no body.
    "chair-team": RoleSpec("api-chair-team-cn", chair_teams=frozenset({(SCO, "CN")})),
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Argon2 is deliberately slow; the API tests sign in by token and need no strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def as_role(db) -> Callable[[str], Api]:
    """as_role("secretariat") -> an Api client signed in (by token) as that role."""
    made: dict[str, Api] = {}

    def sign_in(role: str) -> Api:
        if role not in made:
            person = make(ROLES[role])
            if person.user is None:
                made[role] = Api()
            else:
                _, secret = services.create_token(person.user, "api tests", days=1)
                made[role] = Api(secret)
        return made[role]

    return sign_in


@pytest.fixture
def anonymous(db) -> Api:
    return Api()


@pytest.fixture
def secretariat(as_role) -> Api:
    return as_role("secretariat")


COVERAGE_TEST = "test_every_operation_is_exercised"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the coverage check of the OpenAPI operations after every other API test, and
    note which API test modules run (the check only means something when all do)."""
    last = [item for item in items if item.name == COVERAGE_TEST]
    items[:] = [item for item in items if item.name != COVERAGE_TEST] + last
    config.stash[API_MODULES] = {
        item.module.__name__ for item in items if item.module.__name__.startswith("tests.api.")
    }
    config.stash[API_TESTS_SELECTED] = len(items)


API_MODULES = pytest.StashKey[set]()
API_TESTS_SELECTED = pytest.StashKey[int]()
