"""Login throttling: after the limit of failures (django-axes), the login is refused with
a page saying why, in the reader's language, even with the right password; it is taken
again once the cool-off has passed. The API has no password login to throttle: it takes
bearer tokens (256 random bits) and the web's session."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from accord.api.api import api as accord_api
from tests.security.conftest import PASSWORD


def attempt(client, user, password: str, **extra):
    return client.post(
        "/accounts/login/", {"username": user.get_username(), "password": password}, **extra
    )


def fail_to_the_limit(client, user) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert attempt(client, user, "not the password").status_code != 302


def test_after_the_limit_the_right_password_is_refused_with_a_clear_message(client, officer):
    fail_to_the_limit(client, officer)
    refused = attempt(client, officer, PASSWORD)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "After 5 failed sign-ins for this user name from your address" in page
    assert "Try again in 60 minutes." in page
    assert "_auth_user_id" not in client.session


def test_the_message_is_in_the_readers_language(client, officer):
    fail_to_the_limit(client, officer)
    russian = attempt(client, officer, PASSWORD, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Попробуйте снова через 60 минут." in russian
    chinese = attempt(client, officer, PASSWORD, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "60 分钟后再试" in chinese


def test_the_login_is_taken_again_after_the_cool_off(client, officer):
    fail_to_the_limit(client, officer)
    assert attempt(client, officer, PASSWORD).status_code == 429
    # An hour and a minute later (the attempts' times moved back, as the clock would).
    later = timezone.now() - settings.AXES_COOLOFF_TIME * dt.timedelta(hours=1)
    AccessAttempt.objects.update(attempt_time=later - dt.timedelta(minutes=1))
    assert attempt(client, officer, PASSWORD).status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.database_independent
def test_the_api_has_no_password_login():
    schemes = accord_api.get_openapi_schema(path_prefix="/api/v1")["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    assert {s.get("scheme") for s in schemes.values() if s["type"] == "http"} == {"bearer"}
    assert {s["in"] for s in schemes.values() if s["type"] == "apiKey"} == {"cookie"}
