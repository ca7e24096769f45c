"""The OpenAPI description: served, valid OpenAPI 3.1, with both ways of signing in, and
every operation in it exercised by some test of this package."""

from __future__ import annotations

from pathlib import Path

import pytest
from openapi_spec_validator import validate

from tests.api.conftest import API_MODULES, COVERAGE_TEST, HITS, Api

WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture
def schema(db) -> dict:
    answer = Api().get("/openapi.json")
    assert answer.status == 200
    return answer.body


def operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path.removeprefix("/api/v1"), op)
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]


def test_the_description_is_valid_openapi_3_1(schema):
    assert schema["openapi"].startswith("3.1")
    validate(schema)
    assert schema["info"]["title"] == "Accord"


def test_bearer_tokens_and_sessions_are_described(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"] == {"type": "apiKey", "in": "cookie", "name": "sessionid"}
    for method, path, op in operations(schema):
        names = [next(iter(s), None) for s in op["security"]]
        assert "TokenAuth" in names and "SessionAuth" in names, path
        # Reads are open to the public (`{}`: no credentials); writes are not.
        assert (None in names) is (method not in WRITES), (method, path)


def test_changes_document_if_match_and_their_refusals(schema):
    for method, path, op in operations(schema):
        if method in {"put", "patch"}:
            headers = [p["name"] for p in op["parameters"] if p["in"] == "header"]
            assert "If-Match" in headers, path
            assert {"412", "428"} <= set(op["responses"]), path
        if method in WRITES:
            assert {"401", "403", "404", "422"} <= set(op["responses"]), path


def test_a_body_that_is_not_json_is_refused_as_documented(schema, secretariat):
    """Every operation reading a JSON body documents the 400 of a body that is not JSON
    (the fuzz found it answered but undocumented), in the one error shape."""
    with_body = [
        (path, op)
        for _, path, op in operations(schema)
        if "application/json" in op.get("requestBody", {}).get("content", {})
    ]
    assert len(with_body) > 20
    for path, op in with_body:
        refused = dict(op["responses"]["422"], description="Bad Request")
        assert op["responses"]["400"] == refused, path
    client = secretariat.client
    answer = client.post(
        "/api/v1/parties",
        data=b"{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secretariat.token}",
    )
    assert answer.status_code == 400
    assert [p["field"] for p in answer.json()["detail"]] == ["body"]


def test_no_two_shapes_share_a_name(schema):
    """The description names each shape once: two classes of one name were one
    component (a document's versions were described as a press release's), which the
    fuzz found as answers not matching their description."""
    from ninja import Schema

    import accord.api.api  # noqa: F401 - every router and its shapes

    def every(cls: type) -> list[type]:
        return [cls, *(c for sub in cls.__subclasses__() for c in every(sub))]

    names: dict[str, set[str]] = {}
    for cls in every(Schema):
        if cls.__module__.startswith("accord."):
            names.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {n: m for n, m in names.items() if len(m) > 1} == {}
    shapes = schema["components"]["schemas"]
    assert "language" in shapes["VersionOut"]["properties"]
    assert "state" in shapes["ReleaseVersionOut"]["properties"]


def test_every_success_carries_an_etag(schema):
    for method, path, op in operations(schema):
        if method == "delete":  # 204: nothing is left to tag
            assert set(op["responses"]) & {"200", "201"} == set(), path
            continue
        ok = op["responses"].get("200") or op["responses"]["201"]
        assert "ETag" in ok.get("headers", {}), path


def test_interactive_docs_are_served(db):
    from django.test import Client

    answer = Client(HTTP_HOST="127.0.0.1").get("/api/v1/docs")
    assert answer.status_code == 200
    assert b"openapi.json" in answer.content


def test_every_operation_is_exercised(schema, request):
    """Every (method, path) of the description was sent by some test of tests/api.

    Runs after the others (see conftest); meaningless when only some modules ran.
    """
    here = Path(__file__).parent
    modules = {f"tests.api.{p.stem}" for p in here.glob("test_*.py")}
    if not modules <= request.config.stash.get(API_MODULES, set()):
        pytest.skip("only part of tests/api was selected")
    described = {(method, path) for method, path, _ in operations(schema)}
    missed = sorted(described - HITS)
    assert not missed, f"operations no test exercises: {missed}"
    assert request.node.name == COVERAGE_TEST
