"""Token sign-in before the audit context is opened, so API writes name their user.

`accord.core.audit.AuditContextMiddleware` names the actor from `request.user` when
the request comes in; a token read later, inside the API operation, would leave the
writes attributed to `web`. Placed after Django's AuthenticationMiddleware and
before AuditContextMiddleware, this middleware signs token users in first.

It also gives the token user's standing (`access.standing`: what the access rules
know of them), and a signed-in session's (`session_scope`), as
`request.accord_cache_scope()`, so that the response cache can keep answers for all
readers of the same standing (see `accord.core.response_cache`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.errors import AuthenticationError

from accord.accounts import access, second_factor
from accord.accounts.auth import bearer_secret, sign_in_with_token, viewer


def refusal(exc: AuthenticationError) -> JsonResponse:
    """A refused token (expired, revoked; read-only with a write) in the API's one error
    shape, naming the header that carried it (see `accord.api.errors`)."""
    problem = {"field": "Authorization", "reason": exc.message}
    response = JsonResponse({"detail": [problem]}, status=exc.status_code)
    if exc.status_code == 401:
        response["WWW-Authenticate"] = 'Bearer realm="accord"'
    return response


class BearerTokenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        secret = bearer_secret(request)
        if secret is not None:
            try:
                user = sign_in_with_token(request, secret)
            except AuthenticationError as exc:
                return refusal(exc)
            if user is not None:
                # Asked for only by the response cache (it costs the viewer's query).
                request.accord_cache_scope = lambda: "token:" + access.standing(viewer(request))  # type: ignore[attr-defined]
        elif request.user.is_authenticated:
            request.accord_cache_scope = lambda: session_scope(request)  # type: ignore[attr-defined]
        return self.get_response(request)


def session_scope(request: HttpRequest) -> str:
    """What a signed-in session's pages depend on, without who it is: the standing the
    access rules read, and whether the session still owes its second factor (it then
    reads as the public, under a header of its own). The user's name and form token
    are put in per request (`accord.core.response_cache.personal_slots`)."""
    owed = "|second factor owed" if second_factor.session_lacks_it(request) else ""
    return "session:" + access.standing(viewer(request)) + owed
