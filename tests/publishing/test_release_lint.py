"""The release linter: every meeting of the test corpus (tests/records/corpus and the
seed) in every publishing language of its organization, as a press release and as an
information report, reads as a press officer would publish it — no empty slot, doubled
space or punctuation, sentence in lower case, "It serves as a", Latin script in a
Russian or Chinese sentence outside the names the record writes so, a Russian verb
that does not agree with its subject, or translation the record lacks. Every finding
is reported with its meeting and sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.meetings.models import Meeting, Statement
from accord.publishing import lint
from accord.publishing.compose import write
from accord.publishing.models import ReleaseKind
from accord.publishing.selectors import profile_of
from accord.records.loader import load
from accord.registry.models import Party, Person, Post
from tests.conftest import kept_for_module

CORPUS = sorted((Path(__file__).parent.parent / "records" / "corpus").glob("*.yaml"))


def latin_names(language: str) -> set[str]:
    """The Latin-script runs the record itself writes in `language` (a translation that
    keeps a Latin abbreviation): allowed in a release in that language."""
    texts: list[str] = []
    for model in (Party, Person, Post):
        texts += [n.get(language, "") for n in model.objects.values_list("names", flat=True)]
    texts += [t.get(language, "") for t in Statement.objects.values_list("texts", flat=True)]
    return {m.group(0) for t in texts for m in lint._LATIN.finditer(t)}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, lambda: load(CORPUS))


@pytest.fixture
def corpus(loaded, db) -> list[Meeting]:
    """The corpus (loaded once for the module) and its meetings."""
    return list(
        Meeting.objects.select_related("body__organization").order_by(
            "body__organization__slug", "body__slug", "start"
        )
    )


def test_every_release_of_the_corpus_reads_as_published(corpus):
    findings = []
    seen = set()
    for meeting in corpus:
        org = meeting.body.organization
        seen.add(org.slug)
        for language in profile_of(org).languages:
            allowed = latin_names(language)
            for kind in ReleaseKind.values:
                written = write(meeting, kind=kind, language=language)
                where = f"{org.slug} {meeting.body.slug} {meeting.number or meeting.slug}"
                findings += [
                    f"{where} [{language} {kind}] {f}"
                    for f in lint.lint(
                        written.headline,
                        written.dateline,
                        written.text,
                        language,
                        missing=written.missing,
                        allowed=allowed,
                    )
                ]
    assert seen >= {"sco", "asean", "cis", "un", "osce"}
    assert not findings, f"{len(findings)} findings:\n" + "\n".join(findings)


@pytest.mark.database_independent
@pytest.mark.parametrize(
    ("sentence", "language", "rule"),
    [
        ("Earlier, the Contact Group drafted it in  (28 July 2021).", "en", "doubled space"),
        ("Earlier, the Contact Group drafted it in (28 July 2021).", "en", "empty slot"),
        ("Ранее: Контактная группа — подготовка (, 28 июля 2021 года).", "ru", "empty slot"),
        ("The meeting of the Council held by video conference was held in.", "en", "empty slot"),
        ("the action plan will be submitted to the Council.", "en", "starts in lower case"),
        ("It serves as a Supreme body: sets priorities.", "en", "'It serves as a'"),
        ("The meeting approved the plan..", "en", "doubled punctuation"),
        ("Организация Объединённых Наций (UN) провела встречу.", "ru", "Latin script in ru"),
        ("联合国（UN）举行会议。", "zh", "Latin script in zh"),
        ("В городе Бишкек состоялось 11-я встреча министров.", "ru", "subject and verb disagree"),
    ],
)
def test_the_linter_finds(sentence, language, rule):
    found = lint.lint_sentence(sentence, language)
    assert any(f.rule.startswith(rule) for f in found), found


@pytest.mark.database_independent
@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("On 15 May 2019, the 14th Meeting was held in Bishkek, Kyrgyzstan.", "en"),
        ("Particular attention was paid to: Countering the drug threat.", "en"),
        ("Генеральный секретарь ШОС (и. о.) принял участие.", "ru"),
        ("11 октября 2019\u202fг., Ашхабад (Туркменистан).", "ru"),
        ("会议由上合组织轮值主席国吉尔吉斯斯坦主持。", "zh"),
    ],
)
def test_the_linter_passes(sentence, language):
    assert lint.lint("", "", sentence, language) == []


@pytest.mark.database_independent
def test_a_missing_translation_is_a_finding():
    found = lint.lint("Заголовок", "", "Текст.", "ru", missing=["party KG: name"])
    assert [str(f) for f in found] == ["missing translation: party KG: name"]


@pytest.mark.database_independent
def test_a_latin_name_the_record_writes_in_russian_is_allowed():
    sentence = "Стороны обсудили Договор РСМД (INF Treaty)."
    assert lint.lint_sentence(sentence, "ru")
    assert lint.lint_sentence(sentence, "ru", allowed=["INF Treaty"]) == []


@pytest.mark.database_independent
def test_the_draft_shows_what_to_fix_before_publishing():
    from accord.publishing.models import ReleaseVersion
    from accord.publishing.views import _review_notes

    draft = ReleaseVersion(
        headline="Заседание в городе Bishkek",
        dateline="",
        text="Участники  обсудили.\n",
        missing=["meeting scsc 14: city"],
    )
    notes = _review_notes(draft, "ru")
    assert "- missing translation: meeting scsc 14: city" in notes
    assert "Latin script in ru (Bishkek)" in notes and "doubled space" in notes
    clean = ReleaseVersion(headline="Заседание", dateline="", text="Участники обсудили.\n")
    assert _review_notes(clean, "ru") == ""
