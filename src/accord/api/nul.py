"""No NUL character (U+0000) in any input of the API.

No field of the record may hold one, and PostgreSQL refuses it in a text value
even in a look-up, so it would end in a server error there (and be stored as
written on SQLite). Django's forms refuse it (ProhibitNullCharactersValidator); the
API's inputs (path, query string, JSON body, form fields) are checked here, before
any view runs: 422 naming the field, in the API's one error shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from accord.api.errors import field_path

NUL = "\x00"
REASON = "contains a NUL character (U+0000), which no field may hold"


def _in_json(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The locations (as pydantic's, under 'body') of the strings holding a NUL."""
    if isinstance(value, str):
        if NUL in value:
            yield at
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _in_json(item, (*at, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            if NUL in key:
                yield (*at, key)
            yield from _in_json(item, (*at, key))


def nul_field(request: HttpRequest) -> str | None:
    """The field of `request` that holds a NUL character, or None."""
    if NUL in request.path_info:
        return "path"
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in v for v in values):
            return key.replace(NUL, "")
    content_type = request.content_type or ""
    if content_type == "application/json":
        body = request.body
        if b"\\u0000" in body or b"\x00" in body:
            try:
                parsed = json.loads(body)
            except ValueError:  # not JSON: ninja answers 400
                return None
            for at in _in_json(parsed):
                return field_path(("body", "payload", *at)).replace(NUL, "") or "body"
    elif content_type.startswith("multipart/form-data") or content_type.endswith("urlencoded"):
        for key, values in request.POST.lists():
            if NUL in key or any(NUL in v for v in values):
                return key.replace(NUL, "")
    return None


class RefuseNulMiddleware:
    """Answer 422 to an API request any input of which holds a NUL character."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            field = nul_field(request)
            if field is not None:
                return JsonResponse({"detail": [{"field": field, "reason": REASON}]}, status=422)
        return self.get_response(request)
