"""A calendar of decades is shown a part at a time: the latest past meetings and the
soonest upcoming ones, each part linking to the next, with the filters kept."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from accord.web.browse.calendar import LIMIT
from tests.services.build import build_world, hold

pytestmark = pytest.mark.django_db
ORG = "/organizations/test-org-svc/calendar/"


def listed(page: str) -> list[str]:
    return re.findall(r"meetings/(\d+)/", page)


def test_the_past_is_listed_latest_first_a_part_at_a_time(client):
    world = build_world()
    # two meetings a year over many years; the oldest part's cut falls between two days
    for n in range(1, 2 * LIMIT + 11):
        hold(
            world.committee, f"test-{n}", dt.date(1950, 1, 1) + dt.timedelta(days=180 * n), number=n
        )
    first = client.get(ORG + "?body=test-committee").content.decode()
    shown = listed(first)
    assert shown[:3] == [str(2 * LIMIT + 10), str(2 * LIMIT + 9), str(2 * LIMIT + 8)]
    assert len(shown) == LIMIT
    earlier = re.search(r'<a href="(\?[^"]+)">Earlier meetings and events</a>', first)
    assert earlier is not None and "body=test-committee" in earlier.group(1)

    second = client.get(ORG + earlier.group(1).replace("&amp;", "&")).content.decode()
    assert listed(second)[0] == str(LIMIT + 10)  # the next one down, none repeated or lost
    third_link = re.search(r'<a href="(\?[^"]+)">Earlier meetings and events</a>', second)
    third = client.get(ORG + third_link.group(1).replace("&amp;", "&")).content.decode()
    assert listed(third) == [str(n) for n in range(10, 0, -1)]
    assert "Earlier meetings and events" not in third


def test_a_short_calendar_has_no_links_to_more(client):
    world = build_world()
    hold(world.committee, "test-1", dt.date(2019, 5, 15), number=1)
    page = client.get(ORG).content.decode()
    assert listed(page) == ["1"]
    assert "Earlier meetings and events" not in page and "Later meetings" not in page


def test_the_upcoming_meetings_are_listed_soonest_first_a_part_at_a_time(client):
    world = build_world()
    start = timezone.localdate() + dt.timedelta(days=30)
    for n in range(1, LIMIT + 6):
        hold(world.committee, f"test-{n}", start + dt.timedelta(days=7 * n), number=n)
    first = client.get(ORG).content.decode()
    assert listed(first) == [str(n) for n in range(1, LIMIT + 1)]
    later = re.search(r'<a href="(\?[^"]+)">Later meetings and events</a>', first)
    rest = client.get(ORG + later.group(1).replace("&amp;", "&")).content.decode()
    assert listed(rest) == [str(n) for n in range(LIMIT + 1, LIMIT + 6)]
