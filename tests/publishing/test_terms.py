"""The organization's own words and listing order (publishing/terms.py), and sentences
that stay whole when the record lacks a fact (no city, an earlier step with no place)."""

from __future__ import annotations

import pytest

from accord.core.errors import DomainError
from accord.meetings.models import Meeting
from accord.publishing import lint, services, terms
from accord.publishing.compose import write
from accord.publishing.inputs import ProfileFields
from accord.publishing.wording import Language
from accord.registry.models import Organization

SCO_MEMBERS_RU = ["Индия", "Казахстан", "Китай", "Кыргызстан", "Пакистан", "Россия"]


@pytest.mark.database_independent
def test_an_organization_that_says_nothing_gets_neutral_words():
    said = terms.words({}, "en")
    assert said == {
        "members": "members",
        "observers": "observers",
        "guests": "guests",
        "chairmanship": "chair",
    }
    osce = {"members": {"en": "participating States"}, "chairmanship": {"en": "Chairpersonship"}}
    said = terms.words(osce, "en")
    assert said["members"] == "participating States" and said["chairmanship"] == "Chairpersonship"
    assert terms.words(osce, "ru")["members"] == "члены"  # no Russian word recorded


@pytest.mark.database_independent
def test_the_words_fill_the_templates_with_a_capital_where_a_sentence_starts():
    said = terms.words({"observers": {"en": "observer states"}}, "en")
    assert terms.fill({"o": "[Observers]: {list}", "n": {"x": "of [members]"}}, said) == {
        "o": "Observer states: {list}",
        "n": {"x": "of members"},
    }


@pytest.mark.database_independent
def test_states_are_listed_by_collation_not_by_code():
    names = {"IN": "India", "KZ": "Kazakhstan", "CN": "China", "RU": "Russia"}
    russian = {"IN": "Индия", "KZ": "Казахстан", "CN": "Китай", "RU": "Россия"}

    def name_in(code: str, language: str) -> str:
        return (russian if language == "ru" else names)[code]

    def listed(**kw: str) -> list[str]:
        return terms.listed(names, code=lambda c: c, name_in=name_in, language="en", **kw)

    assert listed() == ["CN", "IN", "KZ", "RU"]  # English order
    assert listed(order_language="ru") == ["IN", "KZ", "CN", "RU"]  # Russian order, as the SCO
    assert listed(order="protocol", protocol=["RU", "CN"]) == ["RU", "CN", "IN", "KZ"]
    assert sorted(SCO_MEMBERS_RU, key=terms.collation_key) == SCO_MEMBERS_RU


@pytest.mark.database_independent
def test_chinese_names_are_listed_in_pinyin_order_not_by_code():
    chinese = {"IN": "印度", "KZ": "哈萨克斯坦", "CN": "中国", "RU": "俄罗斯", "PK": "巴基斯坦"}

    def listed(**kw: str) -> list[str]:
        return terms.listed(
            chinese, code=lambda c: c, name_in=lambda c, _: chinese[c], language="zh", **kw
        )

    # ba, e, ha, yin, zhong; by code point 中 (U+4E2D) would come first.
    assert listed() == ["PK", "RU", "KZ", "IN", "CN"]
    assert sorted(chinese.values(), key=terms.collation_key)[0] == "中国"
    # The tone orders names whose letters are the same: 马 (mǎ) before 骂 (mà).
    assert sorted(["骂", "马", "妈"], key=terms.pinyin_key) == ["妈", "马", "骂"]


def test_unknown_terms_are_refused_naming_the_field(db):
    sco = Organization.objects.get(slug="sco")
    with pytest.raises(DomainError) as refused:
        services.save_profile(
            sco,
            ProfileFields(
                terms={"members": {"en": " "}, "allies": {"en": "allies"}}, listing_order="protocol"
            ),
        )
    assert [p.field for p in refused.value.problems] == [
        "terms.members.en",
        "terms.allies",
        "listing_order.parties",
    ]


@pytest.mark.database_independent
def test_english_states_take_the_article_their_names_need():
    en = Language("en")
    assert en.state_in_text("Russian Federation") == "the Russian Federation"
    assert en.state_in_text("Philippines") == "the Philippines"
    assert en.state_in_text("Kyrgyzstan") == "Kyrgyzstan"
    assert Language("ru").state_in_text("Российская Федерация") == "Российская Федерация"


@pytest.mark.database_independent
def test_russian_took_place_agrees_with_the_meeting():
    ru = Language("ru")
    assert ru.held("14-е совещание секретарей") == "состоялось"
    assert ru.held("11-я встреча министров") == "состоялась"
    assert ru.held("саммит") == "состоялся"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_a_meeting_and_an_earlier_step_with_no_city_read_whole(language):
    m14 = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    Meeting.objects.filter(pk=m14.pk).update(city="", city_names={}, country=None)
    Meeting.objects.filter(body__slug="afghanistan-contact-group", slug="2019-04-bishkek").update(
        city="", city_names={}
    )
    for kind in ("press-release", "information-report"):
        written = write(m14, kind=kind, language=language)
        found = lint.lint(written.headline, written.dateline, written.text, language)
        assert not found, "\n".join(map(str, found))
    text = write(m14, language=language).text
    assert {
        "en": "On 15 May 2019, the 14th Meeting of SCO Member States' Security Council"
        " Secretaries was held.",
        "ru": "15 мая 2019\u202fг. состоялось 14-е совещание",
        "zh": "2019年5月15日，上海合作组织成员国安全会议秘书第14次会议举行。",
    }[language] in text


@pytest.mark.django_db
def test_a_meeting_known_only_by_its_country_is_not_said_to_be_in_a_city():
    m14 = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    Meeting.objects.filter(pk=m14.pk).update(city="", city_names={})
    assert "в городе" not in write(m14, language="ru").text
    assert "секретарей советов безопасности государств-членов ШОС (Кыргызстан)." in (
        write(m14, language="ru").text
    )
    assert "Security Council Secretaries was held in Kyrgyzstan." in write(m14).text
