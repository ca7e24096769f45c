"""Implementation, written: a programme's or plan's measures (who is responsible, when
it is due) and the progress reported on it. Both are read with the document."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Header, Router

from accord.accounts import refs
from accord.api import security
from accord.api.errors import UPDATE_ERRORS, Conflict
from accord.api.etags import etag_of
from accord.api.routers.documents import _for_change, detail_of
from accord.api.schemas.documents import DocumentDetail
from accord.api.schemas.implementation import MeasuresIn, ProgressListIn
from accord.bodies.models import Body
from accord.core.errors import DomainError, InUse, Problem
from accord.implementation import services as implementation
from accord.implementation.inputs import MeasureFields
from accord.implementation.models import Measure
from accord.registry.models import Organization

router = Router(tags=["documents"], auth=security.READ)
DOCUMENT = "/organizations/{org}/documents/{slug}"
IfMatch = Header(None, alias="If-Match", description="the ETag of the document as you read it")
REPLACES = (
    " Send If-Match with the ETag of the document as you read it: without it 428, with"
    " an outdated one 412; nothing is written in either case."
)


def _bodies(org: Organization, slugs: list[str | None]) -> dict[str, Body]:
    """The bodies of `org` named in `slugs` (one query); an unknown one is a problem at
    `measures[i].responsible_body`."""
    wanted = {s for s in slugs if s}
    found = {b.slug: b for b in Body.objects.filter(organization=org, slug__in=wanted)}
    unknown = [
        Problem(f"measures[{i}].responsible_body", f"no body {s!r}")
        for i, s in enumerate(slugs)
        if s and s not in found
    ]
    if unknown:
        raise DomainError(unknown)
    return found


def _answer(response: HttpResponse, answer: DocumentDetail) -> DocumentDetail:
    response["ETag"] = etag_of(answer)
    return answer


@router.put(
    DOCUMENT + "/measures",
    response={200: DocumentDetail, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Set the measures of a programme or plan: who is responsible, when due",
    description=(
        "The whole list. Each measure names a responsible body or party; 409 when a"
        " measure left out has progress reported on it." + REPLACES
    ),
)
def put_measures(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    slug: str,
    payload: MeasuresIn,
    if_match: str | None = IfMatch,
) -> object:
    rows = payload.measures
    with security.writing(request):
        viewer, found = _for_change(request, org, slug, if_match)
        bodies = _bodies(found.organization, [m.responsible_body for m in rows])
        parties = refs.parties_at(
            [m.responsible_party for m in rows], "measures[{}].responsible_party"
        )
        measures = []
        for m, party in zip(rows, parties, strict=True):
            values = MeasureFields(
                text=m.text,
                texts=m.texts,
                responsible_body=bodies.get(m.responsible_body or ""),
                responsible_party=party,
                due=m.due,
                source=m.source,
                note=m.note,
            )
            measures.append((m.id, values))
        try:
            implementation.set_measures(found, measures)
        except InUse as exc:
            raise Conflict(exc.problems) from None
        except DomainError as exc:
            raise exc.under("measures") from None
        return _answer(response, detail_of(viewer, found))


@router.put(
    DOCUMENT + "/progress",
    response={200: DocumentDetail, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Set the progress reported on a programme or plan (or its measures)",
    description=(
        "The whole list, one report per day and measure: its status, the measure (none:"
        " the document as a whole), the report and meeting it was heard in, the body that"
        " reported it." + REPLACES
    ),
)
def put_progress(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    slug: str,
    payload: ProgressListIn,
    if_match: str | None = IfMatch,
) -> object:
    rows = payload.progress
    with security.writing(request):
        viewer, found = _for_change(request, org, slug, if_match)
        org_ = found.organization
        wanted = {p.measure for p in rows if p.measure}
        measures = {m.slug: m for m in Measure.objects.filter(document=found, slug__in=wanted)}
        problems = [
            Problem(f"progress[{i}].measure", f"{found.slug} has no measure {p.measure!r}")
            for i, p in enumerate(rows)
            if p.measure and p.measure not in measures
        ]
        if problems:
            raise DomainError(problems)
        reports = []
        for i, p in enumerate(rows):
            where = f"progress[{i}]"
            meeting = None
            if p.meeting is not None:
                body = refs.body_at(org_, p.meeting.body, f"{where}.meeting.body")
                meeting = refs.meeting_at(
                    viewer, org_, body, p.meeting.meeting, f"{where}.meeting.meeting"
                )
            reports.append(
                {
                    "date": p.date,
                    "status": p.status.value,
                    "measure": measures.get(p.measure or ""),
                    "report": refs.document_at(viewer, org_, p.report, f"{where}.report"),
                    "meeting": meeting,
                    "reported_by": refs.body_at(org_, p.reported_by, f"{where}.reported_by"),
                    "source": p.source,
                    "note": p.note,
                }
            )
        try:
            implementation.set_progress_reports(found, reports)
        except DomainError as exc:
            raise exc.under("progress") from None
        return _answer(response, detail_of(viewer, found))
