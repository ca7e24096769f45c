"""Signing in to the API: Bearer tokens, sessions and anonymous requests alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from accord.accounts import services
from accord.accounts.models import ApiToken
from accord.core.models import AuditEntry
from accord.documents.models import Document
from accord.meetings.models import Topic
from accord.registry.models import Organization

pytestmark = pytest.mark.urls("tests.accounts.urls")
WITH_TOKEN_MIDDLEWARE = [
    *settings.MIDDLEWARE[: settings.MIDDLEWARE.index("accord.core.audit.AuditContextMiddleware")],
    "accord.accounts.middleware.BearerTokenMiddleware",
    *settings.MIDDLEWARE[settings.MIDDLEWARE.index("accord.core.audit.AuditContextMiddleware") :],
]


@pytest.fixture
def officer(db):
    """A secretariat officer of the SCO, with a token."""
    user = services.add_user("officer", password="a long passphrase")
    services.grant(user, Organization.objects.get(slug="sco"), "secretariat")
    token, secret = services.create_token(user, "ci")
    return user, token, secret


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_an_anonymous_request_is_the_public(client, db):
    answer = client.get("/test-api/whoami").json()
    public = Document.objects.filter(classification="public").count()
    assert answer == {"user": None, "admin": False, "secretariat": [], "documents": public}
    assert client.get("/test-api/private").status_code == 401


def test_a_token_signs_its_user_in(client, officer):
    _, _, secret = officer
    answer = client.get("/test-api/whoami", **bearer(secret)).json()
    assert answer["user"] == "officer"
    assert answer["secretariat"] == [Organization.objects.get(slug="sco").pk]
    assert answer["documents"] == Document.objects.count()
    assert client.get("/test-api/private", **bearer(secret)).json() == {"user": "officer"}


def test_a_session_signs_its_user_in(client, officer):
    client.force_login(officer[0])
    assert client.get("/test-api/whoami").json()["user"] == "officer"


def test_an_unknown_token_is_anonymous_where_the_public_may_read(client, officer):
    wrong = officer[2][:-2] + "xx"
    assert client.get("/test-api/whoami", **bearer(wrong)).json()["user"] is None
    assert client.get("/test-api/private", **bearer(wrong)).status_code == 401


def test_an_expired_or_revoked_token_answers_401_saying_why(client, officer):
    _, token, secret = officer
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(
        created=now - dt.timedelta(days=2), expires=now - dt.timedelta(days=1)
    )
    expired = client.get("/test-api/whoami", **bearer(secret))
    assert expired.status_code == 401
    assert "expired" in expired.json()["detail"][0]["reason"]
    _, secret = services.create_token(officer[0], "second")
    services.revoke_token(ApiToken.objects.get(name="second"))
    revoked = client.get("/test-api/private", **bearer(secret))
    assert revoked.status_code == 401
    assert "revoked" in revoked.json()["detail"][0]["reason"]


def test_writes_are_limited_by_role(client, officer):
    delegate = services.add_user("delegate", password="a long passphrase")
    _, secret = services.create_token(delegate, "ci")
    refused = client.post("/test-api/topics/test-topic", **bearer(secret))
    assert refused.status_code == 403
    assert refused.json()["problems"][0]["field"] == "permission"
    assert not Topic.objects.filter(slug="test-topic").exists()


@override_settings(MIDDLEWARE=WITH_TOKEN_MIDDLEWARE)
def test_with_the_token_middleware_a_token_users_writes_are_attributed_to_them(client, officer):
    done = client.post("/test-api/topics/test-topic", **bearer(officer[2]))
    assert done.status_code == 200, done.content
    topic = Topic.objects.get(slug="test-topic")
    entry = AuditEntry.objects.get(model="meetings.Topic", object_id=str(topic.pk))
    assert entry.actor == "user:officer"
    assert entry.request_id == done["X-Request-Id"]


@override_settings(MIDDLEWARE=WITH_TOKEN_MIDDLEWARE)
def test_the_token_middleware_answers_401_for_an_expired_token(client, officer):
    services.revoke_token(officer[1])
    refused = client.get("/", **bearer(officer[2]))
    assert refused.status_code == 401
    assert refused.json() == {
        "detail": [{"field": "Authorization", "reason": "the API token was revoked"}]
    }
    assert refused["WWW-Authenticate"] == 'Bearer realm="accord"'
