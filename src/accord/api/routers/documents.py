"""Documents: the list (with filters), the detail, the history, the audit trail, and the
files of their versions (upload, download, removal); the other writes are in
`document_writes`, on the same router."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, BinaryIO, cast

from django.db.models import DateField, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from ninja import File, Form, Header, Query, Router, Status, UploadedFile

from accord.accounts import access, refs, visibility
from accord.accounts.access import Viewer
from accord.api import security
from accord.api.days import Day
from accord.api.errors import (
    READ_ERRORS,
    UPDATE_ERRORS,
    WRITE_ERRORS,
    Conflict,
    ErrorOut,
)
from accord.api.etags import names, require_if_match, tagged
from accord.api.pagination import CursorParam, Limit, date_key, page, str_key
from accord.api.routers.audit import audit_page
from accord.api.schemas.audit import AuditPage
from accord.api.schemas.common import document_ref, iso, meeting_ref, partial, party_ref
from accord.api.schemas.documents import (
    DocumentDetail,
    DocumentOut,
    DocumentPage,
    FileOut,
    HistoryOut,
    MeasureOut,
    ProgressOut,
    RelationOut,
    SignatoryOut,
    StatusBy,
    VersionOut,
)
from accord.core.errors import DomainError, Stale
from accord.core.models import Classification
from accord.decisions import rules
from accord.decisions import selectors as decisions
from accord.decisions.models import Action
from accord.decisions.verbs import Verbs
from accord.documents import content
from accord.documents import selectors as documents
from accord.documents import services as document_services
from accord.documents.downloads import file_response
from accord.documents.models import (
    Document,
    DocumentFile,
    DocumentRelation,
    DocumentVersion,
    FileKind,
)
from accord.implementation.models import Measure, ProgressReport
from accord.meetings.record import ACTION_OUT_RELATED, action_out
from accord.meetings.references import code_of, slug_of
from accord.publishing import labels

router = Router(tags=["documents"], auth=security.READ)
AsOfParam = Query(None, description="as it stood on this day (default: all recorded)")
OPEN = security.ANONYMOUS_ALLOWED
STATUSES = sorted(set(rules.STATUS_AFTER.values()))
STATUS_HELP = (
    f"derived status, as the organization's verbs give it (by default: {', '.join(STATUSES)})"
)
UNDATED = dt.date.min  # undated documents sort first
IfMatch = Header(None, alias="If-Match", description="the ETag of the file as you read it")


def _status_actions(viewer: Viewer) -> QuerySet[Action]:
    """Actions a status is derived from: those the viewer may see."""
    return visibility.actions(viewer).select_related("body", "target_body")


def _status_by(action: Action | None) -> StatusBy | None:
    if action is None:
        return None
    return StatusBy(body=action.body.slug, date=action.partial_date.isoformat())


def _visible_actions(d: Document) -> list[Action]:
    """The actions on `d` prefetched as the viewer may see them (`to_attr`)."""
    return d.visible_actions  # type: ignore[attr-defined]  # set by the prefetch's to_attr


def _document_out(d: Document, status: str | None, verbs: Verbs | None = None) -> DocumentOut:
    return DocumentOut(
        slug=d.slug,
        title=d.title,
        type=d.type.slug,
        date=partial(d.date, d.date_precision),
        period=d.period or None,
        author_body=slug_of(d.author_body),
        author_party=code_of(d.author_party),
        classification=d.classification,
        status=status,
        status_name=labels.status_label(status, verbs) if status else None,
    )


@router.get(
    "/organizations/{org}/documents",
    response={200: DocumentPage, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="Documents, filtered",
    description="Only the documents the viewer may see, in every filter and page.",
)
def list_documents(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    type: Annotated[str | None, Query(description="document type slug, e.g. roadmap")] = None,
    status: Annotated[str | None, Query(description=STATUS_HELP)] = None,
    classification: Classification | None = None,
    date_from: Annotated[Day | None, Query(description="dated on or after")] = None,
    date_to: Annotated[Day | None, Query(description="dated on or before")] = None,
    body: Annotated[str | None, Query(description="author body slug")] = None,
    party: Annotated[
        str | None, Query(description="author party, or a party it is shared with")
    ] = None,
    q: Annotated[str | None, Query(description="title contains")] = None,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    verbs = decisions.verbs_of(found_org)
    statuses = sorted({s.status for s in verbs if s.status})
    if status is not None and status not in statuses:
        raise DomainError.at(
            "status", f"{status!r} is not a status (one of: {', '.join(statuses)})"
        )
    rows = access.documents(viewer, Document.objects.filter(organization=found_org))
    if type is not None:
        rows = rows.filter(type__slug=type)
    if classification is not None:
        rows = rows.filter(classification=classification)
    if date_from is not None:
        rows = rows.filter(date__gte=date_from)
    if date_to is not None:
        rows = rows.filter(date__lte=date_to)
    if body is not None:
        rows = rows.filter(author_body__slug=body)
    if party is not None:
        shared = Document.shared_with.through.objects.filter(party__code=party)
        rows = rows.filter(Q(author_party__code=party) | Q(pk__in=shared.values("document_id")))
    if q:
        rows = rows.filter(title__icontains=q)
    if status is not None:
        grouped: dict[int, list[Action]] = {}
        for a in _status_actions(viewer).filter(document__in=rows.values("pk")):
            if a.document_id is not None:  # always: filtered by document
                grouped.setdefault(a.document_id, []).append(a)
        rows = rows.filter(
            pk__in=[
                pk
                for pk, acts in grouped.items()
                if decisions.status_from(acts, verbs)[0] == status
            ]
        )
    rows = (
        rows.select_related("type", "author_body", "author_party")
        .annotate(sort_date=Coalesce("date", Value(UNDATED), output_field=DateField()))
        .prefetch_related(
            Prefetch("actions", queryset=_status_actions(viewer), to_attr="visible_actions")
        )
    )
    found, next_cursor = page(rows, [date_key("sort_date"), str_key("slug")], cursor, limit)
    items = [
        _document_out(d, decisions.status_from(_visible_actions(d), verbs)[0], verbs) for d in found
    ]
    return tagged(request, response, DocumentPage(items=items, next_cursor=next_cursor))


@router.get(
    "/organizations/{org}/documents/{slug}",
    response={200: DocumentDetail, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="A document: versions, relations, measures, progress and derived status",
)
def get_document(request: HttpRequest, response: HttpResponse, org: str, slug: str) -> object:
    viewer = security.viewer(request)
    found = refs.document(viewer, refs.organization(org), slug)
    return tagged(request, response, detail_of(viewer, found))


def detail_of(viewer: Viewer, found: Document) -> DocumentDetail:
    """The document as `viewer` sees it, in a fixed number of queries."""
    visible_documents = access.documents(viewer).values("pk")
    d = (
        Document.objects.filter(pk=found.pk)
        .select_related("type", "author_body", "author_party", "restricted_to_body")
        .prefetch_related(
            "shared_with",
            "versions__files",
            Prefetch(
                "relations",
                queryset=DocumentRelation.objects.filter(target__in=visible_documents)
                .select_related("target__type")
                .order_by("kind", "target__slug"),
            ),
            Prefetch(
                "inbound",
                queryset=DocumentRelation.objects.filter(document__in=visible_documents)
                .select_related("document__type")
                .order_by("kind", "document__slug"),
            ),
            Prefetch(
                "measures",
                queryset=Measure.objects.select_related("responsible_body", "responsible_party"),
            ),
            Prefetch(
                "progress_reports",
                queryset=ProgressReport.objects.select_related(
                    "measure", "report__type", "meeting__body", "reported_by"
                ).annotate(
                    report_visible=visibility.document_visible(viewer, "report_id"),
                    meeting_visible=visibility.meeting_visible(viewer, "meeting_id"),
                ),
            ),
            Prefetch("actions", queryset=_status_actions(viewer), to_attr="visible_actions"),
            *documents.parties_prefetch(),
        )
        .get()
    )
    verbs = decisions.verbs_of(d.organization_id)
    status, by = decisions.status_from(d.visible_actions, verbs)
    named = documents.parties_of(d)
    return DocumentDetail(
        **_document_out(d, status, verbs).model_dump(),
        authors=named.authors,
        signatories=[SignatoryOut(**s) for s in named.signatories],
        counterparties=named.counterparties,
        titles=d.titles,
        purpose=d.purpose,
        restricted_to=slug_of(d.restricted_to_body),
        shared_with=sorted(p.code for p in d.shared_with.all()),
        status_by=_status_by(by),
        versions=[
            VersionOut(
                number=v.number,
                language=v.language,
                date=iso(v.date),
                text=v.text,
                files=[file_out(d, v, f) for f in v.files.all()],
            )
            for v in d.versions.all()
        ],
        relations=[
            RelationOut(kind=r.kind, document=document_ref(r.target)) for r in d.relations.all()
        ],
        inbound=[
            RelationOut(kind=r.kind, document=document_ref(r.document)) for r in d.inbound.all()
        ],
        measures=[
            MeasureOut(
                id=m.slug,
                text=m.text,
                texts=m.texts,
                responsible_body=slug_of(m.responsible_body),
                responsible_party=party_ref(m.responsible_party),
                due=iso(m.due),
            )
            for m in d.measures.all()
        ],
        progress=[
            ProgressOut(
                date=p.date.isoformat(),
                status=p.status,
                measure=slug_of(p.measure),
                # report_visible, meeting_visible: annotated by accounts.visibility.
                report=(
                    document_ref(p.report)
                    if p.report_id and p.report_visible  # type: ignore[attr-defined]
                    else None
                ),
                meeting=(
                    meeting_ref(p.meeting)
                    if p.meeting_id and p.meeting_visible  # type: ignore[attr-defined]
                    else None
                ),
                reported_by=slug_of(p.reported_by),
                note=p.note,
            )
            for p in d.progress_reports.all()
        ],
        source=d.source,
        note=d.note,
    )


@router.get(
    "/organizations/{org}/documents/{slug}/history",
    response={200: HistoryOut, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="A document's actions in date order, and its derived status",
)
def document_history(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    slug: str,
    on: Day | None = AsOfParam,
) -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    found = refs.document(viewer, found_org, slug)
    taken = Action.objects.filter(document=found)
    if on is not None:
        taken = taken.filter(date__lte=on)
    actions = list(
        visibility.actions(viewer, taken)
        .select_related(*ACTION_OUT_RELATED)
        .order_by("date", "meeting__start", "position", "id")
    )
    status, by = decisions.status_from(actions)
    answer = HistoryOut(
        organization=found_org.slug,
        document=document_ref(found),
        on=on.isoformat() if on else None,
        status=status,
        status_by=_status_by(by),
        actions=[action_out(a) for a in actions],
    )
    return tagged(request, response, answer)


@router.get(
    "/organizations/{org}/documents/{slug}/audit",
    response={200: AuditPage, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="The audit trail of a document (to those who may read the document)",
)
def document_audit(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    slug: str,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    viewer = security.viewer(request)
    found = refs.document(viewer, refs.organization(org), slug)
    return tagged(request, response, audit_page(viewer, found, found.organization, cursor, limit))


# --- files ---------------------------------------------------------------------------

FILES = "/organizations/{org}/documents/{slug}/versions/{number}/files"
FILE = FILES + "/{language}/{kind}"
_FILE_TYPES = ["application/pdf", *(t.content_type for t in (content.DOCX, content.ODT))]
_DOWNLOAD: dict = {
    **OPEN,
    "responses": {
        200: {
            "description": "the file's bytes, as stored",
            "headers": {
                "ETag": {"description": "the SHA-256 of the bytes", "schema": {"type": "string"}},
                "Content-Disposition": {
                    "description": "attachment, with the file's name (RFC 6266)",
                    "schema": {"type": "string"},
                },
            },
            "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in _FILE_TYPES},
        }
    },
}


def file_out(d: Document, v: DocumentVersion, f: DocumentFile) -> FileOut:
    return FileOut(
        language=f.language,
        kind=f.kind,
        name=f.name,
        content_type=f.content_type,
        size=f.size,
        sha256=f.sha256,
        text_note=f.text_note,
        added_at=f.added_at.isoformat(),
        url=reverse(
            "api:download_file",
            kwargs={
                "org": d.organization.slug,
                "slug": d.slug,
                "number": v.number,
                "language": f.language,
                "kind": f.kind,
            },
        ),
    )


@router.post(
    FILES,
    response={201: FileOut, 413: ErrorOut, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Attach a file to a version: its signed original or an official language version",
    description=(
        "A multipart form: `file` (PDF, DOCX or ODT, recognised by its content, not its"
        " name), `language`, and `kind`. Only the organization's secretariat; 413 when"
        " the file is larger than the limit, 409 when the version already has a file of"
        " that kind in that language, 422 for a file of another type, or one whose text"
        " cannot be read within the limits (time, memory, XML a package expands to). The"
        " ETag of the answer is the file's checksum."
    ),
)
def attach_file(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    slug: str,
    number: int,
    file: File[UploadedFile],
    language: Form[str],
    kind: Form[FileKind] = FileKind.SIGNED_ORIGINAL,
) -> object:
    viewer = security.viewer(request)
    with security.acting(request):
        found = refs.document(viewer, refs.organization(org), slug)
        access.require_edit(viewer, found.organization)
        try:
            attached = document_services.attach_file(
                found,
                number=number,
                language=language,
                kind=kind.value,
                name=file.name or "",
                # An uploaded file is a binary stream (Django's File over it).
                content=cast(BinaryIO, file),
            )
        except document_services.AlreadyAttached as exc:
            raise Conflict(exc.problems) from None
    answer = file_out(found, attached.version, attached)
    response["ETag"] = f'"{attached.sha256}"'
    response["Location"] = request.build_absolute_uri(answer.url)
    return Status(201, answer)


@router.get(
    FILE,
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    openapi_extra=_DOWNLOAD,
    url_name="download_file",
    summary="Download a file of a version (to those who may read the document)",
)
def download_file(
    request: HttpRequest, org: str, slug: str, number: int, language: str, kind: str
) -> HttpResponseBase:
    viewer = security.viewer(request)
    found = documents.document_file(viewer, org, slug, number, language, kind)
    return file_response(request, found)


@router.delete(
    FILE,
    response={204: None, **UPDATE_ERRORS},
    auth=security.WRITE,
    summary="Remove a file of a version",
    description=(
        "Send If-Match with the file's ETag (its checksum, as the upload or download"
        " answered): without it 428, with another 412."
    ),
)
def remove_file(
    request: HttpRequest,
    org: str,
    slug: str,
    number: int,
    language: str,
    kind: str,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    with security.acting(request):
        found = documents.document_file(viewer, org, slug, number, language, kind)
        access.require_edit(viewer, found.version.document.organization)
        held = require_if_match(if_match)
        if not names(held, f'"{found.sha256}"'):
            raise Stale.at("If-Match", "that is not the ETag of this file; GET it again and retry")
        document_services.remove_file(found)
    return Status(204, None)


# The writes on documents, registered on the same router (the check every change of a
# document makes, `_for_change`, is the implementation router's too).
from accord.api.routers.document_writes import _for_change  # noqa: E402, F401
