"""The people of a release: heads of observer and guest delegations named with their
party, one head of delegation not read as heading every delegation, and statements
recorded as reported speech attributed by the party's side and the speaker's post —
never quoted — while the record's own quotations stay quoted."""

from __future__ import annotations

import pytest

from accord.meetings.models import Meeting, Participation, Role, Statement
from accord.publishing import lint
from accord.publishing.compose import write
from accord.registry.models import Party, Person

pytestmark = pytest.mark.django_db


def _m14() -> Meeting:
    return Meeting.objects.get(body__slug="security-council-secretaries", number=14)


def _observer_head(m: Meeting) -> None:
    mongolia = Party.objects.get_or_create(
        code="MN", defaults={"kind": "state", "name": "Mongolia"}
    )[0]
    envoy = Person.objects.create(
        slug="test-envoy",
        name="Batbayar Dorj",
        names={"ru": "Батбаяр Дорж", "zh": "巴特巴雅尔·道尔吉"},
    )
    Participation.objects.create(
        meeting=m,
        position=90,
        party=mongolia,
        person=envoy,
        role=Role.OBSERVER,
        head_of_delegation=True,
        post_title="Ambassador",
        post_names={"en": "Ambassador", "ru": "Посол", "zh": "大使"},
    )


def _reported(m: Meeting, *, side: bool) -> None:
    india = Party.objects.get(code="IN")
    if side:
        india.side_names = {"en": "the Indian side", "ru": "индийская сторона", "zh": "印方"}
        india.save()
    Statement.objects.create(
        meeting=m,
        position=50,
        party=india,
        verbatim=False,
        text="The parties should step up cooperation against drug trafficking.",
        texts={
            "en": "The parties should step up cooperation against drug trafficking.",
            "ru": "Стороны должны активизировать сотрудничество в борьбе с наркотрафиком.",
            "zh": "各方应加强打击毒品贩运合作。",
        },
    )


@pytest.mark.parametrize(
    ("language", "observers"),
    [
        ("en", "Observer states: Batbayar Dorj, Ambassador (Mongolia)."),
        ("ru", "Государства-наблюдатели: Батбаяр Дорж, Посол (Монголия)."),
        ("zh", "观察员国：大使巴特巴雅尔·道尔吉（蒙古）。"),
    ],
)
def test_the_head_of_an_observer_delegation_is_named(language, observers):
    m = _m14()
    _observer_head(m)
    written = write(m, language=language)
    assert observers in written.text
    assert not lint.lint(written.headline, written.dateline, written.text, language)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "The Indian side stated that the parties should step up cooperation"),
        ("ru", "Индийская сторона заявила, что стороны должны активизировать сотрудничество"),
        ("zh", "印方表示，各方应加强打击毒品贩运合作。"),
    ],
)
def test_reported_speech_is_attributed_to_the_side_and_never_quoted(language, sentence):
    m = _m14()
    _reported(m, side=True)
    written = write(m, language=language)
    assert sentence in written.text
    said = written.text[written.text.index(sentence[:12]) :].split("\n")[0]
    assert "“" not in said[: len(sentence) + 2] and "«" not in said[: len(sentence) + 2]
    # The record's own quotations are still quoted.
    assert {"en": "“", "ru": "«", "zh": "“"}[language] in written.text
    assert not lint.lint(written.headline, written.dateline, written.text, language)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "India stated that the parties"),
        ("ru", "Индия заявила, что стороны"),
        ("zh", "印度方面表示，各方"),
    ],
)
def test_a_side_with_no_recorded_name_is_the_party_the_russian_verb_agreeing(language, sentence):
    m = _m14()
    _reported(m, side=False)
    assert sentence in write(m, language=language).text


def test_a_reported_statement_of_a_person_names_the_post():
    m = _m14()
    norov = Statement.objects.filter(meeting=m, person__isnull=False).first()
    assert norov is not None
    Statement.objects.filter(pk=norov.pk).update(verbatim=False)
    text = write(m, language="ru").text
    assert "Генеральный секретарь ШОС Владимир Норов заявил, что" in text
    assert "Генеральный секретарь ШОС Владимир Норов stated" not in write(m).text
    assert "SCO Secretary-General Vladimir Norov stated that" in write(m).text


def test_one_head_of_delegation_does_not_head_them_all():
    m = _m14()
    Participation.objects.filter(meeting=m, head_of_delegation=True).exclude(
        party__code="KG"
    ).update(head_of_delegation=False)
    # (An observer's head is not a head of a member delegation.)
    _observer_head(m)
    text = write(m).text
    assert "The delegations were headed by" not in text
    assert "Head of delegation: Damir Sagynbaev, Security Council Secretary (Kyrgyzstan)." in text


def test_a_head_with_a_post_but_no_name_is_not_dropped():
    m = _m14()
    head = Participation.objects.get(meeting=m, head_of_delegation=True, party__code="IN")
    Participation.objects.filter(pk=head.pk).update(person=None)
    text = write(m).text
    assert "Deputy National Security Adviser (India)" in text


def test_a_side_name_loads_from_the_record_and_dumps_back(tmp_path):
    import yaml

    from accord.records.dumper import dump
    from accord.records.loader import load
    from accord.registry.models import Organization
    from tests.test_records import BRICS

    record = yaml.safe_load(BRICS.read_text(encoding="utf-8"))
    side = {"en": "the Indian side", "ru": "индийская сторона", "zh": "印方"}
    record["parties"] = [
        *record.get("parties", []),
        {"code": "IN", "kind": "state", "side_names": side},
    ]
    path = tmp_path / "brics.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    load([path])
    assert Party.objects.get(code="IN").side_names == side
    org = Organization.objects.get(slug=record["organization"]["slug"])
    dumped = {p["code"]: p for p in dump(org)["parties"]}
    assert dumped["IN"]["side_names"] == side
