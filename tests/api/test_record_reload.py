"""Record files and live edits share one record: a reload never silently undoes what
was recorded through the API since the files were loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from accord.core.models import AuditEntry
from accord.meetings.models import Meeting
from accord.records.dumper import as_yaml, dump
from accord.records.loader import LoadError, load
from accord.registry.models import Organization
from tests.api.conftest import SCS
from tests.api.test_meeting_parts import MEETING_14, as_input

SEED = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


def _venue() -> str:
    return Meeting.objects.get(body__slug=SCS, number=14).venue


@pytest.mark.django_db
def test_a_reload_refuses_to_undo_an_edit_made_through_the_api_unless_told(secretariat):
    was = _venue()
    read = secretariat.get(MEETING_14)
    assert secretariat.patch(MEETING_14, {"venue": "Ala Archa"}, if_match=read.etag).status == 200
    entries = AuditEntry.objects.count()
    with pytest.raises(LoadError) as caught:
        load(SEED)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 1, messages
    assert "sco-2019-security-council-secretaries.yaml: meetings[" in messages[0]
    assert "].venue: the record holds 'Ala Archa' (recorded by " in messages[0]
    assert f"the file says {was!r}" in messages[0]
    assert _venue() == "Ala Archa" and AuditEntry.objects.count() == entries
    report = load(SEED, overwrite=True)
    assert report.tally.count_of("updated") == 1
    assert _venue() == was
    last = AuditEntry.objects.filter(model="meetings.Meeting").order_by("-seq").first()
    assert last.actor.endswith("--overwrite") and last.after == {"venue": was}
    # Loaded once more, nothing is written: the row was last changed by a load.
    entries = AuditEntry.objects.count()
    assert load(SEED).tally.count_of("updated") == 0
    assert AuditEntry.objects.count() == entries


@pytest.mark.django_db
def test_a_reload_refuses_to_undo_links_changed_through_the_api_unless_told(secretariat):
    meeting = Meeting.objects.get(body__slug=SCS, number=14)
    was = sorted(meeting.co_chairs.values_list("code", flat=True))
    read = secretariat.get(MEETING_14)
    answer = secretariat.patch(MEETING_14, {"co_chairs": ["KZ"]}, if_match=read.etag)
    assert answer.status == 200, answer.json()
    entries = AuditEntry.objects.count()
    with pytest.raises(LoadError) as caught:
        load(SEED)
    messages = [str(p) for p in caught.value.problems]
    assert any(
        "sco-2019-security-council-secretaries.yaml: meetings[" in m
        and "].co_chairs: the record holds ['KZ'] (recorded by " in m
        and f"the file says {was!r}" in m
        for m in messages
    ), messages
    assert AuditEntry.objects.count() == entries
    assert list(meeting.co_chairs.values_list("code", flat=True)) == ["KZ"]
    load(SEED, overwrite=True)
    assert sorted(meeting.co_chairs.values_list("code", flat=True)) == was
    last = AuditEntry.objects.filter(model="meetings.Meeting").order_by("-seq").first()
    assert last.actor.endswith("--overwrite") and last.after == {"co_chairs": []}


@pytest.mark.django_db
def test_a_person_whose_last_mention_the_api_removes_stays_in_the_dump(secretariat):
    sco = Organization.objects.get(slug="sco")
    before = as_yaml(dump(sco))
    read = secretariat.get(MEETING_14)
    inputs = [as_input(p) for p in read.body["participants"]]
    # A participant the SCO's record names nowhere else.
    (gone,) = [p for p in inputs if p["person"] and before.count(f"person: {p['person']}") == 1][:1]
    kept = [p for p in inputs if p is not gone]
    answer = secretariat.put(
        f"{MEETING_14}/participants", {"participants": kept}, if_match=read.etag
    )
    assert answer.status == 200, answer.body
    after = as_yaml(dump(sco))
    assert f"person: {gone['person']}" not in after and f"id: {gone['person']}" in after
    # The dump loads alone into an empty record and dumps again the same (the lossless
    # cycle is checked on every organization by tests/test_record_dumps.py).
    assert yaml.safe_load(after)["people"] == yaml.safe_load(before)["people"]


@pytest.mark.django_db
def test_dump_edit_load_while_another_user_edits_a_different_meeting(secretariat, tmp_path):
    sco = Organization.objects.get(slug="sco")
    path = tmp_path / "sco.yaml"
    path.write_text(as_yaml(dump(sco)), encoding="utf-8")
    # Another user changes the 14th meeting through the API after the dump.
    read = secretariat.get(MEETING_14)
    assert secretariat.patch(MEETING_14, {"venue": "Ala Archa"}, if_match=read.etag).status == 200
    # The file's copy of another meeting is edited, and loaded.
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    meetings = record["meetings"]
    a = next(i for i, m in enumerate(meetings) if m["body"] == SCS and m["number"] == 14)
    b = next(i for i, m in enumerate(meetings) if m["body"] != SCS)
    meetings[b]["note"] = "edited in the file"
    path.write_text(as_yaml(record), encoding="utf-8")
    load([path])
    edited = Meeting.objects.get(body__slug=meetings[b]["body"], number=meetings[b]["number"])
    assert edited.note == "edited in the file"
    assert _venue() == "Ala Archa"  # the other user's change is kept
    # A file changing the 14th meeting too (edited since its dump) is refused.
    meetings[a]["venue"] = "Somewhere else"
    path.write_text(as_yaml(record), encoding="utf-8")
    entries = AuditEntry.objects.count()
    with pytest.raises(LoadError) as caught:
        load([path])
    message = str(caught.value.problems[0])
    assert message.startswith(f"{path}: meetings[{a}].venue: the record holds 'Ala Archa'")
    assert "the file says 'Somewhere else'" in message
    assert AuditEntry.objects.count() == entries and _venue() == "Ala Archa"
    load([path], overwrite=True)
    assert _venue() == "Somewhere else"
