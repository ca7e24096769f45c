"""The implementation dashboard: programmes and plans in force, their measures by
status, what is overdue, and who is responsible; for one party, what that party must
implement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.errors import NotFound
from accord.implementation import selectors as followed
from accord.implementation.models import Progress
from accord.registry import selectors as registry
from accord.registry.models import Organization, Party
from accord.tasks import selectors as tasks
from accord.web.browse.common import PageForm, choice_field, org_crumbs, reading, today, viewer
from accord.web.templatetags.accord_extras import tr


class ImplementationForm(PageForm):
    """The party whose measures are shown, picked by name in the page's language."""

    party = forms.ChoiceField(
        label=gettext_lazy("Responsible party"),
        required=False,
        help_text=gettext_lazy("Only the measures this party is responsible for."),
    )

    def __init__(self, data: Any, parties: list[Party]) -> None:
        super().__init__(data)
        self.by_code = {p.code: p for p in parties}
        named = sorted(parties, key=lambda p: tr(p).casefold())
        choice_field(self, "party").choices = [
            ("", _("every party")),
            *((p.code, tr(p)) for p in named),
        ]

    def clean_party(self) -> Party | None:
        return self.by_code.get(self.cleaned_data["party"])


@reading
def implementation(request: HttpRequest, org: str) -> HttpResponse:
    found = registry.organization(org)
    asked = request.GET.get("page", "1")
    if not asked.isdecimal() or not 1 <= int(asked) <= 100_000:
        raise NotFound.at("page", f"no page {asked[:20]!r} of the documents followed up")
    page = int(asked)
    form = ImplementationForm(request.GET, _parties(found))
    valid = form.is_valid()
    party = form.cleaned_data.get("party") if valid else None
    who = viewer(request)
    board = followed.dashboard(who, found, today(), page=page, party=party)
    by_status = [
        (value, label, board.by_status[value])
        for value, label in Progress.choices
        if value in board.by_status
    ]
    keep = f"&party={party.code}" if party else ""
    context = {
        "organization": found,
        "form": form,
        "valid": valid,
        "party": party,
        "board": board,
        "page": page,
        "by_status": by_status,
        "overdue_referrals": tasks.overdue_referrals(who, found, board.on) if valid else [],
        "earlier": f"?page={page + 1}{keep}" if board.more else None,
        "later": (f"?page={page - 1}{keep}" if page > 2 else f"?{keep[1:]}") if page > 1 else None,
        "crumbs": org_crumbs(found, (_("Implementation"), None)),
    }
    return render(request, "web/implementation.html", context, status=200 if valid else 400)


def _parties(org: Organization) -> list[Party]:
    return list(registry.parties_of(org))
