"""Russian agreement in releases (pymorphy3): a template's verb and ordinal agree with
the name the record gives, a body's name takes the genitive, and the linter finds a
verb that does not agree with its subject."""

from __future__ import annotations

import pytest

from accord.publishing import morphology
from accord.publishing.wording import Language

# No database: the answers are the same in both halves of `make test` (run in one).
pytestmark = pytest.mark.database_independent


@pytest.mark.parametrize(
    ("subject", "verb"),
    [
        ("11-я встреча министров иностранных дел", "состоялась"),
        ("14-е совещание секретарей советов безопасности", "состоялось"),
        ("заседание Совета министров", "состоялось"),
        ("19-й саммит", "состоялся"),
        ("консультации заместителей министров", "состоялись"),
    ],
)
def test_the_verb_agrees_with_the_head_noun(subject, verb):
    assert morphology.agree("состоялось", subject) == verb
    assert Language("ru").held(subject) == verb


def test_a_capital_is_kept_and_an_unknown_subject_leaves_the_word():
    assert morphology.agree("Состоялось", "встреча") == "Состоялась"
    assert morphology.agree("состоялось", "ШОС") == "состоялось"
    assert morphology.agree("состоялось", "") == "состоялось"


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [(11, "встреча", "11-я"), (14, "совещание", "14-е"), (3, "саммит", "3-й")],
)
def test_the_ordinal_agrees(n, noun, expected):
    assert morphology.ordinal(n, noun) == expected


def test_a_meeting_name_agrees_with_the_body_name():
    ru = Language("ru")
    assert ru.meeting_name("Встреча министров", 11) == "11-я встреча министров"
    assert ru.meeting_name("Совещание секретарей", 14) == "14-е совещание секретарей"
    assert ru.held(ru.meeting_name("Встреча министров", 11)) == "состоялась"


@pytest.mark.parametrize(
    ("name", "genitive"),
    [
        ("Контактная группа «ШОС – Афганистан»", "Контактной группы «ШОС – Афганистан»"),
        ("Евразийская экономическая комиссия", "Евразийской экономической комиссии"),
        ("Постоянный совет", "Постоянного совета"),
        ("ШОС – Афганистан", None),
    ],
)
def test_a_body_name_in_the_genitive(name, genitive):
    assert morphology.genitive(name) == genitive


def test_the_nth_meeting_of_a_body_whose_name_the_table_does_not_know():
    assert (
        Language("ru").meeting_name("Контактная группа «ШОС – Афганистан»", 3)
        == "3-е заседание Контактной группы «ШОС – Афганистан»"
    )
    unknown = Language("ru").meeting_name("«Группа двадцати»", 3)
    assert unknown == "3-е заседание органа ««Группа двадцати»»"


@pytest.mark.parametrize(
    "sentence",
    [
        "15 мая 2019 года в городе Бишкек состоялось 11-я встреча министров.",
        "В городе Бишкек состоялась 14-е совещание секретарей.",
        "Совет состоялась.",
        "Участники одобрил документ.",
    ],
)
def test_a_disagreement_is_found(sentence):
    assert morphology.disagreements(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "15 мая 2019 года в городе Бишкек состоялась 11-я встреча министров.",
        "Председательствовала сторона: Кыргызстан.",
        "Заседание прошло в восьмистороннем формате.",
        "Бойкотировали заседание: Россия.",
        "Впервые в нём участвовали: Индия и Пакистан.",
        "Председательство Кыргызской Республики в ШОС подтвердило стремление.",
        "Проделан значительный объём работы.",
        "Участники одобрили документ.",
        "Решения, которые будут приняты главами государств, внесут вклад.",
    ],
)
def test_an_agreeing_sentence_passes(sentence):
    assert morphology.disagreements(sentence) == []
