"""Personal API tokens on the web: a signed-in user lists their own, creates one (the
secret shown once) and revokes one; through `accounts.services`, audited as the user."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.test import Client
from django.utils.timezone import localtime

from accord.accounts import services
from accord.accounts.models import ApiToken
from accord.core.models import AuditEntry
from tests.web.conftest import text

TOKENS = "/accounts/tokens/"


@pytest.fixture
def officer(as_role) -> Client:
    return as_role("secretariat")


def user_of(client: Client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def secret_on(page) -> str:
    found = re.search(r'id="secret" type="text" readonly value="([^"]+)"', page.content.decode())
    assert found, "no secret on the page"
    return found.group(1)


def test_the_anonymous_are_sent_to_sign_in(db, client):
    answer = client.get(TOKENS)
    assert answer.status_code == 302
    assert answer["Location"] == f"/accounts/login/?next={TOKENS}"
    assert client.post(TOKENS, {"name": "x", "days": "9"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_the_page_is_linked_for_the_signed_in(officer, client):
    assert f'href="{TOKENS}"' in officer.get("/").content.decode()
    assert f'href="{TOKENS}"' not in client.get("/").content.decode()


def test_creating_a_token_shows_its_secret_once(officer):
    assert "You have no token." in text(officer.get(TOKENS))
    answer = officer.post(TOKENS, {"name": "nightly export", "scope": "full", "days": "30"})
    assert answer.status_code == 200
    secret = secret_on(answer)
    assert "Copy it now" in text(answer)
    assert "no-store" in answer["Cache-Control"]
    token = ApiToken.objects.get(user=user_of(officer))
    assert token.name == "nightly export"
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    entry = AuditEntry.objects.filter(model="accounts.ApiToken").latest("seq")
    assert entry.actor == "user:user-web-secretariat"
    # Listed from now on, the secret never again.
    page = officer.get(TOKENS)
    listed = text(page)
    assert "nightly export" in listed and token.prefix in listed and "active" in listed
    assert secret not in page.content.decode()
    assert "never" in listed  # not used yet
    # Once used, the list says when.
    assert token.scope == "full"
    assert services.authenticate_token(secret) == token.user
    token.refresh_from_db()
    assert localtime(token.last_used).strftime("%Y-%m-%d %H:%M") in text(officer.get(TOKENS))


def test_a_read_only_token(officer):
    answer = officer.post(TOKENS, {"name": "calendar", "scope": "read", "days": "366"})
    assert answer.status_code == 200
    token = ApiToken.objects.get(user=user_of(officer), name="calendar")
    assert token.scope == "read"
    assert "read only" in text(officer.get(TOKENS)).split("calendar", 1)[1]


def test_refusals_are_shown_beside_the_field(officer):
    officer.post(TOKENS, {"name": "export", "scope": "full", "days": "30"})
    count = ApiToken.objects.count()
    for data, field, reason in [
        ({"name": "  ", "scope": "full", "days": "30"}, "name", "This field is required."),
        (
            {"name": "export", "scope": "full", "days": "30"},
            "name",
            "already has a token named 'export'",
        ),
        ({"name": "other", "scope": "full", "days": "0"}, "days", "greater than or equal to 1"),
        ({"name": "other", "scope": "full", "days": "400"}, "days", "less than or equal to 366"),
        ({"name": "other", "scope": "admin", "days": "9"}, "scope", "Select a valid choice."),
    ]:
        answer = officer.post(TOKENS, data)
        assert answer.status_code == 422
        html = answer.content.decode()
        beside = html.split(f'id="id_{field}-error">', 1)
        assert len(beside) == 2, f"no error beside {field} for {data}"
        assert reason in text(beside[1].split("</ul>", 1)[0])
        assert 'id="secret"' not in html
    assert ApiToken.objects.count() == count


def test_revoking_a_token(officer):
    token, secret = services.create_token(user_of(officer), "to revoke")
    answer = officer.post(TOKENS, {"revoke": token.prefix})
    assert answer.status_code == 303
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert services.authenticate_token(secret) is None
    page = text(officer.get(TOKENS))
    assert "The token to revoke is revoked." in page
    assert "revoked" in page.split("to revoke", 1)[1]


def test_only_ones_own_tokens(officer, as_role):
    other, _ = services.create_token(user_of(as_role("delegation")), "someone else's")
    assert "someone else's" not in text(officer.get(TOKENS))
    assert officer.post(TOKENS, {"revoke": other.prefix}).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_writes_need_the_csrf_token(officer):
    strict = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    strict.cookies = officer.cookies
    assert strict.post(TOKENS, {"name": "forged", "days": "30"}).status_code == 403
    token, _ = services.create_token(user_of(officer), "kept")
    assert strict.post(TOKENS, {"revoke": token.prefix}).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
    assert not ApiToken.objects.filter(name="forged").exists()


TOKENS_QUERIES = 4  # with whether the session owes a second factor (1)


def test_the_page_runs_a_fixed_number_of_queries(officer, django_assert_num_queries):
    for n in range(3):
        services.create_token(user_of(officer), f"token {n}")
    with django_assert_num_queries(TOKENS_QUERIES):
        assert officer.get(TOKENS).status_code == 200
