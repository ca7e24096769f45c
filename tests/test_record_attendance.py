"""Attendance, statements by a party with their kind, and a meeting's kind in record
files: loaded through the meetings' rules, dumped back as written (load → dump → load
writes nothing), and a file whose statement its speaker's attendance rules out is
refused with the file's path, changing nothing."""

from __future__ import annotations

import pytest

from accord.meetings.models import Meeting, Participation, Statement
from accord.records import dumper
from accord.records.loader import LoadError, load
from accord.registry.models import Organization

RECORD = """\
format: accord-record/1
organization: {slug: test-attendance, name: Test Council, decision_rule: consensus}
statuses:
  - {id: member, name: member, takes_decisions: true}
memberships:
  - {party: AM, status: member, from: "2000-01-01"}
  - {party: BY, status: member, from: "2000-01-01"}
  - {party: KZ, status: member, from: "2000-01-01"}
  - {party: KG, status: member, from: "2000-01-01"}
people:
  - {id: test-attendance-minister, name: A Minister, party: BY}
bodies:
  - {id: council, name: Council}
meetings:
  - body: council
    id: spring
    kind: regular
    date: "2019-05-15"
    mode: unknown
    format: unknown
    agenda:
      - {id: first, title: First}
      - {id: second, title: Second}
    participants:
      - {party: AM, head: true, attendance: video}
      - {party: BY, person: test-attendance-minister, head: true, attendance: absent,
         absence_reason: boycott}
      - {party: KZ, head: true, attendance: represented, level: lower,
         level_text: an ambassador, level_names: {ru: посол}}
      - {party: KG, head: true, joined: {time: "10:15"},
         left: {item: first, time: "15:30", reason: protest}}
    statements:
      - {party: KG, kind: protest, verbatim: false, item: first, text: Kyrgyzstan protested}
      - {party: BY, person: test-attendance-minister, after_meeting: true, kind: reservation,
         text: We reserve our position.}
  - {body: council, id: autumn, kind: extraordinary, date: "2019-10-01"}
"""


def write(tmp_path, text: str = RECORD):
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_attendance_loads_and_dumps_back_as_written(tmp_path):
    load([write(tmp_path)])
    spring = Meeting.objects.get(body__organization__slug="test-attendance", slug="spring")
    assert (spring.kind, spring.number, spring.mode, spring.format) == (
        "regular",
        None,
        "unknown",
        "unknown",
    )
    am, by, kz, kg = Participation.objects.filter(meeting=spring).order_by("position")
    assert am.attendance == "video"
    assert (by.attendance, by.absence_reason) == ("absent", "boycott")
    assert (kz.level, kz.level_text, kz.level_names) == ("lower", "an ambassador", {"ru": "посол"})
    assert (kg.left_at_item.slug, kg.left_at_time.isoformat(), kg.timing_reason) == (
        "first",
        "15:30:00",
        "protest",
    )
    assert kg.joined_at_time.isoformat() == "10:15:00"
    protest, reservation = Statement.objects.filter(meeting=spring).order_by("position")
    assert (protest.party.code, protest.person, protest.kind, protest.verbatim) == (
        "KG",
        None,
        "protest",
        False,
    )
    assert (reservation.person.slug, reservation.kind, reservation.verbatim) == (
        "test-attendance-minister",
        "reservation",
        True,
    )

    text = dumper.as_yaml(dumper.dump(Organization.objects.get(slug="test-attendance")))
    assert "time: '15:30'" in text and "reason: protest" in text
    assert "verbatim: false" in text and "kind: explanation" not in text
    assert "kind: regular" in text and "kind: extraordinary" in text
    again = load([write(tmp_path, text)])
    assert again.tally.count_of("unchanged") > 0
    assert sum(again.audited.values()) == 0  # the dump says what the record holds


@pytest.mark.django_db
def test_a_statement_by_an_absent_head_of_delegation_is_refused_and_nothing_loaded(tmp_path):
    bad = RECORD.replace(
        "person: test-attendance-minister, after_meeting: true,",
        "person: test-attendance-minister,",
    ).replace("item: first, text: Kyrgyzstan", "item: second, text: Kyrgyzstan")
    with pytest.raises(LoadError) as caught:
        load([write(tmp_path, bad)])
    messages = [str(p).split(": ", 1)[1] for p in caught.value.problems]
    assert messages == [
        "meetings[0].statements[0].item: KG left the meeting at 'first', before 'second'",
        "meetings[0].statements[1].person: test-attendance-minister is recorded as absent"
        " from the meeting (boycott); it cannot have made a statement at it (say"
        " after_meeting if it spoke after it)",
    ]
    assert not Meeting.objects.filter(body__organization__slug="test-attendance").exists()
