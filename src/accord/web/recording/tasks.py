"""My tasks: the page a signed-in reader lands on, with what each of its roles asks of
it (`accord.tasks.selectors.tasks_for`, which the API and the CLI read too)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accord.tasks import selectors as tasks
from accord.web.browse.common import AsOfForm, home_crumb, today, viewer
from accord.web.recording.common import recording


@recording
def my_tasks(request: HttpRequest) -> HttpResponse:
    asked = request.GET.get("on")
    form = AsOfForm(request.GET if asked else None, initial={"on": today()})
    valid = not form.is_bound or form.is_valid()
    day = (form.cleaned_data["on"] if form.is_bound and valid else None) or today()
    context = {
        "form": form,
        "valid": valid,
        "tasks": tasks.tasks_for(viewer(request), day) if valid else None,
        "day": day,
        "crumbs": [home_crumb(), (_("My tasks"), None)],
    }
    return render(request, "web/tasks.html", context, status=200 if valid else 400)
