"""Who a request reads and writes as: a personal token's user (Bearer), a session's
user, or nobody (the public).

`reader(request)` decides it for every way in — web pages, the API, feeds, calendars,
exports and downloads — and `viewer(request)` gives the access rules' Viewer of that
user. A session that owes its second factor's code (`second_factor.session_lacks_it`:
its user has an authenticator, or must have one, and the session has not given a
code) reads as nobody: its password alone shows nothing the public could not read.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from accord.accounts import access, kept_standing, second_factor, services
from accord.accounts.models import TokenScope

REFUSED = {
    "expired": "the API token has expired; create a new one",
    "revoked": "the API token was revoked",
    "inactive": "the API token's user is not active",
}
READ_ONLY = (
    "this API token only reads (it is a read-only token, for calendars and feeds); "
    "send a token created without --read-only to change the record"
)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def bearer_secret(request: HttpRequest) -> str | None:
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def sign_in_with_token(request: HttpRequest, secret: str) -> Any:
    """The user the token signs in (set as request.user), or None for an unknown token.

    An expired or revoked token, or one whose user is inactive, is refused with a
    401 that says why (AuthenticationError), rather than read as anonymous; a
    read-only token sent with a write is refused with a 403.
    """
    remembered = getattr(request, "accord_token_user", None)
    if remembered is not None:
        return remembered
    check = services.check_token(secret)
    if check.refused in REFUSED:
        raise AuthenticationError(401, REFUSED[check.refused])
    if check.user is None or check.token is None:  # a user is signed in by a token
        return None
    if check.token.scope == TokenScope.READ and request.method not in SAFE_METHODS:
        raise AuthenticationError(403, READ_ONLY)
    request.user = check.user
    request.accord_token_user = check.user  # type: ignore[attr-defined]
    request.accord_token = check.token  # type: ignore[attr-defined]
    request._accord_viewer = None  # type: ignore[attr-defined]
    return check.user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer acc_...`: returns the user, None for a missing or unknown
    token (so the next way of signing in is tried), 401 for an expired or revoked one."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return sign_in_with_token(request, token)


class PublicAccess:
    """The last of an operation's `auth` list: lets anonymous requests through."""

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else AnonymousUser()


def reader(request: HttpRequest) -> Any:
    """The user a request reads (and writes) as: a token's user; a session's user once
    the session gave the second factor's code it owes; else None (the public)."""
    token_user = getattr(request, "accord_token_user", None)
    if token_user is not None:
        return token_user
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        secret = bearer_secret(request)
        return sign_in_with_token(request, secret) if secret is not None else None
    if second_factor.session_lacks_it(request):
        return None
    return user


def viewer(request: HttpRequest) -> access.Viewer:
    """The Viewer of a request's `reader` (its queries run once a request)."""
    cached = getattr(request, "_accord_viewer", None)
    if cached is not None:
        return cached
    user = reader(request)
    if user is None or not user.is_authenticated or not user.is_active:
        found = access.ANONYMOUS
    else:
        found = access.viewer_of(user, kept_standing.affiliations(request, user))
    request._accord_viewer = found  # type: ignore[attr-defined]
    return found
