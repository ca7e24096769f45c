"""A document: its lifecycle across bodies (actions in date order, derived status),
versions and translations with their files, relations, measures and the progress
reported; and the download of a version's file."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from accord.accounts import access, visibility
from accord.decisions import selectors as decisions
from accord.decisions.models import Action
from accord.documents import selectors as documents
from accord.documents.downloads import file_response
from accord.documents.models import Document, DocumentRelation
from accord.implementation import selectors as implementation
from accord.registry import selectors as registry
from accord.web.browse import outputs
from accord.web.browse.common import org_crumbs, reading, today, viewer
from accord.web.templatetags.accord_extras import tr


@reading
def document(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    who = viewer(request)
    found_org = registry.organization(org)
    found = access.document(who, found_org, slug)
    visible = access.documents(who).values("pk")
    d = (
        Document.objects.filter(pk=found.pk)
        .select_related("organization", "type", "author_body", "author_party", "restricted_to_body")
        .prefetch_related(
            "shared_with",
            "versions__files",
            *documents.parties_prefetch(),
            Prefetch(
                "relations",
                queryset=DocumentRelation.objects.filter(target__in=visible)
                .select_related("target__type")
                .order_by("kind", "target__slug"),
            ),
            Prefetch(
                "inbound",
                queryset=DocumentRelation.objects.filter(document__in=visible)
                .select_related("document__type")
                .order_by("kind", "document__slug"),
            ),
            implementation.measures_of(),
            implementation.progress_reports(who),
        )
        .get()
    )
    actions = list(
        visibility.actions(who, Action.objects.filter(document=d))
        .select_related(
            "body",
            "meeting__body",
            "agenda_item",
            "target_body",
            "target_meeting__body",
            "by_person",
        )
        .order_by("date", "meeting__start", "position", "id")
    )
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


@reading
def document_file(
    request: HttpRequest, org: str, slug: str, number: int, language: str, kind: str
) -> HttpResponseBase:
    """A version's file, to those who may read the document (404 to the others)."""
    found = documents.document_file(viewer(request), org, slug, number, language, kind)
    return file_response(request, found)
