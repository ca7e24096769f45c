"""A meeting's plan over time, as every way out shows it: the meeting page (in English,
Russian and Chinese), the calendar page, the .ics (a cancelled meeting is
STATUS:CANCELLED, a postponed one says so), `accord meeting` and `accord calendar
--known-on` before and after each change. The case: the SCO's 20th summit."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client
from icalendar import Calendar

from accord.accounts.access import ANONYMOUS
from accord.core.dates import PartialDate
from accord.meetings import plan_services
from accord.meetings.inputs import PlanChangeFields
from accord.meetings.models import Meeting
from accord.publishing import ics
from accord.records.loader import load
from accord.registry.models import Organization
from tests.conftest import kept_for_module

ROOT = Path(__file__).resolve().parent.parent
SUMMIT_FILE = ROOT / "tests" / "records" / "corpus" / "sco-2020.yaml"
PAGE = "/organizations/sco/bodies/heads-of-state/meetings/20/"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def summit_loaded(django_db_setup, django_db_blocker):
    """The summit's record, loaded once for the module's tests (each in a savepoint)."""
    yield from kept_for_module(django_db_blocker, lambda: load([SUMMIT_FILE]))


@pytest.fixture
def summit(summit_loaded, db):
    # Each test begins from the record's same state: the public answers kept under it
    # by the test before are forgotten.
    caches["responses"].clear()
    return Meeting.objects.get(body__slug="heads-of-state", number=20)


def page(language: str) -> str:
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["django_language"] = language
    answer = client.get(PAGE)
    assert answer.status_code == 200
    return answer.text


def test_the_page_says_what_was_originally_planned_in_each_language(summit):
    text = page("en")
    assert "Originally planned for 2020, Chelyabinsk, " in text
    assert "postponed on 27 May 2020" in text
    assert "moved online on 21 October 2020, for 10 November 2020 (by video)" in text
    assert "held on 10 November 2020" in text
    assert "kremlin.ru, 27 May 2020" in text  # each change's source
    ru = page("ru")
    assert "Первоначально планировалось: 2020, Челябинск" in ru
    assert "отложено 27 мая 2020\u202fг." in ru  # (Babel's CLDR date: a narrow space)
    zh = page("zh-hans")
    assert "原定于2020年" in zh and "车里雅宾斯克" in zh
    assert "2020年5月27日宣布推迟" in zh


def test_a_meeting_without_a_plan_history_says_nothing_of_one(summit):
    client = Client(HTTP_HOST="127.0.0.1")
    text = client.get("/organizations/sco/bodies/heads-of-state/meetings/21/").text
    assert "Originally planned" not in text


def test_accord_meeting_gives_the_plan_in_text_and_json(summit, accord):
    text = accord("meeting", "sco", "heads-of-state", "20")
    assert "status:   held" in text
    assert "plan:     Originally planned for 2020, Chelyabinsk" in text
    data = accord("meeting", "sco", "heads-of-state", "20", "--format", "json")
    assert data["status"] == "held"
    assert [c["kind"] for c in data["plan"]][:2] == ["announced", "scheduled"]
    assert data["plan"][0]["country"]["code"] == "RU"
    assert data["plan"][2]["date"] == "2020-07-22" and data["plan"][2]["end"] == "2020-07-23"


def summit_entries(accord, *args: str) -> list[dict]:
    data = accord(
        "calendar", "sco", "--from", "2020-01-01", "--to", "2020-12-31", *args, "--format", "json"
    )
    return [e for e in data["entries"] if e.get("body") == "heads-of-state"]


@pytest.mark.parametrize(
    ("known_on", "expected"),
    [
        ("2018-01-01", []),
        ("2019-07-18", [("2020", "Chelyabinsk, RU", "announced")]),
        ("2019-07-19", [("2020", "Saint Petersburg, RU", "scheduled")]),
        ("2020-05-26", [("2020-07-22", "Saint Petersburg, RU", "scheduled")]),
        ("2020-05-27", [("2020-07-22", "Saint Petersburg, RU", "postponed")]),
        ("2020-11-10", [("2020-11-10", "by video", "held")]),
    ],
)
def test_accord_calendar_as_known_on_a_day(summit, accord, known_on, expected):
    found = summit_entries(accord, "--known-on", known_on)
    assert [(e["date"], e["place"], e["status"]) for e in found] == expected


def test_accord_calendar_text_says_the_day_and_the_status(summit, accord):
    text = accord(
        "calendar", "sco", "--from", "2020-07-01", "--to", "2020-07-31", "--known-on", "2020-06-01"
    )
    assert "(as known on 2020-06-01)" in text
    assert "Saint Petersburg, RU [postponed]" in text
    assert "[postponed]" not in accord("calendar", "sco", "--from", "2020-07-01")


def vevent(content: bytes, number: int):
    for e in Calendar.from_ical(content).walk("VEVENT"):
        if str(e["UID"]) == f"meeting-heads-of-state-{number}@sco.accord":
            return e
    raise AssertionError(f"no meeting {number}")


def test_the_ics_marks_a_cancelled_meeting_and_a_postponed_one(summit):
    org = Organization.objects.get(slug="sco")
    held = vevent(ics.calendar(ANONYMOUS, org), 20)
    assert "STATUS" not in held
    m21 = Meeting.objects.get(body__slug="heads-of-state", number=21)
    announced = PlanChangeFields(
        kind="announced",
        known_on=PartialDate.parse("2021-01"),
        start=m21.start,
        end=m21.end,
    )
    plan_services.set_plan(
        m21, [announced, PlanChangeFields(kind="postponed", known_on=PartialDate.parse("2021-05"))]
    )
    postponed = vevent(ics.calendar(ANONYMOUS, org), 21)
    assert str(postponed["STATUS"]) == "TENTATIVE"
    assert str(postponed["SUMMARY"]).endswith("(postponed)")
    plan_services.set_plan(
        m21, [announced, PlanChangeFields(kind="cancelled", known_on=PartialDate.parse("2021-05"))]
    )
    cancelled = vevent(ics.calendar(ANONYMOUS, org, language="ru"), 21)
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert "(отменено)" in str(cancelled["SUMMARY"])
    client = Client(HTTP_HOST="127.0.0.1")
    listed = client.get("/organizations/sco/calendar/?from=2021-01-01&to=2021-12-31").text
    assert "meeting-status-cancelled" in listed
    assert (
        "meeting-status-cancelled" in client.get("/organizations/sco/bodies/heads-of-state/").text
    )
    table = client.get("/export/sco/calendar.csv?from=2021-01-01&to=2021-12-31").text
    assert table.splitlines()[0].endswith(",status")
    row = next(r for r in table.splitlines() if "heads-of-state,21," in r)
    assert row.endswith(",cancelled")


def test_the_calendar_page_as_known_on_a_day(summit):
    client = Client(HTTP_HOST="127.0.0.1")
    year = "/organizations/sco/calendar/?body=heads-of-state&from=2020-01-01&to=2020-12-31"
    june = client.get(f"{year}&known_on=2020-06-01")
    assert june.status_code == 200
    assert "Saint Petersburg" in june.text and "meeting-status-postponed" in june.text
    today = client.get(year).text
    assert "Saint Petersburg" not in today and "meeting-status-postponed" not in today
    assert "Saint Petersburg" not in client.get(f"{year}&known_on=2019-01-01").text
    assert client.get(f"{year}&known_on=2020-02-30").status_code == 400
