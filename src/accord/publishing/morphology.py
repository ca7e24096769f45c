"""Russian agreement in releases, by the morphology of pymorphy3 and its dictionary.

A release's templates are fixed words; where a Russian word must agree with a name
the record gives (the verb of "состоялась 11-я встреча", the ordinal's ending, the
genitive of "the Nth meeting of the Contact Group"), it is inflected here from the
name's head noun. Stored translations are never changed: only the template's words
and a body's name, when the record gives no form of its own, are inflected.

`disagreements` is the release linter's check: a past-tense verb (or a short
participle) next to its subject must agree with it in gender and number.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pymorphy3

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*|\d+-[а-яё]+|[^\sА-Яа-яЁё]+")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_ORDINAL = re.compile(r"^\d+-[а-яё]+$")
# Words a subject may not follow: a noun after one of them is not the subject.
_PREPOSITIONS = "PREP"
# The grammemes of gender and number that agreement reads.
_GENDERS = ("masc", "femn", "neut")
# What agrees with a noun before it: adjectives and full participles ("Соединённые").
_ADJECTIVES = frozenset({"ADJF", "PRTF"})


@cache
def analyzer() -> Any:
    """The Russian morphological analyzer (loaded once: its dictionary is large)."""
    return pymorphy3.MorphAnalyzer(lang="ru")


def _parses(word: str) -> list[Any]:
    return list(analyzer().parse(word))


def _nominative_noun(word: str) -> Any | None:
    """The parse of `word` as a noun in the nominative, if it can be one."""
    for p in _parses(word):
        if "NOUN" in p.tag and "nomn" in p.tag:
            return p
    return None


def head_noun(phrase: str) -> Any | None:
    """The head noun of a Russian noun phrase in the nominative ('11-я встреча
    министров' → встреча): its first word that can be a noun in the nominative, after
    any ordinals and adjectives."""
    for word in _WORD.findall(phrase):
        if _ORDINAL.match(word) or not word[:1].isalpha():
            continue
        noun = _nominative_noun(word)
        if noun is not None:
            return noun
        if _adjective(word) is None:
            return None
    return None


def agreement(phrase: str) -> frozenset[str]:
    """The grammemes a word agreeing with `phrase` takes: {'plur'}, or {'sing', gender}
    (empty when the phrase has no head noun the dictionary knows)."""
    noun = head_noun(phrase)
    if noun is None:
        return frozenset()
    if "plur" in noun.tag or "Pltm" in noun.tag:
        return frozenset({"plur"})
    gender = next((g for g in _GENDERS if g in noun.tag), None)
    return frozenset({"sing", gender}) if gender else frozenset()


def _keep_case(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def agree(word: str, subject: str) -> str:
    """`word` (a past-tense verb, a short participle or an adjective of a template)
    in the gender and number of `subject`'s head noun: agree('состоялось', '11-я
    встреча') → 'состоялась'. The word as it is when either is unknown."""
    return _inflected(word, agreement(subject))


def _inflected(word: str, wanted: frozenset[str]) -> str:
    if not wanted:
        return word
    for p in _parses(word):
        if {"VERB", "PRTS", "ADJF", "ADJS"} & p.tag.grammemes:
            grammemes = set(wanted)
            if _ADJECTIVES & p.tag.grammemes and "nomn" in p.tag:
                grammemes.add("nomn")
            if not _ADJECTIVES & p.tag.grammemes:
                grammemes.discard("sing")
            inflected = p.inflect(grammemes)
            if inflected is not None:
                return _keep_case(word, inflected.word)
    return word


def agree_with_person(word: str, person: str) -> str:
    """`word` agreeing with a person named with a post ('Министр Анна Петрова'): in
    the gender of the first name where the dictionary knows it as one, else with the
    post's head noun."""
    for token in _CYRILLIC_WORD.findall(person):
        for p in _parses(token):
            if "Name" in p.tag and "nomn" in p.tag:
                gender = next((g for g in _GENDERS if g in p.tag), None)
                if gender:
                    return _inflected(word, frozenset({"sing", gender}))
    return agree(word, person)


def is_common_word(word: str) -> bool:
    """Whether a Russian word starting a text is written in lower case inside a
    sentence: not a name, a place, an organization or an abbreviation."""
    if not _CYRILLIC_WORD.fullmatch(word) or (len(word) > 1 and word.isupper()):
        return False
    proper = {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"}
    parses = _parses(word)
    return bool(parses) and not any(proper & p.tag.grammemes for p in parses)


def ordinal(n: int, subject: str) -> str:
    """A Russian ordinal in figures agreeing with `subject`: '11-я' (встреча), '14-е'
    (совещание, заседание), '19-й' (саммит); '-е' when the noun is unknown."""
    wanted = agreement(subject)
    if "femn" in wanted:
        return f"{n}-я"
    if "masc" in wanted:
        return f"{n}-й"
    return f"{n}-е"


def genitive(name: str) -> str | None:
    """A name in the genitive, its head inflected and the rest kept ('Постоянная
    комиссия «Север – Юг»' → 'Постоянной комиссии «Север – Юг»'); None when
    the name does not start with adjectives and a noun in the nominative."""
    words = name.split(" ")
    adjectives: list[Any] = []
    for i, word in enumerate(words):
        if not _CYRILLIC_WORD.fullmatch(word):
            return None
        first = _parses(word)[:1]
        if first and _ADJECTIVES & first[0].tag.grammemes and "nomn" in first[0].tag:
            adjectives.append(first[0])
            continue
        noun = _nominative_noun(word)
        if noun is None:
            return None
        number = "plur" if "plur" in noun.tag else "sing"
        gender = {g for g in _GENDERS if g in noun.tag and number == "sing"}
        forms = [a.inflect({"gent", number, *gender}) for a in adjectives]
        head = noun.inflect({"gent", number})
        if head is None or any(f is None for f in forms):
            return None
        inflected = [_keep_case(w, f.word) for w, f in zip(words, [*forms, head], strict=False)]
        return " ".join([*inflected, *words[i + 1 :]])
    return None


def _adjective(word: str) -> Any | None:
    """The parse of `word` as an adjective (or a participle) in the nominative."""
    for p in _parses(word):
        if _ADJECTIVES & p.tag.grammemes and "nomn" in p.tag:
            return p
    return None


# -- the linter's check ---------------------------------------------------------------


def _predicate(word: str) -> Any | None:
    """The parse of `word` as a past-tense verb or a short participle, when every
    parse of it is one (a word that may be something else is not judged)."""
    parses = _parses(word)
    if not parses:
        return None
    if all(("VERB" in p.tag and "past" in p.tag) or "PRTS" in p.tag for p in parses):
        return parses[0]
    return None


def _agrees(predicate: Any, noun_word: str) -> bool:
    nouns = [p for p in _parses(noun_word) if "NOUN" in p.tag and "nomn" in p.tag]
    for noun in nouns:
        if "plur" in predicate.tag:
            if "plur" in noun.tag or "Pltm" in noun.tag:
                return True
            continue
        if "plur" in noun.tag:
            continue
        gender = next((g for g in _GENDERS if g in predicate.tag), None)
        if gender is None or gender in noun.tag or "ms-f" in noun.tag or "GNdr" in noun.tag:
            return True
    return False


def _is_subject(word: str) -> bool:
    return any("NOUN" in p.tag and "nomn" in p.tag and "Fixd" not in p.tag for p in _parses(word))


def disagreements(sentence: str) -> list[str]:
    """Each past-tense verb or short participle of a Russian sentence that does not
    agree with its subject, as 'verb … subject'. The subject is the noun in the
    nominative just before the verb (not after a preposition), or — for a verb that
    takes no object, or a short participle — just after it (past ordinals and
    adjectives). A verb with no such neighbour is not judged."""
    tokens = _WORD.findall(sentence)
    found = []
    for i, token in enumerate(tokens):
        if not token[:1].isalpha():
            continue
        predicate = _predicate(token.lower())
        if predicate is None:
            continue
        before = tokens[i - 1] if i > 0 else ""
        candidates = []
        if (
            before[:1].isalpha()
            and _is_subject(before.lower())
            and not (i > 1 and any(_PREPOSITIONS in p.tag for p in _parses(tokens[i - 2].lower())))
        ):
            candidates.append(before)
        if "intr" in predicate.tag or "PRTS" in predicate.tag:
            j = i + 1
            while j < len(tokens) and (
                _ORDINAL.match(tokens[j]) or _adjective(tokens[j].lower()) is not None
            ):
                if _is_subject(tokens[j].lower()):
                    break
                j += 1
            if j < len(tokens) and tokens[j][:1].isalpha() and _is_subject(tokens[j].lower()):
                candidates.append(tokens[j])
        if candidates and not any(_agrees(predicate, c.lower()) for c in candidates):
            found.append(f"{token} … {' / '.join(candidates)}")
    return found
