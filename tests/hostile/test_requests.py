"""Hostile requests, before any field is read: bodies over the size limits, bodies
nested too deeply, bytes that are not UTF-8 in a JSON body, a form, an address or a
query string, NUL in an address.

Each is answered 4xx with the field and the reason (the API in its error shape, a
page with a sentence), never 500, and changes nothing.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.api.conftest import Api
from tests.hostile.conftest import MEETINGS

API = "/api/v1"
URLENCODED = "application/x-www-form-urlencoded"


def send(way: Api | Client, method: str, url: str, body: bytes | str, content_type: str):
    """A request with a body as given (bytes as they are), through the API (by token)
    or a signed-in web client."""
    if isinstance(way, Api):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {way.token}"}
        return getattr(way.client, method)(url, data=body, content_type=content_type, **headers)
    return getattr(way, method)(url, data=body, content_type=content_type)


def problems(answer) -> list[tuple[str, str]]:
    return [(p["field"], p["reason"]) for p in json.loads(answer.content)["detail"]]


# --- size -----------------------------------------------------------------------------------


def test_a_json_body_over_the_limit(secretariat, unchanged, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    body = json.dumps({"id": "big", "name": "x" * 60_000})
    answer = send(secretariat, "post", f"{API}/people", body, "application/json")
    assert answer.status_code == 413
    assert problems(answer) == [("body", "the request is larger than the limit of 50000 bytes")]
    unchanged()


def test_a_form_over_the_limit(officer, unchanged, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    body = "title=" + "x" * 60_000
    answer = send(officer, "post", f"{MEETINGS}/new/", body, URLENCODED)
    assert answer.status_code == 413
    assert answer.content.decode() == "This request is larger than Accord takes."
    unchanged()


def test_a_content_length_that_is_not_a_number(secretariat, unchanged):
    answer = secretariat.client.post(
        f"{API}/people",
        data=b"{}",
        content_type="application/json",
        CONTENT_LENGTH="ten",
        HTTP_AUTHORIZATION=f"Bearer {secretariat.token}",
    )
    assert answer.status_code == 400
    assert problems(answer) == [("Content-Length", "is not a number")]
    unchanged()


# --- depth ------------------------------------------------------------------------------------


DEEP_FIELD = json.dumps({"id": "deep", "name": "x", "names": {"en": [[]]}}).replace(
    "[[]]", "[" * 70 + "]" * 70
)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        # json.loads would raise RecursionError: the whole body is refused.
        ("[" * 100_000 + "]" * 100_000, "body"),
        ('{"a":' * 100_000 + "1" + "}" * 100_000, "body"),
        # Deep enough to be refused, not to trouble the parser: named by its field.
        (DEEP_FIELD, "names"),
    ],
    ids=["lists", "objects", "in-a-field"],
)
def test_a_body_nested_too_deeply(secretariat, unchanged, body, field):
    answer = send(secretariat, "post", f"{API}/people", body, "application/json")
    assert answer.status_code == 400
    assert problems(answer) == [(field, "nested more than 64 levels deep")]
    unchanged()


def test_a_body_of_reasonable_depth_is_judged_by_its_fields(secretariat, unchanged):
    body = json.dumps({"id": "deep", "name": "x", "names": {"en": [[[[[["x"]]]]]]}})
    answer = send(secretariat, "post", f"{API}/people", body, "application/json")
    assert answer.status_code == 422
    assert [field for field, _ in problems(answer)] == ["names.en"]
    unchanged()


# --- encoding ----------------------------------------------------------------------------------


def test_a_json_body_that_is_not_utf8(secretariat, unchanged):
    body = b'{"id": "latin", "name": "Jos\xe9"}'
    answer = send(secretariat, "post", f"{API}/people", body, "application/json")
    assert answer.status_code == 400
    assert problems(answer) == [("body", "is not UTF-8 text (byte 28)")]
    unchanged()


def test_a_body_that_is_not_json(secretariat, unchanged):
    answer = send(secretariat, "post", f"{API}/people", b"{'id': 1}", "application/json")
    assert answer.status_code == 400
    [(field, reason)] = problems(answer)
    assert field == "body" and reason.startswith("is not JSON: ")
    unchanged()


@pytest.mark.parametrize("body", ['""', "0", "false", "null", '"text"'])
def test_a_body_that_is_a_single_value_is_not_an_empty_change(secretariat, unchanged, body):
    """A bare value is not read as an empty object (a change of nothing, answered as if
    the change had been made): it is refused, before the version is even checked."""
    url = f"{API}/organizations/sco/bodies/security-council-secretaries/meetings/14"
    answer = secretariat.client.patch(
        url,
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secretariat.token}",
        HTTP_IF_MATCH='"stale"',
    )
    assert answer.status_code == 422
    assert problems(answer) == [("body", "must be a JSON object or list, not a single value")]
    unchanged()


def test_a_form_that_is_not_utf8(officer, unchanged):
    answer = send(officer, "post", f"{MEETINGS}/new/", b"title=Jos%E9&date=2022", URLENCODED)
    assert answer.status_code == 400
    assert answer.content.decode() == "This request cannot be read: title: is not UTF-8 text."
    unchanged()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (f"{API}/organizations/sco/calendar?from=%FF%FE", "from"),
        (f"{API}/organizations/sco/calendar?%FF=1", "query"),
        (f"{API}/organizations/sco/calendar?party=K%00G", "party"),
        ("/search/?q=%C3%28", "q"),
        ("/search/?q=drug%00", "q"),
        ("/organizations/sco/calendar/?party=%E9", "party"),
        ("/organizations/sco/?on=2019-05-15%00", "on"),
    ],
)
def test_a_query_string_that_cannot_be_read(secretariat, unchanged, url, field):
    answer = secretariat.client.get(url)
    assert answer.status_code == 400
    if url.startswith(API):
        [(named, reason)] = problems(answer)
        assert named == field
        assert reason in {
            "is not UTF-8 text",
            "contains a NUL character (U+0000), which text in Accord may not hold",
        }
    else:
        assert answer.content.decode().startswith(f"This request cannot be read: {field}: ")
    unchanged()


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/organizations/sco%FF/bodies",
        f"{API}/organizations/%C0%AE%C0%AE/bodies",
        "/organizations/sco%FF/",
        "/people/%ED%A0%80/",
    ],
)
def test_an_address_that_is_not_utf8_is_not_found(anonymous, url):
    assert anonymous.client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/organizations/sco%00/bodies",
        f"{API}/organizations/sco/documents/x%00y",
        "/organizations/sco%00/",
        "/people/vladimir-norov%00/",
    ],
)
def test_an_address_holding_a_nul(secretariat, unchanged, url):
    answer = secretariat.client.get(url)
    assert answer.status_code == 400
    if url.startswith(API):
        assert problems(answer) == [
            ("path", "contains a NUL character (U+0000), which text in Accord may not hold")
        ]
    unchanged()


def test_a_page_says_so_in_the_readers_language(anonymous):
    answer = anonymous.client.get("/search/?q=%FF", HTTP_ACCEPT_LANGUAGE="ru")
    assert answer.status_code == 400
    assert answer.content.decode() == "Этот запрос не удаётся прочитать: q: is not UTF-8 text."


@pytest.mark.parametrize(
    ("url", "fields", "field"),
    [
        # Views that look a posted value up as it is (a token's id, a party's code).
        ("/accounts/tokens/", {"revoke": "1\x00"}, "revoke"),
        (f"{MEETINGS}/14/decisions/x/position/", {"party": "K\x00G"}, "party"),
        (
            f"{API}/organizations/sco/documents/x/versions/1/files",
            {"language": "r\x00u"},
            "language",
        ),
    ],
)
def test_a_multipart_field_holding_a_nul(officer, unchanged, url, fields, field):
    """A browser may send any form as multipart, which Django decodes itself: a NUL in
    a field is refused before a view looks the value up."""
    answer = officer.post(url, fields)  # the test client sends multipart
    assert answer.status_code == 400
    assert f"{field}: contains a NUL character" in answer.content.decode().replace(
        '", "reason": "', ": "
    )
    unchanged()
