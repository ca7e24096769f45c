"""Record files and live edits share one record: a reload never silently undoes what
was recorded through the API since the files were loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.core.models import AuditEntry
from accord.meetings.models import Meeting
from accord.records.loader import LoadError, load
from tests.api.conftest import SCS
from tests.api.test_meeting_parts import MEETING_14

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
