"""How each language writes what a release says: dates, ordinals, lists, quotes,
meeting names, and the fixed words of the templates (English, Russian, Chinese).

Nothing here knows a particular organization or meeting: names come from the record's
translations (`names`, `titles`, `city_names` ...), with the record's own language as
the fallback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_date, format_skeleton, parse_pattern
from babel.lists import format_list

from accord.core.dates import PartialDate, Precision
from accord.core.text import ordinal
from accord.publishing import morphology

# The CLDR locale of each language of releases: English writes dates as the
# international organizations do, day before month ("13 June 2019").
LOCALES = {"en": "en_GB", "ru": "ru", "zh": "zh_Hans_CN"}
# Space characters a Chinese text does not have (CLDR puts thin spaces around the dash
# of an interval; Chinese typography writes none).
_SPACES = str.maketrans("", "", "\u2009\u202f\u00a0 ")

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

    @property
    def locale(self) -> str:
        return LOCALES.get(self.code, self.code)

    def date(self, day: PartialDate) -> str:
        """A day, a month or a year in the language's standard form (CLDR, by Babel):
        '15 May 2019', '15 мая 2019 г.', '2019年5月15日'."""
        v = day.value
        if day.precision is Precision.DAY:
            return format_date(v, "long", locale=self.locale)
        if day.precision is Precision.MONTH:
            return format_skeleton("yMMMM", v, locale=self.locale)
        return format_skeleton("y", v, locale=self.locale)

    def span(self, start: dt.date | None, end: dt.date | None, precision: str) -> str:
        """A day, a month, a year, or an interval of days in the language's standard
        form: '13–14 June 2019', '13—14 июня 2019 г.', '2019年6月13日至14日'."""
        if start is None:
            return ""
        first = PartialDate(start, Precision(precision))
        if end is None or end == start or first.precision is not Precision.DAY:
            return self.date(first)
        return interval(start, end, self.locale, self.code)

    def year(self, year: int) -> str:
        return {"ru": f"{year} года", "zh": f"{year}年"}.get(self.code, str(year))

    # -- words and lists -------------------------------------------------------

    def join(self, items: list[str]) -> str:
        """A list of names in the language's standard form (CLDR, by Babel): 'A, B
        and C', 'A, B и C', 'A、B和C'."""
        items = [i for i in items if i]
        return format_list(items, locale=self.locale) if items else ""

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
            owner = self.body_genitive(body_name)
            return f"{number}-е заседание {owner}" if number is not None else f"заседание {owner}"
        if body_name.startswith("Meeting of") or body_name.startswith("Meeting "):
            return f"the {ordinal(number)} {body_name}" if number is not None else body_name
        if number is None:
            return f"the meeting of the {body_name}"
        return f"the {ordinal(number)} meeting of the {body_name}"

    def body_genitive(self, body_name: str) -> str:
        """A body's name as the owner of a meeting ("заседание Совета ..."): in Russian
        in the genitive, by its head noun where known, else by its morphology, else
        "органа «X»"; in the other languages unchanged."""
        if self.code != "ru":
            return body_name
        head, _, rest = body_name.partition(" ")
        if head in RU_GENITIVE_HEADS:
            return RU_GENITIVE_HEADS[head] + (f" {rest}" if rest else "")
        return morphology.genitive(body_name) or f"органа «{body_name}»"

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


def interval(start: dt.date, end: dt.date, locale: str, language: str) -> str:
    """An interval of days by the locale's interval patterns (CLDR 'yMMMd'), its
    month written in full where the locale's long date writes it so — the widening
    of a field that ICU makes and Babel's `format_interval` does not ('13–14 June
    2019', not 'Jun'). Chinese patterns name months by number and lose their spaces."""
    loc = Locale.parse(locale)
    patterns = loc.interval_formats["yMMMd"]
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    full = "MMMM" in loc.date_formats["long"].pattern
    parts = []
    for pattern, day in zip(patterns[field], (start, end), strict=True):
        if full:
            pattern = _widened_month(pattern)
        parts.append(parse_pattern(pattern).apply(day, loc))
    text = "".join(parts)
    return text.translate(_SPACES) if language == "zh" else text


def _widened_month(pattern: str) -> str:
    """'d MMM y' → 'd MMMM y' (quoted literals kept as they are)."""
    out, quoted, i = [], False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "'":
            quoted = not quoted
        if not quoted and pattern.startswith("MMM", i) and not pattern.startswith("MMMM", i):
            out.append("MMMM")
            i += 3
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]
