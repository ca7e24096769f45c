"""The search page: one form over the search service (`accord.search`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.errors import DomainError
from accord.registry.models import Organization
from accord.search import KINDS
from accord.search import search as find
from accord.web.browse.common import PageForm, choice_field, home_crumb, viewer
from accord.web.templatetags.accord_extras import tr

KIND_LABELS = {
    "document": gettext_lazy("documents"),
    "meeting": gettext_lazy("meetings"),
    "agenda-item": gettext_lazy("agenda items"),
    "event": gettext_lazy("events"),
    "person": gettext_lazy("people"),
}
KIND_NAMES = {
    "document": gettext_lazy("document"),
    "meeting": gettext_lazy("meeting"),
    "agenda-item": gettext_lazy("agenda item"),
    "event": gettext_lazy("event"),
    "person": gettext_lazy("person"),
}
FIELDS = {"q": "q", "kinds": "kind", "organization": "organization"}


class SearchForm(PageForm):
    q = forms.CharField(label=gettext_lazy("Search for"), required=False, max_length=200)
    organization = forms.ChoiceField(label=gettext_lazy("In"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Only"), required=False)

    def __init__(self, data: Any, organizations: list[Organization]) -> None:
        super().__init__(data)
        self.fields["q"].widget.attrs["type"] = "search"
        choice_field(self, "organization").choices = [
            ("", _("every organization")),
            *((o.slug, tr(o)) for o in organizations),
        ]
        choice_field(self, "kind").choices = [
            ("", _("everything")),
            *((k, KIND_LABELS[k]) for k in KINDS),
        ]
        self.by_slug = {o.slug: o for o in organizations}


def search(request: HttpRequest) -> HttpResponse:
    organizations = list(Organization.objects.all())
    form = SearchForm(request.GET, organizations)
    hits = None
    status = 200
    if form.is_valid() and form.cleaned_data["q"].strip():
        wanted = form.cleaned_data
        try:
            hits = find(
                viewer(request),
                wanted["q"],
                organization=form.by_slug.get(wanted["organization"]),
                kinds=[wanted["kind"]] if wanted["kind"] else None,
            )
        except DomainError as refused:
            for problem in refused.problems:
                form.add_error(FIELDS.get(problem.field, "q"), problem.reason)
            form.mark_errors()
    if form.errors:
        status = 400
    context = {
        "form": form,
        "hits": hits,
        "kind_names": KIND_NAMES,
        "crumbs": [home_crumb(), (_("Search"), None)],
    }
    return render(request, "web/search.html", context, status=status)
