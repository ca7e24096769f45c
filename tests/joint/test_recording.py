"""The web edit form of a meeting sets its kind and the other bodies of a joint meeting,
through the same use cases as the API; a wrong body is refused beside the field."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from accord.core.models import AuditEntry
from accord.meetings.models import JointBody, Meeting
from tests.accounts.people import RoleSpec
from tests.web.conftest import sign_in, text
from tests.web.forms import form_fields, post_data

pytestmark = pytest.mark.django_db

CFM = "/organizations/csto/bodies/foreign-ministers/meetings"
EDIT = f"{CFM}/2016-10-yerevan-joint/edit/"


@pytest.fixture
def officer(csto, settings) -> Client:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    role = RoleSpec("web-csto-secretariat", secretariat=frozenset({"csto"}))
    return sign_in(Client(HTTP_HOST="127.0.0.1"), role)


def _error(page, name: str) -> str:
    found = re.search(
        rf'<ul class="errorlist" id="id_{name}-error">(.*?)</ul>', page.content.decode(), re.S
    )
    assert found, f"no error beside {name}"
    return text(found.group(1))


def test_the_form_shows_the_kind_and_the_joint_bodies(officer):
    fields = form_fields(officer.get(EDIT))
    assert fields["kind"] == ["regular"]
    assert fields["joint_bodies"] == ["defence-ministers security-council-secretaries"]


def test_the_officer_sets_the_kind_and_the_joint_bodies(officer):
    fields = form_fields(officer.get(EDIT))
    answer = officer.post(
        EDIT,
        post_data(fields, kind="extraordinary", joint_bodies="security-council-secretaries:3"),
    )
    assert answer.status_code == 303, text(answer)[:2000]
    meeting = Meeting.objects.get(slug="2016-10-yerevan-joint")
    assert meeting.kind == "extraordinary"
    assert [(r.body.slug, r.number) for r in meeting.joint_rows.all()] == [
        ("security-council-secretaries", 3)
    ]
    fields = form_fields(officer.get(EDIT))
    assert fields["joint_bodies"] == ["security-council-secretaries:3"]
    answer = officer.post(EDIT, post_data(fields, joint_bodies=""))
    assert answer.status_code == 303
    assert not JointBody.objects.filter(meeting=meeting).exists()


def test_a_new_meeting_gets_its_kind_and_joint_bodies(officer):
    page = officer.get(f"{CFM}/new/")
    fields = post_data(
        form_fields(page),
        number="", slug="2022-11-yerevan-joint", date="2022-11", kind="regular",
        joint_bodies="defence-ministers security-council-secretaries",
    )  # fmt: skip
    answer = officer.post(f"{CFM}/new/", fields)
    assert answer.status_code == 303, text(answer)[:2000]
    made = Meeting.objects.get(slug="2022-11-yerevan-joint")
    assert made.kind == "regular" and made.number is None
    assert [r.body.slug for r in made.joint_rows.all()] == [
        "defence-ministers",
        "security-council-secretaries",
    ]


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("defence-ministers heads-of-government", "joint_bodies[1].body"),
        ("foreign-ministers", "convenes the meeting"),
        ("defence-ministers:x", "whole number"),
    ],
)
def test_a_wrong_joint_body_is_refused_beside_the_field_and_nothing_is_written(
    officer, given, reason
):
    fields = form_fields(officer.get(EDIT))
    before = AuditEntry.objects.count()
    answer = officer.post(EDIT, post_data(fields, joint_bodies=given, kind="informal"))
    assert answer.status_code in (200, 400, 422)
    assert reason in _error(answer, "joint_bodies")
    assert AuditEntry.objects.count() == before
    assert Meeting.objects.get(slug="2016-10-yerevan-joint").kind == "regular"
