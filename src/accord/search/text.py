"""Text as the index sees it: languages, Chinese bigrams, query terms, stop words.

Both databases index the same rows (`accord.search.models.SearchEntry`); what
differs is how a word is matched:

- SQLite (FTS5, `porter unicode61 remove_diacritics 2`): English words by their
  Porter stem ("plans" finds "plan"), Russian words by prefix after their
  inflectional ending is cut ("Бишкеке" finds "Бишкек", "бишкекская"), Chinese by
  character bigrams (a run of Han characters is indexed as its overlapping pairs,
  so any substring of two or more characters is a phrase of pairs).
- PostgreSQL (tsvector): each row with the configuration of its language
  (`english`, `russian`, `simple`), Chinese by the same character pairs (the row's
  texts are stored with its Chinese written as pairs, `cjk_pairs`).

Case never matters (Unicode case folding, "Бишкек" = "бишкек"); "ё" is "е".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings

# Han ideographs (and their extensions and compatibility forms), kana, hangul: scripts
# written without spaces between words.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{CJK}]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"\w+")

# The stop words of PostgreSQL's `english` and `russian` configurations (Snowball's
# lists): left out of queries on both databases, so that a query means the same on
# each. A query of stop words alone finds nothing.
_STOP_WORDS = (
    "i me my myself we our ours ourselves you your yours yourself yourselves he him his"
    " himself she her hers herself it its itself they them their theirs themselves what"
    " which who whom this that these those am is are was were be been being have has had"
    " having do does did doing a an the and but if or because as until while of at by for"
    " with about against between into through during before after above below to from up"
    " down in out on off over under again further then once here there when where why how"
    " all any both each few more most other some such no nor not only own same so than too"
    " very s t can will just don should now"
    " и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по"
    " только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если"
    " уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей"
    " может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз"
    " тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом"
    " один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец"
    " два об другой хоть после над больше тот через эти нас про всего них какая много"
    " разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой"
    " им более всегда конечно всю между"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())

# Russian inflectional endings, longest first: cut before a prefix match on SQLite.
_RUSSIAN = (
    "иями ями ами ого его ому ему ыми ими ых их ой ей ий ый ая яя ое ее ие ые ую юю ов ев"
    " ам ям ах ях ом ем ию ия ии ью а я ы и е у ю о ь й"
)
_RUSSIAN_ENDINGS = sorted(_RUSSIAN.split(), key=len, reverse=True)
_MIN_RUSSIAN_STEM = 4

# English endings the highlighter allows after a stem (the index uses Porter's rules).
_ENGLISH = "ations ation ments ment ings ing ies ied ers er ed es s"
_ENGLISH_ENDINGS = sorted(_ENGLISH.split(), key=len, reverse=True)


def fold(text: str) -> str:
    """Lower case, "ё" as "е": the form words are compared in."""
    return text.casefold().replace("ё", "е")


def base_language(code: str) -> str:
    """`zh-hans` -> `zh`, `en-GB` -> `en`, "" -> ""."""
    return (code or "").split("-")[0].split("_")[0].lower()


def language_of(text: str, declared: str = "") -> str:
    """The language a text is indexed in: the one declared, else guessed from its
    script (Han: Chinese, mostly Cyrillic: Russian, else the default language)."""
    if declared:
        return base_language(declared)
    if _CJK_RUN.search(text):
        return "zh"
    cyrillic = len(_CYRILLIC.findall(text))
    if cyrillic and cyrillic >= len(_LATIN.findall(text)):
        return "ru"
    return base_language(settings.LANGUAGE_CODE)


def _pairs(found: re.Match[str]) -> str:
    run = found.group()
    return " " + " ".join([run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]) + " "


def cjk_pairs(text: str) -> str:
    """`text` with each run of Chinese characters replaced by its overlapping pairs and
    its last character ("禁毒合作" -> " 禁毒 毒合 合作 作 "): each pair is a word, so a
    substring is a phrase of pairs and a single character a prefix, on both indexes."""
    return _CJK_RUN.sub(_pairs, text)


def bigrams(text: str) -> str:
    """`cjk_pairs`, and "ё" read as "е": the text the SQLite index holds."""
    return cjk_pairs(text.replace("ё", "е").replace("Ё", "Е"))


def _russian_stem(word: str) -> str:
    for ending in _RUSSIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_RUSSIAN_STEM:
            return word[: -len(ending)]
    return word


def _english_stem(word: str) -> tuple[str, bool]:
    """(stem, whether an ending was cut) — for highlighting only."""
    for ending in _ENGLISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                stem = stem[:-1]  # planning -> plann -> plan
            return stem, True
    return word, False


@dataclass(frozen=True)
class Term:
    """One word of a query: `word` as typed, `script` (latin, cyrillic, cjk, number)."""

    word: str
    script: str

    @property
    def folded(self) -> str:
        return fold(self.word)

    def fts5(self) -> str:
        """The FTS5 query that finds the word (a quoted phrase, a prefix for Russian)."""
        if self.script == "cjk":
            if len(self.word) == 1:
                return _quoted(self.word) + "*"
            return _quoted(_CJK_RUN.sub(_query_pairs, self.folded))
        if self.script == "cyrillic":
            return _quoted(_russian_stem(self.folded)) + "*"
        return _quoted(self.folded)

    def pairs(self) -> str:
        """A Chinese term as the words of its pairs ("上海合作" -> "上海 海合 合作"), a
        single character alone: a phrase of them finds the term in `cjk_pairs` text."""
        return " ".join(_CJK_RUN.sub(_query_pairs, self.folded).split())

    def pattern(self) -> str:
        """A regular expression for the words of a text this term matched (to mark them)."""
        if self.script == "cjk":
            return re.escape(self.word)
        parts = _WORD.findall(self.folded)
        return r"[\W_]{1,3}".join(_part_pattern(part) for part in parts)


def _query_pairs(found: re.Match[str]) -> str:
    """A run of Chinese characters in a query: its pairs (one character: itself)."""
    run = found.group()
    if len(run) == 1:
        return f" {run} "
    return " " + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " "


def _part_pattern(part: str) -> str:
    if part.isdigit():
        return rf"(?<!\w){re.escape(part)}(?!\w)"
    if _CYRILLIC.search(part):
        return rf"(?<!\w){re.escape(_russian_stem(part)).replace('е', '[её]')}\w*"
    stem, cut = _english_stem(part)
    endings = r"\w{0,5}" if cut else r"(?:\w?(?:s|es|ed|ing|ings|er|ers|ation|ations))?"
    return rf"(?<!\w){re.escape(stem)}{endings}(?!\w)"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def terms_of(words: list[str]) -> list[Term]:
    """The terms of a query's words; words without a letter or digit, and stop words,
    are left out."""
    found = []
    for raw in words:
        word = raw.strip(".,;:!?()[]{}«»“”\"'")
        if not _WORD.search(word.replace("_", "")) or fold(word) in STOP_WORDS:
            continue
        if _CJK_RUN.search(word):
            script = "cjk"
        elif word.isdigit():
            script = "number"
        elif _CYRILLIC.search(word):
            script = "cyrillic"
        else:
            script = "latin"
        found.append(Term(word, script))
    return found
