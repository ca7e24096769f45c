"""Sessions in record files: loaded through the meetings' rules (a session participant
is a participant of the meeting, named by its party or its person; an agenda item
names the session it was taken up in), dumped back as written (load → dump → load
writes nothing), a changed file changes the sessions and the participant list alike,
and a file whose session breaks a rule is refused with the file's path, changing
nothing."""

from __future__ import annotations

import pytest

from accord.meetings.models import AgendaItem, Meeting, Session
from accord.records import dumper
from accord.records.loader import LoadError, load
from accord.registry.models import Organization

RECORD = """\
format: accord-record/1
organization: {slug: test-sessions, name: Test Union, decision_rule: consensus}
statuses:
  - {id: member, name: member, takes_decisions: true}
  - {id: observer, name: observer}
memberships:
  - {party: BR, status: member, from: "2000-01-01"}
  - {party: CN, status: member, from: "2000-01-01"}
  - {party: IN, status: member, from: "2000-01-01"}
  - {party: ZA, status: member, from: "2000-01-01"}
  - {party: EG, status: observer, from: "2000-01-01"}
people:
  - {id: test-sessions-president, name: A President, party: ZA}
  - {id: test-sessions-envoy, name: An Envoy, party: ZA}
bodies:
  - {id: summit, name: Summit}
meetings:
  - body: summit
    number: 15
    date: {from: "2023-08-22", to: "2023-08-24"}
    city: Johannesburg
    format: restricted-then-extended
    agenda:
      - {id: expansion, title: Expansion, session: restricted}
      - {id: africa, title: Partnership with Africa, session: outreach}
      - {id: other, title: Other matters}
    participants:
      - {party: ZA, person: test-sessions-president, head: true, role: host}
      - {party: ZA, person: test-sessions-envoy}
      - {party: BR}
      - {party: CN}
      - {party: IN}
      - {party: EG, role: observer}
      - {party: NG, role: guest}
    sessions:
      - id: restricted
        kind: restricted
        title: Restricted session
        titles: {ru: Заседание в узком составе}
        date: "2023-08-23"
        venue: Sandton Convention Centre
        participants: [ZA, BR, CN, IN]
      - id: outreach
        kind: outreach
        date: "2023-08-24"
        mode: hybrid
        city: Johannesburg
        participants: [ZA, {party: ZA, person: test-sessions-envoy}, EG, NG]
        note: the dialogue with invited states
"""


def write(tmp_path, text: str = RECORD):
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def meeting() -> Meeting:
    return Meeting.objects.get(body__organization__slug="test-sessions", number=15)


def attendees(slug: str) -> list[str]:
    session = Session.objects.get(meeting=meeting(), slug=slug)
    return [
        f"{p.party.code}/{p.person.slug}" if p.person else p.party.code
        for p in session.attendees.order_by("position")
    ]


@pytest.mark.django_db
def test_sessions_load_and_dump_back_as_written(tmp_path):
    load([write(tmp_path)])
    restricted, outreach = Session.objects.filter(meeting=meeting()).order_by("position")
    assert (restricted.kind, restricted.date.isoformat(), restricted.venue) == (
        "restricted",
        "2023-08-23",
        "Sandton Convention Centre",
    )
    assert restricted.titles == {"ru": "Заседание в узком составе"}
    assert (outreach.kind, outreach.mode, outreach.note) == (
        "outreach",
        "hybrid",
        "the dialogue with invited states",
    )
    # The party names the delegation's head (it has no row without a person).
    assert attendees("restricted") == ["ZA/test-sessions-president", "BR", "CN", "IN"]
    assert attendees("outreach") == [
        "ZA/test-sessions-president",
        "ZA/test-sessions-envoy",
        "EG",
        "NG",
    ]
    taken = dict(AgendaItem.objects.filter(meeting=meeting()).values_list("slug", "session__slug"))
    assert taken == {"expansion": "restricted", "africa": "outreach", "other": None}

    text = dumper.as_yaml(dumper.dump(Organization.objects.get(slug="test-sessions")))
    assert "session: restricted" in text and "kind: outreach" in text
    again = load([write(tmp_path, text)])
    assert again.tally.count_of("unchanged") > 0
    assert sum(again.audited.values()) == 0  # the dump says what the record holds
    assert dumper.as_yaml(dumper.dump(Organization.objects.get(slug="test-sessions"))) == text


@pytest.mark.django_db
def test_a_changed_file_changes_the_sessions(tmp_path):
    load([write(tmp_path)])
    changed = (
        RECORD.replace("      - {party: NG, role: guest}\n", "")
        .replace("EG, NG]", "EG]")
        .replace("session: outreach}", "session: restricted}")
    )
    load([write(tmp_path, changed)])
    assert attendees("outreach") == ["ZA/test-sessions-president", "ZA/test-sessions-envoy", "EG"]
    taken = dict(AgendaItem.objects.filter(meeting=meeting()).values_list("slug", "session__slug"))
    assert taken["africa"] == "restricted"
    without = RECORD[: RECORD.index("    sessions:")].replace(", session: restricted", "")
    load([write(tmp_path, without.replace(", session: outreach", ""))])
    assert not Session.objects.filter(meeting=meeting()).exists()
    assert not AgendaItem.objects.filter(meeting=meeting(), session__isnull=False).exists()


@pytest.mark.django_db
def test_a_session_breaking_a_rule_is_refused_and_nothing_loaded(tmp_path):
    bad = (
        RECORD.replace('date: "2023-08-24"\n        mode', 'date: "2023-08-25"\n        mode')
        .replace("participants: [ZA, BR, CN, IN]", "participants: [ZA, BR, EG, RU]")
        .replace("session: outreach}", "session: closing}")
    )
    with pytest.raises(LoadError) as caught:
        load([write(tmp_path, bad)])
    messages = sorted(str(p).split(": ", 1)[1] for p in caught.value.problems)
    assert messages == [
        "meetings[0].agenda[1].session: no session 'closing' at this meeting",
    ]
    bad = bad.replace("session: closing}", "session: outreach}")
    with pytest.raises(LoadError) as caught:
        load([write(tmp_path, bad)])
    messages = sorted(str(p).split(": ", 1)[1] for p in caught.value.problems)
    assert messages == [
        "meetings[0].sessions[0].participants[2]: the session 'restricted' is restricted to"
        " members; 'EG' cannot attend it",
        "meetings[0].sessions[0].participants[3]: RU is not a participant of the meeting;"
        " add it to the meeting's participants first",
        "meetings[0].sessions[1].date: 2023-08-25 is outside the meeting's dates"
        " (2023-08-22 to 2023-08-24)",
    ]
    assert not Meeting.objects.filter(body__organization__slug="test-sessions").exists()
