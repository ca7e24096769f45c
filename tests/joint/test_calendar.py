"""A joint meeting in the calendars: one entry (not one per body), named by all its
bodies, found under each body's filter: the API, the web page, iCalendar, the CLI."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.conftest import Api
from tests.web.conftest import text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_response_cache")]

TITLE = (
    "Joint meeting of the Council of Foreign Ministers, the Council of Defence Ministers"
    " and the Committee of Secretaries of Security Councils"
)


@pytest.mark.parametrize("body", [None, "defence-ministers", "security-council-secretaries"])
def test_the_api_calendar_has_one_entry_named_by_all_bodies(csto, body):
    query = "from=2016-01-01&to=2016-12-31" + (f"&body={body}" if body else "")
    items = Api().get(f"/organizations/csto/calendar?{query}").body["items"]
    joint = [i for i in items if i["meeting"]["id"] == "2016-10-yerevan-joint"]
    assert len(joint) == 1
    assert joint[0]["title"] == TITLE
    if body:
        assert len(items) == 1  # the Council's own session is not this body's


def test_the_web_calendar_lists_it_once_with_every_body(csto):
    client = Client(HTTP_HOST="127.0.0.1")
    page = client.get(
        "/organizations/csto/calendar/",
        {"from": "2016-01-01", "to": "2016-12-31", "body": "security-council-secretaries"},
    )
    assert page.status_code == 200
    words = text(page)
    assert words.count("Joint meeting of") == 1
    assert (
        "Council of Foreign Ministers, Council of Defence Ministers,"
        " Committee of Secretaries of Security Councils" in words
    )


def test_the_ical_feed_of_a_joint_body_holds_one_event_named_by_all_bodies(csto):
    feed = Client(HTTP_HOST="127.0.0.1").get("/calendar/csto/defence-ministers.ics")
    assert feed.status_code == 200
    body = feed.content.decode().replace("\r\n ", "")
    assert body.count("BEGIN:VEVENT") == 2  # Yerevan 2016 and Bishkek 2019
    assert "SUMMARY:The joint meeting of the Council of Foreign Ministers" in body


def test_accord_calendar_names_the_joint_meeting(csto, accord):
    out = accord("calendar", "csto", "--from", "2016-01-01", "--to", "2016-12-31")
    assert out.count("Joint meeting of") == 1 and TITLE in out


def test_an_entry_written_before_follows_what_it_is_made_of(csto):
    """The iCalendar entries kept by what they are made of (`ics._written`) follow a
    body renamed and a meeting cancelled without a revision of the entry's own, and
    are the entries written afresh."""
    from accord.bodies.models import Body
    from accord.meetings.models import Meeting
    from accord.publishing import ics

    client = Client(HTTP_HOST="127.0.0.1")
    path = "/calendar/csto/defence-ministers.ics"
    before = client.get(path).content.decode().replace("\r\n ", "")
    assert "Renamed Council" not in before and "STATUS:CANCELLED" not in before
    Body.objects.filter(organization__slug="csto", slug="defence-ministers").update(
        name="Renamed Council", names={}
    )
    Meeting.objects.filter(pk=csto.pk).update(status="cancelled")
    after = client.get(path).content
    unfolded = after.decode().replace("\r\n ", "")
    assert "Renamed Council" in unfolded and "STATUS:CANCELLED" in unfolded
    ics._written.clear()
    assert client.get(path).content == after
