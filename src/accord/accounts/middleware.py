"""Token sign-in before the audit context is opened, so API writes name their user.

`accord.core.audit.AuditContextMiddleware` names the actor from `request.user` when
the request comes in; a token read later, inside the API operation, would leave the
writes attributed to `web`. Placed after Django's AuthenticationMiddleware and
before AuditContextMiddleware, this middleware signs token users in first.

It also gives the token user's standing (`access.standing`: what the access rules
know of them) as `request.accord_cache_scope()`, so that the response cache can keep
answers for all programs that read with the same standing (see
`accord.core.response_cache`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.errors import AuthenticationError

from accord.accounts import access
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
                request.accord_cache_scope = lambda: access.standing(viewer(request))  # type: ignore[attr-defined]
        return self.get_response(request)
