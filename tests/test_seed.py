"""The founding scenario, asked as users ask it: through the `accord` command.

The 14th Meeting of SCO Security Council Secretaries, Bishkek, 15 May 2019.
"""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from accord.documents.models import Document

MEMBERS_2019 = {"CN", "IN", "KG", "KZ", "PK", "RU", "TJ", "UZ"}
OBSERVERS_2019 = {"AF", "BY", "IR", "MN"}
DIALOGUE_PARTNERS_2019 = {"AM", "AZ", "KH", "LK", "NP", "TR"}


def codes(answer: dict, status: str) -> set[str]:
    return {p["code"] for p in answer["parties"] if p["status"] == status}


def working_plan() -> Document:
    return Document.objects.get(
        organization__slug="sco", type__slug="working-plan", date__year=2019
    )


def test_who_chaired_the_14th_meeting_where_and_when(accord):
    meeting = accord("meeting", "sco", "security-council-secretaries", "14", "--format", "json")
    assert meeting["number"] == 14
    assert meeting["date"] == "2019-05-15"
    assert meeting["city"] == "Bishkek"
    assert meeting["country"]["code"] == "KG"
    assert meeting["chair"]["code"] == "KG"
    assert meeting["chair_rule"] == "presidency"
    assert meeting["format"] == "restricted"
    assert meeting["members_on_date"] == 8  # the "eight-sided format"
    heads = {p["party"]["code"] for p in meeting["participants"] if p["head"]}
    assert heads == MEMBERS_2019
    assert meeting["prepares"]["body"] == "heads-of-state"
    assert meeting["prepares"]["number"] == 19


def test_the_14th_meeting_as_text(accord):
    text = accord("meeting", "sco", "security-council-secretaries", "14")
    assert "14th meeting" in text
    assert "2019-05-15" in text
    assert "Bishkek" in text
    assert "Kyrgyz" in text
    assert "Norov" in text


def test_the_eight_members_observers_and_dialogue_partners_on_15_may_2019(accord):
    answer = accord("members", "sco", "--on", "2019-05-15", "--format", "json")
    assert codes(answer, "member") == MEMBERS_2019
    assert codes(answer, "observer") == OBSERVERS_2019
    assert codes(answer, "dialogue-partner") == DIALOGUE_PARTNERS_2019
    only_members = accord(
        "members", "sco", "--on", "2019-05-15", "--status", "member", "--format", "json"
    )
    assert {p["code"] for p in only_members["parties"]} == MEMBERS_2019


@pytest.mark.parametrize(
    ("day", "members"),
    [
        ("2001-06-15", 6),
        ("2017-06-08", 6),
        ("2017-06-09", 8),
        ("2023-07-03", 8),
        ("2023-07-04", 9),
        ("2024-07-03", 9),
        ("2024-07-04", 10),
    ],
)
def test_member_count_as_of_a_date(accord, day, members):
    answer = accord("members", "sco", "--on", day, "--status", "member", "--format", "json")
    assert answer["counts"]["member"] == members


def test_observers_and_dialogue_partners_merged_into_partners_in_2025(accord):
    before = accord("members", "sco", "--on", "2025-08-31", "--format", "json")
    after = accord("members", "sco", "--on", "2025-09-01", "--format", "json")
    assert "partner" not in before["counts"]
    assert after["counts"]["partner"] == 17
    assert "observer" not in after["counts"]
    assert "dialogue-partner" not in after["counts"]


def test_pending_for_the_heads_of_state_the_day_after(accord):
    answer = accord("pending", "sco", "heads-of-state", "--on", "2019-05-16", "--format", "json")
    subjects = [p["subject"].lower() for p in answer["pending"]]
    assert len(subjects) == 3, subjects
    assert any("action plan" in s or "working plan" in s for s in subjects)
    assert any("roadmap" in s and "contact group" in s for s in subjects)
    assert any("observer" in s for s in subjects)
    plan = next(p for p in answer["pending"] if p["document"] == working_plan().slug)
    assert plan["referred_by"] == "security-council-secretaries"
    assert plan["to_meeting"]["number"] == 19


def test_after_the_bishkek_summit_only_the_observer_item_stays_pending(accord):
    answer = accord("pending", "sco", "heads-of-state", "--on", "2019-06-15", "--format", "json")
    subjects = [p["subject"].lower() for p in answer["pending"]]
    assert len(subjects) == 1, subjects
    assert "observer" in subjects[0]


def test_the_foreign_ministers_had_the_plan_pending_until_22_may(accord):
    on_21 = accord("pending", "sco", "foreign-ministers", "--on", "2019-05-21", "--format", "json")
    on_22 = accord("pending", "sco", "foreign-ministers", "--on", "2019-05-22", "--format", "json")
    plan = working_plan().slug
    assert plan in {p["document"] for p in on_21["pending"]}
    assert plan not in {p["document"] for p in on_22["pending"]}


def test_history_of_the_working_plan(accord):
    answer = accord("history", "sco", working_plan().slug, "--format", "json")
    steps = [(a["date"], a["body"], a["verb"]) for a in answer["actions"]]
    assert steps[0] == ("2019-05-15", "security-council-secretaries", "approved")
    assert ("2019-05-15", "security-council-secretaries", "submitted") in steps
    assert ("2019-05-22", "foreign-ministers", "examined") in steps
    last = steps[-1]
    assert last[0] == "2019-06-14"
    assert last[1] == "heads-of-state"
    assert answer["status"] in {"approved", "adopted"}
    assert [s[0] for s in steps] == sorted(s[0] for s in steps)


@pytest.mark.parametrize("partner", ["UN", "UNODC", "PARIS-PACT"])
def test_joint_events_with_international_organizations(accord, partner):
    answer = accord("events", "sco", "--partner", partner, "--format", "json")
    assert len(answer["events"]) == 1
    event = answer["events"][0]
    assert event["kind"] == "joint-event"
    assert partner in {p["party"]["code"] for p in event["participants"]}


def test_joint_event_places(accord):
    answer = accord("events", "sco", "--format", "json")
    by_partner = {p["party"]["code"]: e for e in answer["events"] for p in e["participants"]}
    assert by_partner["UN"]["city"] == "New York"
    assert by_partner["UNODC"]["city"] == "Vienna"
    assert by_partner["PARIS-PACT"]["host_body"] == "secretariat"


def test_peace_mission_2018(accord):
    answer = accord("events", "sco", "--partner", "IN", "--format", "json")
    mission = next(e for e in answer["events"] if e["name"] == "Peace Mission 2018")
    assert mission["kind"] == "exercise"
    assert mission["date"].startswith("2018")
    assert "Chebarkul" in mission["place"]
    assert mission["organiser"]["code"] == "RU-MOD"
    first = {p["party"]["code"] for p in mission["participants"] if p["first_participation"]}
    assert first == {"IN", "PK"}
    text = accord("events", "sco", "--partner", "PK")
    assert "first participation: IN, PK" in text


def test_the_organiser_is_part_of_russia(accord):
    answer = accord("events", "sco", "--partner", "RU", "--format", "json")
    assert "Peace Mission 2018" in {e["name"] for e in answer["events"]}


def test_the_series_has_met_since_2004(accord):
    body = accord("body", "sco", "security-council-secretaries", "--format", "json")
    assert body["meets_since"] == 2004
    assert body["reports_to"] == "heads-of-state"
    assert "coordinating" in body["function"]
    numbers = [m["number"] for m in body["meetings"] if m["number"]]
    assert 14 in numbers
    assert numbers == sorted(numbers)


def test_the_foreign_ministers_met_in_bishkek_on_22_may_2019(accord):
    calendar = accord(
        "calendar", "sco", "--from", "2019-05-22", "--to", "2019-05-22", "--format", "json"
    )
    entries = [e for e in calendar["entries"] if e.get("body") == "foreign-ministers"]
    assert len(entries) == 1
    assert "Bishkek" in entries[0]["place"]
    meeting = accord("meeting", "sco", "foreign-ministers", entries[0]["id"], "--format", "json")
    assert meeting["chair"]["code"] == "KG"


def test_who_chaired_the_sco_before_and_after_the_bishkek_summit(accord):
    assert accord("chair", "sco", "--on", "2019-05-15", "--format", "json")["chair"]["code"] == "KG"
    assert accord("chair", "sco", "--on", "2019-06-14", "--format", "json")["chair"]["code"] == "KG"
    assert accord("chair", "sco", "--on", "2019-06-15", "--format", "json")["chair"]["code"] == "RU"
    by_body = accord(
        "chair",
        "sco",
        "--body",
        "security-council-secretaries",
        "--on",
        "2019-05-15",
        "--format",
        "json",
    )
    assert by_body["chair"]["code"] == "KG"


def test_the_contact_group_met_in_april_2019_chaired_by_its_host(accord):
    meeting = accord(
        "meeting", "sco", "afghanistan-contact-group", "2019-04-bishkek", "--format", "json"
    )
    assert meeting["date"] == "2019-04"
    assert meeting["chair"]["code"] == "KG"
    assert meeting["chair_rule"] == "host"
    assert {c["code"] for c in meeting["co_chairs"]} == {"AF"}


def test_the_secretary_general_on_the_day_and_the_term_appointed_ahead(accord):
    def secretary_general(day: str) -> dict:
        answer = accord("posts", "sco", "--on", day, "--format", "json")
        return next(p for p in answer["posts"] if p["post"] == "secretary-general")

    assert secretary_general("2019-05-15")["holder"] == "Vladimir Norov"
    before = secretary_general("2018-12-01")
    assert before["holder"] == "Rashid Alimov"
    assert before["next"] == {"holder": "Vladimir Norov", "from": "2019-01-01"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("members", "nowhere", "--on", "2019-05-15"), "no organization 'nowhere'"),
        (("meeting", "sco", "summit", "14"), "sco has no body 'summit'"),
        (("meeting", "sco", "security-council-secretaries", "99"), "has no meeting '99'"),
        (("history", "sco", "no-such-plan"), "no document 'no-such-plan'"),
        (("members", "sco", "--on", "2019-05-15", "--status", "friend"), "no status 'friend'"),
        (("events", "sco", "--partner", "ZZ"), "no party 'ZZ'"),
    ],
)
def test_unknown_identifiers_are_named(accord, args, message):
    with pytest.raises(CommandError, match=message):
        accord(*args)


def test_a_successor_not_yet_appointed_is_not_the_next_holder(accord):
    def post(day: str, slug: str) -> dict:
        answer = accord("posts", "sco", "--on", day, "--format", "json")
        return next(p for p in answer["posts"] if p["post"] == slug)

    # Ruslan Mirzayev's term from 2022 records no appointment date: known from its start.
    assert post("2019-05-15", "rats-director")["next"] is None
    assert post("2021-12-31", "rats-director")["next"] is None
    assert post("2022-01-01", "rats-director")["holder"] == "Ruslan Mirzayev"
    assert post("2018-06-09", "rats-director")["next"] is None
    assert post("2018-06-10", "rats-director")["next"]["holder"] == "Jumakhon Giyosov"
    assert post("2019-05-15", "secretary-general")["vacant_since"] is None


def test_the_next_sco_chair_is_the_one_decided_by_the_date_else_the_rotations_proposal(accord):
    def upcoming(day: str) -> dict:
        return accord("chair", "sco", "--on", day, "--next", "--format", "json")

    # Russia's presidency was decided at the Bishkek summit of 13-14 June.
    before = upcoming("2019-06-13")
    assert before["next"]["decided"] is False
    assert before["next"]["party"]["code"] == before["proposed_next"]["party"]
    assert before["proposed_next"]["from"] == "2019-06-15"
    decided = upcoming("2019-06-14")
    assert decided["next"]["decided"] is True
    assert decided["next"]["party"]["code"] == "RU"
    assert decided["next"]["term"]["decided_at"] == {"body": "heads-of-state", "meeting": 19}
    assert decided["next"]["term"]["from"] == "2019-06-15"
    # After the last recorded term (Kyrgyzstan's, open) the rotation continues from it.
    later = upcoming("2030-01-01")
    assert later["next"]["decided"] is False
    assert later["proposed_next"]["party"] not in (None, "KG")
    assert later["proposed_next"]["party"] == later["next"]["party"]["code"]


def test_everything_recorded_of_a_meeting_is_shown_by_the_command(accord, client):
    # Issue of hidden facts: the host, the outcome, the statements, the note and the
    # sources are in the text and the JSON, and the note on the page.
    found = accord("meeting", "sco", "security-council-secretaries", "15", "--format", "json")
    assert found["host"]["code"] == "RU"
    assert found["note"].startswith("hosted by the Chair of the SCO (Russia), Patrushev")
    assert found["source"] == "S16 S17 S18"
    shown = accord("meeting", "sco", "security-council-secretaries", "15")
    assert "host:     Russia (RU)" in shown
    assert "note:     hosted by the Chair of the SCO (Russia), Patrushev" in shown
    fourteenth = accord("meeting", "sco", "security-council-secretaries", "14")
    assert "statements:" in fourteenth and "outcome:" in fourteenth
    page = client.get("/organizations/sco/bodies/security-council-secretaries/meetings/15/")
    assert "Note of the record: hosted by the Chair of the SCO (Russia), Patrushev" in (
        page.content.decode()
    )
