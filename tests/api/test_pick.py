"""GET /pick: parties, people and documents by part of their key or name, for the
pickers of the recording pages; only what the asker may read is offered."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _values(answer) -> list[str]:
    assert answer.status == 200, answer.body
    return [c["value"] for c in answer.body["choices"]]


@pytest.mark.parametrize("typed", ["Uzbek", "uzbekistan", "Узбек", "乌兹别克", "UZ"])
def test_a_party_is_picked_by_its_name_in_any_language_or_its_code(anonymous, typed):
    answer = anonymous.get(f"/pick?kind=party&q={typed}&lang=ru")
    assert "UZ" in _values(answer)
    uz = next(c for c in answer.body["choices"] if c["value"] == "UZ")
    assert uz["label"] == "Узбекистан" and uz["detail"] == "UZ"


def test_the_exact_code_comes_first(anonymous):
    assert _values(anonymous.get("/pick?kind=party&q=in"))[0] == "IN"


def test_people_are_picked_by_name_with_their_party(anonymous):
    answer = anonymous.get("/pick?kind=person&q=sagynbaev&organization=sco")
    assert _values(answer) == ["damir-sagynbaev"]
    assert answer.body["choices"][0]["detail"] == "Kyrgyzstan"


def test_a_restricted_document_is_never_offered_to_a_reader_who_may_not_read_it(anonymous, as_role):
    query = "/pick?kind=document&q=information%20report&organization=sco"
    assert _values(anonymous.get(query)) == []
    assert _values(as_role("observer").get(query)) == []
    assert _values(as_role("secretariat").get(query)) == ["scsc-14-information-report"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/pick?kind=party&q=%20", "q"),
        ("/pick?kind=party&q=" + "x" * 101, "q"),
        ("/pick?kind=party&q=uz&limit=0", "limit"),
        ("/pick?kind=party&q=uz&limit=51", "limit"),
    ],
)
def test_bad_queries_are_refused_naming_the_field(anonymous, query, field):
    answer = anonymous.get(query)
    assert answer.status == 422
    assert field in answer.fields
