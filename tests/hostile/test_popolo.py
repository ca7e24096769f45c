"""Hostile Popolo JSON, the one import besides record files (`POST /api/v1/popolo` and
`accord import popolo`): documents of another shape, nested too deeply, holding text
no field may hold. Each is refused naming the field, and nothing changes."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

ORG = {"id": "sco", "classification": "organization", "name": "SCO"}
CASES = [
    ({"organizations": [1]}, "", "is not shaped as Popolo JSON is here"),
    ({"organizations": [{"classification": "organization"}]}, "organizations[0].id", "is required"),
    (
        {"organizations": [{**ORG, "other_names": ["SCO"]}]},
        "organizations[0]",
        "is not shaped as Popolo JSON is here",
    ),
    ({"organizations": [ORG], "persons": [{"id": "x"}]}, "persons[0].name", "is required"),
    (
        {"organizations": [{**ORG, "founding_date": "2001-02-30"}]},
        "organizations[0].founding_date",
        "not a date in the calendar",
    ),
    (
        {"organizations": [{**ORG, "name": "S\x00CO"}]},
        "organizations[0].name",
        "contains a NUL character",
    ),
    (
        {"organizations": [{**ORG, "name": "SCO \u202e"}]},
        "organizations[0].name",
        "contains a right-to-left override",
    ),
]


@pytest.fixture
def admin_api(db):
    from django.test import Client

    from accord.accounts import services
    from tests.accounts.people import RoleSpec, make
    from tests.api.conftest import Api

    person = make(RoleSpec("hostile-popolo-admin", admin=True))
    _, secret = services.create_token(person.user, "hostile input", days=1)
    return Api(secret, Client(HTTP_HOST="127.0.0.1", raise_request_exception=False))


@pytest.mark.parametrize(("document", "field", "reason"), CASES)
def test_through_the_api(admin_api, unchanged, document, field, reason):
    answer = admin_api.post("/popolo", document)
    assert answer.status == 422, answer.body
    [problem] = answer.body["detail"]
    assert problem["field"] == field
    assert reason in problem["reason"]
    unchanged()


@pytest.mark.parametrize(("document", "field", "reason"), CASES)
def test_through_the_command(db, unchanged, tmp_path, document, field, reason):
    path = tmp_path / "popolo.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError) as failure:
        call_command("import", "popolo", str(path))
    assert f"popolo.json: {field}" in str(failure.value)
    assert reason in str(failure.value)
    assert "nothing was imported" in str(failure.value)
    unchanged()


def test_a_file_nested_too_deeply(db, unchanged, tmp_path):
    path = tmp_path / "popolo.json"
    path.write_text('{"organizations": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(CommandError) as failure:
        call_command("import", "popolo", str(path))
    assert "nested" in str(failure.value)
    unchanged()
