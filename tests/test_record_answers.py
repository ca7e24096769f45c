"""Every meeting's record, as the API answers it and as its page shows it, the same
bytes as when the digests of tests/golden/record_answers.json were taken: the seed's
meetings and the corpus's (tests/records/corpus), the API's record as the public, a
secretariat officer signed in and the officer's token, the page as the public and the
officer, in English, Russian and Chinese, each computed afresh (no cache of answers).

A change to what a record shows shows here: after checking the answers that changed
(ACCORD_ANSWERS_DIR=some/dir writes every answer there, to compare with the code before),
rewrite the digests with ACCORD_UPDATE_GOLDEN=1 and say in the commit what changed.
The clock is fixed (2026-12-07, noon UTC), so that what a page says of today stays
the same; a form's anti-forgery token is set aside.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.test import Client, override_settings

from accord.accounts import services
from accord.core.audit import acting
from accord.meetings.models import Meeting
from accord.records.loader import load
from accord.registry.models import Organization
from tests.conftest import kept_for_module

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "records" / "corpus").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden" / "record_answers.json"
LANGUAGES = ["en", "ru", "zh-hans"]
NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
_CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")|("csrfToken": ")[^"]*(")')


def _masked(content: bytes) -> bytes:
    return _CSRF.sub(lambda m: (m[1] or m[3]) + b"-" + (m[2] or m[4]), content)


@pytest.fixture(scope="module")
def clients(django_db_setup, django_db_blocker) -> Iterator[dict[str, Client]]:
    def build() -> dict[str, Client]:
        load(CORPUS)
        with acting("cli:test"):
            user = services.add_user("answers-officer", password="a long passphrase")
            for org in Organization.objects.order_by("slug"):
                services.grant(user, org, "secretariat", on=dt.date(1990, 1, 1))
            _, secret = services.create_token(user, "answers", scope="read")
        officer = Client(HTTP_HOST="127.0.0.1")
        officer.force_login(user)
        return {
            "public": Client(HTTP_HOST="127.0.0.1"),
            "officer": officer,
            "token": Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}"),
        }

    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield from kept_for_module(django_db_blocker, build)


def _answers(clients: dict[str, Client]) -> Iterator[tuple[str, bytes]]:
    meetings = Meeting.objects.select_related("body__organization").order_by(
        "body__organization__slug", "body__slug", "start", "slug"
    )
    for m in meetings:
        address = f"organizations/{m.body.organization.slug}/bodies/{m.body.slug}/meetings/{m.ref}"
        for language in LANGUAGES:
            for who in ("public", "officer", "token"):
                response = clients[who].get(f"/api/v1/{address}", HTTP_ACCEPT_LANGUAGE=language)
                yield f"api {address} {who} {language}", _answer(response)
            for who in ("public", "officer"):
                response = clients[who].get(f"/{address}/", HTTP_ACCEPT_LANGUAGE=language)
                yield f"page {address} {who} {language}", _answer(response)


def _answer(response: Any) -> bytes:
    # (a page's ETag is its bytes' hash, anti-forgery token included: set aside too)
    tag = response.get("ETag") if "json" in response.get("Content-Type", "") else "-"
    head = f"{response.status_code} {response.get('Content-Type')} {tag}\n"
    return head.encode() + _masked(response.content)


@pytest.mark.django_db
@override_settings(ACCORD_RESPONSE_CACHE=False)
def test_every_record_answers_the_same_bytes(clients):
    kept = os.environ.get("ACCORD_ANSWERS_DIR")
    found: dict[str, str] = {}
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        for key, answer in _answers(clients):
            found[key] = hashlib.sha256(answer).hexdigest()[:32]
            if kept:
                path = Path(kept) / (re.sub(r"[^-\w]+", "_", key) + ".txt")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(answer)
    if os.environ.get("ACCORD_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n")
    expected = json.loads(GOLDEN.read_text())
    changed = sorted(k for k in expected.keys() | found.keys() if expected.get(k) != found.get(k))
    assert not changed, f"{len(changed)} answers changed, the first: {changed[:10]}"
