"""The reader's tasks: what each of its roles asks of it on a day (the same lists as
the web's My tasks page and `accord tasks`)."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router

from accord.api import security
from accord.api.days import Day
from accord.api.errors import READ_ERRORS
from accord.api.etags import tagged
from accord.api.schemas.tasks import TasksOut, tasks_out
from accord.tasks import selectors as tasks

router = Router(tags=["tasks"], auth=security.READ)


@router.get(
    "/tasks",
    response={200: TasksOut, **READ_ERRORS},
    openapi_extra=security.ANONYMOUS_ALLOWED,
    summary="What the reader's roles ask of it on a day",
    description=(
        "For each delegation the reader holds: open decisions awaiting its state's position,"
        " the measures its state is responsible for (not done, overdue first), the coming"
        " meetings its state chairs; for an observer, its role; for the secretariat, releases"
        " not yet published, referrals overdue and meetings held without participants or"
        " agenda. The public has none."
    ),
)
def get_tasks(
    request: HttpRequest,
    response: HttpResponse,
    on: Annotated[Day | None, Query(description="the day (default: today)")] = None,
) -> object:
    found = tasks.tasks_for(security.viewer(request), on or timezone.localdate())
    return tagged(request, response, tasks_out(found))
