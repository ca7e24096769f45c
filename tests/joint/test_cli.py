"""Joint meetings on the command line: `accord body` lists the meeting under each of
its bodies; `accord meeting` names all of them, in text and JSON."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_accord_body_lists_the_joint_meeting_under_each_body(csto, accord):
    for body, others in [
        ("defence-ministers", ["foreign-ministers", "security-council-secretaries"]),
        ("foreign-ministers", ["defence-ministers", "security-council-secretaries"]),
    ]:
        data = accord("body", "csto", body, "--format", "json")
        joint = [m for m in data["meetings"] if m["id"] == "2016-10-yerevan-joint"]
        assert joint == [
            {
                "number": None,
                "id": "2016-10-yerevan-joint",
                "body": "foreign-ministers",
                "joint_with": others,
                "kind": "regular",
                "date": "2016-10",
                "city": "Yerevan",
                "mode": "in-person",
            }
        ]
        out = accord("body", "csto", body)
        assert f"(joint meeting with {', '.join(others)})" in out


def test_accord_meeting_names_all_bodies(csto, accord):
    data = accord(
        "meeting", "csto", "foreign-ministers", "2016-10-yerevan-joint", "--format", "json"
    )
    assert [j["body"] for j in data["joint_bodies"]] == [
        "defence-ministers",
        "security-council-secretaries",
    ]
    out = accord("meeting", "csto", "foreign-ministers", "2016-10-yerevan-joint")
    assert out.splitlines()[0] == (
        "Joint meeting of the Council of Foreign Ministers, the Council of Defence Ministers"
        " and the Committee of Secretaries of Security Councils, 2016-10-yerevan-joint"
    )
