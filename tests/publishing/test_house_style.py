"""An organization's house style as record data (`publishing.house_style`): the kind
of headline, for every body or by body, and the dateline on the meeting's first or
last day; refused with the field named when wrong, and dumped as loaded."""

from __future__ import annotations

import pytest
import yaml

from accord.core.errors import DomainError
from accord.meetings.models import Meeting
from accord.publishing import services
from accord.publishing.compose import write
from accord.publishing.inputs import ProfileFields
from accord.publishing.models import PublishingProfile
from accord.publishing.selectors import profile_of
from accord.records.dumper import dump
from accord.records.loader import LoadError, load
from accord.registry.models import Organization
from tests.test_records import BRICS

pytestmark = pytest.mark.django_db


def _style(house_style: dict) -> None:
    PublishingProfile.objects.filter(organization__slug="sco").update(house_style=house_style)


def _m14() -> Meeting:
    return Meeting.objects.get(body__slug="security-council-secretaries", number=14)


def test_the_defaults_are_the_press_release_styles():
    written = write(_m14())
    assert written.headline.startswith("SCO Secretary-General Vladimir Norov attends")
    assert written.dateline == "Bishkek, 15 May 2019"


@pytest.mark.parametrize(
    "house_style", [{"headline": "held"}, {"headlines": {"security-council-secretaries": "held"}}]
)
def test_a_held_headline_for_every_body_or_for_one(house_style):
    _style(house_style)
    written = write(_m14())
    assert written.headline == (
        "The 14th Meeting of SCO Member States' Security Council Secretaries held in Bishkek"
    )
    # The Secretary-General's attendance is still told in the text.
    assert "SCO Secretary-General Vladimir Norov took part in the meeting." in written.text


def test_a_body_of_its_own_keeps_the_organizations_headline_elsewhere():
    _style({"headline": "held", "headlines": {"security-council-secretaries": "attends"}})
    assert write(_m14()).headline.startswith("SCO Secretary-General Vladimir Norov attends")


@pytest.mark.parametrize(
    ("dateline", "day"), [("first-day", "13 June 2019"), ("last-day", "14 June 2019")]
)
def test_the_dateline_of_a_two_day_meeting_on_its_first_or_last_day(dateline, day):
    _style({"dateline": dateline})
    summit = Meeting.objects.get(body__slug="heads-of-state", number=19)
    assert (summit.start.day, summit.end.day) == (13, 14)
    assert write(summit).dateline == f"Bishkek, {day}"
    assert write(summit, language="ru").dateline.startswith(f"Бишкек, {day[:2]} июня 2019")


@pytest.mark.parametrize(
    ("house_style", "field"),
    [
        ({"headline": "summit"}, "house_style.headline"),
        ({"headlines": {"no-such-body": "held"}}, "house_style.headlines.no-such-body"),
        ({"headlines": {"heads-of-state": "big"}}, "house_style.headlines.heads-of-state"),
        ({"dateline": "middle"}, "house_style.dateline"),
        ({"colour": "red"}, "house_style.colour"),
    ],
)
def test_a_wrong_house_style_is_refused_naming_the_field(house_style, field):
    sco = Organization.objects.get(slug="sco")
    before = profile_of(sco).house_style
    with pytest.raises(DomainError) as refused:
        services.save_profile(sco, ProfileFields(languages=["en"], house_style=house_style))
    assert field in {p.field for p in refused.value.problems}
    assert profile_of(sco).house_style == before


def test_a_house_style_loads_from_the_record_and_dumps_back(tmp_path):
    record = yaml.safe_load(BRICS.read_text(encoding="utf-8"))
    body = record["bodies"][0]["id"]
    house_style = {"headline": "held", "headlines": {body: "attends"}, "dateline": "last-day"}
    record["publishing"] = {**record.get("publishing", {}), "house_style": house_style}
    path = tmp_path / "brics.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    load([path])
    org = Organization.objects.get(slug=record["organization"]["slug"])
    assert PublishingProfile.objects.get(organization=org).house_style == house_style
    assert dump(org)["publishing"]["house_style"] == house_style

    record["publishing"]["house_style"] = {"dateline": "middle"}
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        load([path])
    assert "dateline" in str(refused.value)
    assert PublishingProfile.objects.get(organization=org).house_style == house_style
