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


def test_a_session_signed_in_through_djangos_own_backend_stays_signed_in(officer):
    """Sessions made before Accord's backend served sign-ins name Django's: they are read
    as signed in through Accord's, and sign their user in."""
    from accord.accounts.backends import DJANGO_BACKEND

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(officer, backend=DJANGO_BACKEND)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    stored = SessionStore().decode(SessionStore.get_model_class().objects.get(pk=key).session_data)
    assert stored["_auth_user_backend"] == DJANGO_BACKEND
    assert is_signed_in(client)
    assert "accord.accounts.backends.ModelBackend" in settings.AUTHENTICATION_BACKENDS
    assert DJANGO_BACKEND not in settings.AUTHENTICATION_BACKENDS


def test_a_user_made_inactive_is_signed_out_at_the_next_request(client, officer):
    sign_in(client, officer)
    assert is_signed_in(client)
    type(officer).objects.filter(pk=officer.pk).update(is_active=False)
    assert not is_signed_in(client)


def test_the_signed_in_users_look_up_answers_as_djangos(
    officer, delegate, django_assert_num_queries
):
    """Accord's backend finds the user of a session's key as Django's does (the active
    user of that key, else None), with one statement, built once for every key."""
    from django.contrib.auth.backends import ModelBackend as DjangoBackend

    from accord.accounts.backends import ModelBackend

    ours, django = ModelBackend(), DjangoBackend()
    type(delegate).objects.filter(pk=delegate.pk).update(is_active=False)
    for key in (officer.pk, str(officer.pk), delegate.pk, 2_000_000_000):
        expected = django.get_user(key)
        with django_assert_num_queries(1):
            found = ours.get_user(key)
        assert found == expected, key
        if found is not None:
            assert found.get_username() == officer.get_username()
            assert found.get_session_auth_hash() == expected.get_session_auth_hash()
    # (a key out of the column's range: no statement on PostgreSQL, no one either way)
    assert ours.get_user(2**62) is None and django.get_user(2**62) is None
    assert ours.get_user("not a key") is None
