"""Accord's pages. This first page lists each organization, its bodies and meetings."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accord.bodies.models import Body
from accord.meetings import selectors as meetings
from accord.meetings.models import Meeting
from accord.registry import selectors as registry
from accord.registry.models import Organization


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    organizations = Organization.objects.prefetch_related(
        Prefetch(
            "bodies",
            queryset=Body.objects.select_related("reports_to").prefetch_related(
                Prefetch(
                    "meetings",
                    queryset=Meeting.objects.select_related("country", "chair", "host", "body")
                    .prefetch_related("co_chairs")
                    .order_by("-start"),
                )
            ),
        ),
    )
    listing = []
    for org in organizations:
        bodies = list(org.bodies.all())
        terms = meetings.terms_by_body(org)
        listing.append(
            {
                "organization": org,
                "counts": registry.counts_on(org, today),
                "bodies": _tree(bodies),
                "meetings": {
                    b.pk: [(m, meetings.chair_of(m, terms).party) for m in b.meetings.all()]
                    for b in bodies
                },
            }
        )
    return render(request, "web/home.html", {"listing": listing, "today": today})


def _tree(bodies: list[Body]) -> list[tuple[int, Body]]:
    """Bodies in hierarchy order, each with its depth under the root."""
    children: dict[int | None, list[Body]] = {}
    for b in bodies:
        children.setdefault(b.reports_to_id, []).append(b)
    ordered: list[tuple[int, Body]] = []

    def walk(parent: int | None, depth: int) -> None:
        for b in children.get(parent, []):
            ordered.append((depth, b))
            walk(b.pk, depth + 1)

    walk(None, 0)
    return ordered
