"""Requests refused before any view reads them: bodies over the size limits, and
addresses, query strings or form bodies that are not UTF-8 text or hold a NUL (which
PostgreSQL refuses even in a look-up: it would otherwise become a server error).
Other characters no text may hold (`inputs.text_problem`) are the forms' and the
services' to refuse, beside the field that holds them.

Refused with 413 (too large) or 400, before anything is read into memory or written:
the API in its one error shape (`{"detail": [{"field", "reason"}]}`), pages with a
short sentence naming what could not be read.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext

from accord.core import inputs
from accord.core.errors import Problem

API_PREFIX = "/api/"
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def body_limit(request: HttpRequest) -> int | None:
    """The most bytes a request's body may hold: Django's limit for what is read into
    memory, and for a multipart upload the largest document file besides."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return None
    if request.content_type == MULTIPART:
        limit += settings.ACCORD_MAX_UPLOAD_BYTES
    return limit


def _encoded_problems(encoded: bytes | str, what: str) -> list[Problem]:
    """Each `name=value` pair of a query string or a form body, decoded strictly."""
    if isinstance(encoded, str):
        encoded = encoded.encode("latin-1", errors="replace")
    problems = []
    for pair in encoded.split(b"&"):
        if not pair:
            continue
        raw_name, _, raw_value = pair.partition(b"=")
        try:
            name = unquote_to_bytes(raw_name.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            name = ""
        field = name if name.isprintable() and name else what
        for raw in (raw_name, raw_value):
            try:
                text = unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                problems.append(Problem(field, "is not UTF-8 text"))
                break
            if "\x00" in text:
                problems.append(Problem(field, inputs.text_problem("\x00") or ""))
                break
    return problems


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self.refusal(request)
        return refusal if refusal is not None else self.get_response(request)

    def refusal(self, request: HttpRequest) -> HttpResponse | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return self.answer(request, 400, [Problem("Content-Length", "is not a number")])
        limit = body_limit(request)
        if limit is not None and length > limit:
            return self.too_large(request, limit)
        if "\x00" in request.path_info:
            return self.answer(request, 400, [Problem("path", inputs.text_problem("\x00") or "")])
        problems = _encoded_problems(request.META.get("QUERY_STRING", ""), "query")
        if not problems and request.method == "POST" and request.content_type == FORM:
            try:
                problems = _encoded_problems(request.body, "body")
            except RequestDataTooBig:
                return self.too_large(request, limit or 0)
        elif not problems and request.method == "POST" and request.content_type == MULTIPART:
            # The fields (not the files) of a multipart form, as Django parses them (its
            # parser replaces bytes that are not UTF-8; a NUL it keeps).
            try:
                fields = request.POST
            except RequestDataTooBig:
                return self.too_large(request, limit or 0)
            except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent) as exc:
                return self.unreadable(request, exc)
            problems = [
                Problem(name if "\x00" not in name else "body", inputs.text_problem("\x00") or "")
                for name, values in fields.lists()
                if any("\x00" in v for v in [name, *values])
            ]
        if problems:
            return self.answer(request, 400, problems)
        return None

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        # A body sent without Content-Length is only found too large when read.
        if isinstance(exc, RequestDataTooBig):
            return self.too_large(request, body_limit(request) or 0)
        # A form body Django's parser gives up on (a part's headers too long, too many
        # fields or files): Django would answer 400 too, but as a bare page.
        if isinstance(exc, MultiPartParserError | TooManyFieldsSent | TooManyFilesSent):
            return self.unreadable(request, exc)
        return None

    def unreadable(self, request: HttpRequest, exc: Exception) -> HttpResponse:
        return self.answer(request, 400, [Problem("body", f"cannot be read ({exc})")])

    def too_large(self, request: HttpRequest, limit: int) -> HttpResponse:
        reason = f"the request is larger than the limit of {limit} bytes"
        return self.answer(request, 413, [Problem("body", reason)])

    def answer(self, request: HttpRequest, status: int, problems: list[Problem]) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            body = {"detail": [{"field": p.field, "reason": p.reason} for p in problems]}
            return JsonResponse(body, status=status)
        if status == 413:
            text = gettext("This request is larger than Accord takes.")
        else:
            text = gettext("This request cannot be read: %(problems)s.") % {
                "problems": "; ".join(str(p) for p in problems)
            }
        return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
