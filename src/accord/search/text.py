"""Text as the index sees it: languages, stems, Chinese pairs, query terms, stop words.

Both databases index the same rows (`accord.search.models.SearchEntry`), and match a
word alike: by its Snowball stem in the row's language ("plans" finds "plan",
"Бишкеке" finds "Бишкек", but "Бишкек" is not "Бишкекская"), the query's word by its
English stem, its Russian stem or as typed; Chinese by character pairs (a run of Han
characters is indexed as its overlapping pairs, so any substring of two or more
characters is a phrase of pairs).

- PostgreSQL (tsvector): each row with the text search configuration of its language
  (`english`, `russian`, else `simple`), whose dictionaries are Snowball's; a query is
  `english || russian || simple`.
- SQLite (FTS5, `unicode61 remove_diacritics 2`): the row's words are written into the
  index already stemmed by the same Snowball stemmer (`index_text`), and a query term
  is the same three forms (`Term.fts5`).

Case never matters (Unicode case folding, "Бишкек" = "бишкек"); "ё" is "е".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import snowballstemmer
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

# The Snowball stemmers of PostgreSQL's `english` and `russian` configurations.
_STEMMERS = {
    "en": snowballstemmer.stemmer("english"),
    "ru": snowballstemmer.stemmer("russian"),
}


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


def stem(word: str, language: str) -> str:
    """`word` (folded) as the index of a row in `language` holds it: its Snowball stem
    in English and Russian, itself in any other language."""
    stemmer = _STEMMERS.get(language)
    return stemmer.stemWord(word) if stemmer is not None else word


def forms(word: str) -> frozenset[str]:
    """The forms a query's word (folded) is matched by: its English stem, its Russian
    stem and itself, as PostgreSQL's `english || russian || simple` query."""
    return frozenset({stem(word, "en"), stem(word, "ru"), word})


def _stemmed(text: str, language: str) -> str:
    return _WORD.sub(lambda found: stem(found.group(), language), fold(text))


def index_text(text: str, language: str) -> str:
    """A row's text as the SQLite index holds it: folded, each word stemmed in the row's
    language, Chinese as character pairs."""
    return cjk_pairs(_stemmed(text, base_language(language)))


@dataclass(frozen=True)
class Term:
    """One word of a query: `word` as typed, `script` (latin, cyrillic, cjk, number)."""

    word: str
    script: str

    @property
    def folded(self) -> str:
        return fold(self.word)

    def fts5(self) -> str:
        """The FTS5 query that finds the word: any of its forms (`forms`), each a
        quoted phrase of its parts' stems; a Chinese term, the phrase of its pairs (a
        single character, the prefix of a pair)."""
        if self.script == "cjk":
            if len(self.word) == 1:
                return _quoted(self.word) + "*"
            return _quoted(_CJK_RUN.sub(_query_pairs, self.folded))
        parts = _WORD.findall(self.folded)
        phrases = {" ".join(stem(part, language) for part in parts) for language in _FORMS}
        return " OR ".join(_quoted(phrase) for phrase in sorted(phrases))

    def pairs(self) -> str:
        """A Chinese term as the words of its pairs ("上海合作" -> "上海 海合 合作"), a
        single character alone: a phrase of them finds the term in `cjk_pairs` text."""
        return " ".join(_CJK_RUN.sub(_query_pairs, self.folded).split())

    def pattern(self, text: str) -> str | None:
        """A regular expression for the words of `text` this term matched (to mark
        them): each of the term's parts, as the words of `text` having one of its
        forms; None when the term is not in `text`."""
        if self.script == "cjk":
            return re.escape(self.word) if fold(self.word) in fold(text) else None
        alternatives = []
        for part in _WORD.findall(self.folded):
            found = _words_with(text, forms(part))
            if not found:
                return None
            ordered = sorted(found, key=len, reverse=True)
            alternatives.append("(?:" + "|".join(re.escape(w) for w in ordered) + ")")
        return r"(?<!\w)" + r"[\W_]{1,3}".join(alternatives) + r"(?!\w)"


# The languages a query's word is stemmed in, "" as typed (PostgreSQL's `simple`).
_FORMS = ("en", "ru", "")


def _words_with(text: str, wanted: frozenset[str]) -> set[str]:
    """The words of `text` (as written) that have one of the forms `wanted`. A Snowball
    stem changes at most a word's last letter besides cutting its ending, so only the
    words beginning as a wanted form does but for its last letter are stemmed."""
    beginnings = tuple(form[:-1] for form in wanted)
    found = set()
    for word in set(_WORD.findall(text)):
        folded = fold(word)
        if folded.startswith(beginnings) and forms(folded) & wanted:
            found.add(word)
    return found


def _query_pairs(found: re.Match[str]) -> str:
    """A run of Chinese characters in a query: its pairs (one character: itself)."""
    run = found.group()
    if len(run) == 1:
        return f" {run} "
    return " " + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " "


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
