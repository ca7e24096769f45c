"""A meeting's plan over time through the API: read in the meeting's record, set whole
(PUT .../plan with If-Match), refused naming the change, and the calendar as it was
known on a day (?known_on=): the SCO's 20th summit, planned for Chelyabinsk, moved to
Saint Petersburg, postponed, held by video."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.core.models import AuditEntry
from accord.meetings.lifecycle import PlanChange
from accord.meetings.models import Meeting
from accord.records.loader import load
from tests.api.conftest import SCS

ROOT = Path(__file__).resolve().parent.parent.parent
SUMMIT_FILE = ROOT / "tests" / "records" / "corpus" / "sco-2020.yaml"
SCO = "/organizations/sco"
SUMMIT = f"{SCO}/bodies/heads-of-state/meetings/20"
MEETING_14 = f"{SCO}/bodies/{SCS}/meetings/14"
YEAR_2020 = f"{SCO}/calendar?from=2020-01-01&to=2020-12-31&body=heads-of-state"


@pytest.fixture
def summit(db):
    load([SUMMIT_FILE])


def entry(answer) -> dict | None:
    found = [e for e in answer.body["items"] if e["meeting"] and e["meeting"]["number"] == 20]
    return found[0] if found else None


def test_the_record_shows_the_original_plan_and_every_change(summit, anonymous):
    body = anonymous.get(SUMMIT).body
    assert body["status"] == "held"
    assert [c["kind"] for c in body["plan"]] == [
        "announced", "scheduled", "scheduled", "postponed", "moved-online", "held",
    ]  # fmt: skip
    first = body["plan"][0]
    assert (first["known_on"], first["date"], first["city"], first["country"]["code"]) == (
        "2018-03",
        "2020",
        "Chelyabinsk",
        "RU",
    )
    assert (body["plan"][2]["date"], body["plan"][2]["end"]) == ("2020-07-22", "2020-07-23")
    assert body["plan"][3]["date"] is None


@pytest.mark.parametrize(
    ("known_on", "expected"),
    [
        ("2018-02-28", None),  # not yet announced
        ("2018-04-01", ("2020", None, "Chelyabinsk, RU", "announced")),
        ("2019-12-31", ("2020-07-22", "2020-07-23", "Saint Petersburg, RU", "scheduled")),
        ("2020-06-01", ("2020-07-22", "2020-07-23", "Saint Petersburg, RU", "postponed")),
        ("2020-10-21", ("2020-11-10", None, "by video", "moved-online")),
        ("2021-01-01", ("2020-11-10", None, "by video", "held")),
    ],
)
def test_the_calendar_as_known_on_a_day(summit, anonymous, known_on, expected):
    found = entry(anonymous.get(f"{YEAR_2020}&known_on={known_on}"))
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found["date"], found["end"], found["place"], found["status"]) == expected


def test_the_calendar_of_today_shows_what_was_held(summit, anonymous):
    found = entry(anonymous.get(YEAR_2020))
    assert (found["date"], found["status"]) == ("2020-11-10", "held")


def test_a_bad_known_on_is_refused_naming_it(anonymous):
    answer = anonymous.get(f"{YEAR_2020}&known_on=2020-02-30")
    assert answer.status == 422
    assert "known_on" in str(answer.body)


def plan_of_14() -> list[dict]:
    return [
        {
            "kind": "announced",
            "known_on": "2019-01",
            "date": "2019-05-14",
            "city": "Bishkek",
            "country": "KG",
            "source": "test",
        },
        {"kind": "rescheduled", "known_on": "2019-04-02", "date": "2019-05-15"},
    ]


def test_a_plan_is_set_whole_and_the_meeting_follows_it(secretariat):
    read = secretariat.get(MEETING_14)
    assert read.body["plan"] == [] and read.body["status"] is None
    answer = secretariat.put(f"{MEETING_14}/plan", {"plan": plan_of_14()}, if_match=read.etag)
    assert answer.status == 200, answer.body
    assert answer.body["status"] == "rescheduled"
    assert [c["kind"] for c in answer.body["plan"]] == ["announced", "rescheduled"]
    assert answer.body["date"] == "2019-05-15" and answer.body["city"] == "Bishkek"
    assert answer.etag != read.etag
    # Sent back as read: nothing changes.
    again = secretariat.put(
        f"{MEETING_14}/plan",
        {
            "plan": [
                {k: v for k, v in c.items() if v not in (None, {}, "")}
                | {"country": c["country"]["code"] if c["country"] else None}
                for c in answer.body["plan"]
            ]
        },
        if_match=answer.etag,
    )
    assert again.status == 200 and again.etag == answer.etag


def test_a_cancelled_meeting_is_shown_so_in_every_listing(secretariat, anonymous):
    read = secretariat.get(MEETING_14)
    plan = [*plan_of_14(), {"kind": "cancelled", "known_on": "2019-05-01"}]
    answer = secretariat.put(f"{MEETING_14}/plan", {"plan": plan}, if_match=read.etag)
    assert answer.status == 200, answer.body
    assert answer.body["status"] == "cancelled"
    listed = anonymous.get(f"{SCO}/bodies/{SCS}/meetings").body["items"]
    assert [m["status"] for m in listed if m["number"] == 14] == ["cancelled"]
    calendar = anonymous.get(f"{SCO}/calendar?from=2019-05-01&to=2019-05-31&body={SCS}").body
    assert [e["status"] for e in calendar["items"] if e["meeting"]] == ["cancelled"]
    # As known before the cancellation: still planned.
    before = anonymous.get(
        f"{SCO}/calendar?from=2019-05-01&to=2019-05-31&body={SCS}&known_on=2019-04-30"
    ).body
    assert [e["status"] for e in before["items"] if e["meeting"]] == ["rescheduled"]


def snapshot() -> tuple:
    return (
        list(Meeting.objects.order_by("pk").values()),
        list(PlanChange.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("plan", "field"),
    [
        ([{"kind": "rescheduled", "known_on": "2019-01-02"}], "plan[0].date"),
        (
            [
                {"kind": "announced", "known_on": "2019-01-02", "date": "2019-05-15"},
                {"kind": "rescheduled", "known_on": "2019-02-02"},
            ],
            "plan[1].date",
        ),
        (
            [
                {"kind": "announced", "known_on": "2019-03-02", "date": "2019-05-15"},
                {"kind": "postponed", "known_on": "2019-02-02"},
            ],
            "plan[1].known_on",
        ),
        (
            [
                {"kind": "announced", "known_on": "2019-01-02", "date": "2019-05-15"},
                {"kind": "cancelled", "known_on": "2019-02-02"},
                {"kind": "held", "known_on": "2019-05-15"},
            ],
            "plan[2].kind",
        ),
        ([{"kind": "held", "known_on": "2019-05-01", "date": "2019-05-15"}], "plan[0].known_on"),
        (
            [
                {
                    "kind": "announced",
                    "known_on": "2019-01-02",
                    "date": "2019-05-15",
                    "country": "XX",
                }
            ],
            "plan[0].country",
        ),
        (
            [
                {
                    "kind": "announced",
                    "known_on": "2019-01-02",
                    "date": "2019-05-16",
                    "end": "2019-05",
                }
            ],
            "plan[0].end",
        ),
    ],
)
def test_a_wrong_plan_is_refused_naming_the_change_and_changes_nothing(secretariat, plan, field):
    read = secretariat.get(MEETING_14)
    before = snapshot()
    answer = secretariat.put(f"{MEETING_14}/plan", {"plan": plan}, if_match=read.etag)
    assert answer.status in (400, 422), answer.body
    assert field in answer.fields, answer.body
    assert snapshot() == before


def test_a_plan_needs_the_current_etag_and_the_right_to_write(secretariat, as_role):
    read = secretariat.get(MEETING_14)
    missing = secretariat.put(f"{MEETING_14}/plan", {"plan": plan_of_14()})
    assert missing.status == 428
    other = as_role("delegation").put(
        f"{MEETING_14}/plan", {"plan": plan_of_14()}, if_match=read.etag
    )
    assert other.status in (403, 404)
    secretariat.put(f"{MEETING_14}/plan", {"plan": plan_of_14()}, if_match=read.etag)
    stale = secretariat.put(f"{MEETING_14}/plan", {"plan": []}, if_match=read.etag)
    assert stale.status == 412


def test_a_meeting_with_a_plan_changes_its_dates_by_its_plan_only(summit, secretariat):
    read = secretariat.get(SUMMIT)
    moved = secretariat.patch(SUMMIT, {"date": "2020-11-11"}, if_match=read.etag)
    assert moved.status == 422
    assert moved.fields == ["date"]
    assert "change the meeting's plan instead" in str(moved.body)
    online = secretariat.patch(SUMMIT, {"mode": "in-person"}, if_match=read.etag)
    assert online.status == 422 and online.fields == ["mode"]
    venue = secretariat.patch(SUMMIT, {"venue": "Kremlin"}, if_match=read.etag)
    assert venue.status == 200, venue.body
