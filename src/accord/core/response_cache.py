"""A cache of public answers, keyed by the state of the record.

Every change of the record appends an entry to the hash-chained audit trail, so the
newest entry's hash names the whole record's state: an answer computed at that state
stays right until the next write, in every process and on every server sharing the
database. `ResponseCacheMiddleware` keeps the answers to anonymous GET requests (the
public's view: no session, no token, no form) under a key made of that hash, today's
date (answers "as of today" change at midnight), the interface language and the full
URL; a hit costs one indexed query. Nothing personal is ever cached: requests with a
session, a messages cookie or an Authorization header, and answers that set a cookie
or hold a CSRF token, pass through untouched.

Readers who are signed in are shown what the access rules admit for their standing —
the organizations where they keep the record, the delegations, observer seats and
bodies they hold — and nothing else of the user. A program reading with an API token
and a signed-in session are both given that standing (`request.accord_cache_scope()`,
set by `accord.accounts.middleware` once the token or the session is checked), and
their answers are kept under a key that adds it: every reader of the same standing
shares them, and no other viewer's request reaches them. A change of a user's
affiliations is a write of the record, and a new key.

A page holds two things of its reader beyond the standing: the name in "Sign out" and
the form token (CSRF). A signed-in session's page is therefore rendered with a slot
for each (`personal_slots`: strings derived from the secret key, which no record text
can hold) and kept so; the reader's own name and token are put in the slots for every
answer, kept or new. A session with messages waiting is not served from the cache.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language

# Headers an answer keeps when it is served from the cache (the others, such as the
# request id, are set anew for each request by the middleware around this one).
_KEPT = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Cache-Control",
    "ETag",
    "Last-Modified",
    "Vary",
)


def record_state() -> str:
    """The hash of the newest audit entry: changes with every write of the record."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT hash FROM core_auditentry ORDER BY seq DESC LIMIT 1")
        row = cursor.fetchone()
    return row[0] if row else "empty"


# The record's state this process last kept answers for: when it changes, every key
# made before is stale, and the answers kept under them are dropped at once rather
# than left to fill memory until the cache's count of entries is reached.
_last_state: str | None = None

# Answers larger than this are not kept: a few such answers would hold more memory
# than the thousands of ordinary ones the cache is for.
MAX_ANSWER_BYTES = 512 * 1024


def personal_slots() -> tuple[str, str]:
    """The slots of a shared page for its reader's name and form token: made of the
    secret key, so that no text of the record can contain them."""
    mac = hmac.new(settings.SECRET_KEY.encode(), b"accord page slots", hashlib.sha256)
    mark = "accord-" + mac.hexdigest()[:32]
    return f"{mark}-name", f"{mark}-form-token"


def shared_page(request: HttpRequest) -> bool:
    """Whether this request's page is rendered for every reader of its standing (its
    name and form token left in slots)."""
    return bool(getattr(request, "accord_shared_page", False))


def _messages_waiting(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _scope(request: HttpRequest) -> str | Callable[[], str] | None:
    """Whose view the answer is: "" for the public's, the standing of a token user or a
    signed-in session (a function, called once the record's state is read), None when
    the answer may be personal (messages waiting, a session not signed in) and is not
    kept."""
    if request.COOKIES.get("messages"):  # (an emptied one is a message shown)
        return None
    standing = getattr(request, "accord_cache_scope", None)
    if standing is not None:
        return None if _messages_waiting(request) else standing
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    user = getattr(request, "user", None)
    if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
        return None
    return ""


def _personal(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The shared page with its reader's own name and form token in the slots."""
    if response.streaming:
        return response
    name_slot, token_slot = personal_slots()
    content = response.content
    if name_slot.encode() in content:
        name = escape(request.user.get_username())
        content = content.replace(name_slot.encode(), name.encode())
    if token_slot.encode() in content:
        content = content.replace(token_slot.encode(), get_token(request).encode())
    response.content = content
    return response


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        # `private` answers (which depend on the viewer) are kept too: only the
        # anonymous viewer's are, under a key no signed-in request reaches.
        and "no-store" not in response.get("Cache-Control", "")
        and len(response.content) <= MAX_ANSWER_BYTES
    )


class ResponseCacheMiddleware:
    """Serves the public's GETs (and signed-in readers', by standing) from the cache
    while the record has not changed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefixes = tuple(getattr(settings, "ACCORD_CACHED_PATHS", ()))
        self.pages = frozenset(getattr(settings, "ACCORD_CACHED_PAGES", ()))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not getattr(settings, "ACCORD_RESPONSE_CACHE", False)
            or request.method != "GET"
            or not (request.path in self.pages or request.path.startswith(self.prefixes))
        ):
            return self.get_response(request)
        whose = _scope(request)
        if whose is None:
            return self.get_response(request)
        global _last_state
        cache = caches["responses"]
        state = record_state()
        if state != _last_state:
            cache.clear()
            _last_state = state
        # Read first: a reader's standing worked out from here on is kept under this
        # state (`accord.accounts.kept_standing`), never under an older one.
        request.accord_record_state = state  # type: ignore[attr-defined]
        scope = whose if isinstance(whose, str) else whose()
        shared = scope.startswith("session:")
        request.accord_shared_page = shared  # type: ignore[attr-defined]
        parts = (
            scope,
            state,
            timezone.localdate().isoformat(),
            get_language() or "",
            request.get_full_path(),
        )
        key = "accord:answer:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
        kept = cache.get(key)
        if kept is not None:
            status, headers, content = kept
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Accord-Cache"] = "hit"
            return _personal(request, response) if shared else response
        response = self.get_response(request)
        if _cacheable(request, response):
            headers = [(h, response[h]) for h in _KEPT if h in response]
            cache.set(key, (response.status_code, headers, response.content))
            response["X-Accord-Cache"] = "miss"
        return _personal(request, response) if shared else response
