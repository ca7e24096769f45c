"""The record loader checks decisions' outcomes and co-chairs as every way in does, and
reports each problem with the file and the path inside it; a bad file changes nothing."""

from __future__ import annotations

import pytest

from accord.decisions.models import Decision
from accord.meetings.models import Meeting
from accord.records.loader import LoadError, load

RECORD = """\
format: accord-record/1
organization: {slug: test-proceedings, name: Test Council, decision_rule: consensus}
statuses:
  - {id: member, name: member, takes_decisions: true}
memberships:
  - {party: AM, status: member, from: "2000-01-01"}
  - {party: BY, status: member, from: "2000-01-01"}
  - {party: KZ, status: member, from: "2019-05-16"}
people:
  - {id: test-proceedings-chair, name: A Chair, party: AM}
bodies:
  - {id: council, name: Council}
meetings:
  - body: council
    number: 1
    date: {from: "2019-05-15", to: "2019-05-16"}
    host: AM
    chair_person: test-proceedings-chair
    co_chairs: [{party: BY, person: test-proceedings-chair}]
    decisions:
{decisions}
"""


def write(tmp_path, decisions: str, **replace: str):
    text = RECORD.replace("{decisions}", decisions)
    for old, new in replace.items():
        text = text.replace(old, new)
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_decision_adopted_without_positions_and_a_member_of_the_second_day(tmp_path):
    path = write(
        tmp_path,
        "      - {id: first, title: First, outcome: adopted}\n"
        "      - {id: second, title: Second, positions: [{party: KZ, stance: concurs}]}\n",
    )
    load([path])
    meeting = Meeting.objects.get(body__organization__slug="test-proceedings", number=1)
    first, second = Decision.objects.filter(meeting=meeting)
    assert (first.slug, first.outcome, first.order) == ("first", "adopted", 0)
    # Undated: taken on the meeting's last day, when KZ was a member.
    assert (second.slug, second.outcome, second.order) == ("second", "adopted", 1)
    assert meeting.chair_person.slug == "test-proceedings-chair"
    assert [(c.party.code, c.person.slug) for c in meeting.co_chair_rows.all()] == [
        ("BY", "test-proceedings-chair")
    ]


@pytest.mark.django_db
def test_a_co_chair_without_standing_is_refused_and_nothing_is_loaded(tmp_path):
    path = write(
        tmp_path,
        "      - {id: a, title: A, outcome: adopted, positions: [{party: BY, stance: objects}]}\n"
        "      - {id: b, title: B, date: '2019-05-15', positions: [{party: KZ, stance: concurs}]}\n"
        "      - {id: c, title: C, outcome: adopted, votes: {in_favour: 2}}\n",
        **{"co_chairs: [{party: BY, person: test-proceedings-chair}]": "co_chairs: [US]"},
    )
    with pytest.raises(LoadError) as caught:
        load([path])
    messages = [str(p).split(": ", 1)[1] for p in caught.value.problems]
    assert messages == [
        "meetings[0].co_chairs[0]: 'US' holds no standing in the organization on the meeting"
        " date and is not the host (AM)",
    ]
    assert not Meeting.objects.filter(body__organization__slug="test-proceedings").exists()
    assert not Decision.objects.filter(meeting__body__organization__slug="test-proceedings")


REFUSED = {
    "{id: a, title: A, outcome: adopted, positions: [{party: BY, stance: objects}]}": (
        "meetings[0].decisions[0].outcome: adopted by consensus, yet BY recorded an objection"
    ),
    "{id: b, title: B, date: '2019-05-15', positions: [{party: KZ, stance: concurs}]}": (
        "meetings[0].decisions[0].positions[0].party: 'KZ' cannot hold a position: only"
        " members on 2019-05-15 can (it holds no status)"
    ),
    "{id: c, title: C, outcome: adopted, votes: {in_favour: 2}}": (
        "meetings[0].decisions[0].votes: counts of votes belong to a vote, not to consensus"
    ),
    "{id: d, title: D, outcome: adopted, date: '2019-05-17'}": (
        "meetings[0].decisions[0].date: 2019-05-17 is outside the meeting (2019-05-15..2019-05-16)"
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("decision", sorted(REFUSED))
def test_a_decision_the_rules_refuse_is_named_and_nothing_is_loaded(tmp_path, decision):
    with pytest.raises(LoadError) as caught:
        load([write(tmp_path, f"      - {decision}\n")])
    assert [str(p).split(": ", 1)[1] for p in caught.value.problems] == [REFUSED[decision]]
    assert not Meeting.objects.filter(body__organization__slug="test-proceedings").exists()
