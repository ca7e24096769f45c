"""Joint meetings on the pages: each body's series lists the meeting, marked with the
other bodies; the meeting's page names all its bodies, in each language."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.meetings.joint import set_joint_bodies
from accord.meetings.models import Meeting
from tests.web.conftest import text

pytestmark = pytest.mark.usefixtures("no_response_cache")

CSTO = "/organizations/csto"
PAGE = f"{CSTO}/bodies/foreign-ministers/meetings/2016-10-yerevan-joint/"
NAMES = {
    "en": "Joint meeting of the Council of Foreign Ministers, the Council of Defence"
    " Ministers and the Committee of Secretaries of Security Councils",
    "ru": "Совместное заседание Совета министров иностранных дел, Совета министров обороны"
    " и Комитета секретарей советов безопасности",
    "zh-hans": "外交部长理事会、国防部长理事会和安全会议秘书委员会联席会议",
}


def _client(language: str) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["django_language"] = language
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_the_meeting_page_names_all_its_bodies(csto, language):
    page = _client(language).get(PAGE)
    assert page.status_code == 200
    assert NAMES[language] in text(page)
    for body in ("foreign-ministers", "defence-ministers", "security-council-secretaries"):
        assert f'href="{CSTO}/bodies/{body}/"' in page.content.decode()


@pytest.mark.django_db
def test_each_body_page_lists_the_joint_meeting_marked_with_the_others(csto):
    for body, others in [
        ("defence-ministers", "Council of Foreign Ministers, Committee of Secretaries"),
        ("security-council-secretaries", "Council of Foreign Ministers, Council of Defence"),
        ("foreign-ministers", "Council of Defence Ministers, Committee of Secretaries"),
    ]:
        page = _client("en").get(f"{CSTO}/bodies/{body}/")
        assert page.status_code == 200
        words = text(page)
        assert f"(joint meeting with {others}" in words, body
        assert words.count("joint meeting with") == 2  # Yerevan 2016 and Bishkek 2019
        assert f'href="{PAGE}"' in page.content.decode()
    heads = text(_client("en").get(f"{CSTO}/bodies/collective-security-council/"))
    assert "joint meeting with" not in heads


@pytest.mark.django_db
def test_a_joint_body_lists_the_meeting_under_its_own_number(csto):
    defence = csto.body.organization.bodies.get(slug="defence-ministers")
    set_joint_bodies(csto, [(defence, 9)])
    page = _client("en").get(f"{CSTO}/bodies/defence-ministers/")
    assert f'<a href="{PAGE}">9</a>' in page.content.decode()


@pytest.mark.django_db
def test_the_body_page_runs_as_many_queries_with_joint_meetings_as_without(
    csto, django_assert_num_queries
):
    client = _client("en")
    client.get(f"{CSTO}/bodies/defence-ministers/")  # sessions, caches warmed

    def count(path: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    joined = count(f"{CSTO}/bodies/defence-ministers/")
    Meeting.objects.create(
        body=csto.body, slug="extra", start=csto.start, end=csto.end, date_precision="month"
    )
    more = Meeting.objects.get(slug="extra")
    set_joint_bodies(more, [(csto.body.organization.bodies.get(slug="defence-ministers"), None)])
    assert count(f"{CSTO}/bodies/defence-ministers/") == joined
    meeting = count(PAGE)
    set_joint_bodies(csto, [])
    # (one fewer: a meeting with no joint bodies is not asked for them, its flag read
    # with it: `visibility.FLAGGED_PARTS`)
    assert count(PAGE) == meeting - 1
