"""The record pages are the same bytes as when the digests of `recording_answers.json`
were taken: every meeting's record page of the seed and of the test corpus
(tests/records/corpus) as a secretariat officer of every organization, in English,
Russian and Chinese; every body's page for a new meeting; and, for every meeting, the
page its own form gives back when a row is asked for (`more`) and when it is sent
with mistakes in its rows (an unknown party, a row without its title, dates that do
not read, a referral to no body, a meeting or document that is not recorded, votes
that are no number, times that are no time), each error beside its field.

A change to the record pages shows here: after checking the pages that changed
(ACCORD_RECORDING_ANSWERS=DIR writes every page there, to compare with the code
before), rewrite the digests with ACCORD_RECORDING_ANSWERS_WRITE=1 and say in the
commit what changed. The clock is fixed; form tokens are set aside.
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
from django.test import Client

from accord.accounts import services
from accord.bodies.models import Body
from accord.core.audit import acting
from accord.core.models import AuditEntry
from accord.meetings.models import Meeting
from accord.records.loader import load
from accord.registry.models import Organization
from tests.conftest import kept_for_module
from tests.web.forms import form_fields, post_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_response_cache")]

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = sorted((ROOT / "tests" / "records" / "corpus").glob("*.yaml"))
KEPT = Path(__file__).with_name("recording_answers.json")
NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
LANGUAGES = ("en", "ru", "zh-hans")
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')


@pytest.fixture(scope="module")
def officer(django_db_setup, django_db_blocker) -> Iterator[Client]:
    def build() -> Client:
        load(CORPUS)
        with acting("cli:test"):
            user = services.add_user("recording-officer", password="a long passphrase")
            for org in Organization.objects.order_by("slug"):
                services.grant(user, org, "secretariat", on=dt.date(1990, 1, 1))
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        return client

    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield from kept_for_module(django_db_blocker, build)


def _mistaken(fields: dict[str, list[str]]) -> dict:
    """The form's fields with a mistake in each kind of row field that can hold one."""
    changes: dict[str, str] = {}
    for name in fields:
        row = re.fullmatch(r"(\w+)-(\d+)-(\w+)", name)
        if row is None:
            continue
        field = row[3]
        if field in {"party", "host", "country"}:
            changes[name] = "XX"
        elif field in {"title", "verb", "stance"}:
            changes[name] = ""
        elif field in {"to", "body"}:
            changes[name] = "no-such-body"
        elif field in {"to_meeting", "document", "reference"}:
            changes[name] = "no-such-record"
        elif field.startswith("votes_"):
            changes[name] = "many"
        elif field.endswith("_time"):
            changes[name] = "25:99"
        elif field.endswith(("date", "_at", "_on", "start", "end", "from", "until")):
            changes[name] = "31.02.20x"
    return post_data(fields, **changes)


def _pages(officer: Client) -> Iterator[tuple[str, bytes]]:
    meetings = Meeting.objects.select_related("body__organization").order_by(
        "body__organization__slug", "body__slug", "start", "slug"
    )
    for m in meetings:
        address = f"/organizations/{m.body.organization.slug}/bodies/{m.body.slug}/meetings/"
        edit = f"{address}{m.ref}/edit/"
        for language in LANGUAGES:
            page = officer.get(edit, HTTP_ACCEPT_LANGUAGE=language)
            yield f"edit {edit} {language}", _answer(page)
        fields = form_fields(page)
        more = officer.post(edit, post_data(fields, more="participants"), HTTP_ACCEPT_LANGUAGE="ru")
        yield f"more {edit} ru", _answer(more)
        mistaken = officer.post(edit, _mistaken(fields), HTTP_ACCEPT_LANGUAGE="en")
        yield f"mistakes {edit} en", _answer(mistaken)
    for body in Body.objects.select_related("organization").order_by("organization__slug", "slug"):
        new = f"/organizations/{body.organization.slug}/bodies/{body.slug}/meetings/new/"
        yield f"new {new} en", _answer(officer.get(new, HTTP_ACCEPT_LANGUAGE="en"))


def _answer(response) -> bytes:
    head = f"{response.status_code} {response.get('Content-Type')}\n"
    return head.encode() + TOKEN.sub(rb"\1-\2", response.content)


def test_every_record_page_is_the_same_bytes(officer):
    written = os.environ.get("ACCORD_RECORDING_ANSWERS")
    before = AuditEntry.objects.count()
    found: dict[str, str] = {}
    statuses: set[bytes] = set()
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        for key, answer in _pages(officer):
            found[key] = hashlib.sha256(answer).hexdigest()[:32]
            statuses.add(answer[:3])
            if written:
                path = Path(written) / (re.sub(r"[^-\w]+", "_", key) + ".html")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(answer)
    assert AuditEntry.objects.count() == before  # (asking for a row, or mistakes: no write)
    assert statuses == {b"200", b"422"}
    if os.environ.get("ACCORD_RECORDING_ANSWERS_WRITE"):
        KEPT.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n")
    kept = json.loads(KEPT.read_text())
    changed = sorted(k for k in kept.keys() | found.keys() if kept.get(k) != found.get(k))
    assert not changed, f"{len(changed)} pages changed, the first: {changed[:10]}"
