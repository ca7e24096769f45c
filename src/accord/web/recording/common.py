"""What the recording pages share: signing in first, "not found" for what the user may
not change, forms whose errors (the form's own, and the domain's refusals) are shown
beside the field, and formsets whose rows can be added without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from accord.accounts import second_factor
from accord.core.errors import Forbidden, NotFound, Problem
from accord.web.browse.common import home_crumb


def recording(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page that changes the record: the anonymous are sent to sign in; what is missing,
    hidden, or not the user's to change answers 404 (the three look alike). A user with
    an authenticator app (or whose organization requires one) whose session has not
    given its code is sent to give it (or to enrol) first."""

    @wraps(view)
    def page(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if second_factor.session_lacks_it(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('two-factor')}?{query}")
        try:
            return view(request, *args, **kwargs)
        except (NotFound, Forbidden) as missing:
            problems = missing.problems if isinstance(missing, NotFound) else []
            return render(
                request,
                "web/not_found.html",
                {"problems": problems, "crumbs": [home_crumb()]},
                status=404,
            )

    return login_required(page)


class RecordForm(forms.Form):
    """A form whose errors point to their field (aria-describedby, aria-invalid), and
    which takes the domain's problems (`Problem.field` named as in the services)."""

    # Problem fields the services name differently from the form's fields.
    problem_fields: Mapping[str, str] = {}

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_errors()

    def mark_errors(self) -> None:
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"
                widget.attrs["aria-invalid"] = "true"

    def add_problem(self, field: str, reason: str) -> None:
        """Show `reason` beside `field` (a service's field path), or above the form."""
        name = self.problem_fields.get(field, field)
        if name in self.fields and not isinstance(self.fields[name].widget, forms.HiddenInput):
            self.add_error(name, reason)
        else:
            self.add_error(None, f"{field}: {reason}" if field else reason)
        self.mark_errors()

    def quiet(self) -> None:
        """Show the input as typed, without judging it (a row was only added)."""
        self._errors = ErrorDict()
        self.cleaned_data = {}


_ROW = re.compile(r"^(?:[a-z_]+)?\[(\d+)\]\.?(.*)$")


def route(problems: Iterable[Problem], rows: list[RecordForm], above: RecordForm) -> None:
    """Put each problem of a list (`[3].party`) beside the field of the row it names
    (`rows[i]` is the form of the list's i-th entry); the others above the form."""
    for p in problems:
        match = _ROW.match(p.field)
        if match and int(match.group(1)) < len(rows):
            rows[int(match.group(1))].add_problem(match.group(2), p.reason)
        else:
            above.add_problem(p.field, p.reason)


def with_more_rows(data: QueryDict, prefix: str) -> QueryDict:
    """The posted form data with one more (blank) row in the formset `prefix`."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0"))
    except ValueError:
        total = 0
    data[key] = str(min(total + 1, 1000))
    return data


def quiet_formset(formset: forms.BaseFormSet) -> None:
    # Django keeps a formset's errors in these (private, so not in the stubs).
    formset._errors = []  # type: ignore[attr-defined]
    formset._non_form_errors = ErrorList()  # type: ignore[attr-defined]
    for form in formset.forms:
        form.quiet()


def kept_rows(formset: forms.BaseFormSet) -> list[forms.Form]:
    """The rows of a valid formset that hold something and are not marked for removal
    (a blank extra row is left empty: Django gives it no cleaned data)."""
    return [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def blank(value: str | None) -> str | None:
    """None for an empty text field."""
    value = (value or "").strip()
    return value or None
