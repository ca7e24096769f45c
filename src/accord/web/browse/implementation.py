"""The implementation dashboard: programmes and plans in force, their measures by
status, what is overdue, and who is responsible."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accord.implementation import selectors as followed
from accord.implementation.models import Progress
from accord.registry import selectors as registry
from accord.web.browse.common import org_crumbs, reading, today, viewer


@reading
def implementation(request: HttpRequest, org: str) -> HttpResponse:
    found = registry.organization(org)
    board = followed.dashboard(viewer(request), found, today())
    by_status = [
        (value, label, board.by_status[value])
        for value, label in Progress.choices
        if value in board.by_status
    ]
    context = {
        "organization": found,
        "board": board,
        "by_status": by_status,
        "crumbs": org_crumbs(found, (_("Implementation"), None)),
    }
    return render(request, "web/implementation.html", context)
