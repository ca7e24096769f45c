"""How each language writes what a release says: dates, ordinals, lists, quotes,
meeting names, and the fixed words of the templates (English, Russian, Chinese).

Nothing here knows a particular organization or meeting: names come from the record's
translations (`names`, `titles`, `city_names` ...), with the record's own language as
the fallback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accord.core.dates import PartialDate, Precision
from accord.core.text import ordinal
from accord.publishing import morphology

MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
MONTHS_RU_GENITIVE = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip
MONTHS_RU = [
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
]  # fmt: skip
NUMBERS_EN = [
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
]  # fmt: skip
# The stem of "N-sided" in Russian (восьми|сторонний).
NUMBERS_RU_STEM = [
    "", "одно", "двух", "трёх", "четырёх", "пяти", "шести", "семи", "восьми", "девяти",
    "десяти", "одиннадцати", "двенадцати", "тринадцати", "четырнадцати", "пятнадцати",
    "шестнадцати", "семнадцати", "восемнадцати", "девятнадцати", "двадцати",
]  # fmt: skip
DIGITS_ZH = "零一二三四五六七八九"

# Russian head nouns of a body's name and their genitive, for "the Nth meeting of X".
RU_GENITIVE_HEADS = {
    "Совет": "Совета",
    "Комитет": "Комитета",
    "Собрание": "Собрания",
    "Конференция": "Конференции",
    "Саммит": "Саммита",
    "Секретариат": "Секретариата",
}
# Russian names that already name a meeting (a "Meeting of ..." body); the ordinal
# before one agrees with it ("14-е совещание", "11-я встреча").
RU_MEETING_NOUNS = frozenset({"Совещание", "Заседание", "Встреча"})


# Words that make an English name of a state take "the" ("the United Kingdom", "the
# Kyrgyz Republic"), and names that are plural ("the Netherlands").
EN_STATES_WITH_ARTICLE = frozenset(
    {
        "Federation", "Republic", "Kingdom", "States", "Emirates", "Islands", "Union",
        "Philippines", "Netherlands", "Bahamas", "Maldives", "Comoros", "Gambia",
    }
)  # fmt: skip


def chinese_number(n: int) -> str:
    """1..99 in Chinese numerals (八, 十四, 二十); larger numbers in digits."""
    if n < 10:
        return DIGITS_ZH[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return (DIGITS_ZH[tens] if tens > 1 else "") + "十" + (DIGITS_ZH[units] if units else "")
    return str(n)


@dataclass(frozen=True)
class Language:
    code: str

    # -- dates ---------------------------------------------------------------

    def date(self, day: PartialDate) -> str:
        v = day.value
        if self.code == "ru":
            if day.precision is Precision.DAY:
                return f"{v.day} {MONTHS_RU_GENITIVE[v.month - 1]} {v.year} года"
            if day.precision is Precision.MONTH:
                return f"{MONTHS_RU[v.month - 1]} {v.year} года"
            return f"{v.year} год"
        if self.code == "zh":
            if day.precision is Precision.DAY:
                return f"{v.year}年{v.month}月{v.day}日"
            if day.precision is Precision.MONTH:
                return f"{v.year}年{v.month}月"
            return f"{v.year}年"
        if day.precision is Precision.DAY:
            return f"{v.day} {MONTHS_EN[v.month - 1]} {v.year}"
        if day.precision is Precision.MONTH:
            return f"{MONTHS_EN[v.month - 1]} {v.year}"
        return str(v.year)

    def span(self, start: dt.date | None, end: dt.date | None, precision: str) -> str:
        """A day, a month, a year, or a span of days: '13–14 June 2019'."""
        if start is None:
            return ""
        first = PartialDate(start, Precision(precision))
        if end is None or end == start or first.precision is not Precision.DAY:
            return self.date(first)
        last = PartialDate(end, Precision.DAY)
        same_month = (start.year, start.month) == (end.year, end.month)
        if self.code == "zh":
            tail = f"{end.day}日" if same_month else self.date(last).removeprefix(f"{end.year}年")
            if start.year != end.year:
                tail = self.date(last)
            return f"{self.date(first)}至{tail}"
        if same_month:
            return f"{start.day}–{self.date(last)}"
        if start.year == end.year:
            head = self.date(first)
            head = head.removesuffix(f" {start.year} года").removesuffix(f" {start.year}")
            return f"{head} – {self.date(last)}"
        return f"{self.date(first)} – {self.date(last)}"

    def year(self, year: int) -> str:
        return {"ru": f"{year} года", "zh": f"{year}年"}.get(self.code, str(year))

    # -- words and lists -------------------------------------------------------

    def join(self, items: list[str]) -> str:
        items = [i for i in items if i]
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        if self.code == "zh":
            return "、".join(items[:-1]) + "和" + items[-1]
        conjunction = " и " if self.code == "ru" else " and "
        return ", ".join(items[:-1]) + conjunction + items[-1]

    @property
    def sep(self) -> str:
        """Between the items of a list that hold commas themselves."""
        return "；" if self.code == "zh" else "; "

    def paren(self, text: str) -> str:
        return f"（{text}）" if self.code == "zh" else f" ({text})"

    def quote(self, text: str) -> str:
        if self.code == "ru":
            return f"«{text}»"
        if self.code == "zh":
            return f"《{text}》"
        return f"“{text}”"

    def said(self, text: str) -> str:
        return f"«{text}»" if self.code == "ru" else f"“{text}”"

    def sided(self, n: int) -> str:
        """'eight-sided', 'восьмистороннем', '八方' (digits where no word is known)."""
        if self.code == "ru":
            stem = NUMBERS_RU_STEM[n] if n < len(NUMBERS_RU_STEM) else f"{n}-"
            return f"{stem}стороннем"
        if self.code == "zh":
            return f"{chinese_number(n)}方"
        word = NUMBERS_EN[n] if 0 < n < len(NUMBERS_EN) else str(n)
        return f"{word}-sided"

    def ordinal(self, n: int) -> str:
        return {"ru": f"{n}-е", "zh": f"第{n}次"}.get(self.code, ordinal(n))

    def sentence(self, text: str) -> str:
        """End a sentence with the language's full stop (unless it ends with one)."""
        text = text.strip()
        if not text:
            return ""
        stop = "。" if self.code == "zh" else "."
        ended = text[-1] in ".。!?！？" or (
            text[-1] in "”»" and text[-2:-1] in {".", "。", "!", "?"}
        )
        return text if ended else text + stop

    # -- meetings and places ---------------------------------------------------

    def meeting_name(self, body_name: str, number: int | None) -> str:
        """The Nth meeting of a body, from the body's name in this language."""
        if self.code == "zh":
            stem = body_name.removesuffix("会议") if body_name.endswith("会议") else body_name
            if number is None:
                return body_name if body_name.endswith("会议") else f"{body_name}会议"
            return f"{stem}第{number}次会议"
        if self.code == "ru":
            head, _, rest = body_name.partition(" ")
            if head in RU_MEETING_NOUNS:
                lowered = head.lower() + (f" {rest}" if rest else "")
                if number is None:
                    return lowered
                return f"{morphology.ordinal(number, head)} {lowered}"
            if head in RU_GENITIVE_HEADS:
                owner = RU_GENITIVE_HEADS[head] + (f" {rest}" if rest else "")
            else:
                owner = morphology.genitive(body_name) or f"органа «{body_name}»"
            return f"{number}-е заседание {owner}" if number is not None else f"заседание {owner}"
        if body_name.startswith("Meeting of") or body_name.startswith("Meeting "):
            return f"the {ordinal(number)} {body_name}" if number is not None else body_name
        if number is None:
            return f"the meeting of the {body_name}"
        return f"the {ordinal(number)} meeting of the {body_name}"

    def held(self, meeting_name: str) -> str:
        """Russian 'took place' agreeing with the meeting's head noun ('состоялось
        заседание', 'состоялась встреча', 'состоялся саммит'), by its morphology;
        '' in other languages."""
        if self.code != "ru":
            return ""
        return morphology.agree("состоялось", meeting_name)

    def state_in_text(self, name: str) -> str:
        """A state's name inside a sentence: English puts the article before a name
        that is plural or made of common nouns ('the Russian Federation', 'the
        Philippines'); a recorded form (`text_names`) comes first, so this is the default."""
        if self.code != "en" or not name or name.startswith("the ") or "," in name:
            return name
        if set(name.replace("'", " ").split()) & EN_STATES_WITH_ARTICLE:
            return f"the {name}"
        return name

    def org_in_text(self, short_name: str) -> str:
        """An organization's short name inside a sentence, by default: English puts the
        article before it ('the SCO'); a name that takes none is recorded (`text_names`)."""
        return f"the {short_name}" if self.code == "en" and short_name else short_name

    def place(self, city: str, country: str) -> str:
        if not city:
            return country
        if not country or country == city:
            return city
        if self.code == "zh":
            return f"{country}{city}"
        if self.code == "ru":
            return f"{city} ({country})"
        return f"{city}, {country}"


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]
