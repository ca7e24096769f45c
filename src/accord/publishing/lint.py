"""What a press officer would have to correct in a written release before publishing it.

`lint` reads a release's headline, dateline and text sentence by sentence and returns
every finding: an empty slot ("in  (28 July 2021)", "()", "held in."), a doubled space
or punctuation mark, a sentence starting in lower case, "It serves as a", Latin script
inside a Russian or Chinese sentence (outside the names the record itself writes in
Latin in that language), a Russian verb that does not agree with its subject (by the
morphology of pymorphy3, `accord.publishing.morphology`), and every translation the
release needed and did not have.
Pure: no database; the draft screen and the release linter test use it alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from accord.publishing import morphology

# Where one sentence ends and the next begins: after a full stop (not after a single
# letter, as in "и. о."), or after a Chinese full stop, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=(?<!\b\w)[.!?]) +|\n+")
_DOUBLE_SPACE = re.compile(r"[^\S\n]{2,}")
# (The full stop of an abbreviation of one letter, as in "2019 г.," may be followed.)
_DOUBLE_PUNCTUATION = re.compile(r"((?<!\b\w)\.|[,;:。，；：、])\s*[.,;:。，；：、]")
_EMPTY_SLOT = re.compile(
    r"\(\s*[,;]|[,;]\s*\)|\(\s*\)|（\s*）|（\s*[，；]|[，；]\s*）|«\s*»|“\s*”|《\s*》"
    r"|\s[,.;)]|\b(?:in|at|by|of|to|the|and|on)(?:[.,;)]|\s+\()|\bв городе\s*[.,;:)(]"
)
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’.\-]*(?:\s+[A-Za-z][A-Za-z'’.\-]*)*")
_FORBIDDEN = ("It serves as a", "It serves as an")


@dataclass(frozen=True)
class Finding:
    rule: str
    sentence: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.sentence}"


def sentences(text: str) -> list[str]:
    """The sentences of a text (headings and list lines count as sentences)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _starts_lower(sentence: str) -> bool:
    for ch in sentence:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def _latin_outside(sentence: str, allowed: Iterable[str]) -> list[str]:
    for name in sorted(allowed, key=len, reverse=True):
        if name:
            sentence = sentence.replace(name, " ")
    return [m.group(0) for m in _LATIN.finditer(sentence)]


def lint_sentence(sentence: str, language: str, allowed: Iterable[str] = ()) -> list[Finding]:
    """The findings in one sentence of a release in `language`."""
    found = []
    if _DOUBLE_SPACE.search(sentence):
        found.append(Finding("doubled space", sentence))
    if _DOUBLE_PUNCTUATION.search(sentence):
        found.append(Finding("doubled punctuation", sentence))
    if _EMPTY_SLOT.search(sentence):
        found.append(Finding("empty slot", sentence))
    if _starts_lower(sentence):
        found.append(Finding("starts in lower case", sentence))
    if any(f in sentence for f in _FORBIDDEN):
        found.append(Finding("'It serves as a'", sentence))
    if language == "ru":
        for pair in morphology.disagreements(sentence):
            found.append(Finding(f"subject and verb disagree ({pair})", sentence))
    if language in ("ru", "zh"):
        latin = _latin_outside(sentence, allowed)
        if latin:
            found.append(Finding(f"Latin script in {language} ({', '.join(latin)})", sentence))
    return found


def lint(
    headline: str,
    dateline: str,
    text: str,
    language: str,
    *,
    missing: Iterable[str] = (),
    allowed: Iterable[str] = (),
) -> list[Finding]:
    """Every finding in a release: its headline, dateline and each sentence of its text;
    and each translation it needed and did not have (`missing`, from drafting).
    `allowed`: names the record writes in Latin script in this language."""
    allowed = tuple(allowed)
    found = [Finding("missing translation", what) for what in missing]
    for part in (headline, dateline, *sentences(text)):
        found += lint_sentence(part, language, allowed)
    return found
