"""Personal API tokens: the secret is shown once and kept only as a hash; expiry, revoke."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from accord.accounts import services
from accord.accounts.models import ApiToken
from accord.core.errors import DomainError
from accord.core.models import AuditEntry


@pytest.fixture
def alice(db):
    return services.add_user("alice", password="a long passphrase")


def test_the_secret_is_returned_once_and_only_its_hash_is_kept(alice):
    token, secret = services.create_token(alice, "ci", days=30)
    scheme, prefix, rest = secret.split("_", 2)
    assert scheme == "acc" and prefix == token.prefix and len(prefix) == 8 and len(rest) >= 40
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in str(stored) and rest not in str(stored)
    assert not any(
        rest in str(e.after) for e in AuditEntry.objects.filter(model="accounts.ApiToken")
    )
    assert dt.timedelta(days=29) < token.expires - timezone.now() <= dt.timedelta(days=30)


def test_a_token_lasts_90_days_unless_told(alice):
    token, _ = services.create_token(alice, "laptop")
    assert (token.expires - token.created) == dt.timedelta(days=90)


def test_the_secret_signs_its_user_in_and_marks_it_used(alice):
    token, secret = services.create_token(alice, "ci")
    assert token.last_used is None
    assert services.authenticate_token(secret) == alice
    token.refresh_from_db()
    assert token.last_used is not None
    assert timezone.now() - token.last_used < dt.timedelta(seconds=5)


@pytest.mark.parametrize(
    "wrong",
    [
        "",
        "acc",
        "acc_12345678",
        "bearer-me",
        "acc_{prefix}_wrong",
        "acc_{prefix}_{rest}x",
        "xyz_{prefix}_{rest}",
    ],
)
def test_anything_but_the_secret_is_refused(alice, wrong):
    token, secret = services.create_token(alice, "ci")
    rest = secret.split("_", 2)[2]
    assert services.authenticate_token(wrong.format(prefix=token.prefix, rest=rest)) is None
    token.refresh_from_db()
    assert token.last_used is None


def test_an_expired_token_is_refused(alice):
    token, secret = services.create_token(alice, "ci", days=1)
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(
        created=now - dt.timedelta(days=1, seconds=1), expires=now - dt.timedelta(seconds=1)
    )
    check = services.check_token(secret)
    assert check.user is None and check.refused == "expired"
    assert services.authenticate_token(secret) is None


def test_a_revoked_token_is_refused_and_its_name_free_again(alice):
    token, secret = services.create_token(alice, "ci")
    services.revoke_token(token)
    services.revoke_token(token)  # again: nothing changes
    assert token.state() == "revoked"
    assert services.check_token(secret).refused == "revoked"
    assert AuditEntry.objects.filter(model="accounts.ApiToken", operation="update").count() == 1
    services.create_token(alice, "ci")


def test_an_inactive_users_token_is_refused(alice):
    _, secret = services.create_token(alice, "ci")
    type(alice).objects.filter(pk=alice.pk).update(is_active=False)
    assert services.check_token(secret).refused == "inactive"


def test_a_token_needs_a_name_of_its_own_and_a_lifetime_within_a_year(alice):
    services.create_token(alice, "ci")
    for name, days, field in (
        ("ci", 30, "name"),
        ("  ", 30, "name"),
        ("x", 0, "days"),
        ("x", 400, "days"),
    ):
        with pytest.raises(DomainError) as caught:
            services.create_token(alice, name, days)
        assert caught.value.problems[0].field == field
    assert ApiToken.objects.filter(user=alice).count() == 1


def test_a_token_is_read_and_write_unless_made_read_only(alice):
    token, _ = services.create_token(alice, "programs")
    assert token.scope == "full"
    token, _ = services.create_token(alice, "calendar", scope="read")
    assert ApiToken.objects.get(pk=token.pk).scope == "read"
    with pytest.raises(DomainError) as caught:
        services.create_token(alice, "other", scope="admin")
    assert caught.value.problems[0].field == "scope"
