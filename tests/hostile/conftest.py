"""Fixtures of the hostile-input tests: the ways in (the API as the secretariat, the
web as the secretariat, the record loader, the `accord` commands), the corpus, and a
fingerprint of everything a refusal must leave as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from accord.accounts import services
from accord.core.models import AuditEntry
from tests.accounts.people import RoleSpec, make
from tests.api.conftest import Api

CORPUS = Path(__file__).with_name("corpus")
SCS = "/organizations/sco/bodies/security-council-secretaries"
MEETINGS = f"{SCS}/meetings"


def corpus_json(name: str) -> Any:
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))


def strings() -> dict[str, list]:
    return corpus_json("strings.json")


def case_id(text: str) -> str:
    """A test id that shows invisible characters (as escapes) and stays short."""
    shown = text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= 40 else shown[:37] + "..."


def fingerprint(files: Path | None = None) -> dict[str, Any]:
    """What a refused input must leave unchanged: the audit trail's length and newest
    hash (every write is audited), the row count of every table of Accord's, and the
    files in the documents storage."""
    newest = AuditEntry.objects.order_by("-pk").values_list("pk", "hash").first()
    counts = {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label not in {"sessions", "axes", "contenttypes", "auth"}
        and m._meta.label != "accounts.ApiToken"  # its last use is noted on each read
    }
    stored = sorted(str(p) for p in files.rglob("*") if p.is_file()) if files else []
    return {"audit": (AuditEntry.objects.count(), newest), "rows": counts, "files": stored}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def secretariat(db) -> Api:
    """The API, as the organization's secretariat (by token); errors come back as
    answers, a server error as a 500 answer (never raised into the test)."""
    person = make(RoleSpec("hostile-api-secretariat", secretariat=frozenset({"sco"})))
    _, secret = services.create_token(person.user, "hostile input", days=1)
    return Api(secret, Client(HTTP_HOST="127.0.0.1", raise_request_exception=False))


@pytest.fixture
def anonymous(db) -> Api:
    """The API, as nobody."""
    return Api(None, Client(HTTP_HOST="127.0.0.1", raise_request_exception=False))


@pytest.fixture
def officer(db) -> Client:
    """The web pages, signed in (by session) as the organization's secretariat."""
    person = make(RoleSpec("hostile-web-secretariat", secretariat=frozenset({"sco"})))
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    client.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def unchanged(files_storage) -> Callable[[], None]:
    """unchanged() after a refusal: asserts that nothing changed since the fixture was
    taken (call `unchanged.reset()` to take it again)."""

    class Check:
        def __init__(self) -> None:
            self.reset()

        def reset(self) -> None:
            self.before = fingerprint(files_storage)

        def __call__(self) -> None:
            assert fingerprint(files_storage) == self.before

    return Check()
