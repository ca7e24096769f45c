"""What a file adds to an entry another file defines (`add: true`) is remembered: a
later load of the defining file alone keeps it; only the adding file removes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.core.models import AuditEntry
from accord.meetings.models import Meeting
from accord.records.loader import LoadError, load
from accord.records.models import Addition

ORG = (
    "format: accord-record/1\n"
    "organization: {slug: tiny, name: Tiny Council}\n"
    "statuses: [{id: member, name: member, takes_decisions: true}]\n"
    "memberships: [{party: KG, status: member, from: '2000-01-01'},"
    " {party: KZ, status: member, from: '2000-01-01'}]\n"
    "bodies: [{id: council, name: Council, powers: [{verbs: [considered]}]}]\n"
    "meetings: [{body: council, number: 1, date: '2019-05-15', city: CITY,"
    " participants: [{party: KG, head: true}]}]\n"
)
YEAR = (
    "format: accord-record/1\norganization: {slug: tiny}\n"
    "meetings: [{body: council, number: 1, add: true, participants: PARTICIPANTS,"
    " agenda: [{id: one, title: Security}]}]\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def parties() -> list[str]:
    meeting = Meeting.objects.get(body__organization__slug="tiny", number=1)
    return sorted(meeting.participants.values_list("party__code", flat=True))


@pytest.mark.django_db
def test_reloading_the_defining_file_alone_keeps_what_another_file_added(tmp_path):
    org = write(tmp_path / "tiny.yaml", ORG.replace("CITY", "Bishkek"))
    year = write(tmp_path / "tiny-2019.yaml", YEAR.replace("PARTICIPANTS", "[{party: KZ}]"))
    load([org, year])
    assert parties() == ["KG", "KZ"]
    assert Addition.objects.get(organization__slug="tiny").file == "tiny-2019.yaml"
    # The definition alone, unchanged: nothing written, the addition kept.
    audited = AuditEntry.objects.count()
    again = load([org])
    assert again.tally.count_of("removed") == again.tally.count_of("created") == 0
    assert AuditEntry.objects.count() == audited and parties() == ["KG", "KZ"]
    # The definition changed and loaded alone: what it says changes, the addition stays.
    write(org, ORG.replace("CITY", "Osh"))
    load([org])
    meeting = Meeting.objects.get(body__organization__slug="tiny", number=1)
    assert meeting.city == "Osh" and parties() == ["KG", "KZ"]
    assert meeting.agenda.count() == 1
    # The adding file removes what it added: taken out, loaded with the definition.
    write(year, YEAR.replace("PARTICIPANTS", "[]"))
    load([org, year])
    assert parties() == ["KG"]
    assert Addition.objects.get(organization__slug="tiny").entry["participants"] == []
    load([org])
    assert parties() == ["KG"]


@pytest.mark.django_db
def test_a_definition_loaded_alone_says_its_own_words_and_the_adding_file_is_checked_again(
    tmp_path,
):
    org = write(tmp_path / "tiny.yaml", ORG.replace("CITY", "Bishkek"))
    year = write(tmp_path / "tiny-2019.yaml", YEAR.replace("PARTICIPANTS", "[{party: KZ}]"))
    load([org, year])
    changed = ORG.replace("CITY", "Bishkek").replace(
        "participants:", "agenda: [{id: one, title: Trade}], participants:"
    )
    write(org, changed)
    load([org])
    meeting = Meeting.objects.get(body__organization__slug="tiny", number=1)
    assert list(meeting.agenda.values_list("title", flat=True)) == ["Trade"]
    assert parties() == ["KG", "KZ"]
    before = AuditEntry.objects.count()
    with pytest.raises(LoadError) as caught:
        load([year, org])
    message = "\n".join(str(p) for p in caught.value.problems)
    assert f"{year}: meetings[0].agenda[0]" in message and f"{org}" in message, message
    assert AuditEntry.objects.count() == before
