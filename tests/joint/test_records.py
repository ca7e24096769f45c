"""Joint meetings in record files: loaded, dumped, loaded again without a write."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.core.models import AuditEntry
from accord.meetings.models import Meeting
from accord.records.dumper import as_yaml, dump
from accord.records.loader import LoadError, load
from accord.registry.models import Organization

from .conftest import CSTO


def _dump() -> str:
    return as_yaml(dump(Organization.objects.get(slug="csto")))


@pytest.mark.django_db
def test_a_joint_session_is_one_meeting_of_three_bodies_and_reloads_without_a_write(csto):
    assert csto.body.slug == "foreign-ministers"
    assert [r.body.slug for r in csto.joint_rows.all()] == [
        "defence-ministers",
        "security-council-secretaries",
    ]
    assert Meeting.objects.filter(body__organization__slug="csto").count() == 4
    text = _dump()
    assert "joint_bodies:\n  - defence-ministers\n  - security-council-secretaries" in text
    audited = AuditEntry.objects.count()
    again = load(CSTO)
    assert again.tally.count_of("created") == 0 and again.tally.count_of("updated") == 0
    assert again.tally.count_of("removed") == 0
    assert AuditEntry.objects.count() == audited
    assert _dump() == text


@pytest.mark.django_db
def test_a_dump_with_numbers_in_each_series_loads_and_dumps_identical(csto, tmp_path):
    extra = tmp_path / "numbers.yaml"
    extra.write_text(
        "format: accord-record/1\norganization: {slug: csto}\nmeetings:\n"
        "  - {body: foreign-ministers, number: 7, date: '2017-11', kind: regular,"
        " joint_bodies: [{body: defence-ministers, number: 4}, security-council-secretaries]}\n"
        "  - {body: defence-ministers, number: 5, date: '2018-05-20'}\n",
        encoding="utf-8",
    )
    load([*CSTO, extra])
    text = _dump()
    assert "- body: defence-ministers\n    number: 4" in text
    dumped = tmp_path / "dump.yaml"
    dumped.write_text(text, encoding="utf-8")
    again = load([dumped])
    assert again.tally.count_of("created") == 0 and again.tally.count_of("updated") == 0
    assert _dump() == text


@pytest.mark.django_db
def test_a_number_taken_in_a_joint_body_series_is_refused_naming_the_field(csto, tmp_path):
    extra = tmp_path / "bad.yaml"
    extra.write_text(
        "format: accord-record/1\norganization: {slug: csto}\nmeetings:\n"
        "  - {body: defence-ministers, number: 4, date: '2017-05-10'}\n"
        "  - {body: foreign-ministers, number: 7, date: '2017-11',"
        " joint_bodies: [{body: defence-ministers, number: 4}]}\n",
        encoding="utf-8",
    )
    before = AuditEntry.objects.count()
    with pytest.raises(LoadError) as caught:
        load([extra])
    text = str(caught.value)
    assert "joint_bodies[0].number" in text and "number 4 is already taken" in text
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_a_file_naming_an_unknown_joint_body_is_refused_naming_the_field(csto, tmp_path):
    extra = tmp_path / "bad.yaml"
    extra.write_text(
        "format: accord-record/1\norganization: {slug: csto}\nmeetings:\n"
        "  - {body: foreign-ministers, id: x, date: '2017-11',"
        " joint_bodies: [defence-ministers, {body: heads-of-government}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as caught:
        load([extra])
    text = str(caught.value)
    assert "joint_bodies[1].body" in text and "heads-of-government" in text
    assert not Meeting.objects.filter(slug="x").exists()


@pytest.mark.django_db
def test_the_convening_body_named_again_is_refused(csto, tmp_path: Path):
    extra = tmp_path / "bad.yaml"
    extra.write_text(
        "format: accord-record/1\norganization: {slug: csto}\nmeetings:\n"
        "  - {body: foreign-ministers, id: x, date: '2017-11',"
        " joint_bodies: [foreign-ministers]}\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as caught:
        load([extra])
    assert "joint_bodies[0]" in str(caught.value) and "convenes the meeting" in str(caught.value)
