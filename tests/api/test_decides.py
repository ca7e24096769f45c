"""Who was appointed, which chair term was fixed, and by which decision: the SCO's
Qingdao summit (2018) asked through the CLI, the API, the pages and the releases, and
decisions that decide records written through the API, refused where the rules say."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from accord.meetings.models import Meeting
from accord.publishing import compose
from accord.records.loader import load
from tests.api.conftest import Api
from tests.conftest import kept_for_module
from tests.web.conftest import text

ROOT = Path(__file__).resolve().parent.parent.parent
FILES = [
    *sorted((ROOT / "scenarios").glob("*.yaml")),
    ROOT / "tests" / "records" / "corpus" / "sco-2018-qingdao-appointments.yaml",
]
QINGDAO = "/organizations/sco/bodies/heads-of-state/meetings/18"
APPOINTMENT = "appointment-of-the-secretary-general-2019-2021"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, lambda: load(FILES))


@pytest.fixture
def corpus(loaded, db):
    """The SCO's seed with the Qingdao appointments, loaded once for the module."""


NOROV = {
    "kind": "appoints",
    "post": "secretary-general",
    "post_name": "Secretary-General of the SCO",
    "person": {"slug": "vladimir-norov", "name": "Vladimir Norov"},
    "party": None,
    "body": None,
    "start": "2019-01-01",
    "end": "2021-12-31",
    "term_end": "2021-12-31",
    "acting": False,
    "previous_end": None,
}


# --- the CLI ---------------------------------------------------------------------------


def test_the_cli_says_whom_the_summit_appointed_and_who_took_the_chair(accord, corpus):
    found = accord("meeting", "sco", "heads-of-state", "18", "--format", "json")
    decisions = {d["id"]: d for d in found["decisions"]}
    assert decisions[APPOINTMENT]["decides"] == [NOROV]
    [chair] = decisions["presidency-2018-2019"]["decides"]
    assert (chair["kind"], chair["party"]["code"], chair["start"], chair["end"]) == (
        "fixes-chair",
        "KG",
        "2018-06-11",
        "2019-06-14",
    )
    shown = accord("meeting", "sco", "heads-of-state", "18")
    assert "  appoints Vladimir Norov Secretary-General of the SCO, 2019-01-01..2021-12-31" in shown
    assert "  fixes the chair: Kyrgyzstan, 2018-06-11..2019-06-14" in shown


# --- the API ---------------------------------------------------------------------------


def test_the_api_reads_what_a_decision_decides_in_the_record_and_on_its_own(corpus):
    record = Api().get(QINGDAO)
    assert record.status == 200
    decision = next(d for d in record.body["decisions"] if d["id"] == APPOINTMENT)
    assert decision["decides"] == [NOROV]
    alone = Api().get(f"{QINGDAO}/decisions/{APPOINTMENT}")
    assert alone.status == 200
    assert alone.body["decides"] == [NOROV]


def test_a_decision_written_through_the_api_appoints_and_cannot_then_fail(secretariat, corpus):
    made = secretariat.post(
        f"{QINGDAO}/decisions",
        {
            "id": "appointment-of-the-rats-director-again",
            "title": "Decision on the Director of the RATS Executive Committee",
            "outcome": "adopted",
            "decides": [
                {
                    "kind": "appoints",
                    "post": "rats-director",
                    "person": "jumakhon-giyosov",
                    "start": "2019-01-01",
                }
            ],
        },
    )
    assert made.status == 201, made.body
    assert [(e["kind"], e["person"]["slug"]) for e in made.body["decides"]] == [
        ("appoints", "jumakhon-giyosov")
    ]
    path = f"{QINGDAO}/decisions/appointment-of-the-rats-director-again"
    refused = secretariat.patch(path, {"outcome": "not-adopted"}, if_match=made.etag)
    assert refused.status == 422
    assert [p["field"] for p in refused.body["detail"]] == ["outcome"]
    # Naming nothing any more, it may be recorded as not adopted.
    cleared = secretariat.patch(path, {"outcome": "not-adopted", "decides": []}, if_match=made.etag)
    assert cleared.status == 200, cleared.body
    assert (cleared.body["outcome"], cleared.body["decides"]) == ("not-adopted", [])


def test_the_api_refuses_an_appointment_by_a_decision_not_adopted_or_of_the_wrong_holder(
    secretariat, corpus
):
    def put(outcome: str, person: str):
        return secretariat.post(
            f"{QINGDAO}/decisions",
            {
                "id": "refused",
                "title": "Refused",
                "outcome": outcome,
                "decides": [
                    {
                        "kind": "appoints",
                        "post": "secretary-general",
                        "person": person,
                        "start": "2019-01-01",
                    }
                ],
            },
        )

    not_adopted = put("deferred", "vladimir-norov")
    assert not_adopted.status == 422
    assert not_adopted.body["detail"][0]["field"] == "decides"
    wrong = put("adopted", "rashid-alimov")
    assert wrong.status == 422
    assert [p["field"] for p in wrong.body["detail"]] == ["decides[0].person"]
    assert Api().get(f"{QINGDAO}/decisions/refused").status == 404


# --- the pages -------------------------------------------------------------------------


def test_the_meeting_page_says_what_each_decision_decides(corpus):
    page = Client().get("/organizations/sco/bodies/heads-of-state/meetings/18/")
    assert page.status_code == 200
    shown = text(page)
    assert "Appoints Vladimir Norov Secretary-General of the SCO for the period" in shown
    assert "Fixes the chair: Kyrgyzstan" in shown


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("ru", "Назначение: Владимир Норов — Генеральный секретарь ШОС на период с"),
        ("zh-hans", "任命弗拉基米尔·诺罗夫为上海合作组织秘书长，任期自"),
    ],
)
def test_the_meeting_page_says_it_in_russian_and_chinese(corpus, language, said):
    reader = Client()
    reader.cookies["django_language"] = language
    page = reader.get("/organizations/sco/bodies/heads-of-state/meetings/18/")
    assert page.status_code == 200
    assert said in text(page)


def test_the_person_and_organization_pages_say_which_decision_decided_a_term(corpus):
    person = text(Client().get("/people/vladimir-norov/"))
    assert (
        "decided by Decision on the appointment of the Secretary-General of the Shanghai"
        " Cooperation Organisation at" in person
    )
    organization = text(Client().get("/organizations/sco/"))
    assert "decided by Decision on the presidency of the Shanghai Cooperation Organisation" in (
        organization
    )


# --- the releases ----------------------------------------------------------------------


def test_the_release_says_whom_the_council_appointed_in_three_languages(corpus):
    summit = Meeting.objects.get(
        body__organization__slug="sco", body__slug="heads-of-state", number=18
    )
    said = {
        language: compose.write(summit, language=language).text for language in ("en", "ru", "zh")
    }
    assert (
        "The Council of Heads of State (CHS) appointed Vladimir Norov Secretary-General of"
        " the SCO for the period from 1 January 2019 to 31 December 2021."
    ) in said["en"]
    assert (
        "The Council of Heads of State (CHS) decided that Kyrgyzstan holds the chair from"
        " 11 June 2018 to 14 June 2019."
    ) in said["en"]
    assert (
        "Совет глав государств-членов ШОС — назначение: Владимир Норов — Генеральный"
        " секретарь ШОС на период с 1 января 2019\u202fг. по 31 декабря 2021\u202fг."
    ) in said["ru"]
    assert (
        "Совет глав государств-членов ШОС — председательство: Кыргызстан, с 11 июня"
        " 2018\u202fг. по 14 июня 2019\u202fг."
    ) in said["ru"]
    assert (
        "上海合作组织成员国元首理事会任命弗拉基米尔·诺罗夫为上海合作组织秘书长，"
        "任期自2019年1月1日至2021年12月31日。"
    ) in said["zh"]
    assert (
        "上海合作组织成员国元首理事会决定吉尔吉斯斯坦自2018年6月11日至2019年6月14日担任主席。"
        in (said["zh"])
    )


@pytest.mark.parametrize(
    ("language", "holder", "twice"),
    [
        (
            "ru",
            "срок полномочий в должности «Генеральный секретарь ШОС» с 1 января 2019 г."
            " принадлежит другому лицу: Владимир Норов",
            "срок полномочий (Владимир Норов — Генеральный секретарь ШОС, с 1 января 2019 г.)"
            " указан дважды",
        ),
        (
            "zh-hans",
            "上海合作组织秘书长自2019年1月1日起的任期由弗拉基米尔·诺罗夫担任",
            "弗拉基米尔·诺罗夫担任上海合作组织秘书长的任期（自2019年1月1日起）被列出两次",
        ),
    ],
)
def test_the_api_refuses_what_a_decision_decides_in_the_requests_language(
    secretariat, corpus, language, holder, twice
):
    def post(person: str):
        line = {"kind": "appoints", "post": "secretary-general", "person": person}
        return secretariat.post(
            f"{QINGDAO}/decisions",
            {
                "id": "refused",
                "title": "Refused",
                "outcome": "adopted",
                "decides": [{**line, "start": "2019-01-01"}, {**line, "start": "2019-01-01"}],
            },
            **{"Accept-Language": language},
        )

    wrong = post("rashid-alimov")
    assert wrong.status == 422
    assert wrong.body["detail"][0] == {"field": "decides[0].person", "reason": holder}
    named_twice = post("vladimir-norov")
    assert named_twice.status == 422
    assert named_twice.body["detail"] == [{"field": "decides[1]", "reason": twice}]
