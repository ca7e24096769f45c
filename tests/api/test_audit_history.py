"""An object's audit history, as each reader may see it: the history of a readable
object shows no reference to what its reader cannot read, names the writers only to
those who keep the organization's record (the others read roles), and carries no
number that counts the writes made elsewhere."""

from __future__ import annotations

import json

import pytest

from accord.meetings.inputs import MeetingFields
from accord.meetings.models import Meeting
from tests.api.conftest import SCS

SCO = "/organizations/sco"
MEETING_14 = f"{SCO}/bodies/{SCS}/meetings/14"
SUMMIT = f"{SCO}/bodies/heads-of-state/meetings/19"
REPORT = f"{SCO}/documents/scsc-14-information-report"
OUTSIDERS = ["anonymous", "public-user", "observer", "delegation", "delegation-scs"]
KEEPERS = ["secretariat", "admin"]


def patch(api, path: str, changes: dict) -> None:
    read = api.get(path)
    answer = api.patch(path, changes, if_match=read.etag, x_request_id="req-history")
    assert answer.status == 200, answer.body


@pytest.fixture
def hidden_summit(secretariat) -> Meeting:
    """The Bishkek summit, which the 14th meeting prepares, made the members' only."""
    patch(secretariat, SUMMIT, {"classification": "organization"})
    return Meeting.objects.get(body__slug="heads-of-state", number=19)


def prepares(items: list[dict]) -> list:
    return [
        side["prepares_id"]
        for entry in items
        for side in (entry["before"], entry["after"])
        if side and "prepares_id" in side
    ]


def test_a_reference_to_a_meeting_the_reader_cannot_read_is_withheld(as_role, hidden_summit):
    anonymous = as_role("anonymous")
    assert anonymous.get(SUMMIT).status == 404
    items = anonymous.get(f"{MEETING_14}/audit?limit=200").body["items"]
    # Created preparing nothing, then (the loader's second pass) the summit.
    assert prepares(items) == [None, None, "(withheld)"]
    # Those who may read the summit read the reference.
    for role in ("secretariat", "delegation"):
        items = as_role(role).get(f"{MEETING_14}/audit?limit=200").body["items"]
        assert prepares(items) == [None, None, hidden_summit.pk], role


@pytest.mark.parametrize("role", OUTSIDERS + KEEPERS)
def test_writers_are_named_only_to_those_who_keep_the_record(as_role, secretariat, role):
    patch(secretariat, MEETING_14, {"venue": "Ala Archa State Residence"})
    answer = as_role(role).get(f"{MEETING_14}/audit?limit=200")
    assert answer.status == 200
    first, last = answer.body["items"][0], answer.body["items"][-1]
    assert last["after"] == {"venue": "Ala Archa State Residence"}
    if role in KEEPERS:
        assert (first["actor"], last["actor"]) == ("load", "user:user-api-secretariat")
        assert last["request_id"] == "req-history"
    else:
        assert (first["actor"], last["actor"]) == ("record loader", "secretariat")
        assert last["request_id"] is None
        assert "user-api-secretariat" not in json.dumps(answer.body)


def test_roles_name_the_delegation_the_administrator_and_the_command_line(as_role):
    from accord.core.audit import acting
    from accord.meetings import services
    from tests.accounts.people import RoleSpec, make

    make(RoleSpec("history-kz", delegations=frozenset({("sco", "KZ")})))
    as_role("admin")
    meeting = Meeting.objects.get(body__slug=SCS, number=14)
    writers = ["user:user-history-kz", "user:user-api-admin", "cli:attach plan.pdf"]
    for n, writer in enumerate(writers):
        with acting(writer):
            values = {"start": meeting.start, "end": meeting.end, "venue": f"venue {n}"}
            services.save_meeting(meeting.body, meeting.slug, MeetingFields(**values))
    items = as_role("anonymous").get(f"{MEETING_14}/audit?limit=200").body["items"]
    assert [e["actor"] for e in items[-3:]] == [
        "delegation of KZ",
        "administrator",
        "administrator",
    ]


def test_the_history_counts_only_its_own_entries(as_role, secretariat):
    anonymous = as_role("anonymous")
    before = anonymous.get(f"{MEETING_14}/audit?limit=1")
    walked = anonymous.get(f"{MEETING_14}/audit?limit=200").body["items"]
    assert [e["number"] for e in walked] == list(range(1, len(walked) + 1))
    assert all(e["seq"] is None and e["hash"] is None for e in walked)
    # Writes the public cannot see change nothing the public reads of this history:
    # not its numbers, not its cursors.
    patch(secretariat, REPORT, {"title": "Information report (revised)"})
    patch(secretariat, REPORT, {"title": "Information report (revised again)"})
    after = anonymous.get(f"{MEETING_14}/audit?limit=1")
    assert after.body == before.body
    assert after.body["next_cursor"] is not None
    # The next public write follows the last one, whatever was written in between.
    patch(secretariat, MEETING_14, {"venue": "Ala Archa State Residence"})
    now = anonymous.get(f"{MEETING_14}/audit?limit=200").body["items"]
    assert now[:-1] == walked
    assert now[-1]["number"] == len(walked) + 1
    assert set(now[-1]) == set(walked[-1])
    assert (now[-1]["seq"], now[-1]["hash"], now[-1]["request_id"]) == (None, None, None)
    # The keepers see the trail's own numbers too, and the writes in between.
    kept = secretariat.get(f"{MEETING_14}/audit?limit=200").body["items"]
    assert [e["number"] for e in kept] == [e["number"] for e in now]
    assert all(isinstance(e["seq"], int) and len(e["hash"]) == 64 for e in kept)
    assert kept[-1]["seq"] - kept[-2]["seq"] > 2
