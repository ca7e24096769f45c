"""The body pages and web calendars are the same bytes as the code that wrote them from
model instances (before their lists were read as light rows and written in Python):
every body of the seed and of the test corpus (tests/records), as the public and as
its organization's secretariat signed in, in English, Russian and Chinese, and every
organization's and body's `.ics`, in the record's language and in each of the three.

The answers' digests are kept in `list_answers.json`: the same on SQLite and
PostgreSQL (every list the pages show is in an order the queries give).
Timestamps that come from the audit trail (when the rows were loaded) are set aside
in the calendars, as are form tokens; the day is fixed. `ACCORD_LIST_ANSWERS=DIR`
writes every answer into DIR (to compare two versions with diff);
`ACCORD_LIST_ANSWERS_WRITE=1` rewrites the digests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from accord.bodies.models import Body
from accord.core.audit import acting
from accord.meetings import joint
from accord.meetings import services as meetings
from accord.meetings.inputs import MeetingFields
from accord.meetings.models import Meeting
from accord.records.loader import load
from accord.registry.models import Organization
from tests.accounts.people import RoleSpec, make
from tests.conftest import kept_for_module

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_response_cache")]

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = sorted((ROOT / "tests" / "records" / "corpus").glob("*.yaml"))
KEPT = Path(__file__).with_name("list_answers.json")
DAY = dt.datetime(2024, 1, 15, 9, 30, tzinfo=dt.UTC)
LANGUAGES = ("en", "ru", "zh-hans")
STAMP = re.compile(rb"(DTSTAMP|CREATED|LAST-MODIFIED):\d{8}T\d{6}Z")
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    def build() -> dict[str, str]:
        load(CORPUS)
        with acting("cli:test"):
            _varied()
        signed = {}
        for org in Organization.objects.order_by("slug"):
            made = make(RoleSpec(f"secretariat-{org.slug}", secretariat=frozenset({org.slug})))
            signed[org.slug] = made.user.username  # type: ignore[union-attr]
        return signed

    yield from kept_for_module(django_db_blocker, build)


def _varied() -> None:
    """Meetings of the seed's series that take the branches the record files do not:
    cancelled and postponed, a gap in the numbers, outside the series, by video,
    to the month, confidential, joint with another body (numbered in both), with names
    to escape."""
    org = Organization.objects.get(slug="sco")
    body = Body.objects.get(organization=org, slug="security-council-secretaries")
    other = Body.objects.get(organization=org, slug="foreign-ministers")
    country = Meeting.objects.exclude(country=None).first().country  # type: ignore[union-attr]
    held = Meeting.objects.filter(body=body)
    number = max(m.number or 0 for m in held)
    day = max(m.end for m in held) + dt.timedelta(days=30)
    week = dt.timedelta(days=7)
    varied = [
        ("gap-cancelled", number + 3, {"city": "Dushanbe <&>", "country": country}, "cancelled"),
        ("postponed", number + 4, {"mode": "video"}, "postponed"),
        ("month", number + 5, {"date_precision": "month", "mode": "hybrid"}, ""),
        ("secret", number + 6, {"classification": "organization"}, ""),
        ("ad-hoc", None, {"kind": "ad-hoc", "city": "Astana"}, "cancelled"),
        ("informal", None, {"kind": "informal", "mode": "unknown"}, ""),
    ]
    for i, (slug, n, fields, status) in enumerate(varied):
        start = day + i * week
        if fields.get("date_precision") == "month":
            start = start.replace(day=1)
        values = MeetingFields(number=n, start=start, end=start, **fields)
        made = meetings.save_meeting(body, f"list-{slug}", values)
        if status:
            Meeting.objects.filter(pk=made.pk).update(status=status)
    start = day + len(varied) * week
    convened = meetings.save_meeting(
        other, "list-joint", MeetingFields(number=None, start=start, end=start, kind="ad-hoc")
    )
    joint.set_joint_bodies(convened, [(body, number + 8)])


def _answers(signed: dict[str, str]) -> dict[str, bytes]:
    from django.contrib.auth import get_user_model

    users = {org: get_user_model().objects.get(username=name) for org, name in signed.items()}
    found: dict[str, bytes] = {}
    for body in Body.objects.select_related("organization").order_by("organization__slug", "slug"):
        org = body.organization.slug
        path = f"/organizations/{org}/bodies/{body.slug}/"
        for who in ("public", "secretariat"):
            client = Client(HTTP_HOST="127.0.0.1")
            if who == "secretariat":
                client.force_login(users[org])
            for language in LANGUAGES:
                client.cookies["django_language"] = language
                answer = client.get(path)
                assert answer.status_code == 200, (path, who, language)
                found[f"{path} {who} {language}"] = TOKEN.sub(b"", answer.content)
        ics = f"/calendar/{org}/{body.slug}.ics"
        found[ics] = STAMP.sub(rb"\1", Client(HTTP_HOST="127.0.0.1").get(ics).content)
    for org in signed:
        for language in ("", *LANGUAGES):
            ics = f"/calendar/{org}.ics" + (f"?lang={language}" if language else "")
            for who in ("public", "secretariat"):
                client = Client(HTTP_HOST="127.0.0.1")
                if who == "secretariat":
                    client.force_login(users[org])
                answer = client.get(ics)
                assert answer.status_code == 200, ics
                found[f"{ics} {who}"] = STAMP.sub(rb"\1", answer.content)
    return found


def test_body_pages_and_calendars_are_the_bytes_they_were(corpus, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: DAY)
    answers = _answers(corpus)
    digests = {key: hashlib.sha256(value).hexdigest() for key, value in answers.items()}
    if os.environ.get("ACCORD_LIST_ANSWERS"):
        folder = Path(os.environ["ACCORD_LIST_ANSWERS"])
        folder.mkdir(parents=True, exist_ok=True)
        for key, value in answers.items():
            (folder / re.sub(r"[^\w.-]+", "_", key)).write_bytes(value)
    if os.environ.get("ACCORD_LIST_ANSWERS_WRITE"):
        KEPT.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n")
    kept = json.loads(KEPT.read_text())
    assert set(digests) == set(kept)
    changed = [key for key in digests if digests[key] != kept[key]]
    assert not changed, changed
