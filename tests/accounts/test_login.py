"""Session sign-in: Argon2 password hashes, and throttling after five failures."""

from __future__ import annotations

import pytest

from accord.accounts import services

pytestmark = pytest.mark.urls("tests.accounts.urls")
REAL_PASSWORD_HASHERS = True  # Argon2, as configured
PASSWORD = "a long passphrase"


@pytest.fixture
def alice(db):
    return services.add_user("alice", password=PASSWORD)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_new_users_password_is_hashed_with_argon2(alice):
    assert alice.password.startswith("argon2$argon2id$")
    assert PASSWORD not in alice.password
    assert alice.check_password(PASSWORD)


def test_the_login_page_signs_in_and_the_logout_signs_out(client, alice):
    page = client.get("/accounts/login/")
    assert page.status_code == 200 and b'name="password"' in page.content
    done = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/tasks/"
    assert signed_in(client)
    out = client.post("/accounts/logout/")
    assert out.status_code == 302
    assert not signed_in(client)


def test_five_failures_then_even_the_right_password_is_refused(client, alice):
    for _ in range(5):
        failed = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
        assert not signed_in(client)
    assert failed.status_code in (403, 429)
    refused = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert refused.status_code == 429
    assert not signed_in(client)


def test_four_failures_do_not_lock_and_another_user_is_not_locked(client, alice, db):
    services.add_user("bob", password=PASSWORD)
    for _ in range(5):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert (
        client.post("/accounts/login/", {"username": "bob", "password": PASSWORD}).status_code
        == 302
    )
    assert signed_in(client)
