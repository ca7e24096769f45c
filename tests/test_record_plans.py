"""A meeting's plan history in record files: the SCO's 20th summit (announced for
Chelyabinsk, moved to Saint Petersburg, dated, postponed, moved online, held) added to
the seed by a corpus file; loaded through the plan rules, dumped back as written
(load -> dump -> load writes nothing), and refusals naming the field, changing
nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from accord.meetings.lifecycle import PlanChange
from accord.meetings.models import Meeting
from accord.records import dumper
from accord.records.loader import LoadError, load
from accord.registry.models import Organization

ROOT = Path(__file__).resolve().parent.parent
SUMMIT = ROOT / "tests" / "records" / "corpus" / "sco-2020.yaml"


def summit() -> Meeting:
    return Meeting.objects.get(
        body__organization__slug="sco", body__slug="heads-of-state", number=20
    )


@pytest.mark.django_db
def test_the_2020_summit_keeps_its_original_plan_and_every_later_one():
    load([SUMMIT])
    m = summit()
    assert (m.start, m.mode, m.city, m.country, m.status) == (
        dt.date(2020, 11, 10),
        "video",
        "",
        None,
        "held",
    )
    changes = list(PlanChange.objects.filter(meeting=m).select_related("country"))
    assert [c.kind for c in changes] == [
        "announced",
        "scheduled",
        "scheduled",
        "postponed",
        "moved-online",
        "held",
    ]
    first = changes[0]
    assert (first.city, first.country.code, first.known.isoformat(), first.known_by) == (
        "Chelyabinsk",
        "RU",
        "2018-03",
        dt.date(2018, 3, 31),
    )
    assert (changes[2].start, changes[2].end) == (dt.date(2020, 7, 22), dt.date(2020, 7, 23))


@pytest.mark.django_db
def test_the_plan_dumps_back_as_written_and_a_reload_writes_nothing(tmp_path):
    load([SUMMIT])
    text = dumper.as_yaml(dumper.dump(Organization.objects.get(slug="sco")))
    assert "kind: moved-online" in text and "known_on: 2018-03" in text.replace("'", "")
    path = tmp_path / "sco.yaml"
    path.write_text(text, encoding="utf-8")
    again = load([path])
    assert sum(again.audited.values()) == 0
    assert again.tally.count_of("created") == 0


def record(plan: str, date: str = '"2020-11-10"', extra: str = "") -> str:
    return f"""\
format: accord-record/1
organization: {{slug: test-plans, name: Test Council}}
statuses:
  - {{id: member, name: member, takes_decisions: true}}
memberships:
  - {{party: KG, status: member, from: "2000-01-01"}}
bodies:
  - {{id: council, name: Council}}
meetings:
  - body: council
    number: 1
    date: {date}
    mode: video
{extra}    plan:
{plan}"""


GOOD = """\
      - {kind: announced, known_on: "2020-01-10", date: "2020-07-22", city: Bishkek, country: KG}
      - {kind: moved-online, known_on: "2020-06", date: "2020-11-10"}
"""


@pytest.mark.django_db
def test_a_meeting_must_be_at_its_latest_plan(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(record(GOOD, date='"2020-11-11"'), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load([path])
    assert "meetings[0].date: is not the date of the meeting's latest plan (2020-11-10" in str(
        caught.value.problems[0]
    )
    assert not Meeting.objects.filter(body__organization__slug="test-plans").exists()
    path.write_text(record(GOOD), encoding="utf-8")
    load([path])
    m = Meeting.objects.get(body__organization__slug="test-plans")
    assert (m.status, m.city) == ("moved-online", "")


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (
            '      - {kind: announced, known_on: "2020-01-10", date: "2020-11-10"}\n'
            '      - {kind: rescheduled, known_on: "2020-02-01"}\n',
            "meetings[0].plan[1].date: a rescheduled meeting needs its new dates",
        ),
        (
            '      - {kind: announced, known_on: "2020-03-10", date: "2020-11-10"}\n'
            '      - {kind: postponed, known_on: "2020-02-01"}\n',
            "meetings[0].plan[1].known_on: 2020-02-01 is before the change before it",
        ),
        (
            '      - {kind: announced, known_on: "2020-01-10", date: "2020-11-10"}\n'
            '      - {kind: cancelled, known_on: "2020-02-01"}\n'
            '      - {kind: held, known_on: "2020-11-10"}\n',
            "meetings[0].plan[2].kind: a cancelled meeting cannot be held",
        ),
        (
            '      - {kind: held, known_on: "2020-11-09", date: "2020-11-10"}\n',
            "meetings[0].plan[0].known_on: a meeting is known as held only on or after",
        ),
        (
            '      - {kind: announced, known_on: "2020-02-30", date: "2020-11-10"}\n',
            "meetings[0].plan[0].known_on: '2020-02-30' is not a date",
        ),
        (
            '      - {kind: announced, known_on: "2020-01-10", date: "2020-11-10", country: XX}\n',
            "meetings[0].plan[0].country:",
        ),
    ],
)
@pytest.mark.django_db
def test_a_wrong_plan_is_refused_naming_the_change_and_nothing_is_loaded(tmp_path, plan, message):
    path = tmp_path / "r.yaml"
    path.write_text(record(plan), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load([path])
    assert any(message in str(p) for p in caught.value.problems), caught.value.problems
    assert not Meeting.objects.filter(body__organization__slug="test-plans").exists()


@pytest.mark.django_db
def test_a_plan_left_out_of_the_file_is_removed(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(record(GOOD), encoding="utf-8")
    load([path])
    m = Meeting.objects.get(body__organization__slug="test-plans")
    assert PlanChange.objects.filter(meeting=m).count() == 2
    path.write_text(record("").replace("    plan:\n", ""), encoding="utf-8")
    load([path])
    m.refresh_from_db()
    assert m.status == "" and not PlanChange.objects.filter(meeting=m).exists()
