"""The home page: each organization with what the record holds about it, and links.

The other reading pages are in `accord.web.browse`; recording pages in
`accord.web.recording`."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from accord.accounts import access
from accord.bodies.models import Body, ChairTerm
from accord.registry.models import Membership, MembershipStatus, Organization
from accord.web.browse.common import today, viewer


def home(request: HttpRequest) -> HttpResponse:
    """Organizations with their standing counts today, bodies, meetings and documents
    (those the reader may see), and the presidency today; in a fixed number of queries."""
    who = viewer(request)
    day = today()
    statuses = {s.pk: s for s in MembershipStatus.objects.all()}
    standing: dict[int, dict[int, int]] = {}
    for row in (
        Membership.objects.on(day).values("organization_id", "status_id").annotate(n=Count("pk"))
    ):
        standing.setdefault(row["organization_id"], {})[row["status_id"]] = row["n"]
    bodies = _counts(Body.objects.all(), "organization_id")
    meetings = _counts(access.meetings(who), "body__organization_id")
    documents = _counts(access.documents(who), "organization_id")
    presidency = {
        t.organization_id: t
        for t in ChairTerm.objects.on(day).filter(body__isnull=True).select_related("party")
    }
    listing = [
        {
            "organization": org,
            "standing": sorted(
                ((statuses[s], n) for s, n in standing.get(org.pk, {}).items()),
                key=lambda pair: (pair[0].rank, pair[0].slug),
            ),
            "bodies": bodies.get(org.pk, 0),
            "meetings": meetings.get(org.pk, 0),
            "documents": documents.get(org.pk, 0),
            "presidency": presidency.get(org.pk),
        }
        # With its publishing profile: what it calls its chairmanship.
        for org in Organization.objects.select_related("publishing")
    ]
    return render(request, "web/home.html", {"listing": listing, "today": day})


def _counts(rows: QuerySet, by: str) -> dict[int, int]:
    """The number of `rows` by the value of `by` (one grouped query)."""
    return {row[by]: row["n"] for row in rows.order_by().values(by).annotate(n=Count("pk"))}


def language(request: HttpRequest) -> HttpResponse:
    """Remember the reader's interface language and go back to the page they were on.

    A GET form (no CSRF token on every page), so that public pages are the same bytes
    for every reader and conditional GETs (ETag → 304) work; choosing a language
    changes nothing in the record."""
    code = request.GET.get("language", "")
    if code not in dict(settings.LANGUAGES):
        choices = ", ".join(dict(settings.LANGUAGES))
        return HttpResponseBadRequest(
            f"language: expected one of {choices}, got {code!r}", content_type="text/plain"
        )
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form posted without its CSRF token (or with a stale one): refused (403), said
    in the reader's language on a page of Accord's own (no inline style: the CSP holds)."""
    return render(request, "web/csrf_failure.html", status=403)
