"""The implementation dashboard: programmes and plans in force, their measures by
status, what is overdue, and who is responsible."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accord.core.errors import NotFound
from accord.implementation import selectors as followed
from accord.implementation.models import Progress
from accord.registry import selectors as registry
from accord.web.browse.common import org_crumbs, reading, today, viewer


@reading
def implementation(request: HttpRequest, org: str) -> HttpResponse:
    found = registry.organization(org)
    asked = request.GET.get("page", "1")
    if not asked.isdecimal() or not 1 <= int(asked) <= 100_000:
        raise NotFound.at("page", f"no page {asked[:20]!r} of the documents followed up")
    page = int(asked)
    board = followed.dashboard(viewer(request), found, today(), page=page)
    by_status = [
        (value, label, board.by_status[value])
        for value, label in Progress.choices
        if value in board.by_status
    ]
    context = {
        "organization": found,
        "board": board,
        "page": page,
        "by_status": by_status,
        "earlier": f"?page={page + 1}" if board.more else None,
        "later": (f"?page={page - 1}" if page > 2 else "?") if page > 1 else None,
        "crumbs": org_crumbs(found, (_("Implementation"), None)),
    }
    return render(request, "web/implementation.html", context)
