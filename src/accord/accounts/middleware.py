"""Token sign-in before the audit context is opened, so API writes name their user.

`accord.core.audit.AuditContextMiddleware` names the actor from `request.user` when
the request comes in; a token read later, inside the API operation, would leave the
writes attributed to `web`. Placed after Django's AuthenticationMiddleware and
before AuditContextMiddleware, this middleware signs token users in first.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.errors import AuthenticationError

from accord.accounts.auth import bearer_secret, sign_in_with_token


class BearerTokenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        secret = bearer_secret(request)
        if secret is not None:
            try:
                sign_in_with_token(request, secret)
            except AuthenticationError as exc:
                return JsonResponse({"detail": exc.message}, status=exc.status_code)
        return self.get_response(request)
