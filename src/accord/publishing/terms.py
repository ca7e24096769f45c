"""An organization's own words in its releases, and the order it lists states in.

What members are called (member states, participating States, members), observers
and guests, and the chairmanship (presidency, Chairpersonship, chairmanship) are data
of the organization's publishing profile (`terms`, by term and language); an
organization that says nothing gets the neutral words below. States are listed by
name — in one language for every language (the SCO lists them in Russian order in
each), or in each language's own order — or in a protocol order the record gives.
Names are compared by the Unicode Collation Algorithm (pyuca), not by code; Chinese
names by their pinyin (pypinyin), the order of Chinese dictionaries, since the
Unicode Collation Algorithm without a tailoring orders Han characters by code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from pypinyin import Style, lazy_pinyin
from pyuca import Collator

from accord.core.languages import record_language

# The terms a release uses, and the neutral word for each in each language.
TERMS: dict[str, dict[str, str]] = {
    "members": {"en": "members", "ru": "члены", "zh": "成员"},
    "observers": {"en": "observers", "ru": "наблюдатели", "zh": "观察员"},
    "guests": {"en": "guests", "ru": "гости", "zh": "嘉宾"},
    "chairmanship": {"en": "chair", "ru": "председательство", "zh": "主席国"},
}
BY_NAME = "name"
BY_PROTOCOL = "protocol"

T = TypeVar("T")


def terms_problems(terms: Any) -> list[tuple[str, str]]:
    """What is wrong with `terms` as (field, reason) pairs: a term not in TERMS, or a
    word that is not a non-empty text."""
    if not isinstance(terms, Mapping):
        return [("terms", "a mapping of term to words by language")]
    problems = []
    for term, words in terms.items():
        if term not in TERMS:
            problems.append((f"terms.{term}", f"not a term of releases ({', '.join(TERMS)})"))
            continue
        if not isinstance(words, Mapping):
            problems.append((f"terms.{term}", "words by language code (en, ru, zh)"))
            continue
        for language, word in words.items():
            if not isinstance(word, str) or not word.strip():
                problems.append((f"terms.{term}.{language}", "a word cannot be empty"))
    return problems


def words(terms: Mapping[str, Mapping[str, str]], language: str) -> dict[str, str]:
    """Each term in `language`: the organization's word, else the neutral one."""
    return {
        term: (terms.get(term) or {}).get(language) or neutral[language]
        for term, neutral in TERMS.items()
    }


def chairmanship_of(organization: Any, language: str) -> str:
    """What `organization` calls its chairmanship in `language` (an interface language
    such as zh-hans is read as zh), with a capital: its profile's word, else the
    neutral one. Reads `organization.publishing` (select it with the organization)."""
    try:
        said = organization.publishing.terms
    except ObjectDoesNotExist:
        said = {}
    code = record_language(language)
    word = words(said, code if code in TERMS["chairmanship"] else "en")["chairmanship"]
    return word[:1].upper() + word[1:]


def fill(template: Any, said: Mapping[str, str]) -> Any:
    """A phrase template with the organization's words put in: `[members]` becomes
    the word, `[Members]` the word with a capital (inside nested tables too)."""
    if isinstance(template, dict):
        return {k: fill(v, said) for k, v in template.items()}
    if not isinstance(template, str) or "[" not in template:
        return template
    for term, word in said.items():
        template = template.replace(f"[{term}]", word)
        template = template.replace(f"[{term.capitalize()}]", word[:1].upper() + word[1:])
    return template


@cache
def _collator() -> Collator:
    return Collator()


def collation_key(name: str) -> tuple[int, ...]:
    return tuple(_collator().sort_key(name))


def pinyin_key(name: str) -> tuple[tuple[int, ...], tuple[str, ...], tuple[int, ...]]:
    """A Chinese name's place in pinyin order: by its syllables' letters, then their
    tones (1–4, the neutral tone 5), then the name itself ('巴基斯坦' before '俄罗斯'
    before '中国'); a character with no pinyin stands as itself."""
    letters = " ".join(lazy_pinyin(name, style=Style.NORMAL))
    tones = tuple(
        syllable[-1] if syllable[-1:].isdigit() else "0"
        for syllable in lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True)
    )
    return collation_key(letters), tones, collation_key(name)


def listed(
    items: Iterable[T],
    *,
    code: Callable[[T], str],
    name_in: Callable[[T, str], str],
    language: str,
    order: str = BY_NAME,
    order_language: str = "",
    protocol: Iterable[str] = (),
) -> list[T]:
    """`items` (parties, or what stands for them) in the organization's order: by
    protocol (the codes as given, the others after them by name), or by their names in
    `order_language` (or in `language` when none is given): Chinese names in pinyin
    order."""
    by = order_language or language

    def by_name(item: T) -> tuple[Any, ...]:
        name = name_in(item, by)
        return pinyin_key(name) if by == "zh" else (collation_key(name),)

    if order == BY_PROTOCOL:
        rank = {c: i for i, c in enumerate(protocol)}
        return sorted(items, key=lambda x: (rank.get(code(x), len(rank)), by_name(x), code(x)))
    return sorted(items, key=lambda x: (by_name(x), code(x)))
