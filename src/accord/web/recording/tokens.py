"""Personal API tokens: the signed-in user lists their own, creates one (its secret is
shown once, never again) and revokes one, through `accounts.services`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accord.accounts import selectors, services
from accord.accounts.models import TokenScope
from accord.accounts.requests import SignedInRequest
from accord.core.errors import DomainError
from accord.web.browse.common import home_crumb
from accord.web.recording.common import RecordForm, recording


class TokenForm(RecordForm):
    name = forms.CharField(
        label=pgettext_lazy("of a token", "Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, such as 'nightly export'."),
    )
    scope = forms.ChoiceField(
        label=pgettext_lazy("of a token", "Access"),
        choices=[
            (TokenScope.FULL, gettext_lazy("read and write")),
            (TokenScope.READ, gettext_lazy("read only (for calendar and feed URLs)")),
        ],
        initial=TokenScope.FULL,
    )
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"),
        initial=90,
        min_value=1,
        max_value=services.MAX_TOKEN_DAYS,
    )


@recording
def tokens(request: SignedInRequest) -> HttpResponse:
    user = request.user
    form = TokenForm()
    secret = None
    status = 200
    if request.method == "POST" and request.POST.get("revoke"):
        token = selectors.token(user, request.POST["revoke"])
        services.revoke_token(token)
        messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
        return HttpResponseRedirect(reverse("web:tokens"), status=303)
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                token, secret = services.create_token(
                    user,
                    form.cleaned_data["name"],
                    form.cleaned_data["days"],
                    form.cleaned_data["scope"],
                )
            except DomainError as refusal:
                for p in refusal.problems:
                    form.add_problem(p.field, p.reason)
            else:
                form = TokenForm()
                status = 200
        if secret is None:
            status = 422
    context = {
        "tokens": list(selectors.tokens(user)),
        "form": form,
        "secret": secret,
        "crumbs": [home_crumb(), (_("API tokens"), None)],
    }
    response = render(request, "web/tokens.html", context, status=status)
    add_never_cache_headers(response)  # a secret is shown once, and never kept
    return response
