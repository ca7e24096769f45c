"""Headers Accord adds to every answer it computes (Django's SecurityMiddleware sets
the other security headers, django-csp the Content-Security-Policy).

- `Permissions-Policy` on every answer.
- Who an answer is for. What Accord shows depends on who asks (a session, an API token
  in `Authorization`, or a read-only token in the URL), so every answer it computes
  says so (`Vary: Authorization, Cookie`), the public's included: a cache keeps the
  public's answer apart from a signed-in reader's. An answer computed for a session or
  a token is also `Cache-Control: private`: no shared cache keeps it. The public's
  answers stay cacheable. Static files (answered by WhiteNoise, before this) depend on
  nobody and keep their own headers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = settings.ACCORD_PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


def personal(request: HttpRequest) -> bool:
    """Whether the request may be answered for someone rather than the public: it
    carries a session cookie, a messages cookie, an `Authorization` header or a token
    in the URL (whether or not they sign anyone in: the answer says who it is for)."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or "HTTP_AUTHORIZATION" in request.META
        or "token" in request.GET
    )


class PerViewerMiddleware:
    """`Vary: Authorization, Cookie` on every answer, and `Cache-Control: private` on
    those answered for a session or a token (placed inside ConditionalGetMiddleware,
    so that a 304 carries them too)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if personal(request):
            patch_cache_control(response, private=True)
        return response
