"""Refusals in the page's language: the services' reasons, shown on the record page, are
translated into the reader's language, name a party by its name in that language and
write a date as the pages do (English, which the API and the command line answer in,
keeps the party's code and the record's dates)."""

from __future__ import annotations

import pytest

from tests.web.test_recording import NEW, field_error, new_form, officer

__all__ = ["officer"]


@pytest.fixture
def in_russian(officer):
    officer.cookies["django_language"] = "ru"
    return officer


@pytest.fixture
def in_chinese(officer):
    officer.cookies["django_language"] = "zh-hans"
    return officer


def test_every_refusal_of_a_save_is_in_russian(in_russian):
    changes = {
        "participants-1-party": "MN",  # an observer, as a member delegation
        "country": "Узбекистан",  # a name where a code is asked
        "date": "2010-05-01",  # out of the series' order
        "actions-1-to": "",  # a referral without its target
        "actions-0-item": "nowhere",
    }
    answer = in_russian.post(NEW, new_form(in_russian, **changes))
    assert answer.status_code == 422
    party = field_error(answer, "participants-1-party")
    assert "Монголия не является членом на 1 мая 2010 г." in party, party
    assert "запишите с ролью" in party
    assert "'MN'" not in party
    country = field_error(answer, "country")
    assert "нет стороны" in country and "UZ (Узбекистан)" in country, country
    assert "номер 17 идёт после 10, но заседание 10 прошло позже (14 апреля 2015 г.)" in (
        field_error(answer, "number")
    )
    assert field_error(answer, "actions-1-to") == (
        "при передаче вопроса нужно указать орган, которому он передаётся"
    )
    assert "в повестке дня нет пункта 'nowhere'" in field_error(answer, "actions-0-item")
    # The number out of date order is said beside the date too.
    assert "Ничего не сохранено: исправьте 6 ошибок" in answer.content.decode()


def test_a_refusal_is_in_chinese(in_chinese):
    answer = in_chinese.post(NEW, new_form(in_chinese, **{"participants-1-party": "XX"}))
    assert answer.status_code == 422
    assert field_error(answer, "participants-1-party") == "没有国家/组织 'XX'"
    changes = {"participants-1-party": "MN", "date": "2010-05-01"}
    answer = in_chinese.post(NEW, new_form(in_chinese, **changes))
    assert "在 2010年5月1日 不是成员" in field_error(answer, "participants-1-party")
    assert "举行得更晚（2015年4月14日）" in field_error(answer, "number")


def test_the_api_answers_in_english_with_codes(officer):
    # The same refusal through the API: English, naming the party by its code.
    answer = officer.get("/api/v1/pick", {"kind": "party", "q": "x" * 101})
    assert answer.status_code == 422
    assert "give 1 to 100 characters" in answer.content.decode()
    answer = officer.post(NEW, new_form(officer, **{"participants-1-party": "MN"}))
    assert "'MN' is not a member on 2022-08-19" in field_error(answer, "participants-1-party")
