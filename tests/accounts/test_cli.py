"""accord user ... and accord token ...: writes through the services, audited as the CLI."""

from __future__ import annotations

import json

import pytest
from django.core.management.base import CommandError

from accord.accounts import services
from accord.accounts.models import Affiliation, ApiToken
from accord.core.models import AuditEntry

PASSWORD = "a long passphrase"


@pytest.fixture
def alice(accord, monkeypatch):
    monkeypatch.setenv("ACCORD_PASSWORD", PASSWORD)
    accord("user", "add", "alice", "--email", "alice@example.org")
    return "alice"


def test_user_add_takes_the_password_from_the_environment(accord, monkeypatch):
    monkeypatch.setenv("ACCORD_PASSWORD", PASSWORD)
    assert accord("user", "add", "root", "--admin").strip() == "added user root (administrator)"
    entry = AuditEntry.objects.filter(model="auth.User").last()
    assert entry.actor == "cli:user add" and entry.after["is_superuser"] is True
    assert PASSWORD not in json.dumps(entry.after)


def test_user_add_without_a_password_or_terminal_says_what_to_do(accord, monkeypatch):
    monkeypatch.delenv("ACCORD_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="set ACCORD_PASSWORD"):
        accord("user", "add", "nobody")


def test_grant_show_and_revoke_a_role(accord, alice):
    out = accord(
        "user",
        "grant",
        "alice",
        "sco",
        "delegation",
        "--party",
        "KG",
        "--body",
        "security-council-secretaries",
        "foreign-ministers",
    )
    assert out.strip() == (
        "alice: delegation of KG in sco; bodies: foreign-ministers, security-council-secretaries"
    )
    assert "delegation of KG in sco" in accord("user", "show", "alice")
    entry = AuditEntry.objects.filter(model="accounts.Affiliation").first()
    assert entry.actor == "cli:user grant"
    assert accord("user", "revoke", "alice", "sco", "delegation").strip() == (
        "alice: no longer delegation in sco"
    )
    assert not Affiliation.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("user", "grant", "alice", "sco", "delegation"),
            "party: a delegation affiliation must name",
        ),
        (("user", "grant", "alice", "sco", "observer", "--party", "KG"), "role: 'KG' is a member"),
        (
            ("user", "grant", "alice", "sco", "delegation", "--party", "KG", "--body", "x"),
            "sco has no body 'x'",
        ),
        (("user", "grant", "nobody", "sco", "secretariat"), "no user 'nobody'"),
        (("user", "grant", "alice", "nowhere", "secretariat"), "no organization 'nowhere'"),
        (("user", "revoke", "alice", "sco", "secretariat"), "holds no 'secretariat' affiliation"),
        (("token", "create", "alice", "ci", "--days", "0"), "days: must be between 1 and"),
        (("token", "revoke", "alice", "deadbeef"), "alice has no token 'deadbeef'"),
    ],
)
def test_refusals_exit_non_zero_naming_the_field(accord, alice, args, message):
    with pytest.raises(CommandError, match=message) as caught:
        accord(*args)
    assert caught.value.returncode == 2
    assert not Affiliation.objects.exists() and not ApiToken.objects.exists()


def test_token_create_prints_the_secret_once_list_and_revoke(accord, alice):
    out = accord("token", "create", "alice", "ci", "--days", "30").splitlines()
    secret = out[1]
    token = ApiToken.objects.get()
    assert secret.startswith(f"acc_{token.prefix}_") and "not stored" in out[2]
    assert services.authenticate_token(secret).get_username() == "alice"
    listed = accord("token", "list", "alice", "--format", "json")
    assert [(t["prefix"], t["state"]) for t in listed["tokens"]] == [(token.prefix, "active")]
    assert secret not in json.dumps(listed) and secret not in accord("token", "list", "alice")
    assert accord("token", "revoke", "alice", token.prefix).startswith(
        f"revoked token {token.prefix}"
    )
    assert services.authenticate_token(secret) is None
    assert "revoked" in accord("token", "list", "alice")
    assert AuditEntry.objects.filter(model="accounts.ApiToken").last().actor == "cli:token revoke"


def test_token_create_read_only_for_calendars_and_feeds(accord, alice):
    out = accord("token", "create", "alice", "calendar", "--read-only").splitlines()
    assert out[0].startswith("read only token ")
    assert ApiToken.objects.get().scope == "read"
    listed = accord("token", "list", "alice", "--format", "json")
    assert [t["scope"] for t in listed["tokens"]] == ["read"]
    assert " read " in accord("token", "list", "alice").splitlines()[1]
