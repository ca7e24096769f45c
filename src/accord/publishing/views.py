"""Downloads for calendar programs, feed readers and spreadsheets: .ics, .atom, .csv,
Popolo JSON and Akoma Ntoso XML. Each answers as the asking viewer may see: the
public, a signed-in user (session or `Authorization: Bearer`), or a user by an API
read-only token given in the URL (`?token=`) for programs that cannot send headers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from accord.accounts import access, services
from accord.accounts.auth import viewer as viewer_of_request
from accord.accounts.models import TokenScope
from accord.core.dates import parse_date
from accord.core.errors import DomainError, NotFound
from accord.publishing import akn, feeds, files, ics, lint, popolo, selectors, tables
from accord.publishing.models import ReleaseState, ReleaseVersion
from accord.registry import selectors as registry


class Refused(Exception):
    """A token in the URL that is refused: unknown, expired or revoked (401), or one
    that can write (403)."""

    def __init__(self, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


def _viewer(request: HttpRequest) -> access.Viewer:
    secret = request.GET.get("token")
    if secret is None:
        return viewer_of_request(request)
    check = services.check_token(secret)
    if check.user is None or check.token is None or check.refused:
        raise Refused(f"the token in the URL does not sign in ({check.refused or 'unknown'})")
    if check.token.scope != TokenScope.READ:
        # A URL is kept in calendars, feed readers and server logs: a token that can
        # write must not travel in one.
        raise Refused(
            "the token in the URL can write, and a URL is kept in calendars, feed readers"
            " and logs: use a read-only token (accord token create USER NAME --read-only)",
            status=403,
        )
    return access.viewer_of(check.user)


def _answer(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Domain errors as plain answers: missing and hidden alike 404, bad input 400."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404("not found") from None
        except Refused as exc:
            return HttpResponse(
                f"{exc}\n",
                status=exc.status,
                content_type="text/plain; charset=utf-8",
            )
        except DomainError as exc:
            return HttpResponse(f"{exc}\n", status=400, content_type="text/plain; charset=utf-8")

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return require_GET(wrapped)


def _date(request: HttpRequest, name: str) -> Any:
    raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        return parse_date(raw)
    except ValueError as exc:
        raise DomainError.at(name, str(exc)) from None


def _file(content: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@_answer
def calendar(request: HttpRequest, org: str, body: str | None = None) -> HttpResponse:
    found = registry.organization(org)
    viewer = _viewer(request)
    if body is not None:
        from accord.bodies import selectors as bodies

        bodies.body(found, body)
    site = request.build_absolute_uri("/").rstrip("/")
    content = ics.calendar(viewer, found, body=body, language=request.GET.get("lang"), site=site)
    name = f"{org}-{body}.ics" if body else f"{org}.ics"
    return _file(content, "text/calendar; charset=utf-8", name)


@_answer
def releases_feed(request: HttpRequest, org: str) -> HttpResponse:
    found = registry.organization(org)
    link = request.build_absolute_uri(reverse("publishing:releases", args=[org]))
    content = feeds.releases_feed(_viewer(request), found, link, request.build_absolute_uri())
    return _file(content, "application/atom+xml; charset=utf-8", f"{org}-releases.atom")


@_answer
def adopted_feed(request: HttpRequest, org: str) -> HttpResponse:
    found = registry.organization(org)
    link = request.build_absolute_uri(f"/api/v1/organizations/{org}/documents")
    content = feeds.adopted_feed(
        _viewer(request),
        found,
        link,
        request.build_absolute_uri(),
        request.GET.get("lang", "en"),
    )
    return _file(content, "application/atom+xml; charset=utf-8", f"{org}-adopted.atom")


@_answer
def table(request: HttpRequest, org: str, name: str) -> HttpResponse:
    found = registry.organization(org)
    options = tables.Options(
        on=_date(request, "on") or timezone.localdate(),
        start=_date(request, "from"),
        end=_date(request, "to"),
        body=request.GET.get("body"),
    )
    content = tables.as_csv(_viewer(request), found, name, options)
    return _file(content, "text/csv; charset=utf-8", f"{org}-{name}.csv")


@_answer
def popolo_export(request: HttpRequest, org: str) -> HttpResponse:
    found = registry.organization(org)
    content = json.dumps(popolo.export(found), ensure_ascii=False, indent=2)
    return _file(content, "application/json; charset=utf-8", f"{org}-popolo.json")


@_answer
def akn_document(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    found = registry.organization(org)
    content = akn.document(_viewer(request), found, slug, request.GET.get("lang", "en"))
    return _file(content, "application/akn+xml", f"{slug}.akn.xml")


@_answer
def akn_meeting(request: HttpRequest, org: str, body: str, ref: str) -> HttpResponse:
    viewer = _viewer(request)
    found = access.meeting(viewer, org, body, ref)
    content = akn.meeting_decisions(viewer, found, request.GET.get("lang", "en"))
    return _file(content, "application/akn+xml", f"{body}-{ref}-decisions.akn.xml")


@_answer
def releases(request: HttpRequest, org: str) -> HttpResponse:
    """The releases the viewer may read, newest version each, as plain text."""
    found = registry.organization(org)
    viewer = _viewer(request)
    parts = []
    for r in selectors.releases(viewer, found):
        v = selectors.shown_version(viewer, r)
        if v is not None:
            parts.append(f"{v.headline}\n{v.dateline}\n[{r.slug}, version {v.number}, {v.state}]")
    return _file("\n\n".join(parts) + "\n", "text/plain; charset=utf-8", f"{org}-releases.txt")


@_answer
def release(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    """A release as readers read it: a page (headline, dateline, paragraphs, the meeting
    linked, in the release's language); `?format=txt` the plain text; `?format=pdf` or
    `docx` the file of its newest published version (`&version=N`: of version N)."""
    found = registry.organization(org)
    viewer = _viewer(request)
    fmt = request.GET.get("format")
    if fmt in files.FORMATS:
        made = files.file_of(viewer, found, slug, fmt, _number(request.GET.get("version")))
        response = _file(made.content, made.content_type, made.filename)
        response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
        return response
    r = selectors.release(viewer, found, slug)
    v = selectors.shown_version(viewer, r)
    if v is None:
        raise NotFound.at("release", "not found")
    draft = v.state != ReleaseState.PUBLISHED  # a draft, read by the secretariat
    if request.GET.get("format") == "txt":
        text = f"{v.headline}\n\n{v.dateline}\n\n{v.text}"
        if draft:
            text += _review_notes(v, r.language)
        response = _file(text, "text/plain; charset=utf-8", f"{slug}.txt")
        response["Content-Language"] = r.language
        return response
    context = {
        "organization": found,
        "release": r,
        "meeting": r.meeting,
        "body": r.meeting.body,
        "version": v,
        "draft": draft,
        "editor": access.can_edit(viewer, found),
        "paragraphs": [p.strip() for p in v.text.split("\n\n") if p.strip()],
    }
    return render(request, "web/release.html", context)


def _number(raw: str | None) -> int | None:
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise DomainError.at("version", f"{raw!r}: a version's number (1, 2 ...)")
    return int(raw)


def _review_notes(version: ReleaseVersion, language: str) -> str:
    """What the secretariat must see before publishing a draft: the translations drafting
    lacked and what the release linter finds in its text ('' when nothing)."""
    findings = lint.lint(
        version.headline, version.dateline, version.text, language, missing=version.missing
    )
    if not findings:
        return ""
    lines = [f"- {f}" for f in findings]
    return "\n-- before publishing --\n" + "\n".join(lines) + "\n"
