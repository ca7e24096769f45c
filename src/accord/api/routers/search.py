"""Search across the record (GET /search): the search service of the web page, for
clients; restricted, like every read, to what the asker may read."""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Query, Router

from accord.accounts import refs
from accord.api import security
from accord.api.errors import READ_ERRORS
from accord.api.etags import tagged
from accord.api.schemas.common import Out
from accord.core.errors import DomainError, Problem
from accord.search import Hit, search

router = Router(tags=["search"], auth=security.READ)

Kind = Literal["document", "meeting", "agenda-item", "event", "person"]
Language = Literal["en", "ru", "zh-hans"]


class SearchHit(Out):
    kind: Kind
    id: str  # the object's readable identifier within its kind (a slug, or a meeting number)
    title: str
    snippet: str  # escaped HTML: the text around the match, the matched words in <mark>
    url: str  # the web page that shows it
    organization: str | None
    date: str | None  # ISO 8601, as precise as recorded (2019, 2019-05, 2019-05-15)


class SearchPage(Out):
    query: str
    hits: list[SearchHit]


def _id_of(hit: Hit) -> str:
    obj = hit.object
    if hit.kind == "meeting":
        return str(obj.number or obj.slug)
    return obj.slug


def _hit(hit: Hit) -> SearchHit:
    return SearchHit(
        kind=hit.kind,
        id=_id_of(hit),
        title=hit.title,
        snippet=str(hit.snippet),
        url=hit.url,
        organization=hit.organization.slug if hit.organization is not None else None,
        date=hit.date.isoformat() if hit.date is not None else None,
    )


@router.get(
    "/search",
    response={200: SearchPage, **READ_ERRORS},
    openapi_extra=security.ANONYMOUS_ALLOWED,
    summary="Find documents, meetings, agenda items, events and people by their words",
    description=(
        "Every word must match (English and Russian words in any of their forms, Chinese"
        " as written), in any recorded language and in every version of a document and"
        " the text of its files. The best ranked first (matches in titles weigh most),"
        " then the newest. Only what the asker may read is found, counted or quoted."
        " 422 for a query shorter than 2 or longer than 200 characters (field `q`), an"
        " unknown kind (`kinds`) or a limit outside 1-200 (`limit`); 404 for an unknown"
        " organization."
    ),
)
def search_record(
    request: HttpRequest,
    response: HttpResponse,
    q: Annotated[str, Query(description="the words to find")],
    organization: Annotated[str | None, Query(description="an organization's slug")] = None,
    kind: Annotated[list[Kind] | None, Query(description="only these kinds (repeat)")] = None,
    limit: Annotated[int, Query(description="at most this many hits (1-200)")] = 20,
    lang: Annotated[Language, Query(description="the language of the titles")] = "en",
) -> object:
    viewer = security.viewer(request)
    org = refs.organization(organization) if organization else None
    with translation.override(lang):
        try:
            hits = search(viewer, q, organization=org, kinds=kind or None, limit=limit)
        except DomainError as exc:  # the service's `kinds` is this query's `kind`
            raise DomainError(
                Problem("kind" if p.field == "kinds" else p.field, p.reason) for p in exc.problems
            ) from None
        page = SearchPage(query=q, hits=[_hit(h) for h in hits])
    return tagged(request, response, page)
