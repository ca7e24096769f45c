"""The words of the synthetic history: places, people, bodies and subjects in en/ru/zh.

Tables only; `accord.records.synthetic` builds the history from them. Every entry is
(English, Russian, Chinese) unless said otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

# State (ISO 3166 alpha-2) -> its capital and a second city: country data, kept in
# cities.json beside this module.
CITIES: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    code: (tuple(first), tuple(second))
    for code, (first, second) in json.loads(
        (Path(__file__).with_name("cities.json")).read_text(encoding="utf-8")
    )["cities"].items()
}

NEW_YORK = ("New York", "Нью-Йорк", "纽约")

GIVEN_NAMES = [
    ("Alexei", "Алексей", "阿列克谢"),
    ("Amir", "Амир", "阿米尔"),
    ("Anvar", "Анвар", "安瓦尔"),
    ("Arman", "Арман", "阿尔曼"),
    ("Bakyt", "Бакыт", "巴克特"),
    ("Daniyar", "Данияр", "达尼亚尔"),
    ("Dilnoza", "Дилноза", "迪尔诺扎"),
    ("Elena", "Елена", "叶莲娜"),
    ("Farida", "Фарида", "法丽达"),
    ("Hassan", "Хасан", "哈桑"),
    ("Irina", "Ирина", "伊琳娜"),
    ("Javad", "Джавад", "贾瓦德"),
    ("Karim", "Карим", "卡里姆"),
    ("Laila", "Лейла", "莱拉"),
    ("Maria", "Мария", "玛丽亚"),
    ("Nadia", "Надя", "娜佳"),
    ("Omar", "Омар", "奥马尔"),
    ("Pavel", "Павел", "帕维尔"),
    ("Rahul", "Рахул", "拉胡尔"),
    ("Sergei", "Сергей", "谢尔盖"),
    ("Timur", "Тимур", "帖木儿"),
    ("Wei", "Вэй", "伟"),
    ("Yusuf", "Юсуф", "优素福"),
    ("Zarina", "Зарина", "扎丽娜"),
]

FAMILY_NAMES = [
    ("Abdullaev", "Абдуллаев", "阿卜杜拉耶夫"),
    ("Akhmetov", "Ахметов", "艾哈迈托夫"),
    ("Bekov", "Беков", "别科夫"),
    ("Chen", "Чэнь", "陈"),
    ("Demirci", "Демирджи", "德米尔吉"),
    ("Fernandes", "Фернандес", "费尔南德斯"),
    ("Gupta", "Гупта", "古普塔"),
    ("Haidari", "Хайдари", "海达里"),
    ("Ismailov", "Исмаилов", "伊斯梅洛夫"),
    ("Karimov", "Каримов", "卡里莫夫"),
    ("Kuznetsov", "Кузнецов", "库兹涅佐夫"),
    ("Li", "Ли", "李"),
    ("Mahmoud", "Махмуд", "马哈茂德"),
    ("Nazarov", "Назаров", "纳扎罗夫"),
    ("Orlov", "Орлов", "奥尔洛夫"),
    ("Petrov", "Петров", "彼得罗夫"),
    ("Rahimov", "Рахимов", "拉希莫夫"),
    ("Sharma", "Шарма", "夏尔马"),
    ("Sokolov", "Соколов", "索科洛夫"),
    ("Tursunov", "Турсунов", "图尔苏诺夫"),
    ("Usmanov", "Усманов", "乌斯马诺夫"),
    ("Wang", "Ван", "王"),
    ("Yilmaz", "Йылмаз", "耶尔马兹"),
    ("Zhukov", "Жуков", "朱可夫"),
]

# slug, English, Russian (agreeing with "организация", feminine), Chinese
REGIONS = [
    ("caspian", "Caspian", "Каспийская", "里海"),
    ("eurasian", "Eurasian", "Евразийская", "欧亚"),
    ("central-asian", "Central Asian", "Центральноазиатская", "中亚"),
    ("pacific", "Pacific", "Тихоокеанская", "太平洋"),
    ("himalayan", "Himalayan", "Гималайская", "喜马拉雅"),
    ("south-asian", "South Asian", "Южноазиатская", "南亚"),
    ("east-asian", "East Asian", "Восточноазиатская", "东亚"),
    ("mekong", "Mekong", "Меконгская", "湄公河"),
    ("aral", "Aral", "Аральская", "咸海"),
    ("altai", "Altai", "Алтайская", "阿尔泰"),
    ("pamir", "Pamir", "Памирская", "帕米尔"),
    ("black-sea", "Black Sea", "Черноморская", "黑海"),
    ("indian-ocean", "Indian Ocean", "Индоокеанская", "印度洋"),
    ("arabian", "Arabian", "Аравийская", "阿拉伯"),
    ("andean", "Andean", "Андская", "安第斯"),
    ("saharan", "Saharan", "Сахарская", "撒哈拉"),
    ("baltic", "Baltic", "Балтийская", "波罗的海"),
    ("danube", "Danube", "Дунайская", "多瑙河"),
    ("steppe", "Steppe", "Степная", "草原"),
    ("transcaspian", "Trans-Caspian", "Транскаспийская", "跨里海"),
]

# Partner organizations (parties of kind "organization"): code, English, Russian, Chinese.
PARTNER_ORGANIZATIONS = [
    ("WHO", "World Health Organization", "Всемирная организация здравоохранения", "世界卫生组织"),
    (
        "UNESCO",
        "United Nations Educational, Scientific and Cultural Organization",
        "Организация Объединённых Наций по вопросам образования, науки и культуры",
        "联合国教育、科学及文化组织",
    ),
    (
        "FAO",
        "Food and Agriculture Organization of the United Nations",
        "Продовольственная и сельскохозяйственная организация Объединённых Наций",
        "联合国粮食及农业组织",
    ),
    ("ILO", "International Labour Organization", "Международная организация труда", "国际劳工组织"),
    (
        "IAEA",
        "International Atomic Energy Agency",
        "Международное агентство по атомной энергии",
        "国际原子能机构",
    ),
    (
        "INTERPOL",
        "International Criminal Police Organization",
        "Международная организация уголовной полиции",
        "国际刑事警察组织",
    ),
    ("WCO", "World Customs Organization", "Всемирная таможенная организация", "世界海关组织"),
    ("UNDP", "United Nations Development Programme", "Программа развития ООН", "联合国开发计划署"),
    ("WFP", "World Food Programme", "Всемирная продовольственная программа", "世界粮食计划署"),
    (
        "ESCAP",
        "Economic and Social Commission for Asia and the Pacific",
        "Экономическая и социальная комиссия для Азии и Тихого океана",
        "亚洲及太平洋经济社会委员会",
    ),
    ("ADB", "Asian Development Bank", "Азиатский банк развития", "亚洲开发银行"),
]

TOPICS = {
    "regional-security": ("regional security", "региональная безопасность", "地区安全"),
    "counter-terrorism": (
        "countering terrorism, separatism and extremism",
        "противодействие терроризму, сепаратизму и экстремизму",
        "打击恐怖主义、分裂主义和极端主义",
    ),
    "drug-trafficking": (
        "illicit drug trafficking",
        "незаконный оборот наркотиков",
        "非法贩运毒品",
    ),
    "information-security": ("information security", "информационная безопасность", "信息安全"),
    "trade-facilitation": ("trade facilitation", "упрощение процедур торговли", "贸易便利化"),
    "connectivity": ("transport connectivity", "транспортная взаимосвязанность", "交通互联互通"),
    "energy-security": ("energy security", "энергетическая безопасность", "能源安全"),
    "food-security": ("food security", "продовольственная безопасность", "粮食安全"),
    "public-health": ("public health", "общественное здравоохранение", "公共卫生"),
    "climate": ("climate change", "изменение климата", "气候变化"),
    "people-to-people": ("people-to-people exchanges", "гуманитарные обмены", "人文交流"),
    "disaster-relief": (
        "disaster relief",
        "ликвидация последствий стихийных бедствий",
        "救灾",
    ),
    "budget": ("the organization's budget", "бюджет организации", "本组织预算"),
    "enlargement": (
        "observer states and partners",
        "государства-наблюдатели и партнёры",
        "观察员国和伙伴",
    ),
}

# slug, English, Russian after "министров", Russian after "в области", Chinese,
# the topics it works on, and whether it reports to the heads of state (security)
# rather than to the heads of government.
# A sector: key, English name, Russian (ministers of), Russian (area), Chinese, topics,
# and whether it reports to the heads of state.
Sector = tuple[str, str, str, str, str, list[str], bool]

SECTORS: list[Sector] = [
    (
        "defence",
        "Defence",
        "обороны",
        "обороны",
        "国防",
        ["regional-security", "counter-terrorism"],
        True,
    ),
    (
        "interior",
        "Internal Affairs",
        "внутренних дел",
        "внутренних дел",
        "内务",
        ["counter-terrorism", "drug-trafficking"],
        True,
    ),
    ("transport", "Transport", "транспорта", "транспорта", "交通", ["connectivity"], False),
    ("energy", "Energy", "энергетики", "энергетики", "能源", ["energy-security", "climate"], False),
    (
        "agriculture",
        "Agriculture",
        "сельского хозяйства",
        "сельского хозяйства",
        "农业",
        ["food-security"],
        False,
    ),
    ("health", "Health", "здравоохранения", "здравоохранения", "卫生", ["public-health"], False),
    (
        "emergencies",
        "Emergency Situations",
        "по чрезвычайным ситуациям",
        "предупреждения чрезвычайных ситуаций",
        "紧急救灾",
        ["disaster-relief"],
        True,
    ),
    ("justice", "Justice", "юстиции", "правосудия", "司法", ["regional-security"], True),
    ("trade", "Trade", "торговли", "торговли", "经贸", ["trade-facilitation"], False),
    ("education", "Education", "образования", "образования", "教育", ["people-to-people"], False),
    ("culture", "Culture", "культуры", "культуры", "文化", ["people-to-people"], False),
    ("finance", "Finance", "финансов", "финансов", "财政", ["budget", "trade-facilitation"], False),
    (
        "science",
        "Science and Technology",
        "науки и технологий",
        "науки и технологий",
        "科技",
        ["information-security"],
        False,
    ),
    (
        "environment",
        "Environment",
        "охраны окружающей среды",
        "охраны окружающей среды",
        "环境",
        ["climate"],
        False,
    ),
    ("tourism", "Tourism", "туризма", "туризма", "旅游", ["people-to-people"], False),
    (
        "digital",
        "Digital Development",
        "цифрового развития",
        "цифрового развития",
        "数字发展",
        ["information-security", "connectivity"],
        False,
    ),
]

DOCUMENT_TYPES = {
    "programme": ("programme", "программа", "纲要"),
    "strategy": ("strategy", "стратегия", "战略"),
    "working-plan": ("working plan", "план работы", "工作计划"),
    "roadmap": ("roadmap", "дорожная карта", "路线图"),
    "report": ("report", "доклад", "报告"),
    "working-paper": ("working paper", "рабочий документ", "工作文件"),
    "declaration": ("declaration", "декларация", "宣言"),
    "decision": ("decision", "решение", "决议"),
    "communique": ("communiqué", "коммюнике", "公报"),
    "press-release": ("press release", "пресс-релиз", "新闻稿"),
    "information-report": ("information report", "информационное сообщение", "新闻公报"),
    "agreement": ("agreement", "соглашение", "协定"),
}

# The working papers a meeting issues (`accord synth --papers N`): document types
# written only when papers are asked for, so that the history without them is unchanged.
PAPER_TYPES = {
    "provisional-agenda": ("provisional agenda", "предварительная повестка дня", "临时议程"),
    "annotated-agenda": (
        "annotated provisional agenda",
        "аннотированная предварительная повестка дня",
        "附说明的临时议程",
    ),
    "list-of-participants": ("list of participants", "список участников", "与会者名单"),
    "draft-report": ("draft report", "проект доклада", "报告草案"),
    "information-note": ("information note", "информационная записка", "情况说明"),
    "secretariat-note": ("note by the secretariat", "записка секретариата", "秘书处的说明"),
    "national-submission": ("national submission", "национальное представление", "国家提交材料"),
    "background-paper": ("background paper", "справочный документ", "背景文件"),
    "conference-room-paper": ("conference room paper", "документ зала заседаний", "会议室文件"),
}
# The first papers of every meeting, in this order; the others are drawn from TOPICAL_PAPERS.
PROCEDURAL_PAPERS = (
    "provisional-agenda",
    "list-of-participants",
    "annotated-agenda",
    "draft-report",
)
TOPICAL_PAPERS = (
    "information-note",
    "secretariat-note",
    "national-submission",
    "background-paper",
    "conference-room-paper",
    "working-paper",
)
# Sentences that vary a topical paper's text: (English, Russian, Chinese); {t} is the topic.
PAPER_SENTENCES = [
    (
        "It reviews progress on {t} since the previous meeting.",
        "В документе рассматривается ход работы по вопросу «{t}» после предыдущего заседания.",
        "本文件回顾了上次会议以来{t}方面的进展。",
    ),
    (
        "It proposes practical steps on {t} for the coming year.",
        "Предлагаются практические шаги по вопросу «{t}» на предстоящий год.",
        "本文件提出了来年{t}方面的务实措施。",
    ),
    (
        "It summarises the views expressed by delegations on {t}.",
        "Обобщаются мнения, высказанные делегациями по вопросу «{t}».",
        "本文件汇总了各代表团就{t}发表的意见。",
    ),
    (
        "It sets out the financial implications of the proposals on {t}.",
        "Излагаются финансовые последствия предложений по вопросу «{t}».",
        "本文件阐述了{t}相关提案的财务影响。",
    ),
    (
        "It lists the national contact points responsible for {t}.",
        "Приводится перечень национальных контактных пунктов по вопросу «{t}».",
        "本文件列出了负责{t}的国家联络点。",
    ),
    (
        "It compares the legislation of the members on {t}.",
        "Сравнивается законодательство членов по вопросу «{t}».",
        "本文件比较了各成员在{t}方面的立法。",
    ),
    (
        "It recalls the decisions already taken on {t} and their implementation.",
        "Напоминаются принятые решения по вопросу «{t}» и ход их выполнения.",
        "本文件回顾了已就{t}作出的决定及其落实情况。",
    ),
    (
        "It invites the meeting to take note of the information on {t}.",
        "Заседанию предлагается принять к сведению информацию по вопросу «{t}».",
        "请会议注意关于{t}的情况。",
    ),
    (
        "It describes joint projects on {t} with partner organizations.",
        "Описываются совместные проекты с организациями-партнёрами по вопросу «{t}».",
        "本文件介绍了与伙伴组织在{t}方面的联合项目。",
    ),
    (
        "It draws on statistics gathered by the secretariat on {t}.",
        "Документ основан на статистических данных секретариата по вопросу «{t}».",
        "本文件依据秘书处收集的{t}统计数据。",
    ),
]
