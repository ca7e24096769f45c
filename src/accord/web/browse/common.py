"""What every reading page shares: the viewer, today, not-found answers, breadcrumbs,
and forms for query parameters whose errors are shown beside the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.accounts import auth, refs
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.core.dates import range_problem
from accord.core.errors import NotFound
from accord.core.paths import page_path
from accord.meetings.models import Meeting
from accord.registry.models import Organization
from accord.web.templatetags.accord_extras import tr

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_HELP = gettext_lazy("Enter a date as YYYY-MM-DD, for example 2019-05-15.")


def viewer(request: HttpRequest) -> Viewer:
    """The viewer the request reads as (`accounts.auth.viewer`: a session that owes its
    second factor's code reads as the public), looked up once per request."""
    return auth.viewer(request)


def today() -> dt.date:
    return timezone.localdate()


_R = TypeVar("_R", bound=HttpResponseBase)


class Moved(Exception):
    """What the page names lives at another address, its canonical one (`url`):
    `reading` answers with a permanent redirect there."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def meeting_here(
    request: HttpRequest,
    who: Viewer,
    org: Organization,
    body: Body,
    ref: str,
    joined: refs.Joined | None = None,
) -> Meeting:
    """The meeting at `body`'s address `ref` (`refs.meeting_addressed`). A joint meeting
    found at the address of a body that joins it has its page at its convening body's
    address: Moved to the same page there, with the same query. `joined`: read with it
    (`refs.meeting_addressed`)."""
    found = refs.meeting_addressed(who, org, body, ref, joined)
    if found.body_id == body.pk:
        return found
    match = request.resolver_match
    if match is None:  # a view is always reached through the URL resolver
        raise NotFound.at("meeting", f"{body.slug} has no meeting {ref!r}")
    url = reverse(
        match.view_name, kwargs={**match.kwargs, "body": found.body.slug, "ref": found.ref}
    )
    query = request.META.get("QUERY_STRING", "")
    raise Moved(f"{url}?{query}" if query else url)


def reading(view: Callable[..., _R]) -> Callable[..., _R | HttpResponse]:
    """A page that answers 404 with the reason when what it names is not found (or is
    not the reader's to see: the two look alike), and a permanent redirect to what it
    names' own address when that is another (`Moved`)."""

    @wraps(view)
    def page(request: HttpRequest, *args: Any, **kwargs: Any) -> _R | HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Moved as moved:
            return HttpResponsePermanentRedirect(moved.url)
        except NotFound as missing:
            return render(
                request,
                "web/not_found.html",
                {"problems": missing.problems, "crumbs": [home_crumb()]},
                status=404,
            )

    return page


Crumb = tuple[str, str | None]


def home_crumb() -> Crumb:
    return (_("Organizations"), page_path("web:home"))


def org_crumbs(org: Organization, *more: Crumb) -> list[Crumb]:
    """Breadcrumbs from the home page through the organization; the last has no link."""
    return [home_crumb(), (tr(org), page_path("web:organization", org.slug)), *more]


class PageForm(forms.Form):
    """Query parameters as a form: each error is shown beside its field, which points
    to it (aria-describedby) and is marked invalid."""

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_errors()

    def mark_errors(self) -> None:
        """Point each field with an error to it (call again after `add_error`)."""
        for name in self.errors:
            if name in self.fields:
                field = self.fields[name]
                described = [f"{self[name].auto_id}-error"]
                if field.help_text:
                    described.append(f"{self[name].auto_id}_helptext")
                field.widget.attrs["aria-describedby"] = " ".join(described)
                field.widget.attrs["aria-invalid"] = "true"


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field `name` (its choices are set per page)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    return field


def _kept(day: dt.date) -> None:
    if problem := range_problem(day):
        raise forms.ValidationError(problem, code="range")


def date_field(label: StrOrPromise, **extra: Any) -> forms.DateField:
    """A date typed as YYYY-MM-DD, within the days the record keeps."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_HELP},
        validators=[_kept],
        **extra,
    )


class AsOfForm(PageForm):
    on = date_field(gettext_lazy("As of"))
