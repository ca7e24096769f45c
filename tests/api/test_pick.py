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


# --- bodies, meetings and agenda items, for the record page's action rows -------------

SCS_MEETINGS = "/pick?kind=meeting&organization=sco&body=security-council-secretaries"
ITEMS_14 = "/pick?kind=item&organization=sco&body=security-council-secretaries&meeting=14"


def test_a_body_is_picked_by_its_name(anonymous):
    answer = anonymous.get("/pick?kind=body&q=heads%20of%20state&organization=sco")
    assert _values(answer) == ["heads-of-state"]
    assert answer.body["choices"][0]["label"] == "Council of Heads of State"


def test_a_meeting_is_picked_by_number_date_or_title_as_the_form_names_it(anonymous):
    assert _values(anonymous.get(f"{SCS_MEETINGS}&q=14")) == ["14"]
    assert "14" in _values(anonymous.get(f"{SCS_MEETINGS}&q=2019-05"))
    assert "14" in _values(anonymous.get(f"{SCS_MEETINGS}&q=Meeting&limit=50"))


def test_agenda_items_are_picked_from_their_meeting(anonymous):
    answer = anonymous.get(f"{ITEMS_14}&q=drug")
    values = _values(answer)
    assert values and all(isinstance(v, str) for v in values)
    assert anonymous.get("/pick?kind=item&q=drug").status == 422


def test_a_restricted_meeting_or_item_is_never_offered_to_a_reader_who_may_not_read_it(
    anonymous, as_role
):
    from accord.meetings.models import AgendaItem, Meeting

    fourteenth = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    item = AgendaItem.objects.filter(meeting=fourteenth).order_by("position").first()
    assert item is not None
    # (Each question is asked once: answers are kept while the record is unchanged, and
    # the classifications below are changed beneath the audited writer.)
    assert item.slug in _values(anonymous.get(f"{ITEMS_14}&q={item.slug[:4]}"))
    # A restricted item of an open meeting: offered to the secretariat only.
    AgendaItem.objects.filter(pk=item.pk).update(classification="organization")
    assert item.slug not in _values(anonymous.get(f"{ITEMS_14}&q={item.slug[:5]}"))
    assert item.slug in _values(as_role("secretariat").get(f"{ITEMS_14}&q={item.slug[:5]}"))
    # A restricted meeting: not offered, and its items not found.
    Meeting.objects.filter(pk=fourteenth.pk).update(classification="organization")
    assert "14" not in _values(anonymous.get(f"{SCS_MEETINGS}&q=14&limit=5"))
    assert "14" not in _values(as_role("observer").get(f"{SCS_MEETINGS}&q=14&limit=5"))
    assert "14" in _values(as_role("secretariat").get(f"{SCS_MEETINGS}&q=14&limit=5"))
    assert anonymous.get(f"{ITEMS_14}&q={item.slug[:6]}").status == 404
