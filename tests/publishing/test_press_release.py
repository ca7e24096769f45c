"""Press releases written from the record: every fact the founding press release states
(section C of the domain reference, marked `seed`) is in the English release of the
14th meeting, the same data points are in the Russian and Chinese ones, and a second
organization's meeting gets a release with no code of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.core.errors import DomainError
from accord.meetings.models import Meeting
from accord.publishing.compose import write
from accord.records.loader import load
from accord.registry.models import PostHolding

BRICS = Path(__file__).parent.parent / "records" / "brics-national-security.yaml"


def meeting(org: str, body: str, number: int) -> Meeting:
    return Meeting.objects.get(body__organization__slug=org, body__slug=body, number=number)


def release(language: str, kind: str = "press-release"):
    return write(meeting("sco", "security-council-secretaries", 14), kind=kind, language=language)


# The facts of section C marked (seed), as the phrases or data points that state them.
SEED_FACTS_EN = {
    "2, 3, 4: the 14th meeting of the Security Council Secretaries": "14th Meeting of SCO Member States' Security Council Secretaries",
    "5: 15 May 2019": "On 15 May 2019",
    "6: in Bishkek, Kyrgyzstan": "held in Bishkek, Kyrgyzstan",
    "7, 11: chaired by Kyrgyzstan, the presidency": "chaired by Kyrgyzstan, which holds the presidency of the SCO",
    "8, 9: Vladimir Norov, SCO Secretary-General, took part": "SCO Secretary-General Vladimir Norov took part in the meeting",
    "10, 12: the presidency statement, the Shanghai Spirit": "Shanghai Spirit",
    "13, 14: the largest trans-continental association": "world's largest trans-continental association",
    "15, 16: the 2018 Qingdao summit": "Qingdao",
    "18: the situation in the SCO region and the world": "Situation in the SCO region and the world",
    "19: terrorism, separatism and extremism": "terrorism, separatism and extremism",
    "19: illegal drug trafficking": "illegal drug trafficking",
    "19: weapons": "illegal weapons trafficking",
    "19: transnational organised crime": "transnational organised crime",
    "20: the eight-sided format": "eight-sided format",
    "21: RATS": "Regional Anti-Terrorist Structure (RATS Executive Committee)",
    "22: the programme adopted at Qingdao in 2018": "adopted at the 18th meeting of the Council of Heads of State (Qingdao, 9\u2009–\u200910 June 2018)",
    "23, 24: the RATS report heard": "The meeting heard the report",
    "25: particular attention to the drug threat": "Particular attention was paid to: Countering the drug threat",
    "26, 27: the working plan implementing the anti-drug strategy": "Anti-Drug Strategy",
    "28: the working plan approved": "The meeting approved the working plan",
    "29, 30: submitted to the heads of state for approval in Bishkek": "to the Council of Heads of State (CHS) for approval at its 19th meeting (Bishkek, 13\u2009–\u200914 June 2019)",
    "31: Peace Mission 2018": "Peace Mission 2018",
    "32: organised by the Russian Defence Ministry": "organised by the Ministry of Defence of the Russian Federation",
    "33: the Chebarkul training ground": "Chebarkul training ground",
    "34: India and Pakistan for the first time": "The armed forces of India and Pakistan took part in it for the first time",
    "35: praised": "The participants praised",
    "36, 37, 38: the Contact Group in April 2019 in Bishkek": "SCO–Afghanistan Contact Group considered it in Bishkek (April 2019)",
    "39, 40: the roadmap for the Bishkek summit": "Roadmap for further actions of the SCO-Afghanistan Contact Group” will be submitted to the Council of Heads of State (CHS) for adoption",
    "41: Afghanistan, its government and people": "the government and people of Afghanistan",
    "42, 43, 45: observer states and dialogue partners, on the summit agenda": "Expanding intra-SCO cooperation with observer states and dialogue partners” will be submitted to the Council of Heads of State",
    "46, 47: contact with international organisations, joint events": "The participants were informed of joint events",
    "48, 51: the Paris Pact initiative at the SCO Secretariat": "Paris Pact Initiative meeting at the SCO Secretariat",
    "49: the UN-SCO special event in New York": "with the United Nations (UN)",
    "49: New York": "New York",
    "50: the UN and the SCO in the Fight against Drugs, with UNODC in Vienna": "Vienna, Austria), with the United Nations Office on Drugs and Crime (UNODC)",
    "52: on the threshold of the Bishkek summit": "held in preparation for the 19th meeting of the Council of Heads of State",
    "53: plan subsequent cooperation": "plan subsequent cooperation",
    "54, 55: the CFM in Bishkek on 22 May 2019": "Council of Ministers of Foreign Affairs (CFM) for examination at its meeting (Bishkek, 22 May 2019)",
    "56: meeting since 2004": "has met since 2004",
    "57: a coordinating-consultative mechanism": "coordinating-consultative mechanism for intra-SCO security cooperation",
}


@pytest.mark.django_db
@pytest.mark.parametrize("fact", sorted(SEED_FACTS_EN))
def test_the_english_release_states_every_seed_fact(fact):
    written = release("en")
    assert SEED_FACTS_EN[fact] in written.text, fact


@pytest.mark.django_db
def test_the_english_headline_and_dateline():
    written = release("en")
    assert written.headline == (
        "SCO Secretary-General Vladimir Norov attends the 14th Meeting of SCO Member"
        " States' Security Council Secretaries"
    )
    assert written.dateline == "Bishkek, 15 May 2019"


# The same data points in Russian and Chinese: numbers, dates, names in the language.
DATA_POINTS = {
    "ru": [
        "14-е совещание секретарей советов безопасности",
        "15 мая 2019\u202fг.",
        "Бишкек (Кыргызстан)",
        "Кыргызстан (председательство в ШОС)",
        "Генеральный секретарь ШОС Владимир Норов",
        "восьмистороннем формате",
        "Региональной антитеррористической структуры",
        "Участники заслушали",
        "Циндао, 9—10 июня 2018\u202fг.",
        "Участники одобрили документ «План мероприятий",
        "Совет глав государств-членов ШОС — для утверждения, 19-е заседание (Бишкек, 13—14 июня 2019\u202fг.)",
        "«Мирная миссия – 2018»",
        "полигон Чебаркуль",
        "Министерство обороны Российской Федерации",
        "Впервые в нём участвовали: Индия и Пакистан",
        "Дорожная карта дальнейших действий Контактной группы",
        "Контактная группа «ШОС – Афганистан» — рассмотрение (Бишкек, апрель 2019\u202fг.)",
        "Организация Объединённых Наций",
        "Управление ООН по наркотикам и преступности",
        "Парижский пакт",
        "Нью-Йорк",
        "Вена",
        "Совет министров иностранных дел государств-членов ШОС — для рассмотрения, заседание (Бишкек, 22 мая 2019\u202fг.)",
        "с 2004 года",
    ],
    "zh": [
        "上海合作组织成员国安全会议秘书第14次会议",
        "2019年5月15日",
        "吉尔吉斯斯坦比什凯克",
        "轮值主席国吉尔吉斯斯坦",
        "上海合作组织秘书长弗拉基米尔·诺罗夫",
        "八方形式",
        "地区反恐怖机构",
        "会议听取了",
        "青岛，2018年6月9日–10日",
        "会议批准了工作计划",
        "上海合作组织成员国元首理事会第19次会议（比什凯克，2019年6月13日–14日）批准",
        "和平使命-2018",
        "切巴尔库尔训练场",
        "俄罗斯联邦国防部",
        "印度和巴基斯坦武装部队首次参加",
        "路线图",
        "上海合作组织—阿富汗联络组于2019年4月在比什凯克审议",
        "联合国",
        "联合国毒品和犯罪问题办公室",
        "巴黎公约",
        "纽约",
        "维也纳",
        "上海合作组织成员国外交部长理事会会议（比什凯克，2019年5月22日）审议",
        "自2004年起",
    ],
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "zh"])
def test_the_russian_and_chinese_releases_hold_the_same_data_points(language):
    written = release(language)
    missing = [p for p in DATA_POINTS[language] if p not in written.text]
    assert not missing, f"{language}: missing {missing}\n{written.text}"
    # Names come from the record's translations: no English name is left in the text.
    for english in ("Bishkek", "Kyrgyzstan", "Peace Mission", "Council of Heads of State"):
        assert english not in written.text


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_the_information_report_lists_participants_and_agenda(language):
    written = release(language, "information-report")
    heads = {"en": "Pankaj Saran", "ru": "Панкадж Саран", "zh": "潘卡吉·萨兰"}
    agenda = {
        "en": "1. Situation in the SCO region",
        "ru": "1. Обстановка в регионе ШОС",
        "zh": "1. 本组织地区和世界形势",
    }
    assert heads[language] in written.text
    assert agenda[language] in written.text
    assert {"en": "Information report", "ru": "Информационное сообщение", "zh": "新闻公报"}[
        language
    ] in written.headline


@pytest.mark.django_db
def test_a_second_organization_gets_a_release_with_no_code_of_its_own():
    load([BRICS])
    written = write(meeting("brics", "national-security", 10), language="en")
    assert written.headline == (
        "The 10th Meeting of BRICS High Representatives responsible for national security"
        " held by video conference"
    )
    for fact in (
        "On 17 September 2020",
        # BRICS says nothing of its words: the neutral ones, and no article before it.
        "chaired by Russia, which holds the chair of BRICS",
        "five-sided format of BRICS members: Brazil, China, India, Russia and South Africa",
        "The meeting approved the strategy “BRICS Counter-Terrorism Strategy”",
        "will be submitted to the BRICS Summit for adoption at its 12th meeting (by video conference, 17 November 2020)",
        "has met since 2009",
    ):
        assert fact in written.text, fact
    report = write(meeting("brics", "summit", 12), kind="information-report", language="en")
    assert "Decision “Adoption of the BRICS Counter-Terrorism Strategy”: adopted" in report.text
    # BRICS publishes in English only: a Russian release is refused, naming the field.
    with pytest.raises(DomainError) as refused:
        write(meeting("brics", "summit", 12), kind="information-report", language="ru")
    assert refused.value.problems[0].field == "language"
    assert "publishing languages (en)" in refused.value.problems[0].reason


@pytest.mark.parametrize(
    ("language", "acting"),
    [("ru", "Генеральный секретарь ШОС (и. о.)"), ("zh", "代理上海合作组织秘书长")],
)
def test_an_acting_holder_is_called_acting_in_every_language(db, language, acting):
    held = PostHolding.objects.get(post__slug="secretary-general", person__slug="vladimir-norov")
    assert acting not in release(language).text
    PostHolding.objects.filter(pk=held.pk).update(acting=True)
    assert acting in release(language).text
