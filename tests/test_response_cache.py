"""The cache of answers: a hit costs one query (a few more for a signed-in reader), any
write of the record makes every answer new, readers share answers only with readers of
the same standing, and nothing personal is ever kept."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.accounts import services as accounts
from accord.documents import services as documents
from accord.documents.inputs import DocumentFields
from accord.documents.models import DocumentType
from accord.registry.inputs import OrganizationFields
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
        DocumentFields(
            type=DocumentType.objects.get(organization=sco, slug="roadmap"),
            title="A roadmap written after the first read",
            date=dt.date(2019, 5, 15),
        ),
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
        DocumentFields(type=DocumentType.objects.get(organization=sco, slug="roadmap"), title="A"),
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


PAGE = "/organizations/sco/"
SCSC_14 = "/organizations/sco/bodies/security-council-secretaries/meetings/14/"
# The organization-restricted information report: the secretariat and the members'
# delegations read it, an observer and the public do not.
REPORT = "/organizations/sco/documents/scsc-14-information-report/"


def signed_in(name: str, **roles) -> Client:
    person = make(RoleSpec(name, **roles))
    client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    client.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def form_token(answer) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.content.decode())[1]


def test_signed_in_readers_of_one_standing_share_pages_each_with_their_name_and_token():
    officer = signed_in("cache-officer", secretariat=frozenset({"sco"}))
    colleague = signed_in("cache-colleague", secretariat=frozenset({"sco"}))
    first = officer.get(REPORT)
    assert first["X-Accord-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        shared = colleague.get(REPORT)
    assert shared["X-Accord-Cache"] == "hit"
    # The session, its user, the user's affiliations, and the record's state.
    assert len(queries) <= 5, [q["sql"] for q in queries.captured_queries]
    assert "Sign out user-cache-officer" in first.content.decode()
    assert "Sign out user-cache-colleague" in shared.content.decode()
    assert "user-cache-officer" not in shared.content.decode()
    assert "organization-restricted" in shared.content.decode()  # the secretariat reads it
    # Each page carries its reader's own form token: signing out with it is accepted,
    # and the other's is not the same secret.
    assert form_token(first) != form_token(shared)
    out = colleague.post("/accounts/logout/", {"csrfmiddlewaretoken": form_token(shared)})
    assert out.status_code == 302
    assert colleague.get(REPORT).status_code == 404  # now the public, who may not read it
    assert "Sign out" not in colleague.get(SCSC_14).content.decode()


def test_readers_of_different_standing_never_share_an_answer():
    readers = {
        "public": Client(HTTP_HOST="127.0.0.1"),
        "secretariat": signed_in("cache-sec", secretariat=frozenset({"sco"})),
        "delegation": signed_in("cache-ru", delegations=frozenset({("sco", "RU")})),
        "observer": signed_in("cache-mn", observers=frozenset({("sco", "MN")})),
        "other delegation": signed_in("cache-kz", delegations=frozenset({("sco", "KZ")})),
    }
    # (Made before any read: a new user or role is a write of the record.)
    colleague = signed_in("cache-ru-2", delegations=frozenset({("sco", "RU")}))
    # The home page counts the documents each may read (the seed: 18, 16, 15).
    counted = {}
    for name, reader in readers.items():
        answer = reader.get("/")
        assert answer["X-Accord-Cache"] == "miss", name  # no one else's answer reached
        counted[name] = re.search(r"Documents</[^>]+>\s*<[^>]+>(\d+)", answer.content.decode())
    assert {name: int(found[1]) for name, found in counted.items()} == {
        "public": 15,
        "secretariat": 18,
        "delegation": 16,
        "observer": 15,
        "other delegation": 16,
    }
    # The same standing, another user: now shared.
    again = colleague.get("/")
    assert again["X-Accord-Cache"] == "hit"


def test_a_write_is_seen_by_the_next_read_of_every_standing():
    readers = [
        Client(HTTP_HOST="127.0.0.1"),
        signed_in("cache-sec", secretariat=frozenset({"sco"})),
        signed_in("cache-mn", observers=frozenset({("sco", "MN")})),
    ]
    for reader in readers:
        reader.get(PAGE)
        assert reader.get(PAGE)["X-Accord-Cache"] == "hit"
    sco = Organization.objects.get(slug="sco")
    sco.names = {**sco.names, "en": "Shanghai Cooperation Organisation (renamed for the test)"}
    from accord.registry import services as registry

    registry.save_organization(sco.slug, OrganizationFields(name=sco.name, names=sco.names))
    for reader in readers:
        answer = reader.get(PAGE)
        assert answer["X-Accord-Cache"] == "miss"


def test_a_session_with_a_message_waiting_is_not_served_from_the_cache(rf):
    from django.contrib.messages.storage.cookie import CookieStorage

    officer = signed_in("cache-officer", secretariat=frozenset({"sco"}))
    officer.get(PAGE)
    assert officer.get(PAGE)["X-Accord-Cache"] == "hit"
    # "The record is saved." after a save, as Django's messages keep it until shown.
    storage = CookieStorage(rf.get(PAGE))
    storage.add(25, "The record is saved.")
    sent = HttpResponse()
    storage.update(sent)
    officer.cookies["messages"] = sent.cookies["messages"].value
    answer = officer.get(PAGE)
    assert "X-Accord-Cache" not in answer
    assert "The record is saved." in answer.content.decode()
    assert officer.get(PAGE)["X-Accord-Cache"] == "hit"  # shown once, then shared again


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
