"""A joint meeting answers at the address of every body it belongs to — by its number in
that body's series, or its id where that series does not number it — with a permanent
redirect to its one canonical address, its convening body's: the page, the minutes and
the record of changes, the API's record and audit trail; `accord meeting` answers there
too. A meeting hidden from the reader is as unknown at every address."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.bodies.models import Body
from accord.meetings.joint import set_joint_bodies
from accord.meetings.models import Meeting
from tests.api.conftest import Api
from tests.web.conftest import text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_response_cache")]

CSTO = "/organizations/csto"
CANONICAL = f"{CSTO}/bodies/foreign-ministers/meetings/2016-10-yerevan-joint"
# The Council of Defence Ministers numbers it (9th); the Committee does not.
DEFENCE = f"{CSTO}/bodies/defence-ministers/meetings/9"
SECRETARIES = f"{CSTO}/bodies/security-council-secretaries/meetings/2016-10-yerevan-joint"


@pytest.fixture
def numbered(csto):
    """The Yerevan joint session, 9th in the Council of Defence Ministers' series."""
    bodies = {b.slug: b for b in Body.objects.filter(organization=csto.body.organization)}
    set_joint_bodies(
        csto, [(bodies["defence-ministers"], 9), (bodies["security-council-secretaries"], None)]
    )
    return csto


def _client(language: str = "en") -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize("address", [DEFENCE, SECRETARIES])
@pytest.mark.parametrize("page", ["", "minutes/", "changes/"])
def test_each_page_of_the_meeting_moves_to_the_convening_bodys_address(numbered, address, page):
    answer = _client().get(f"{address}/{page}")
    assert answer.status_code == 301
    assert answer["Location"] == f"{CANONICAL}/{page}"


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_the_redirect_keeps_the_query_and_leads_to_the_page(numbered, language):
    client = _client(language)
    answer = client.get(f"{DEFENCE}/?on=2016-10-15")
    assert answer["Location"] == f"{CANONICAL}/?on=2016-10-15"
    page = client.get(f"{DEFENCE}/", follow=True)
    assert page.redirect_chain == [(f"{CANONICAL}/", 301)]
    assert page.status_code == 200
    assert {"en": "Joint meeting", "ru": "Совместное заседание", "zh-hans": "联席会议"}[
        language
    ] in text(page)


def test_the_canonical_address_answers_itself(numbered):
    assert _client().get(f"{CANONICAL}/").status_code == 200
    # Its number in the convening body's series is not one in another's.
    assert _client().get(f"{CSTO}/bodies/foreign-ministers/meetings/9/").status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        f"{CSTO}/bodies/defence-ministers/meetings/8/",  # no such number in its series
        f"{CSTO}/bodies/collective-security-council/meetings/2016-10-yerevan-joint/",
        f"{CSTO}/bodies/collective-security-council/meetings/9/",
    ],
)
def test_a_body_that_does_not_join_it_does_not_answer(numbered, address):
    assert _client().get(address).status_code == 404


def test_an_unnumbered_joint_meeting_answers_by_its_id(csto):
    answer = _client().get(f"{CSTO}/bodies/defence-ministers/meetings/2016-10-yerevan-joint/")
    assert answer.status_code == 301
    assert answer["Location"] == f"{CANONICAL}/"


def test_a_meeting_hidden_from_the_reader_is_unknown_at_every_address(numbered):
    numbered.classification = "organization"
    numbered.save(update_fields=["classification"])
    for address in (CANONICAL, DEFENCE, SECRETARIES):
        assert _client().get(f"{address}/").status_code == 404, address
        assert Api().get(address).status == 404, address


def test_the_api_record_and_audit_trail_move_to_the_convening_bodys_address(numbered):
    for address in (DEFENCE, SECRETARIES):
        moved = Api().get(address)
        assert moved.status == 301
        assert moved.headers["Location"] == f"/api/v1{CANONICAL}"
        audit = Api().get(f"{address}/audit?limit=5")
        assert audit.status == 301
        assert audit.headers["Location"] == f"/api/v1{CANONICAL}/audit?limit=5"
    record = Api().get(CANONICAL)
    assert record.status == 200
    assert record.body["body"]["slug"] == "foreign-ministers"
    assert Api().get(f"{CSTO}/bodies/defence-ministers/meetings/8").status == 404


def test_accord_meeting_answers_at_each_bodys_address(numbered, accord):
    for body, ref in [
        ("defence-ministers", "9"),
        ("security-council-secretaries", "2016-10-yerevan-joint"),
        ("foreign-ministers", "2016-10-yerevan-joint"),
    ]:
        data = accord("meeting", "csto", body, ref, "--format", "json")
        assert (data["body"], data["id"]) == ("foreign-ministers", "2016-10-yerevan-joint")
        assert data["joint_bodies"][0] == {
            "body": "defence-ministers",
            "name": "Council of Defence Ministers",
            "number": 9,
        }
    out = accord("meeting", "csto", "defence-ministers", "9")
    assert "also:     9th meeting of the Council of Defence Ministers" in out
    with pytest.raises(Exception, match="defence-ministers has no meeting '8'"):
        accord("meeting", "csto", "defence-ministers", "8")


def test_accord_press_release_writes_the_joint_meetings_release_at_each_bodys_address(
    numbered, accord
):
    at_defence = accord(
        "press-release", "csto", "defence-ministers", "9", "--lang", "ru", "--format", "json"
    )
    at_home = accord(
        "press-release",
        "csto",
        "foreign-ministers",
        "2016-10-yerevan-joint",
        "--lang",
        "ru",
        "--format",
        "json",
    )
    assert at_defence == at_home
    assert "совместное заседание Совета министров иностранных дел" in at_home["headline"]


def test_the_redirect_runs_as_many_queries_however_many_meetings_the_body_joins(numbered):
    client = _client()
    client.get(f"{DEFENCE}/")  # sessions, caches warmed

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{DEFENCE}/").status_code == 301
        return len(queries)

    before = count()
    defence = Body.objects.get(organization=numbered.body.organization, slug="defence-ministers")
    for n, day in [(10, 1), (11, 2)]:
        more = Meeting.objects.create(
            body=numbered.body,
            slug=f"extra-{n}",
            start=numbered.start.replace(year=2017, day=day),
            end=numbered.start.replace(year=2017, day=day),
        )
        set_joint_bodies(more, [(defence, n)])
    assert count() == before
