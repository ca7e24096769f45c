"""Sessions: a new key at sign-in (no fixation), cookie flags, the end of the session at
sign-out, and a new password ending every other session."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.test import Client

from accord.accounts import services
from tests.security.conftest import PASSWORD

SessionStore = import_module(settings.SESSION_ENGINE).SessionStore


def planted(client: Client) -> str:
    """A session an attacker could have given the victim's browser before sign-in."""
    session = client.session
    session["planted"] = True
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return session.session_key


def sign_in(client: Client, user, **extra) -> object:
    return client.post(
        "/accounts/login/", {"username": user.get_username(), "password": PASSWORD}, **extra
    )


def is_signed_in(client: Client) -> bool:
    return client.get("/accounts/tokens/").status_code == 200


def test_signing_in_gives_the_session_a_new_key(client, officer):
    before = planted(client)
    assert sign_in(client, officer).status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not SessionStore().exists(before)  # the planted key signs nobody in
    attacker = Client(HTTP_HOST="127.0.0.1")
    attacker.cookies[settings.SESSION_COOKIE_NAME] = before
    assert not is_signed_in(attacker)
    assert is_signed_in(client)


def test_the_session_cookie_is_http_only_and_same_site_lax(client, officer):
    answer = sign_in(client, officer)
    cookie = answer.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]  # plain HTTP here
    assert answer.cookies["csrftoken"]["samesite"] == "Lax"


def test_over_https_the_cookies_are_secure(client, officer, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client.get("/accounts/login/", secure=True)
    answer = sign_in(client, officer, secure=True)
    assert answer.cookies[settings.SESSION_COOKIE_NAME]["secure"] is True
    assert answer.cookies["csrftoken"]["secure"] is True


def test_signing_out_ends_the_session(client, officer):
    sign_in(client, officer)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.post("/accounts/logout/").status_code == 302
    assert not SessionStore().exists(key)
    replay = Client(HTTP_HOST="127.0.0.1")
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert not is_signed_in(replay)


def test_a_new_password_ends_the_users_other_sessions(officer, delegate):
    laptop, phone, other = (Client(HTTP_HOST="127.0.0.1") for _ in range(3))
    sign_in(laptop, officer)
    sign_in(phone, officer)
    sign_in(other, delegate)
    services.set_password(officer, "another long passphrase")
    assert not is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert is_signed_in(other)  # another user's session is untouched


def test_the_password_command_sets_it_and_is_audited(accord, officer, monkeypatch):
    from accord.core.models import AuditEntry

    client = Client(HTTP_HOST="127.0.0.1")
    sign_in(client, officer)
    monkeypatch.setenv("ACCORD_PASSWORD", "a brand new passphrase")
    assert "sessions have ended" in accord("user", "password", officer.get_username())
    assert not is_signed_in(client)
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.actor == "cli:user password" and entry.model == "auth.User"
    assert "brand new" not in str(entry.after) and "argon2" not in str(entry.after)
    officer.refresh_from_db()
    assert officer.check_password("a brand new passphrase")
