"""Record files say what a decision decides (`decides:`): the terms in posts it
appoints, the chair terms it fixes, the terms it extends. The loader checks them as
every way in does, reports each problem with its path, and a bad file writes nothing;
what is loaded dumps back the same, and loading it again writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.utils import translation

from accord.core.errors import DomainError
from accord.decisions.inputs import DecisionFields
from accord.decisions.models import Effect
from accord.decisions.services import save_decision
from accord.meetings.models import Meeting
from accord.publishing import compose
from accord.records.dumper import as_yaml, dump
from accord.records.loader import LoadError, load
from accord.registry.models import Organization

RECORD = """\
format: accord-record/1
organization: {slug: test-decides, name: Test Union, decision_rule: consensus}
statuses:
  - {id: member, name: member, takes_decisions: true}
memberships:
  - {party: AM, status: member, from: "2000-01-01"}
  - {party: BY, status: member, from: "2000-01-01"}
people:
  - {id: test-decides-first, name: First Holder, party: AM}
  - {id: test-decides-second, name: Second Holder, party: BY}
bodies:
  - {id: council, name: Council}
posts:
  - id: secretary-general
    name: Secretary-General
    holders:
      - {person: test-decides-first, from: "2019-01-01", to: "2021-12-31"}
      - {person: test-decides-second, from: "2022-01-01", to: "2024-09-03"}
chairmanships:
  - party: AM
    from: "2019-01-01"
    to: "2019-12-31"
    basis: decision
    decided_at: {body: council, meeting: 1}
  - {party: BY, from: "2020-01-01", to: "2020-12-31", basis: rotation}
meetings:
  - body: council
    number: 1
    date: "2018-06-10"
    decisions:
{decisions}
  - body: council
    number: 2
    date: "2023-11-30"
"""

APPOINTS = """\
      - id: appointment
        title: Decision on the appointment of the Secretary-General
        outcome: {outcome}
        decides:
          appoints: [{post: secretary-general, person: {person}, from: "2019-01-01"}]
          fixes_chair: [{party: AM, from: "2019-01-01"}]
"""


def write(tmp_path, decisions: str, **replace: str):
    text = RECORD.replace("{decisions}", decisions)
    for old, new in replace.items():
        text = text.replace(old, new)
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(caught: pytest.ExceptionInfo[LoadError]) -> list[str]:
    return [str(p).split(": ", 1)[1] for p in caught.value.problems]


@pytest.mark.django_db
def test_a_decision_appoints_and_fixes_the_chair_and_dumps_back_the_same(tmp_path):
    decisions = APPOINTS.replace("{outcome}", "adopted").replace("{person}", "test-decides-first")
    path = write(tmp_path, decisions)
    load([path])
    effects = Effect.objects.filter(decision__slug="appointment").order_by("order")
    appointed, fixed = effects
    assert (appointed.kind, str(appointed.holding)) == (
        "appoints",
        "First Holder as Secretary-General 2019-01-01..2021-12-31",
    )
    assert (fixed.kind, fixed.chair_term.party.code, fixed.chair_term.start.isoformat()) == (
        "fixes-chair",
        "AM",
        "2019-01-01",
    )
    dumped = as_yaml(dump(Organization.objects.get(slug="test-decides")))
    decision = yaml.safe_load(dumped)["meetings"][0]["decisions"][0]
    assert decision["decides"] == {
        "appoints": [
            {"post": "secretary-general", "person": "test-decides-first", "from": "2019-01-01"}
        ],
        "fixes_chair": [{"party": "AM", "from": "2019-01-01"}],
    }
    again = tmp_path / "dumped.yaml"
    again.write_text(dumped, encoding="utf-8")
    reloaded = load([again])
    assert reloaded.tally.count_of("created") == 0, reloaded.tally
    assert reloaded.tally.count_of("updated") == 0, reloaded.tally
    assert reloaded.tally.count_of("removed") == 0, reloaded.tally


@pytest.mark.django_db
def test_an_extension_keeps_the_end_before_it(tmp_path):
    extends = """\
      - {id: first, title: First, outcome: adopted}
"""
    path = write(tmp_path, extends)
    text = path.read_text(encoding="utf-8") + (
        "    decisions:\n"
        "      - id: extension\n"
        "        title: Decision on extending the term of the Secretary-General\n"
        "        outcome: adopted\n"
        "        decides:\n"
        "          extends:\n"
        "            - {post: secretary-general, person: test-decides-second, from: '2022-01-01',"
        " previous_end: '2023-12-03'}\n"
    )
    path.write_text(text, encoding="utf-8")
    load([path])
    effect = Effect.objects.get(decision__slug="extension")
    assert (effect.kind, effect.previous_end.isoformat(), effect.holding.end.isoformat()) == (
        "extends",
        "2023-12-03",
        "2024-09-03",
    )
    # An extension that would not move the end later is refused, naming the field.
    path.write_text(text.replace("2023-12-03", "2024-12-31"), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load([path])
    assert problems_of(caught) == [
        "meetings[1].decisions[0].decides.extends[0]: the term of test-decides-second as"
        " secretary-general from 2022-01-01 ends on 2024-09-03: an extension from 2024-12-31"
        " moves the end later"
    ]


@pytest.mark.django_db
def test_a_decision_not_adopted_appoints_no_one_and_nothing_is_loaded(tmp_path):
    decisions = APPOINTS.replace("{outcome}", "not-adopted").replace(
        "{person}", "test-decides-first"
    )
    with pytest.raises(LoadError) as caught:
        load([write(tmp_path, decisions)])
    assert problems_of(caught) == [
        "meetings[0].decisions[0].decides: the decision is not-adopted: only an adopted"
        " decision appoints, extends a term or fixes a chair term"
    ]
    assert not Organization.objects.filter(slug="test-decides").exists()


@pytest.mark.django_db
def test_a_term_named_with_another_holder_or_a_rotated_chair_is_refused(tmp_path):
    decisions = (
        APPOINTS.replace("{outcome}", "adopted")
        .replace("{person}", "test-decides-second")
        .replace('{party: AM, from: "2019-01-01"}', '{party: BY, from: "2020-01-01"}')
    )
    with pytest.raises(LoadError) as caught:
        load([write(tmp_path, decisions)])
    assert problems_of(caught) == [
        "meetings[0].decisions[0].decides.appoints[0].person: the term in 'secretary-general'"
        " from 2019-01-01 is 'test-decides-first''s",
    ]
    decisions = (
        APPOINTS.replace("{outcome}", "adopted")
        .replace("{person}", "test-decides-first")
        .replace('{party: AM, from: "2019-01-01"}', '{party: BY, from: "2020-01-01"}')
    )
    with pytest.raises(LoadError) as caught:
        load([write(tmp_path, decisions)])
    assert problems_of(caught) == [
        "meetings[0].decisions[0].decides.fixes_chair[0]: the chair term of BY from 2020-01-01"
        " is recorded with basis 'rotation': a chair term a decision fixes has basis"
        " 'decision'"
    ]


# The record's people and post with their names in Russian and Chinese.
NAMED = {
    "name: First Holder,": "name: First Holder, names: {ru: Первый Держатель, zh: 第一任},",
    "name: Second Holder,": "name: Second Holder, names: {ru: Второй Держатель, zh: 第二任},",
    "    name: Secretary-General\n": (
        "    name: Secretary-General\n    names: {ru: Генеральный секретарь, zh: 秘书长}\n"
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "ru",
            [
                "meetings[0].decisions[0].decides.appoints[0].person: срок полномочий в должности"
                " «Генеральный секретарь» с 1 января 2019 г. принадлежит другому лицу: Первый"
                " Держатель",
                "meetings[0].decisions[0].decides.fixes_chair[0]: срок председательства"
                " (Беларусь, с 1 января 2020 г.) записан с основанием «согласно правилу"
                " ротации», а у срока председательства, который устанавливает решение,"
                " основание «установлено решением»",
            ],
        ),
        (
            "zh-hans",
            [
                "meetings[0].decisions[0].decides.appoints[0].person:"
                " 秘书长自2019年1月1日起的任期由第一任担任",
                "meetings[0].decisions[0].decides.fixes_chair[0]: 白俄罗斯的主席任期"
                "（自2020年1月1日起）记录的依据为“按轮值规则”，而由决议确定的主席任期，"
                "其依据应为“由决议确定”",
            ],
        ),
    ],
)
def test_a_record_file_is_refused_in_the_active_language_naming_records_by_name(
    tmp_path, language, said
):
    # Loaded in a process whose language is Russian or Chinese, the refusals are in it:
    # a term named with another holder, then a chair term the rotation gave.
    rotated = '{party: BY, from: "2020-01-01"}'
    for person, said_then in (("test-decides-second", said[0]), ("test-decides-first", said[1])):
        decisions = APPOINTS.replace("{outcome}", "adopted").replace("{person}", person)
        path = write(
            tmp_path, decisions.replace('{party: AM, from: "2019-01-01"}', rotated), **NAMED
        )
        with translation.override(language), pytest.raises(LoadError) as caught:
            load([path])
        assert problems_of(caught) == [said_then]


CORPUS = Path(__file__).resolve().parent / "records" / "corpus"


@pytest.mark.django_db
def test_the_osce_extended_its_secretary_general_and_the_appointment_keeps_its_end(accord):
    load(sorted(CORPUS.glob("osce*.yaml")))
    skopje = accord("meeting", "osce", "ministerial-council", "30")
    assert (
        "  extends the term of Helga Schmid Secretary General of the OSCE from 2023-12-03 to"
        " 2024-09-03"
    ) in skopje
    assert "  fixes the chair: Malta, 2024-01-01..2024-12-31" in skopje
    # The appointment of 2020 says the end it set, not the end the extension gave later.
    tirana = accord("meeting", "osce", "ministerial-council", "27", "--format", "json")
    [appointed] = [e for d in tirana["decisions"] for e in d["decides"]]
    assert (appointed["kind"], appointed["end"], appointed["term_end"]) == (
        "appoints",
        "2023-12-03",
        "2024-09-03",
    )
    meeting = Meeting.objects.get(body__organization__slug="osce", number=30)
    english = compose.write(meeting, language="en").text
    assert (
        "The Ministerial Council extended the term of Helga Schmid as Secretary General"
        " of the OSCE from 3 December 2023 to 3 September 2024."
    ) in english, english
    russian = compose.write(meeting, language="ru").text
    assert "продление полномочий: Хельга Шмид — Генеральный секретарь ОБСЕ" in russian, russian


@pytest.mark.django_db
def test_a_decision_that_appoints_stays_adopted_when_written_whole_again(tmp_path):
    # The meeting's record form writes a recorded decision whole (services.save_decision).
    decisions = APPOINTS.replace("{outcome}", "adopted").replace("{person}", "test-decides-first")
    load([write(tmp_path, decisions)])
    meeting = Meeting.objects.get(body__organization__slug="test-decides", number=1)
    values = DecisionFields(title="Decision on the appointment", outcome="deferred")
    with pytest.raises(DomainError) as caught:
        save_decision(meeting, "appointment", values, [])
    assert [(p.field, p.reason) for p in caught.value.problems] == [
        (
            "outcome",
            "the decision decides records (decides): it cannot be deferred; remove what it"
            " decides first",
        )
    ]
    assert Effect.objects.filter(decision__slug="appointment").count() == 2
