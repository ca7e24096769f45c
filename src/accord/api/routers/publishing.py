"""Publishing: press releases through their life (draft from the record, edit, review,
publish), and the open formats (iCalendar, CSV, Popolo, Akoma Ntoso)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, Any, Literal, TypedDict

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Body, Header, Query, Router, Schema, Status

from accord.accounts import access, refs
from accord.accounts.access import Viewer
from accord.api import security
from accord.api.days import Day
from accord.api.errors import READ_ERRORS, UPDATE_ERRORS, WRITE_ERRORS
from accord.api.etags import check_if_match, etag_of, require_if_match, tagged
from accord.api.schemas.common import MeetingRef, meeting_ref
from accord.core.errors import Forbidden, NotFound
from accord.core.persist import Tally
from accord.publishing import akn, files, ics, popolo, selectors, services, tables
from accord.publishing.models import PressRelease, ReleaseVersion
from accord.registry.models import Organization

router = Router(tags=["publishing"], auth=security.READ)
OPEN = security.ANONYMOUS_ALLOWED
IfMatch = Header(None, alias="If-Match", description="the ETag of the release as you read it")
MEETING = "/organizations/{org}/bodies/{body}/meetings/{ref}"


def _raw(content_type: str) -> dict[str, Any]:
    """OpenAPI of an operation answering a file (not JSON), open to the public."""
    return {
        "security": [{}],
        "responses": {
            200: {
                "description": "the file",
                "headers": security.ANONYMOUS_ALLOWED["responses"][200]["headers"],
                "content": {content_type: {"schema": {"type": "string"}}},
            }
        },
    }


def _file(request: HttpRequest, content: str | bytes, content_type: str) -> HttpResponse:
    data = content.encode() if isinstance(content, str) else content
    tag = '"' + hashlib.sha256(data).hexdigest()[:40] + '"'
    if request.headers.get("If-None-Match") == tag:
        answer = HttpResponse(status=304)
    else:
        answer = HttpResponse(data, content_type=content_type)
    answer["ETag"] = tag
    answer["Vary"] = "Authorization, Cookie"
    answer["Cache-Control"] = "private, no-cache"
    return answer


# --- releases --------------------------------------------------------------------------


class ReleaseVersionOut(Schema):
    number: int
    state: str
    generated: bool
    # What drafting needed in the release's language and the record did not have; a
    # version as drafted with any is not published (edit it, or translate and redraft).
    missing: list[str]
    headline: str
    drafted_at: dt.datetime
    reviewed_at: dt.datetime | None
    published_at: dt.datetime | None


class ReleaseOut(Schema):
    slug: str
    meeting: MeetingRef
    kind: str
    language: str
    classification: str
    version: int
    state: str
    headline: str
    dateline: str
    published_at: dt.datetime | None


class ReleaseDetail(ReleaseOut):
    text: str
    versions: list[ReleaseVersionOut]


class ReleaseList(Schema):
    items: list[ReleaseOut]


class DraftIn(Schema):
    kind: str = "press-release"
    language: str = "en"
    classification: str = "public"
    replace_edits: bool = False


class ReleasePatch(Schema):
    headline: str | None = None
    dateline: str | None = None
    text: str | None = None


class _ReleaseFields(TypedDict):
    slug: str
    meeting: MeetingRef
    kind: str
    language: str
    classification: str
    version: int
    state: str
    headline: str
    dateline: str
    published_at: dt.datetime | None


def _fields(r: PressRelease, v: ReleaseVersion) -> _ReleaseFields:
    return {
        "slug": r.slug,
        "meeting": meeting_ref(r.meeting),
        "kind": r.kind,
        "language": r.language,
        "classification": r.classification,
        "version": v.number,
        "state": v.state,
        "headline": v.headline,
        "dateline": v.dateline,
        "published_at": v.published_at,
    }


def _out(viewer: Viewer, r: PressRelease) -> ReleaseOut | None:
    v = selectors.shown_version(viewer, r)
    if v is None:
        return None
    return ReleaseOut(**_fields(r, v))


def _detail(viewer: Viewer, r: PressRelease) -> ReleaseDetail:
    """The release with its versions as the viewer reads it; 404 when the viewer may
    read no version of it (never so for those who keep the record: a release is drafted
    with its first version)."""
    v = selectors.shown_version(viewer, r)
    if v is None:
        raise NotFound.at("release", f"no release {r.slug!r}")
    editor = access.can_edit(viewer, r.organization_id)
    versions = [
        ReleaseVersionOut(
            number=x.number,
            state=x.state,
            generated=x.generated,
            missing=x.missing if editor else [],
            headline=x.headline,
            drafted_at=x.drafted_at,
            reviewed_at=x.reviewed_at,
            published_at=x.published_at,
        )
        for x in r.versions.all()
        if editor or x.state == "published"
    ]
    return ReleaseDetail(**_fields(r, v), text=v.text, versions=versions)


def _release(viewer: Viewer, org: str, slug: str) -> PressRelease:
    return selectors.release(viewer, refs.organization(org), slug)


@router.get(
    "/organizations/{org}/releases",
    response={200: ReleaseList, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="Press releases and information reports (drafts only to the secretariat)",
)
def list_releases(request: HttpRequest, response: HttpResponse, org: str) -> object:
    viewer = security.viewer(request)
    found = selectors.releases(viewer, refs.organization(org))
    items = [x for x in (_out(viewer, r) for r in found) if x is not None]
    return tagged(request, response, ReleaseList(items=items))


@router.get(
    "/organizations/{org}/releases/{slug}",
    response={200: ReleaseDetail, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="A release: its text as the viewer may read it, and its versions",
)
def get_release(request: HttpRequest, response: HttpResponse, org: str, slug: str) -> object:
    viewer = security.viewer(request)
    return tagged(request, response, _detail(viewer, _release(viewer, org, slug)))


@router.post(
    MEETING + "/releases",
    response={201: ReleaseDetail, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Draft (or redraft) a meeting's release from its record",
    description=(
        "Written from the record as the audience (`classification`: public, organization"
        " or body) may read it, in en, ru or zh; `kind`: press-release or"
        " information-report. Refused (422, field `audience`) for an audience that"
        " cannot read the meeting."
    ),
)
def draft_release(
    request: HttpRequest, response: HttpResponse, org: str, body: str, ref: str, payload: DraftIn
) -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    meeting = refs.meeting(viewer, found_org, refs.body(found_org, body), ref)
    with security.acting(request):
        release = services.draft_release(
            viewer,
            meeting,
            kind=payload.kind,
            language=payload.language,
            classification=payload.classification,
            replace_edits=payload.replace_edits,
        )
    out = _detail(viewer, selectors.release(viewer, found_org, release.slug))
    response["ETag"] = etag_of(out)
    return Status(201, out)


@router.patch(
    "/organizations/{org}/releases/{slug}",
    response={200: ReleaseDetail, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Edit a release: a draft changes; a published one gets a new version",
)
def edit_release(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    slug: str,
    payload: ReleasePatch,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    with transaction.atomic(), security.acting(request):
        release = _release(viewer, org, slug)
        access.require_edit(viewer, release.organization_id)
        held = require_if_match(if_match)
        check_if_match(held, _detail(viewer, release))
        services.edit_release(
            viewer,
            release,
            headline=payload.headline,
            dateline=payload.dateline,
            text=payload.text,
        )
    out = _detail(viewer, _release(viewer, org, slug))
    response["ETag"] = etag_of(out)
    return out


def _step(request: HttpRequest, response: HttpResponse, org: str, slug: str, step: Any) -> object:
    viewer = security.viewer(request)
    with security.acting(request):
        release = _release(viewer, org, slug)
        step(viewer, release)
    out = _detail(viewer, _release(viewer, org, slug))
    response["ETag"] = etag_of(out)
    return out


@router.post(
    "/organizations/{org}/releases/{slug}/review",
    response={200: ReleaseDetail, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Mark the latest (draft) version reviewed",
)
def review_release(request: HttpRequest, response: HttpResponse, org: str, slug: str) -> object:
    return _step(request, response, org, slug, services.review_release)


@router.post(
    "/organizations/{org}/releases/{slug}/publish",
    response={200: ReleaseDetail, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Publish the latest (reviewed) version; it never changes afterwards",
)
def publish_release(request: HttpRequest, response: HttpResponse, org: str, slug: str) -> object:
    return _step(request, response, org, slug, services.publish_release)


@router.get(
    "/organizations/{org}/releases/{slug}/versions/{number}/{fmt}",
    response={200: None, **READ_ERRORS},
    openapi_extra={
        "security": [{}],
        "responses": {
            200: {
                "description": "the file",
                "headers": security.ANONYMOUS_ALLOWED["responses"][200]["headers"],
                "content": {t: {"schema": {"type": "string"}} for t in files.FORMATS.values()},
            }
        },
    },
    summary="A published version as a file (fmt: pdf or docx) on the organization's letterhead",
    description=(
        "Written from the version's own text in its language, with the organization's"
        " name and the page number in the footer. Read as the release is: a version not"
        " published, or a release the viewer may not read, is 404."
    ),
)
def release_file(
    request: HttpRequest, org: str, slug: str, number: int, fmt: Literal["pdf", "docx"]
) -> object:
    made = files.file_of(security.viewer(request), refs.organization(org), slug, fmt, number)
    answer = _file(request, made.content, made.content_type)
    answer["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    return answer


# --- open formats ----------------------------------------------------------------------


@router.get(
    "/organizations/{org}/calendar.ics",
    response={200: None, **READ_ERRORS},
    openapi_extra=_raw("text/calendar"),
    summary="The calendar (iCalendar) as the viewer may see it: with a token, the user's",
)
def calendar_ics(
    request: HttpRequest,
    org: str,
    body: Annotated[str | None, Query(description="only this body")] = None,
    lang: Annotated[str | None, Query(description="en, ru or zh")] = None,
) -> object:
    found = refs.organization(org)
    if body is not None:
        refs.body(found, body)
    site = request.build_absolute_uri("/").rstrip("/")
    content = ics.calendar(security.viewer(request), found, body=body, language=lang, site=site)
    return _file(request, content, "text/calendar; charset=utf-8")


@router.get(
    "/organizations/{org}/tables/{table}.csv",
    response={200: None, **READ_ERRORS},
    openapi_extra=_raw("text/csv"),
    summary="A list as CSV: " + ", ".join(tables.TABLES),
)
def table_csv(
    request: HttpRequest,
    org: str,
    table: str,
    on: Annotated[Day | None, Query(description="as of (members, posts, pending)")] = None,
    start: Annotated[Day | None, Query(alias="from", description="calendar")] = None,
    end: Annotated[Day | None, Query(alias="to", description="calendar")] = None,
    body: Annotated[str | None, Query(description="meetings, decisions, pending")] = None,
) -> object:
    found = refs.organization(org)
    options = tables.Options(on=on or timezone.localdate(), start=start, end=end, body=body)
    content = tables.as_csv(security.viewer(request), found, table, options)
    return _file(request, content, "text/csv; charset=utf-8")


@router.get(
    "/organizations/{org}/popolo",
    response={200: dict, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="Parties, bodies, people, posts and memberships as Popolo JSON",
)
def export_popolo(request: HttpRequest, response: HttpResponse, org: str) -> object:
    data = popolo.export(refs.organization(org))
    response["ETag"] = '"' + hashlib.sha256(repr(data).encode()).hexdigest()[:40] + '"'
    return data


class ImportOut(Schema):
    organization: str
    created: int
    updated: int
    unchanged: int


@router.post(
    "/popolo",
    response={200: ImportOut, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Import Popolo JSON (an administrator, or the organization's secretariat)",
)
def import_popolo(
    request: HttpRequest, response: HttpResponse, payload: Annotated[dict, Body(...)]
) -> object:
    viewer = security.viewer(request)
    listed = payload.get("organizations")
    heads = [
        o
        for o in (listed if isinstance(listed, list) else [])
        if isinstance(o, dict) and o.get("classification") == "organization"
    ]
    slug = heads[0].get("id") if heads else None
    slug = slug if isinstance(slug, str) else None
    existing = Organization.objects.filter(slug=slug).first() if slug else None
    if not viewer.is_admin:
        if existing is None:
            raise Forbidden.at(
                "permission", "only an administrator may import an organization not yet recorded"
            )
        access.require_edit(viewer, existing)
    tally = Tally()
    with security.acting(request):
        org = popolo.import_(payload, tally)
    out = ImportOut(
        organization=org.slug,
        created=tally.count_of("created"),
        updated=tally.count_of("updated"),
        unchanged=tally.count_of("unchanged"),
    )
    response["ETag"] = etag_of(out)
    return out


@router.get(
    "/organizations/{org}/documents/{slug}/akn",
    response={200: None, **READ_ERRORS},
    openapi_extra=_raw("application/akn+xml"),
    summary="A document as Akoma Ntoso XML (doc, with FRBR metadata)",
)
def document_akn(request: HttpRequest, org: str, slug: str, lang: str = "en") -> object:
    content = akn.document(security.viewer(request), refs.organization(org), slug, lang)
    return _file(request, content, "application/akn+xml")


@router.get(
    MEETING + "/akn",
    response={200: None, **READ_ERRORS},
    openapi_extra=_raw("application/akn+xml"),
    summary="A meeting's actions and decisions as Akoma Ntoso XML (debateReport)",
)
def meeting_akn(request: HttpRequest, org: str, body: str, ref: str, lang: str = "en") -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    meeting = refs.meeting(viewer, found_org, refs.body(found_org, body), ref)
    return _file(request, akn.meeting_decisions(viewer, meeting, lang), "application/akn+xml")
