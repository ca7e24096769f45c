"""Attendance, statements by a party with their kind, and the kind of a meeting, asked
through the command line, the API and the meeting page, from real cases of the test
corpus: the OSCE's Łódź council, whose host did not admit Russia's foreign minister;
ASEAN summits Myanmar declined to attend (2021) and attended at a lower level (2024);
India's explanation of its vote in the Security Council; the CIS's unnumbered regular
sessions and an informal one. Then the rules through the API: a delegation that left
early in protest said nothing at a later item, an absent one said nothing at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from accord.meetings.models import Meeting
from accord.publishing.compose import write
from accord.records.loader import load
from tests.conftest import kept_for_module
from tests.web.conftest import text

CORPUS = sorted((Path(__file__).parent.parent / "records" / "corpus").glob("*.yaml"))


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, lambda: load(CORPUS))


@pytest.fixture
def corpus(loaded, db) -> None:
    """The corpus, loaded once for the module."""


def page(org: str, body: str, ref: str) -> str:
    answer = Client(HTTP_HOST="127.0.0.1").get(
        f"/organizations/{org}/bodies/{body}/meetings/{ref}/"
    )
    assert answer.status_code == 200
    return text(answer)


def meeting(org: str, ref: str) -> Meeting:
    found = Meeting.objects.filter(body__organization__slug=org)
    return found.get(number=int(ref)) if ref.isdigit() else found.get(slug=ref)


def test_who_was_absent_and_why_and_who_was_represented_at_a_lower_level(corpus, accord, anonymous):
    shown = accord("meeting", "osce", "ministerial-council", "29", "--format", "json")
    lavrov, ru = shown["participants"][1:]
    assert (lavrov["person"], lavrov["attendance"], lavrov["absence_reason"]) == (
        "Sergey Lavrov",
        "absent",
        "not-invited",
    )
    assert (ru["attendance"], ru["level"], ru["head"]) == ("represented", "lower", True)
    assert "absent: not-invited" in accord("meeting", "osce", "ministerial-council", "29")

    record = anonymous.get("/organizations/osce/bodies/ministerial-council/meetings/29").body
    lavrov, ru = record["participants"][1:]
    assert (lavrov["attendance"], lavrov["absence_reason"]) == ("absent", "not-invited")
    assert (ru["attendance"], ru["level"]) == ("represented", "lower")
    assert ru["level_text"] == "the Permanent Representative to the OSCE"
    assert ru["level_names"] == {"ru": "Постоянный представитель при ОБСЕ"}

    words = page("osce", "ministerial-council", "29")
    assert "absent (not invited)" in words
    assert (
        "represented at a lower level than usual: the Permanent Representative to the OSCE" in words
    )

    release = write(meeting("osce", "29"), language="en").text
    russia = write(meeting("osce", "29"), language="en").text.split("Not invited: ")[1]
    # The minister is named with the post and the State; the State was represented.
    assert russia.startswith("Sergey Lavrov, Minister of Foreign Affairs (Russia). ")
    assert "Represented at a lower level than usual: Russia (the Permanent" in release
    russian = write(meeting("osce", "29"), language="ru").text
    assert "Не были приглашены: Сергей Лавров" in russian
    assert "(Постоянный представитель при ОБСЕ)" in russian


def test_an_absent_state_is_not_listed_among_those_who_took_part(corpus, accord, anonymous):
    shown = accord("meeting", "asean", "summit", "38", "--format", "json")
    assert [
        (p["party"]["code"], p["attendance"], p["absence_reason"]) for p in shown["participants"]
    ] == [("BN", "present", None), ("MM", "absent", "declined")]
    record = anonymous.get("/organizations/asean/bodies/summit/meetings/38").body
    assert record["participants"][1]["absence_reason"] == "declined"
    assert "absent (declined)" in page("asean", "summit", "38")

    release = write(meeting("asean", "38"), language="en").text
    took_part = next(s for s in release.split(". ") if "format of ASEAN Member States" in s)
    assert "nine-sided" in took_part and "Myanmar" not in took_part
    assert "Declined to take part: Myanmar." in release
    # Represented at a lower level, it took part (2024).
    later = write(meeting("asean", "44"), language="en").text
    assert "ten-sided" in later
    assert "Represented at a lower level than usual: Myanmar (the Permanent Secretary" in later


def test_an_explanation_of_vote_by_a_state_in_reported_speech(corpus, accord, anonymous):
    shown = accord("meeting", "un", "security-council", "8979", "--format", "json")
    said = shown["statements"][0]
    assert (said["party"]["code"], said["person"], said["kind"], said["verbatim"]) == (
        "IN",
        None,
        "explanation-of-vote",
        False,
    )
    assert "India, explanation-of-vote, reported: India abstained" in accord(
        "meeting", "un", "security-council", "8979"
    )
    record = anonymous.get("/organizations/un/bodies/security-council/meetings/8979").body
    said = record["statements"][0]
    assert (said["party"]["code"], said["person"], said["kind"], said["verbatim"]) == (
        "IN",
        None,
        "explanation-of-vote",
        False,
    )
    words = page("un", "security-council", "8979")
    assert "India abstained" in words and "(reported speech)" in words
    assert "— India explanation of vote" in words
    release = write(meeting("un", "8979"), language="en").text
    # Reported speech is not put in quotation marks.
    assert "India (explanation of vote) stated that India abstained, urging that" in release
    assert "“India abstained" not in release


def test_an_unnumbered_regular_session_and_an_informal_one(corpus, accord, anonymous):
    listed = accord("body", "cis", "heads-of-state")
    assert "regular (2019-ashgabat)" in listed and "ad hoc" not in listed
    assert "informal (2022-12-saint-petersburg)" in listed
    ref = "2022-12-saint-petersburg"
    shown = accord("meeting", "cis", "heads-of-state", ref, "--format", "json")
    assert (shown["kind"], shown["format"]) == ("informal", "unknown")
    record = anonymous.get(
        "/organizations/cis/bodies/heads-of-state/meetings/2022-12-saint-petersburg"
    ).body
    assert (record["kind"], record["format"]) == ("informal", "unknown")
    regular = anonymous.get("/organizations/cis/bodies/heads-of-state/meetings/2019-ashgabat")
    assert (regular.body["kind"], regular.body["number"]) == ("regular", None)
    words = page("cis", "heads-of-state", "2022-12-saint-petersburg")
    assert "Kind of meeting informal" in words and "Format unknown" in words
    assert "Number not known" in page("cis", "heads-of-state", "2019-ashgabat")
    series = text(Client(HTTP_HOST="127.0.0.1").get("/organizations/cis/bodies/heads-of-state/"))
    assert "(regular)" in series and "(informal)" in series and "(ad hoc)" not in series
    informal = write(meeting("cis", "2022-12-saint-petersburg"), language="ru").text
    assert "Заседание носило неформальный характер." in informal


SCO = "/organizations/sco/bodies/security-council-secretaries/meetings"


@pytest.fixture
def walkout(secretariat) -> str:
    """A meeting with two items; Kyrgyzstan leaves at the first, in protest, and
    Kazakhstan boycotts it."""
    created = secretariat.post(
        SCO, {"number": 17, "kind": "extraordinary", "date": "2022-08-19", "mode": "unknown"}
    )
    assert created.status == 201, created.body
    assert (created.body["kind"], created.body["mode"]) == ("extraordinary", "unknown")
    path = f"{SCO}/17"
    items = [{"id": "first", "title": "First"}, {"id": "second", "title": "Second"}]
    done = secretariat.put(f"{path}/agenda", {"items": items}, if_match=created.etag)
    assert done.status == 200, done.body
    participants = [
        {
            "party": "KG",
            "head": True,
            "left": {"item": "first", "time": "15:30", "reason": "protest"},
        },
        {"party": "KZ", "head": True, "attendance": "absent", "absence_reason": "boycott"},
        {"party": "RU", "head": True, "attendance": "video"},
    ]
    done = secretariat.put(
        f"{path}/participants", {"participants": participants}, if_match=done.etag
    )
    assert done.status == 200, done.body
    return path


def test_a_walkout_and_a_boycott_through_the_api(secretariat, walkout):
    read = secretariat.get(walkout)
    kg, kz, ru = read.body["participants"]
    assert kg["left"] == {"item": "first", "time": "15:30"} and kg["reason"] == "protest"
    assert (kz["attendance"], kz["absence_reason"]) == ("absent", "boycott")
    assert ru["attendance"] == "video"

    said = [
        {"party": "KG", "kind": "protest", "item": "second", "text": "We object."},
        {"party": "KZ", "text": "We were here."},
    ]
    refused = secretariat.put(f"{walkout}/statements", {"statements": said}, if_match=read.etag)
    assert refused.status == 422
    assert refused.fields == ["statements[0].item", "statements[1].party"]
    messages = [p["reason"] for p in refused.body["detail"]]
    assert "KG left the meeting at 'first', before 'second'" in messages[0]
    assert "absent from the meeting (boycott)" in messages[1]

    # At the item it left at, and after the meeting, both may have spoken.
    said[0]["item"] = "first"
    said[1]["after_meeting"] = True
    done = secretariat.put(f"{walkout}/statements", {"statements": said}, if_match=read.etag)
    assert done.status == 200, done.body
    assert [(s["party"]["code"], s["kind"]) for s in done.body["statements"]] == [
        ("KG", "protest"),
        ("KZ", "statement"),
    ]
    # Kyrgyzstan cannot now be recorded as absent: its statement stands in the way.
    participants = [{"party": "KG", "head": True, "attendance": "absent"}]
    refused = secretariat.put(
        f"{walkout}/participants", {"participants": participants}, if_match=done.etag
    )
    assert refused.status == 422 and refused.fields == ["participants[0].attendance"]

    words = page("sco", "security-council-secretaries", "17")
    assert "left early at “First”, 15:30 (in protest)" in words
    assert "absent (boycott)" in words and "by video" in words
    assert "Kind of meeting extraordinary" in words and "Mode unknown" in words
    # The attendance list printed for signature says who was absent and who left.
    minutes = text(
        Client(HTTP_HOST="127.0.0.1").get(
            "/organizations/sco/bodies/security-council-secretaries/meetings/17/minutes/"
        )
    )
    assert "(absent (boycott))" in minutes and "(by video)" in minutes
    release = write(Meeting.objects.get(body__slug="security-council-secretaries", number=17)).text
    assert "Boycotted the meeting: Kazakhstan." in release
    assert "Left the meeting early: Kyrgyzstan (during “First”, 15:30, in protest)." in release
    assert "Took part by video link: Russia." in release
    assert "It was an extraordinary meeting." in release


def test_attendance_facts_that_do_not_go_together_are_refused(secretariat, walkout):
    read = secretariat.get(walkout)
    participants = [
        {"party": "KG", "attendance": "video", "absence_reason": "boycott"},
        {"party": "KZ", "attendance": "represented"},
        {"party": "RU", "attendance": "absent", "joined": {"item": "second"}},
        {"party": "TJ", "left": {"item": "nowhere"}},
    ]
    refused = secretariat.put(
        f"{walkout}/participants", {"participants": participants}, if_match=read.etag
    )
    assert refused.status == 422
    assert refused.fields == ["participants[3].left.item"]  # references first
    participants.pop()
    refused = secretariat.put(
        f"{walkout}/participants", {"participants": participants}, if_match=read.etag
    )
    assert refused.fields == [
        "participants[0].absence_reason",
        "participants[1].level",
        "participants[2].joined",
    ]
    assert secretariat.get(walkout).body["participants"] == read.body["participants"]
