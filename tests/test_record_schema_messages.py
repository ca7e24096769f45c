"""What the schema check of a record file says: each refusal names the field's path and
the reason in words, with values written as Python writes them."""

from __future__ import annotations

import pytest

from accord.records.files import check

pytestmark = pytest.mark.database_independent

HEAD = {"format": "accord-record/1", "organization": {"slug": "sco"}}
MEETING = {"body": "council", "number": 1, "date": "2019-05-15"}


def reasons(**sections: object) -> list[str]:
    return [str(p) for p in check("f.yaml", {**HEAD, **sections})]


def test_a_valid_file_has_no_problems():
    assert reasons(meetings=[MEETING]) == []


@pytest.mark.parametrize(
    ("sections", "expected"),
    [
        (
            {"meetings": [{**MEETING, "number": "thirty"}]},
            "f.yaml: meetings[0].number: 'thirty' is not of type 'integer'",
        ),
        (
            {"meetings": [{**MEETING, "colour": "blue"}]},
            "f.yaml: meetings[0]: Additional properties are not allowed "
            "('colour' is not a field of this record)",
        ),
        (
            {"meetings": [{**MEETING, "colour": "blue", "shape": "round"}]},
            "f.yaml: meetings[0]: Additional properties are not allowed "
            "('colour', 'shape' are not fields of this record)",
        ),
        (
            {"memberships": [{"party": "AM", "status": "member", "from": "2019-05"}]},
            "f.yaml: memberships[0].from: '2019-05' is not a date such as 2019-05-15",
        ),
        (
            {"meetings": [{**MEETING, "date": "May 2019"}]},
            "f.yaml: meetings[0].date: 'May 2019' is not a date such as 2019-05-15, "
            "2019-04 or 2004",
        ),
        (
            {"meetings": [{**MEETING, "co_chairs": [{"party": "kz"}]}]},
            "f.yaml: meetings[0].co_chairs[0].party: 'kz' is not a party code",
        ),
        (
            {"meetings": [{**MEETING, "co_chairs": [5]}]},
            "f.yaml: meetings[0].co_chairs[0]: 5 is not valid here",
        ),
        (
            {"organization": {"slug": "sco", "names": {"Russian": "ШОС"}}},
            "f.yaml: organization.names: 'Russian' is not a language code such as en, ru",
        ),
        (
            {"meetings": [{**MEETING, "statements": [{"text": "We agree."}]}]},
            "f.yaml: meetings[0].statements[0]: needs 'person' or 'party'",
        ),
    ],
)
def test_each_refusal_names_the_path_and_the_reason(sections, expected):
    got = reasons(**sections)
    assert any(r.startswith(expected) for r in got), got


def test_a_failing_field_of_an_action_is_not_also_called_unknown():
    """An action's fields are declared beside it (`allOf`): when one of them fails,
    the others are not reported as fields the record does not have."""
    action = {"verb": "Adopted", "document": "plan", "zz": 1}
    got = reasons(meetings=[{**MEETING, "actions": [action]}])
    assert any(r.startswith("f.yaml: meetings[0].actions[0].verb: 'Adopted' is not") for r in got)
    unknown = [r for r in got if "not allowed" in r]
    assert unknown == [
        "f.yaml: meetings[0].actions[0]: Additional properties are not allowed "
        "('zz' is not a field of this record)"
    ], got
