"""What a decision decides, on the record page: each decision row says the records it
decides (a term in a post it appoints, a chair term it fixes, a term it extends), one
line each, a blank line more at each save (no script needed). They are written through
the same use case as the API's decision change; a refusal is shown beside the field and
in the summary at the top, nothing written, in the page's language and naming the
records by their names there."""

from __future__ import annotations

import pytest

from accord.decisions.models import Effect
from accord.meetings.models import Meeting
from tests.web.conftest import text
from tests.web.forms import form_fields, post_data
from tests.web.test_recording import NEW, SCS, field_error, new_form, officer, trail, value_of

__all__ = ["officer"]

EDIT_17 = f"{SCS}/meetings/17/edit/"

# The 17th meeting's decision, adopted, appoints the Secretary-General from 2022.
APPOINTS = {
    "decisions-0-open": "",
    "decisions-0-outcome": "adopted",
    "decisions-0-decides-kind": ["appoints"],
    "decisions-0-decides-post": ["secretary-general"],
    "decisions-0-decides-person": ["zhang-ming"],
    "decisions-0-decides-party": [""],
    "decisions-0-decides-body": [""],
    "decisions-0-decides-start": ["2022-01-01"],
    "decisions-0-decides-previous_end": [""],
}


def _effects() -> list[tuple[str, str]]:
    return [
        (e.kind, str(e.holding or e.chair_term))
        for e in Effect.objects.filter(decision__meeting__number=17).order_by("order")
    ]


def test_a_decision_row_says_what_it_decides_and_the_page_reads_it_back(officer):
    answer = officer.post(NEW, new_form(officer, **APPOINTS))
    assert answer.status_code == 303, text(answer)[:3000]
    assert [kind for kind, _ in _effects()] == ["appoints"]
    assert "Zhang Ming" in _effects()[0][1]
    page = officer.get(EDIT_17)
    # The line recorded, and a blank one to add another.
    assert value_of(page, "decisions-0-decides-kind") == ["appoints", ""]
    assert value_of(page, "decisions-0-decides-person") == ["zhang-ming", ""]
    assert value_of(page, "decisions-0-decides-start") == ["2022-01-01", ""]
    # The meeting page says what the decision decides.
    assert "Zhang Ming" in text(officer.get(f"{SCS}/meetings/17/"))


def test_what_a_decision_decides_is_changed_and_removed_on_edit(officer):
    assert officer.post(NEW, new_form(officer, **APPOINTS)).status_code == 303
    page = officer.get(EDIT_17)
    # A second line: the decision fixes a chair term as well (one another meeting
    # decided: refused beside the field, in the summary, nothing written).
    changes = {
        "decisions-0-decides-kind": ["appoints", "fixes-chair"],
        "decisions-0-decides-party": ["", "UZ"],
        "decisions-0-decides-start": ["2022-01-01", "2021-09-18"],
    }
    before = trail()
    answer = officer.post(EDIT_17, post_data(form_fields(page), **changes))
    assert answer.status_code == 422
    error = field_error(answer, "decisions-0-decides")
    assert "line 2" in error and "decided at another meeting" in error, error
    summary = text(answer).split("to correct")[1].split("Save the record")[0]
    assert "Decisions, row 1: What it decides" in summary
    assert trail() == before
    # What was typed comes back.
    assert value_of(answer, "decisions-0-decides-party") == ["", "UZ", ""]
    # Every line cleared: the decision decides nothing more.
    cleared = {
        "decisions-0-decides-kind": ["", ""],
        "decisions-0-decides-post": ["", ""],
        "decisions-0-decides-person": ["", ""],
        "decisions-0-decides-start": ["", ""],
    }
    answer = officer.post(EDIT_17, post_data(form_fields(page), **cleared))
    assert answer.status_code == 303, text(answer)[:3000]
    assert _effects() == []


def test_only_an_adopted_decision_decides_and_a_bad_line_is_refused(officer):
    before = trail()
    answer = officer.post(NEW, new_form(officer, **{**APPOINTS, "decisions-0-outcome": "deferred"}))
    assert answer.status_code == 422
    assert "only an adopted decision" in field_error(answer, "decisions-0-decides")
    bad = {
        **APPOINTS,
        "decisions-0-decides-start": ["2022-13-40"],
        "decisions-0-decides-kind": [""],
    }
    answer = officer.post(NEW, new_form(officer, **bad))
    assert answer.status_code == 422
    assert "line 1: choose what the decision does" in field_error(answer, "decisions-0-decides")
    unknown = {**APPOINTS, "decisions-0-decides-post": ["nowhere"]}
    answer = officer.post(NEW, new_form(officer, **unknown))
    assert answer.status_code == 422
    assert "line 1, Post: no post 'nowhere'" in field_error(answer, "decisions-0-decides")
    assert trail() == before


def test_a_stale_save_shows_what_a_decision_decides_to_keep_or_take(officer):
    assert officer.post(NEW, new_form(officer, **APPOINTS)).status_code == 303
    fields = form_fields(officer.get(EDIT_17))
    # Meanwhile another officer records the decision as deciding nothing.
    Effect.objects.filter(decision__meeting__number=17).delete()
    Meeting.objects.filter(number=17, body__slug="security-council-secretaries").update(
        venue="Meanwhile"
    )
    refused = officer.post(EDIT_17, post_data(fields, venue="Ours"))
    assert refused.status_code == 409
    conflicts = text(refused).split("Differences from the record")[1]
    assert "appoints secretary-general zhang-ming 2022-01-01" in conflicts
    # Taking theirs for the decisions: the lines go; nothing saved.
    taken = officer.post(EDIT_17, post_data(form_fields(refused), take="decisions"))
    assert taken.status_code == 200
    assert value_of(taken, "decisions-0-decides-kind") == [""]
    saved = officer.post(EDIT_17, post_data(form_fields(taken), save="1"))
    assert saved.status_code == 303, text(saved)[:2000]
    assert _effects() == []


@pytest.mark.parametrize(
    ("language", "twice", "elsewhere", "deferred"),
    [
        (
            "ru",
            "строка 2: срок полномочий (Чжан Мин — Генеральный секретарь ШОС, с 1 января"
            " 2022 г.) указан дважды",
            "строка 3: срок председательства (Узбекистан, с 18 сентября 2021 г.) записан как"
            " установленный на другом заседании",
            "исход решения — «отложен»: назначает, продлевает срок полномочий и устанавливает"
            " срок председательства только принятое решение",
        ),
        (
            "zh-hans",
            "第 2 行: 张明担任上海合作组织秘书长的任期（自2022年1月1日起）被列出两次",
            "第 3 行: 乌兹别克斯坦的主席任期（自2021年9月18日起）被记录为在另一次会议上确定",
            "该决议的结果为“推迟”：只有通过的决议才能任命、延长任期或确定主席任期",
        ),
    ],
)
def test_a_refusal_of_what_a_decision_decides_names_the_records_in_the_pages_language(
    officer, language, twice, elsewhere, deferred
):
    officer.cookies["django_language"] = language
    before = trail()
    # The appointment named twice, and a chair term another meeting decided.
    lines = {
        **APPOINTS,
        "decisions-0-decides-kind": ["appoints", "appoints", "fixes-chair"],
        "decisions-0-decides-post": ["secretary-general", "secretary-general", ""],
        "decisions-0-decides-person": ["zhang-ming", "zhang-ming", ""],
        "decisions-0-decides-party": ["", "", "UZ"],
        "decisions-0-decides-body": ["", "", ""],
        "decisions-0-decides-start": ["2022-01-01", "2022-01-01", "2021-09-18"],
        "decisions-0-decides-previous_end": ["", "", ""],
    }
    answer = officer.post(NEW, new_form(officer, **lines))
    assert answer.status_code == 422
    error = field_error(answer, "decisions-0-decides")
    assert twice in error and elsewhere in error, error
    # Named by name, not by key.
    assert "zhang-ming" not in error and "secretary-general" not in error and "UZ" not in error
    answer = officer.post(NEW, new_form(officer, **{**APPOINTS, "decisions-0-outcome": "deferred"}))
    assert answer.status_code == 422
    assert field_error(answer, "decisions-0-decides") == deferred
    assert trail() == before
