"""A document: its lifecycle across bodies (actions in date order, derived status),
versions and translations with their files, relations, measures and the progress
reported; and the download of a version's file."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from accord.accounts import access, visibility
from accord.accounts.access import Viewer
from accord.core import compiled
from accord.core.prefetched import keep_children, keep_grouped, keep_rows
from accord.decisions import selectors as decisions
from accord.decisions.models import Action
from accord.documents import selectors as documents
from accord.documents.downloads import file_response
from accord.documents.models import (
    Document,
    DocumentFile,
    DocumentRelation,
    DocumentVersion,
)
from accord.implementation import selectors as implementation
from accord.implementation.models import Measure, ProgressReport
from accord.registry import selectors as registry
from accord.registry.models import Party
from accord.web.browse import outputs
from accord.web.browse.common import org_crumbs, reading, today, viewer
from accord.web.templatetags.accord_extras import tr


@reading
def document(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    who = viewer(request)
    found_org = registry.organization(org)
    d = access.document(who, found_org, slug)
    actions = _read_parts(who, d)
    verbs = decisions.verbs_of(found_org)
    status, by = decisions.status_from(actions, verbs)
    day = today()
    translations = sorted(
        (language, title) for language, title in (d.titles or {}).items() if title
    )
    context = {
        "organization": found_org,
        "document": d,
        "actions": actions,
        "verbs": verbs,
        "status": status,
        "status_by": by,
        "translations": translations,
        "versions": list(d.versions.all()),
        "relations": list(d.relations.all()),
        "inbound": list(d.inbound.all()),
        "measures": implementation.measure_states(list(d.measures.all()), day),
        "progress": list(d.progress_reports.all()),
        "day": day,
        "crumbs": org_crumbs(found_org, (tr(d), None)),
        "outputs": outputs.document(found_org, d.slug),
    }
    return render(request, "web/document.html", context)


def _read_parts(who: Viewer, d: Document) -> list[Action]:
    """The document's parts as the viewer may read them, attached as `prefetch_related`
    attaches them (versions with their files, parties, relations both ways to documents
    the viewer may read, measures with their reports, progress reports), and its
    actions in date order: each query's SQL built once for the viewer's standing and
    the day (`accord.core.compiled`), run with the document's key."""
    shape = (access.standing(who), timezone.localdate().isoformat())

    def run(part: str, build: Callable[[int], QuerySet[Any]]) -> list[Any]:
        return compiled.rows(("document page", part, *shape), build, d.pk)

    shared = run(
        "shared with",
        lambda pk: (
            Document.shared_with.through.objects.filter(document_id=pk)
            .select_related("party")
            .order_by("party__code")
        ),
    )
    keep_rows(d, "shared_with", Party, [row.party for row in shared])
    versions = run("versions", lambda pk: DocumentVersion.objects.filter(document_id=pk))
    keep_children(d, "versions", DocumentVersion, "document", versions)
    if versions:
        files = run("files", lambda pk: DocumentFile.objects.filter(version__document_id=pk))
        keep_grouped(versions, "files", DocumentFile, "version", files)
    visible = access.documents(who).values("pk")
    relations = run(
        "relations",
        lambda pk: (
            DocumentRelation.objects.filter(document_id=pk, target__in=visible)
            .select_related("target__type")
            .order_by("kind", "target__slug")
        ),
    )
    keep_children(d, "relations", DocumentRelation, "document", relations)
    inbound = run(
        "inbound",
        lambda pk: (
            DocumentRelation.objects.filter(target_id=pk, document__in=visible)
            .select_related("document__type")
            .order_by("kind", "document__slug")
        ),
    )
    keep_children(d, "inbound", DocumentRelation, "target", inbound)
    measures = run(
        "measures",
        lambda pk: Measure.objects.filter(document_id=pk).select_related(
            "responsible_body", "responsible_party"
        ),
    )
    keep_children(d, "measures", Measure, "document", measures)
    if measures:
        reports = run(
            "measure reports",
            lambda pk: ProgressReport.objects.filter(measure__document_id=pk).order_by(
                "date", "id"
            ),
        )
        keep_grouped(measures, "reports", ProgressReport, "measure", reports)
    progress = run("progress", lambda pk: _of(implementation.progress_reports(who), pk))
    keep_children(d, "progress_reports", ProgressReport, "document", progress)
    actions = run(
        "actions",
        lambda pk: (
            visibility.actions(who, Action.objects.filter(document_id=pk))
            .select_related(
                "body",
                "meeting__body",
                "agenda_item",
                "target_body",
                "target_meeting__body",
                "by_person",
            )
            .order_by("date", "meeting__start", "position", "id")
        ),
    )
    for prefetch in documents.parties_prefetch():
        assert prefetch.queryset is not None
        part, model = prefetch.prefetch_to, prefetch.queryset.model
        keep_children(d, part, model, "document", run(part, partial(_of, prefetch)))
    return actions


def _of(prefetch: Prefetch, pk: int) -> QuerySet[Any]:
    """The rows `prefetch` reads of the document `pk`."""
    assert prefetch.queryset is not None
    return prefetch.queryset.filter(document_id=pk)


@reading
def document_file(
    request: HttpRequest, org: str, slug: str, number: int, language: str, kind: str
) -> HttpResponseBase:
    """A version's file, to those who may read the document (404 to the others)."""
    found = documents.document_file(viewer(request), org, slug, number, language, kind)
    return file_response(request, found)
