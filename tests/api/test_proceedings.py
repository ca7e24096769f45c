"""What was the outcome, and who chaired: asked of the seed and of the corpus (the UN
Security Council's votes, an ASEAN decision adopted with no position reported, the CIS
summit's chair) through the CLI, the API and the meeting page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from accord.records.loader import load
from tests.api.conftest import Api
from tests.conftest import kept_for_module
from tests.web.conftest import text

ROOT = Path(__file__).resolve().parent.parent.parent
FILES = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "records" / "corpus").glob("*.yaml")
)
UNSC = "/organizations/un/bodies/security-council/meetings"
SCSC_14 = "/organizations/sco/bodies/security-council-secretaries/meetings/14"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, lambda: load(FILES))


@pytest.fixture
def corpus(loaded, db):
    """The seed and the corpus, loaded once for the module."""


def decision_of(record: dict, slug: str) -> dict:
    return next(d for d in record["decisions"] if d["id"] == slug)


# --- the CLI ---------------------------------------------------------------------------


def test_the_cli_says_a_resolution_was_adopted_by_vote_with_its_counts(accord, corpus):
    found = accord("meeting", "un", "security-council", "9214", "--format", "json")
    assert decision_of(found, "resolution-2664") | {"positions": None, "decides": None} == {
        "id": "resolution-2664",
        "title": "Resolution 2664 (2022) adopted, 14 in favour, 1 abstention",
        "outcome": "adopted",
        "procedure": "vote",
        "votes": {"in_favour": 14, "against": 0, "abstaining": 1},
        "date": "2022-12-09",
        "positions": None,
        "decides": None,
    }
    shown = accord("meeting", "un", "security-council", "9214")
    assert (
        "decision: Resolution 2664 (2022) adopted, 14 in favour, 1 abstention: adopted by vote"
        " (14 in favour, 0 against, 1 abstaining) on 2022-12-09"
    ) in shown


def test_the_cli_says_a_vetoed_draft_was_not_adopted_and_who_presided(accord, corpus):
    found = accord("meeting", "un", "security-council", "8979", "--format", "json")
    assert decision_of(found, "s-2022-155")["outcome"] == "not-adopted"
    assert found["chair"]["code"] == "RU"
    assert found["chair_person"] == {"slug": "vassily-nebenzia", "name": "Vassily Nebenzia"}
    shown = accord("meeting", "un", "security-council", "8979")
    assert "chair:    Vassily Nebenzia, Russia (RU)" in shown
    assert "not adopted by vote (11 in favour, 1 against, 3 abstaining)" in shown


def test_a_decision_adopted_without_positions_reads_adopted(accord, corpus):
    found = accord("meeting", "asean", "summit", "34", "--format", "json")
    aoip = decision_of(found, "aoip")
    assert (aoip["outcome"], aoip["positions"], aoip["date"]) == ("adopted", {}, "2019-06-23")
    found = accord("meeting", "cis", "heads-of-state", "2019-ashgabat", "--format", "json")
    assert decision_of(found, "statement-victory-75")["outcome"] == "adopted"
    assert found["chair_person"]["name"] == "Gurbanguly Berdimuhamedow"


def test_the_cli_names_who_chaired_the_14th_meeting_and_the_co_chairs(accord):
    found = accord("meeting", "sco", "security-council-secretaries", "14", "--format", "json")
    assert found["chair"]["code"] == "KG"
    assert found["chair_person"] == {"slug": "damir-sagynbaev", "name": "Damir Sagynbaev"}
    shown = accord("meeting", "sco", "security-council-secretaries", "14")
    assert "chair:    Damir Sagynbaev, Kyrgyzstan (KG) [presidency]" in shown
    group = accord(
        "meeting", "sco", "afghanistan-contact-group", "2019-04-bishkek", "--format", "json"
    )
    assert group["chair_person"]["name"] == "Chingiz Aidarbekov"
    assert group["co_chairs"] == [{"code": "AF", "name": "Afghanistan", "person": None}]


# --- the API ---------------------------------------------------------------------------


def test_the_api_gives_the_outcome_procedure_counts_and_day(corpus):
    record = Api().get(f"{UNSC}/9214").body
    found = decision_of(record, "resolution-2664")
    assert found["outcome"] == "adopted" and found["open"] is False
    assert (found["procedure"], found["taken_by"]) == ("vote", "vote")
    assert found["votes"] == {"in_favour": 14, "against": 0, "abstaining": 1}
    assert (found["date"], found["taken_on"]) == (None, "2022-12-09")
    vetoed = Api().get(f"{UNSC}/8979/decisions/s-2022-155").body
    assert vetoed["outcome"] == "not-adopted"


def test_the_api_names_who_chaired(corpus):
    record = Api().get(SCSC_14).body
    assert record["chair"]["party"]["code"] == "KG"
    assert record["chair"]["person"] == {"slug": "damir-sagynbaev", "name": "Damir Sagynbaev"}
    presided = Api().get(f"{UNSC}/8979").body["chair"]
    assert presided["person"]["name"] == "Vassily Nebenzia"


def test_the_api_refuses_a_co_chair_without_standing_naming_the_field(corpus, secretariat):
    read = secretariat.get(SCSC_14)
    answer = secretariat.patch(SCSC_14, {"co_chairs": ["US"]}, if_match=read.etag)
    assert answer.status == 422, answer.body
    assert "co_chairs[0]" in str(answer.body)
    assert "holds no standing" in str(answer.body)
    assert secretariat.get(SCSC_14).body["chair"]["co_chairs"] == []


# --- the meeting page ---------------------------------------------------------------------


def test_the_page_shows_the_outcome_and_the_counts(corpus):
    page = text(Client().get(f"{UNSC}/9214/"))
    assert "adopted (by vote: 14 in favour, 0 against, 1 abstaining; Dec. 9, 2022)" in page


def test_the_page_names_who_chaired(corpus):
    page = text(Client().get(f"{SCSC_14}/"))
    assert "Damir Sagynbaev, Kyrgyzstan" in page
    group = text(
        Client().get(
            "/organizations/sco/bodies/afghanistan-contact-group/meetings/2019-04-bishkek/"
        )
    )
    assert "Chingiz Aidarbekov, Kyrgyzstan" in group and "Co-chaired by Afghanistan" in group


def test_the_api_refuses_an_adoption_an_objection_contradicts(corpus, secretariat):
    answer = secretariat.post(
        f"{SCSC_14}/decisions",
        {
            "id": "contradicted",
            "title": "A contradicted decision",
            "outcome": "adopted",
            "positions": [
                {"party": "KG", "stance": "concurs"},
                {"party": "RU", "stance": "objects"},
            ],
        },
    )
    assert answer.status == 422, answer.body
    assert answer.body["detail"] == [
        {"field": "outcome", "reason": "adopted by consensus, yet RU recorded an objection"}
    ]
    assert secretariat.get(f"{SCSC_14}/decisions/contradicted").status == 404


def test_the_api_records_a_decision_adopted_without_positions_and_its_counts_refused(
    corpus, secretariat
):
    created = secretariat.post(
        f"{SCSC_14}/decisions",
        {
            "id": "silent",
            "title": "Adopted by silence",
            "outcome": "adopted",
            "procedure": "silence",
        },
    )
    assert created.status == 201, created.body
    assert (created.body["outcome"], created.body["taken_by"]) == ("adopted", "silence")
    counted = secretariat.patch(
        f"{SCSC_14}/decisions/silent",
        {"votes": {"in_favour": 5}},
        if_match=created.etag,
    )
    assert counted.status == 422
    assert counted.body["detail"][0]["field"] == "votes"
