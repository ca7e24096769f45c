"""The organization, calendar, implementation, document and person pages are the same
bytes as when the digests of `page_answers.json` were taken: every organization of the
seed and of the test corpus (tests/records/corpus), its page today and on two days,
its calendar and its implementation page, every document's page and every person's
page, as the public and as the organization's secretariat signed in (a person's page
as an officer of every organization's secretariat), in English, Russian and Chinese.

The digests are the same on SQLite and PostgreSQL (every list the pages show is in an
order the queries give). The clock is fixed; form tokens are set aside.
`ACCORD_PAGE_ANSWERS=DIR` writes every answer into DIR (to compare two versions with
diff); `ACCORD_PAGE_ANSWERS_WRITE=1` rewrites the digests, after checking the pages
that changed (and saying so in the commit).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accord.accounts import services
from accord.core.audit import acting
from accord.documents.models import Document
from accord.records.loader import load
from accord.registry.models import Organization, Person
from tests.conftest import kept_for_module

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_response_cache")]

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = sorted((ROOT / "tests" / "records" / "corpus").glob("*.yaml"))
KEPT = Path(__file__).with_name("page_answers.json")
NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
LANGUAGES = ("en", "ru", "zh-hans")
DAYS = ("2019-05-15", "2008-08-28")
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')


@pytest.fixture(scope="module")
def users(django_db_setup, django_db_blocker) -> Iterator[dict[str, str]]:
    def build() -> dict[str, str]:
        load(CORPUS)
        names = {}
        with acting("cli:test"):
            every = services.add_user("page-officer", password="a long passphrase")
            for org in Organization.objects.order_by("slug"):
                user = services.add_user(f"page-{org.slug}", password="a long passphrase")
                services.grant(user, org, "secretariat", on=dt.date(1990, 1, 1))
                services.grant(every, org, "secretariat", on=dt.date(1990, 1, 1))
                names[org.slug] = user.username
        names[""] = every.username
        return names

    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield from kept_for_module(django_db_blocker, build)


def _clients(users: dict[str, str]) -> dict[str, Client]:
    clients = {"public": Client(HTTP_HOST="127.0.0.1")}
    for org, name in users.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(get_user_model().objects.get(username=name))
        clients[org] = client
    return clients


def _paths() -> Iterator[tuple[str, str]]:
    """(address, whose secretariat also reads it)"""
    for org in Organization.objects.order_by("slug"):
        base = f"/organizations/{org.slug}/"
        yield base, org.slug
        for day in DAYS:
            yield f"{base}?on={day}", org.slug
        yield f"{base}calendar/", org.slug
        yield f"{base}implementation/", org.slug
        for slug in (
            Document.objects.filter(organization=org)
            .order_by("slug")
            .values_list("slug", flat=True)
        ):
            yield f"{base}documents/{slug}/", org.slug
    for slug in Person.objects.order_by("slug").values_list("slug", flat=True):
        yield f"/people/{slug}/", ""


def _answer(response) -> bytes:
    head = f"{response.status_code} {response.get('Content-Type')}\n"
    return head.encode() + TOKEN.sub(rb"\1-\2", response.content)


def test_every_page_is_the_same_bytes(users):
    clients = _clients(users)
    written = os.environ.get("ACCORD_PAGE_ANSWERS")
    found: dict[str, str] = {}
    statuses: set[int] = set()
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        for path, org in _paths():
            for who in ("public", org):
                for language in LANGUAGES:
                    answer = clients[who].get(path, HTTP_ACCEPT_LANGUAGE=language)
                    assert answer.status_code in {200, 404}, (path, who, language)
                    statuses.add(answer.status_code)
                    key = f"{path} {'public' if who == 'public' else 'secretariat'} {language}"
                    body = _answer(answer)
                    found[key] = hashlib.sha256(body).hexdigest()[:32]
                    if written:
                        out = Path(written) / (re.sub(r"[^-\w]+", "_", key) + ".html")
                        out.parent.mkdir(parents=True, exist_ok=True)
                        out.write_bytes(body)
    assert statuses == {200, 404}  # (a confidential document is not found by the public)
    if os.environ.get("ACCORD_PAGE_ANSWERS_WRITE"):
        KEPT.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n")
    kept = json.loads(KEPT.read_text())
    changed = sorted(k for k in kept.keys() | found.keys() if kept.get(k) != found.get(k))
    assert not changed, f"{len(changed)} pages changed, the first: {changed[:10]}"
