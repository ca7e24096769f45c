"""Referrals that go nowhere: withdrawn, marked lapsed, overdue once their meeting was
held without acting on them; a referral to an office; dates kept to their precision."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.decisions import rules
from accord.decisions.rules import Act
from accord.records.dumper import as_yaml, dump
from accord.records.loader import LoadError, load
from accord.registry.models import Organization

# A record made for these tests (no organization's real history): the ministers refer
# three plans to the council and one to the council's chair (an office); one referral
# is withdrawn, one marked lapsed after the meeting it was for passed it by.
RECORD = """
format: accord-record/1
organization: {slug: example, name: Example Council, decision_rule: consensus}
statuses:
  - {id: member, name: member, takes_decisions: true}
memberships:
  - {party: FR, status: member, from: "2000-01-01"}
  - {party: DE, status: member, from: "2000-01-01"}
document_types:
  - {id: plan, name: plan}
bodies:
  - id: council
    name: Council
    powers:
      - verbs: [adopted, considered]
        document_types: [plan]
  - id: ministers
    name: Ministers
    reports_to: council
    powers:
      - verbs: [submitted, drafted]
posts:
  - {id: chair-of-council, name: Chair of the Council, body: council}
documents:
  - {id: plan-a, type: plan, title: Plan A, date: "2024-11"}
  - {id: plan-b, type: plan, title: Plan B, date: "2024-11"}
  - {id: plan-c, type: plan, title: Plan C, date: "2024-11"}
  - {id: plan-d, type: plan, title: Plan D, date: "2024-11"}
meetings:
  - body: ministers
    number: 1
    date: "2024-11"
    actions:
      - {verb: submitted, document: plan-a, to: council, to_meeting: 5, purpose: adoption}
      - {verb: submitted, document: plan-b, to: council, to_meeting: 5}
      - {verb: submitted, document: plan-c, to: council}
      - {verb: submitted, document: plan-d, to_post: chair-of-council}
  - body: council
    number: 5
    date: "2025-03-10"
actions:
  - {body: ministers, verb: withdrawn, document: plan-b, to: council, date: "2025-01-15"}
  - {body: council, verb: lapsed, document: plan-a, to: council, date: "2025-06-01"}
"""


@pytest.fixture
def record(db, tmp_path):
    path = tmp_path / "example.yaml"
    path.write_text(RECORD, encoding="utf-8")
    load([path])
    return path


def pending(accord, on: str, *more: str) -> list[dict]:
    answer = accord("pending", "example", "council", "--on", on, *more, "--format", "json")
    return answer["pending"]


def test_before_the_meeting_every_referral_is_pending_and_none_overdue(record, accord):
    found = pending(accord, "2025-01-10")
    assert [(p["document"], p["overdue"]) for p in found] == [
        ("plan-a", False),
        ("plan-b", False),
        ("plan-c", False),
    ]
    # Made at a meeting of "2024-11": the month, not 2024-11-01.
    assert {p["referred_on"] for p in found} == {"2024-11"}


def test_a_withdrawn_referral_is_no_longer_pending(record, accord):
    assert "plan-b" in [p["document"] for p in pending(accord, "2025-01-14")]
    assert "plan-b" not in [p["document"] for p in pending(accord, "2025-01-15")]
    history = accord("history", "example", "plan-b", "--format", "json")
    assert [(a["verb"], a["to"]) for a in history["actions"]] == [
        ("submitted", "council"),
        ("withdrawn", "council"),
    ]
    assert history["status"] == "submitted"  # withdrawing gives the document no status


def test_after_its_meeting_a_referral_is_overdue_until_marked_lapsed(record, accord):
    on_the_day = pending(accord, "2025-03-10")
    assert [p["overdue"] for p in on_the_day if p["document"] == "plan-a"] == [False]
    after = pending(accord, "2025-03-11")
    assert [(p["document"], p["overdue"]) for p in after] == [
        ("plan-a", True),
        ("plan-c", False),  # no meeting named: never overdue
    ]
    assert [p["document"] for p in pending(accord, "2025-03-11", "--only-overdue")] == ["plan-a"]
    text = accord("pending", "example", "council", "--on", "2025-03-11")
    assert "(1 overdue)" in text and "OVERDUE" in text
    lapsed = pending(accord, "2025-06-01")
    assert [p["document"] for p in lapsed] == ["plan-c"]


def test_the_api_flags_overdue_referrals(record, client):
    url = "/api/v1/organizations/example/bodies/council/pending"
    items = client.get(url, {"on": "2025-03-11"}).json()["items"]
    assert [(i["document"], i["overdue"], i["referred_on"]) for i in items] == [
        ("plan-a", True, "2024-11"),
        ("plan-c", False, "2024-11"),
    ]
    only = client.get(url, {"on": "2025-03-11", "only_overdue": "true"}).json()["items"]
    assert [i["document"] for i in only] == ["plan-a"]


def test_the_implementation_dashboard_lists_overdue_referrals(db, tmp_path, client):
    lapse = '  - {body: council, verb: lapsed, document: plan-a, to: council, date: "2025-06-01"}\n'
    assert lapse in RECORD
    path = tmp_path / "example.yaml"
    path.write_text(RECORD.replace(lapse, ""), encoding="utf-8")  # never marked lapsed
    load([path])
    page = client.get("/organizations/example/implementation/").content.decode()
    section = page[page.index('id="overdue-referrals"') :]
    assert "Plan A" in section  # its meeting of 10 March 2025 passed it by
    assert "Plan B" not in section  # withdrawn
    assert "Plan C" not in section  # no meeting named


def test_a_referral_to_an_office_is_recorded_and_shown(record, accord):
    history = accord("history", "example", "plan-d", "--format", "json")
    assert [(a["verb"], a["to"]) for a in history["actions"]] == [("submitted", "chair-of-council")]


@pytest.mark.parametrize(
    ("action", "said"),
    [
        (
            "{body: ministers, verb: withdrawn, document: plan-c, date: '2025-01-01'}",
            "'withdrawn' names the body or office of the referral it closes",
        ),
        (
            "{body: ministers, verb: submitted, document: plan-c, to: council,"
            " to_post: chair-of-council, date: '2025-01-01'}",
            "name the body or the office, not both",
        ),
        (
            "{body: ministers, verb: submitted, document: plan-c, to_post: nobody,"
            " date: '2025-01-01'}",
            "unknown office 'nobody'",
        ),
    ],
)
def test_a_closing_or_office_referral_names_its_target(db, tmp_path, action, said):
    path = tmp_path / "example.yaml"
    path.write_text(RECORD + f"  - {action}\n", encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        load([path])
    assert said in str(refused.value)


def act(key: str, body: str, verb: str, day: int, target: str | None = None) -> Act:
    return Act(key, body, verb, dt.date(2025, 1, day), "document:1", target)


@pytest.mark.database_independent
def test_the_rule_closes_a_referral_by_withdrawal_or_lapse_from_its_day():
    referral = act("r", "ministers", "submitted", 10, "council")
    on = dt.date(2025, 1, 31)
    assert rules.pending_referrals([referral], "council", on) == [referral]
    for verb in ("withdrawn", "lapsed"):
        closing = act("c", "anyone", verb, 20, "council")
        assert rules.pending_referrals([referral, closing], "council", on) == []
        # Not before the referral, not after the day asked, not for another body.
        earlier = act("c", "anyone", verb, 5, "council")
        assert rules.pending_referrals([referral, earlier], "council", on) == [referral]
        assert rules.pending_referrals([referral, closing], "council", dt.date(2025, 1, 19)) == [
            referral
        ]
        other = act("c", "anyone", verb, 20, "elsewhere")
        assert rules.pending_referrals([referral, other], "council", on) == [referral]


@pytest.mark.database_independent
def test_the_overdue_rule():
    assert not rules.overdue(None, dt.date(2025, 1, 1))
    assert not rules.overdue(dt.date(2025, 1, 1), dt.date(2025, 1, 1))
    assert rules.overdue(dt.date(2025, 1, 1), dt.date(2025, 1, 2))


def test_the_dump_loads_back_writing_nothing(record, tmp_path):
    text = as_yaml(dump(Organization.objects.get(slug="example")))
    assert "to_post: chair-of-council" in text
    assert "verb: withdrawn" in text and "verb: lapsed" in text
    again = tmp_path / "dumped.yaml"
    again.write_text(text, encoding="utf-8")
    done = load([again])
    assert done.tally.count_of("created") == 0, done.tally
    assert done.tally.count_of("updated") == 0, done.tally
    assert done.tally.count_of("removed") == 0, done.tally
