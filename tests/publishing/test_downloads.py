"""The downloads (.ics, .atom, .csv, Popolo, Akoma Ntoso, releases) over HTTP, a user's
calendar by a token in the URL, and the `accord press-release` and `export` commands."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from icalendar import Calendar

from accord.accounts import services
from accord.decisions.models import Action
from accord.meetings.models import Event, Meeting
from tests.accounts.people import RoleSpec, make
from tests.publishing.conftest import MARKER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def uids(content: bytes) -> set[str]:
    return {str(e["UID"]) for e in Calendar.from_ical(content).walk("VEVENT")}


def test_a_users_calendar_by_a_token_in_the_url(restricted):
    client = Client(HTTP_HOST="127.0.0.1")
    officer = make(RoleSpec("cal-officer", secretariat=frozenset({"sco"})))
    _, secret = services.create_token(officer.user, "calendar", days=1, scope="read")
    _, writer = services.create_token(officer.user, "programs", days=1)
    hidden = f"meeting-security-council-secretaries-{MARKER}-session@sco.accord"
    public = client.get("/calendar/sco/security-council-secretaries.ics")
    assert public.status_code == 200 and public["Content-Type"].startswith("text/calendar")
    assert hidden not in uids(public.content)
    own = client.get(f"/calendar/sco/security-council-secretaries.ics?token={secret}")
    assert own.status_code == 200 and hidden in uids(own.content)
    assert client.get("/calendar/sco.ics?token=acc_nothing_wrong").status_code == 401
    # a token that can write is never taken from a URL: it would end up in logs
    refused = client.get(f"/calendar/sco/security-council-secretaries.ics?token={writer}")
    assert refused.status_code == 403
    assert b"read-only token" in refused.content and hidden.encode() not in refused.content
    assert client.get("/calendar/nowhere.ics").status_code == 404
    assert client.get("/calendar/sco/no-such-body.ics").status_code == 404


def test_the_other_downloads_answer_their_types():
    client = Client(HTTP_HOST="127.0.0.1")
    expected = {
        "/feeds/sco/releases.atom": "application/atom+xml",
        "/feeds/sco/adopted.atom": "application/atom+xml",
        "/export/sco/members.csv?on=2019-05-15": "text/csv",
        "/export/sco/pending.csv?body=heads-of-state&on=2019-05-16": "text/csv",
        "/export/sco/popolo.json": "application/json",
        "/export/sco/documents/anti-drug-action-plan-2019-2020.akn.xml": "application/akn+xml",
        "/releases/sco/": "text/plain",
    }
    for url, content_type in expected.items():
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert answer["Content-Type"].startswith(content_type), url
    members = client.get("/export/sco/members.csv?on=2019-05-15").content.decode()
    assert members.count("\r\n") == 1 + 8 + 4 + 6  # header, members, observers, partners
    assert client.get("/export/sco/pending.csv").status_code == 400
    assert client.get("/export/sco/members.csv?on=15-05-2019").status_code == 400


def test_the_press_release_and_export_commands(accord):
    text = accord("press-release", "sco", "security-council-secretaries", "14", "--lang", "zh")
    assert "上海合作组织成员国安全会议秘书第14次会议" in text
    data = accord(
        "press-release", "sco", "security-council-secretaries", "14",
        "--type", "information-report", "--save", "--format", "json",
    )  # fmt: skip
    assert data["release"] == "security-council-secretaries-14-information-report-en"
    assert data["headline"].startswith("Information report on the 14th Meeting")
    calendar = accord("export", "ics", "sco", "--body", "security-council-secretaries")
    assert "BEGIN:VCALENDAR" in calendar
    assert accord("export", "csv", "sco", "events").startswith("event,name,kind")
    xml = accord("export", "akn", "sco", "--meeting", "security-council-secretaries", "14")
    assert "<debateReport" in xml


@pytest.mark.parametrize("precision", ["day", "month"])
def test_dates_stored_at_the_ends_of_the_calendar_answer(no_response_cache, precision):
    """Dates outside the record's range are refused at every way in; one stored before
    (written here directly) still answers everywhere: an entry on the calendar's last
    day has a DURATION where no DTEND could be named."""
    last = dt.date(9999, 12, 31) if precision == "day" else dt.date(9999, 12, 1)
    m14 = Meeting.objects.filter(body__slug="security-council-secretaries", number=14)
    m14.update(start=last, end=last, date_precision=precision)
    Action.objects.filter(meeting__in=m14).update(date=last)
    first = Event.objects.order_by("pk").values_list("pk", flat=True).first()
    Event.objects.filter(pk=first).update(
        start=dt.date(1, 1, 1), end=dt.date(1, 1, 1), date_precision=precision
    )
    client = Client(HTTP_HOST="127.0.0.1")
    for url in (
        "/calendar/sco.ics",
        "/calendar/sco/security-council-secretaries.ics",
        "/api/v1/organizations/sco/calendar.ics",
    ):
        answer = client.get(url)
        assert answer.status_code == 200, url
        [entry] = [
            e
            for e in Calendar.from_ical(answer.content).walk("VEVENT")
            if str(e["UID"]) == "meeting-security-council-secretaries-14@sco.accord"
        ]
        assert entry.decoded("DTSTART") == last
        assert "DTEND" not in entry
        assert entry.decoded("DURATION") == dt.timedelta(days=1 if precision == "day" else 31)
    for url in (
        "/organizations/sco/calendar/",
        "/organizations/sco/bodies/security-council-secretaries/meetings/14/",
        "/api/v1/organizations/sco/calendar?from=2019-01-01",
        "/feeds/sco/adopted.atom",
        "/export/sco/calendar.csv",
        "/export/sco/meetings.csv",
        "/export/sco/events.csv",
        "/export/sco/security-council-secretaries/14/decisions.akn.xml",
        "/search/?q=meeting",
    ):
        assert client.get(url).status_code == 200, url
