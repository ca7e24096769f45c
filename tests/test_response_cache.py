"""The cache of public answers: a hit costs one query, any write of the record makes
every answer new, and nothing personal is ever kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.accounts import services as accounts
from accord.documents import services as documents
from accord.documents.models import DocumentType
from accord.registry.models import Organization
from tests.accounts.people import RoleSpec, make

pytestmark = pytest.mark.django_db

MEETING = "/api/v1/organizations/sco/bodies/security-council-secretaries/meetings/14"
DOCUMENTS = "/api/v1/organizations/sco/documents?limit=200"


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["responses"].clear()


def test_a_second_anonymous_read_is_served_from_the_cache_for_one_query(client):
    first = client.get(MEETING)
    assert first["X-Accord-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(MEETING)
    assert second["X-Accord-Cache"] == "hit"
    assert len(queries) == 1
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["Vary"] == first["Vary"]
    assert second["X-Request-Id"] != first["X-Request-Id"]


def test_a_write_of_the_record_makes_the_next_answer_new(client):
    before = client.get(DOCUMENTS).json()
    client.get(DOCUMENTS)
    sco = Organization.objects.get(slug="sco")
    documents.save_document(
        sco,
        "cache-probe",
        {
            "type": DocumentType.objects.get(organization=sco, slug="roadmap"),
            "title": "A roadmap written after the first read",
            "date": dt.date(2019, 5, 15),
        },
    )
    after = client.get(DOCUMENTS)
    assert after["X-Accord-Cache"] == "miss"
    slugs = {d["slug"] for d in after.json()["items"]}
    assert "cache-probe" in slugs
    assert "cache-probe" not in {d["slug"] for d in before["items"]}


def test_a_write_drops_the_answers_kept_before_it_and_large_answers_are_not_kept(
    client, monkeypatch
):
    from accord.core import response_cache

    client.get(MEETING)
    kept = caches["responses"]
    assert len(kept._cache) == 1  # (the local-memory cache of this process)
    sco = Organization.objects.get(slug="sco")
    documents.save_document(
        sco,
        "cache-probe",
        {"type": DocumentType.objects.get(organization=sco, slug="roadmap"), "title": "A"},
    )
    monkeypatch.setattr(response_cache, "MAX_ANSWER_BYTES", 100)
    assert "X-Accord-Cache" not in client.get(MEETING)
    # The answer of the state before the write is gone; the new one was too large.
    assert len(kept._cache) == 0
    assert "X-Accord-Cache" not in client.get(MEETING)


def test_each_language_has_its_own_answer(client):
    english = client.get("/organizations/sco/")
    russian = client.get("/organizations/sco/", HTTP_ACCEPT_LANGUAGE="ru")
    assert russian["X-Accord-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert russian["Content-Language"] == "ru"


def test_session_readers_are_never_served_from_or_into_the_cache(client):
    person = make(RoleSpec("cache-officer", secretariat=frozenset({"sco"})))
    client.force_login(person.user)
    for _ in range(2):
        assert "X-Accord-Cache" not in client.get("/organizations/sco/")
        assert "X-Accord-Cache" not in client.get(DOCUMENTS)


def slugs_of(answer) -> set[str]:
    return {d["slug"] for d in answer.json()["items"]}


def test_token_readers_share_answers_only_with_readers_of_the_same_standing(client):
    def token(name: str, **roles) -> str:
        person = make(RoleSpec(name, **roles))
        return "Bearer " + accounts.create_token(person.user, "cache test", days=1)[1]

    officer = token("cache-officer", secretariat=frozenset({"sco"}))
    colleague = token("cache-colleague", secretariat=frozenset({"sco"}))
    observer = token("cache-observer", observers=frozenset({("sco", "MN")}))

    public = client.get(DOCUMENTS)
    first = client.get(DOCUMENTS, HTTP_AUTHORIZATION=officer)
    assert first["X-Accord-Cache"] == "miss"
    # the secretariat reads restricted documents the public does not
    assert slugs_of(public) < slugs_of(first)
    again = client.get(DOCUMENTS, HTTP_AUTHORIZATION=officer)
    shared = client.get(DOCUMENTS, HTTP_AUTHORIZATION=colleague)
    assert again["X-Accord-Cache"] == shared["X-Accord-Cache"] == "hit"
    assert again.content == shared.content == first.content

    other = client.get(DOCUMENTS, HTTP_AUTHORIZATION=observer)
    assert other["X-Accord-Cache"] == "miss"
    assert slugs_of(other) == slugs_of(public)
    anonymous = client.get(DOCUMENTS)
    assert anonymous["X-Accord-Cache"] == "hit" and anonymous.content == public.content

    # a revoked token is refused before any cached answer is reached
    accounts.revoke_token(accounts.check_token(officer.split()[1]).token)
    refused = client.get(DOCUMENTS, HTTP_AUTHORIZATION=officer)
    assert refused.status_code == 401 and "X-Accord-Cache" not in refused


def test_answers_with_a_form_token_or_a_cookie_are_not_kept(client):
    login = client.get("/accounts/login/")
    assert login.status_code == 200
    assert "X-Accord-Cache" not in login
    missing = client.get("/api/v1/organizations/no-such-org")
    assert missing.status_code == 404
    assert "X-Accord-Cache" not in missing
