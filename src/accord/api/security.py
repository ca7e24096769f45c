"""Who is asking: a bearer token, a browser session, or (for reads) nobody.

Reads are open to the public: what an anonymous reader gets is decided by the access
layer, never here. Writes need a user. A session write must carry Django's CSRF token
(ninja's cookie authentication checks it); a token write needs none.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja.security import SessionAuth as NinjaSessionAuth

from accord.accounts import access
from accord.accounts.auth import TokenAuth, reader
from accord.accounts.auth import viewer as viewer_of_request
from accord.core import audit


class SessionAuth(NinjaSessionAuth):
    """Django's session; CSRF is checked for a signed-in user (not for nobody, who is
    refused anyway: 401 rather than a confusing CSRF failure). A session that owes its
    second factor's code signs nobody in (`accord.accounts.auth.reader`)."""

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or reader(request) is None:
            return None
        return super().__call__(request)


class Public:
    """The anonymous reader: admitted to reads, unless the request tried to authenticate.

    A request that sends credentials that do not authenticate is refused (401) rather
    than silently answered as the public: the client should learn its token expired.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return None
        return access.ANONYMOUS


TOKEN = TokenAuth()
SESSION = SessionAuth()
READ = [TOKEN, SESSION, Public()]
WRITE = [TOKEN, SESSION]
_ETAG = {
    "ETag": {
        "description": "a hash of this representation; send it back in If-Match to change it",
        "schema": {"type": "string"},
    }
}
# OpenAPI: reads may also be sent without credentials, and answer with an ETag.
ANONYMOUS_ALLOWED: dict[str, Any] = {"security": [{}], "responses": {200: {"headers": _ETAG}}}
# OpenAPI: what a write answers with an ETag (201 created, 200 changed).
CREATED: dict[str, Any] = {"responses": {201: {"headers": _ETAG}}}
CHANGED: dict[str, Any] = {"responses": {200: {"headers": _ETAG}}}


def viewer(request: HttpRequest) -> access.Viewer:
    """The viewer whose eyes every read and write of this request goes through."""
    if getattr(request, "auth", None) is access.ANONYMOUS:
        return access.ANONYMOUS
    return viewer_of_request(request)


@contextmanager
def acting(request: HttpRequest) -> Iterator[None]:
    """Attribute the writes of the block to the authenticated user (a token user too,
    whom the audit middleware, running before authentication, could not know)."""
    user = getattr(request, "auth", None)
    if user is None or not getattr(user, "is_authenticated", False):
        user = request.user
    request_id = getattr(request, "audit_request_id", None)
    with audit.acting(f"user:{user.get_username()}", request_id):
        yield


@contextmanager
def writing(request: HttpRequest) -> Iterator[None]:
    """One write of the API: one transaction, attributed to the user, its audit entries
    appended together at the end (none if the write fails)."""
    with transaction.atomic(), acting(request), audit.batched():
        yield
