"""Pick a record by name (GET /pick): the parties, people, documents, bodies, meetings
and agenda items whose key or name contains what was typed, as the reader may read
them; what the recording pages' pickers ask as the officer types."""

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
    summary="Parties, people, documents, bodies, meetings or agenda items by name",
    description=(
        "At most `limit` (1-50) records of `kind` whose key or name in any recorded"
        " language contains `q` (1-100 characters), only those the asker may read; people,"
        " documents, bodies and meetings of `organization` when given, meetings of `body`"
        " when given; agenda items of the `meeting` of `body` (a meeting the asker may not"
        " read is not found). 422 naming `q`, `limit` or `meeting`."
    ),
)
def pick_records(
    request: HttpRequest,
    response: HttpResponse,
    kind: Annotated[
        Literal["party", "person", "document", "body", "meeting", "item"],
        Query(description="what to pick"),
    ],
    q: Annotated[str, Query(description="part of a key or name")],
    organization: Annotated[str | None, Query(description="an organization's slug")] = None,
    body: Annotated[
        str | None, Query(description="a body's id: its meetings (meeting, item)")
    ] = None,
    meeting: Annotated[
        str | None, Query(description="a meeting of `body`, its number or id: its items")
    ] = None,
    limit: Annotated[int, Query(description="at most this many (1-50)")] = 20,
    lang: Annotated[Language, Query(description="the language of the names")] = "en",
) -> object:
    if not 1 <= len(q.strip()) <= 100:
        raise DomainError.at("q", "give 1 to 100 characters")
    if not 1 <= limit <= 50:
        raise DomainError.at("limit", "give a number from 1 to 50")
    org = refs.organization(organization) if organization else None
    viewer = security.viewer(request)
    at = None
    if kind == "item":
        if org is None or not body or not meeting:
            raise DomainError.at(
                "meeting",
                "agenda items are picked from a meeting: give organization, body and meeting",
            )
        # A meeting the asker may not read is not found, as if it did not exist.
        at = refs.meeting(viewer, org, refs.body(org, body), meeting)
    found = pick(viewer, kind, q, lang, organization=org, limit=limit, body=body, meeting=at)
    answer = PickAnswer(choices=[PickChoice(**c.__dict__) for c in found])
    return tagged(request, response, answer)
