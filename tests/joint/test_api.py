"""Joint meetings through the API: the record names every body; create and PATCH take
`joint_bodies`; refusals name the field and write nothing; each body lists it."""

from __future__ import annotations

import pytest

from accord.accounts import services
from accord.core.models import AuditEntry
from accord.meetings.models import JointBody, Meeting
from tests.accounts.people import RoleSpec, make
from tests.api.conftest import Api

CSTO = "/organizations/csto"
CFM = f"{CSTO}/bodies/foreign-ministers/meetings"
JOINT = f"{CFM}/2016-10-yerevan-joint"


@pytest.fixture
def keeper(csto, settings) -> Api:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    person = make(RoleSpec("csto-secretariat", secretariat=frozenset({"csto"})))
    _, secret = services.create_token(person.user, "joint tests", days=1)
    return Api(secret)


def _rows() -> list:
    return list(JointBody.objects.order_by("pk").values())


@pytest.mark.django_db
def test_the_record_names_the_joint_bodies_in_order(csto):
    answer = Api().get(JOINT)
    assert answer.status == 200
    assert answer.body["body"]["slug"] == "foreign-ministers"
    assert answer.body["joint_bodies"] == [
        {"slug": "defence-ministers", "name": "Council of Defence Ministers", "number": None},
        {
            "slug": "security-council-secretaries",
            "name": "Committee of Secretaries of Security Councils",
            "number": None,
        },
    ]


@pytest.mark.django_db
def test_each_body_lists_the_joint_meeting_once(csto):
    for body in ("foreign-ministers", "defence-ministers", "security-council-secretaries"):
        items = Api().get(f"{CSTO}/bodies/{body}/meetings").body["items"]
        ids = [m["id"] for m in items]
        assert ids == ["2016-10-yerevan-joint", "2019-11-bishkek-joint"], body
        assert items[0]["body"] == "foreign-ministers"
        assert [b["slug"] for b in items[0]["joint_bodies"]] == [
            "defence-ministers",
            "security-council-secretaries",
        ]
    heads = Api().get(f"{CSTO}/bodies/collective-security-council/meetings").body["items"]
    assert [m["id"] for m in heads] == ["2016-10-yerevan", "2019-11-bishkek"]


@pytest.mark.django_db
def test_a_body_lists_a_joint_meeting_only_to_those_who_may_read_it(csto):
    Meeting.objects.filter(pk=csto.pk).update(classification="organization")
    listed = Api().get(f"{CSTO}/bodies/defence-ministers/meetings").body["items"]
    assert [m["id"] for m in listed] == ["2019-11-bishkek-joint"]


@pytest.mark.django_db
def test_create_and_patch_take_joint_bodies(keeper):
    created = keeper.post(
        CFM,
        {
            "number": 30,
            "kind": "regular",
            "date": "2020-06",
            "joint_bodies": [
                {"body": "defence-ministers", "number": 12},
                "security-council-secretaries",
            ],
        },
    )
    assert created.status == 201, created.body
    assert [(b["slug"], b["number"]) for b in created.body["joint_bodies"]] == [
        ("defence-ministers", 12),
        ("security-council-secretaries", None),
    ]
    changed = keeper.patch(
        f"{CFM}/30", {"joint_bodies": ["security-council-secretaries"]}, if_match=created.etag
    )
    assert changed.status == 200, changed.body
    assert [b["slug"] for b in changed.body["joint_bodies"]] == ["security-council-secretaries"]
    kind = keeper.patch(f"{CFM}/30", {"kind": "extraordinary"}, if_match=changed.etag)
    assert kind.status == 200 and kind.body["kind"] == "extraordinary"
    assert [b["slug"] for b in kind.body["joint_bodies"]] == ["security-council-secretaries"]
    alone = keeper.patch(f"{CFM}/30", {"joint_bodies": []}, if_match=kind.etag)
    assert alone.body["joint_bodies"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("joint", "field", "reason"),
    [
        (["defence-ministers", "heads-of-government"], "joint_bodies[1].body", "no body"),
        (["foreign-ministers"], "joint_bodies[0]", "convenes the meeting"),
        (["defence-ministers", "defence-ministers"], "joint_bodies[1]", "named twice"),
    ],
)
def test_a_wrong_joint_body_is_refused_naming_the_field(keeper, joint, field, reason):
    rows, audited = _rows(), AuditEntry.objects.count()
    answer = keeper.post(CFM, {"number": 30, "date": "2020-06", "joint_bodies": joint})
    assert answer.status in (404, 422), answer.body
    assert answer.fields == [field], answer.body
    assert reason in answer.body["detail"][0]["reason"]
    assert not Meeting.objects.filter(body__slug="foreign-ministers", number=30).exists()
    assert _rows() == rows and AuditEntry.objects.count() == audited


@pytest.mark.django_db
def test_a_number_taken_in_a_joint_body_series_is_refused(keeper):
    first = keeper.post(
        f"{CSTO}/bodies/defence-ministers/meetings", {"number": 12, "date": "2020-01-10"}
    )
    assert first.status == 201, first.body
    rows = _rows()
    answer = keeper.patch(
        JOINT,
        {"joint_bodies": [{"body": "defence-ministers", "number": 12}]},
        if_match=keeper.get(JOINT).etag,
    )
    assert answer.status == 422, answer.body
    assert answer.fields == ["joint_bodies[0].number"]
    assert "number 12 is already taken" in answer.body["detail"][0]["reason"]
    assert _rows() == rows


@pytest.mark.django_db
def test_a_body_s_own_number_taken_by_a_meeting_it_joins_is_refused(keeper):
    created = keeper.post(
        CFM,
        {
            "number": 30,
            "date": "2020-06",
            "joint_bodies": [{"body": "defence-ministers", "number": 12}],
        },
    )
    assert created.status == 201, created.body
    answer = keeper.post(
        f"{CSTO}/bodies/defence-ministers/meetings", {"number": 12, "date": "2020-09-01"}
    )
    assert answer.status == 422, answer.body
    assert answer.fields == ["number"]
    assert "number 12 is already taken" in answer.body["detail"][0]["reason"]
    later = keeper.post(
        f"{CSTO}/bodies/defence-ministers/meetings", {"number": 11, "date": "2020-09-01"}
    )
    assert later.status == 422 and later.fields == ["number"]  # 11 after 12: out of order
