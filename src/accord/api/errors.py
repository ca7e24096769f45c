"""How the API answers when it refuses: one body shape, `{"detail": [{field, reason}]}`.

| cause                                         | status |
| --------------------------------------------- | ------ |
| request does not validate (pydantic)          | 422    |
| request body is not JSON at all               | 400    |
| body not UTF-8, or nested over 64 levels      | 400    |
| a text holds a NUL or another refused char    | 422    |
| a rule of the domain refused it (DomainError) | 422    |
| it would take an identifier already in use    | 409    |
| a removal of something others still refer to  | 409    |
| an uploaded file is larger than the limit     | 413    |
| the object is missing, or hidden from you     | 404    |
| you may read the object but not change it     | 403    |
| a write needs a user and there is none        | 401    |
| a change without If-Match                     | 428    |
| a change with an If-Match that is not current | 412    |
| a change made at the same time took it first  | 409    |
| the database stayed busy (SQLite's lock wait) | 503    |

Missing and hidden answer the same 404 body ("not found"), so nothing leaks by the
status code or the message. The status of each refusal of the domain is the error's
own (`accord.core.errors`, `accord.core.races`), the same the web pages answer with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.db import IntegrityError, OperationalError
from django.http import HttpRequest, HttpResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from accord.api.parser import Refused, Unreadable
from accord.core import races
from accord.core.errors import (
    Conflict,
    DomainError,
    NotFound,
    Problem,
    Stale,
    VersionRequired,
    http_status,
)

if TYPE_CHECKING:
    from ninja import NinjaAPI


class ProblemOut(Schema):
    field: str
    reason: str


class ErrorOut(Schema):
    detail: list[ProblemOut]


__all__ = ["READ_ERRORS", "UPDATE_ERRORS", "WRITE_ERRORS", "Conflict", "ErrorOut", "install"]


# The error responses each kind of operation may give, for the OpenAPI description.
READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {
    **READ_ERRORS,
    403: ErrorOut,
    409: ErrorOut,
}
UPDATE_ERRORS: dict[int, type[Schema]] = {**WRITE_ERRORS, 412: ErrorOut, 428: ErrorOut}


def describe_unparsable_bodies(schema: dict[str, Any]) -> dict[str, Any]:
    """Document the answers given before an operation reads its parameters: 400 for an
    address or query string that is not UTF-8 text or holds a NUL (`core.guard`, any
    operation) and for a body that is not JSON at all (ninja's own check); 413 for a
    body over the size limit (`core.guard`, operations that read one)."""
    for operations in schema["paths"].values():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {})
            responses = operation["responses"]
            invalid = next((responses[k] for k in (422, "422") if k in responses), None)
            if invalid is None:
                continue
            responses.setdefault(400, dict(invalid, description="Bad Request"))
            if content:
                responses.setdefault(413, dict(invalid, description="Content Too Large"))
    return schema


def field_path(loc: Sequence[Any]) -> str:
    """A pydantic error location as a field path: ('body', 'payload', 'positions', 0,
    'stance') -> 'positions[0].stance'; ('query', 'on') -> 'on'."""
    parts = list(loc)
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form", "file"}:
        source = parts.pop(0)
        # A body parameter's own name (`payload`) is not part of what the client sent.
        if source == "body" and parts:
            parts.pop(0)
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _body(problems: Iterable[Problem]) -> dict[str, list[dict[str, str]]]:
    return {"detail": [{"field": p.field, "reason": p.reason} for p in problems]}


def _reason(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "is not valid"))
    # pydantic prefixes messages from custom validators with "Value error, ".
    return message.removeprefix("Value error, ")


_E = TypeVar("_E", bound=Exception)


def _handle(
    api: NinjaAPI, exc_class: type[_E], handler: Callable[[HttpRequest, _E], HttpResponse]
) -> None:
    # ninja types a handler's argument as "the exception or its class"
    # (`ninja.main.Exc`), but always calls it with the exception raised
    # (`NinjaAPI.on_exception`), which is what each handler here takes.
    api.add_exception_handler(
        exc_class, cast(Callable[[HttpRequest, "_E | type[_E]"], HttpResponse], handler)
    )


def install(api: NinjaAPI) -> None:
    """Answer every refusal of `api` in the one error shape."""

    def respond(request: HttpRequest, status: int, problems: Iterable[Problem]) -> HttpResponse:
        return api.create_response(request, _body(problems), status=status)

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(
            request, 422, [Problem(field_path(e.get("loc", ())), _reason(e)) for e in exc.errors]
        )

    def on_not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        # The same answer for missing and hidden: the field, and no more.
        return respond(request, 404, [Problem(p.field, "not found") for p in exc.problems])

    def on_domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        problems = exc.problems
        if isinstance(exc, Stale | VersionRequired):
            # The version a change names is sent in If-Match.
            problems = [Problem("If-Match", p.reason) for p in problems]
        response = respond(request, http_status(exc), problems)
        if isinstance(exc, races.Busy):
            response["Retry-After"] = "1"
        return response

    def on_integrity(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        # A constraint met by a write another took the key from first (core.races).
        return respond(request, 409, [races.constraint_problem(exc)])

    def on_operational(request: HttpRequest, exc: OperationalError) -> HttpResponse:
        # The record was busy (core.races): nothing was written; the client may send
        # the same request again.
        if not races.busy(exc):
            raise exc
        response = respond(
            request, 503, [Problem("", "the record is busy with other changes; retry shortly")]
        )
        response["Retry-After"] = "1"
        return response

    def on_authentication(request: HttpRequest, exc: HttpError) -> HttpResponse:
        reason = str(exc)
        if reason == "Unauthorized":  # ninja's default: say what would do
            reason = "authentication required: a valid bearer token, or a session"
        response = respond(request, 401, [Problem("Authorization", reason)])
        response["WWW-Authenticate"] = 'Bearer realm="accord"'
        return response

    def on_http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # A body the parser refused (ninja wraps whatever the parser raises).
        if isinstance(exc.__cause__, Refused):
            return respond(request, 422, exc.__cause__.problems)
        if isinstance(exc.__cause__, Unreadable):
            return respond(request, 400, exc.__cause__.problems)
        # ninja's own refusals: a body that is not JSON (400), a CSRF failure (403).
        field = "body" if exc.status_code == 400 else ""
        return respond(request, exc.status_code, [Problem(field, str(exc))])

    _handle(api, ValidationError, on_validation)
    _handle(api, DomainError, on_domain)
    _handle(api, NotFound, on_not_found)
    _handle(api, IntegrityError, on_integrity)
    _handle(api, OperationalError, on_operational)
    _handle(api, AuthenticationError, on_authentication)
    _handle(api, HttpError, on_http)
