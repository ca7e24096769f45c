"""Pick a record by name (GET /pick): the parties, people and documents whose key or
name contains what was typed, as the reader may read them; what the recording pages'
pickers ask as the officer types."""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from accord.accounts import refs
from accord.api import security
from accord.api.errors import READ_ERRORS
from accord.api.etags import tagged
from accord.api.schemas.common import Out
from accord.core.errors import DomainError
from accord.search.pick import pick

router = Router(tags=["search"], auth=security.READ)

Language = Literal["en", "ru", "zh-hans"]


class PickChoice(Out):
    value: str  # the key a form or request body takes
    label: str  # the name in the language asked
    detail: str  # the code, the party, or a document's type and date


class PickAnswer(Out):
    choices: list[PickChoice]


@router.get(
    "/pick",
    response={200: PickAnswer, **READ_ERRORS},
    openapi_extra=security.ANONYMOUS_ALLOWED,
    summary="Parties, people or documents by part of their key or name",
    description=(
        "At most `limit` (1-50) records of `kind` whose key or name in any recorded"
        " language contains `q` (1-100 characters), only those the asker may read; people"
        " and documents of `organization` when given. 422 naming `q` or `limit`."
    ),
)
def pick_records(
    request: HttpRequest,
    response: HttpResponse,
    kind: Annotated[Literal["party", "person", "document"], Query(description="what to pick")],
    q: Annotated[str, Query(description="part of a key or name")],
    organization: Annotated[str | None, Query(description="an organization's slug")] = None,
    limit: Annotated[int, Query(description="at most this many (1-50)")] = 20,
    lang: Annotated[Language, Query(description="the language of the names")] = "en",
) -> object:
    if not 1 <= len(q.strip()) <= 100:
        raise DomainError.at("q", "give 1 to 100 characters")
    if not 1 <= limit <= 50:
        raise DomainError.at("limit", "give a number from 1 to 50")
    org = refs.organization(organization) if organization else None
    found = pick(security.viewer(request), kind, q, lang, organization=org, limit=limit)
    answer = PickAnswer(choices=[PickChoice(**c.__dict__) for c in found])
    return tagged(request, response, answer)
