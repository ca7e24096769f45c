"""Signing in to the API: personal tokens (Bearer), sessions, or nobody (the public).

For an operation open to everyone but answering more to those signed in:

    auth=[TokenAuth(), django_auth, PublicAccess()]

and inside it `viewer(request)` gives the Viewer for a token user, a session user
or an anonymous request alike.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from accord.accounts import access, services
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
    if check.user is None:
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


def viewer(request: HttpRequest) -> access.Viewer:
    """The Viewer of a request: token user, session user or anonymous (one query, cached)."""
    cached = getattr(request, "_accord_viewer", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        secret = bearer_secret(request)
        if secret is not None:
            user = sign_in_with_token(request, secret)
    found = access.viewer_of(user)
    request._accord_viewer = found  # type: ignore[attr-defined]
    return found
