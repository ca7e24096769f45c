"""Bodies: the hierarchy, one body (powers, meeting series), what is pending for it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router

from accord.accounts import access
from accord.api import refs, security, visibility
from accord.api.errors import READ_ERRORS
from accord.api.etags import tagged
from accord.api.pagination import CursorParam, Limit, int_key, page, str_key
from accord.api.schemas.bodies import (
    BodyDetail,
    BodyOut,
    BodyPage,
    PendingList,
    PendingOut,
    SeriesEntry,
)
from accord.api.schemas.common import meeting_ref
from accord.bodies.models import Body
from accord.decisions import selectors as decisions
from accord.decisions.models import Action
from accord.meetings.models import Meeting
from accord.registry.models import Organization

router = Router(tags=["bodies"], auth=security.READ)
OPEN = security.ANONYMOUS_ALLOWED


def _depths(org: Organization) -> dict[int, int]:
    """Each body's depth under the root of the hierarchy (one query)."""
    parents = dict(Body.objects.filter(organization=org).values_list("pk", "reports_to_id"))
    depths: dict[int, int] = {}

    def depth(pk: int, seen: frozenset[int] = frozenset()) -> int:
        if pk not in depths:
            parent = parents.get(pk)
            depths[pk] = 0 if parent is None or parent in seen else depth(parent, seen | {pk}) + 1
        return depths[pk]

    for pk in parents:
        depth(pk)
    return depths


def _body_out(body: Body, org: Organization, depth: int) -> BodyOut:
    return BodyOut(
        slug=body.slug,
        name=body.name,
        names=body.names,
        short_name=body.short_name or None,
        reports_to=body.reports_to.slug if body.reports_to_id else None,
        depth=depth,
        chair_rule=body.chair_rule,
        decision_rule=body.decision_rule or org.decision_rule,
        founded=body.founded_on.isoformat() if body.founded_on else None,
        meets_since=body.meets_since,
    )


@router.get(
    "/organizations/{org}/bodies",
    response={200: BodyPage, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="The bodies of an organization, with their place in the hierarchy",
)
def list_bodies(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    found = refs.organization(org)
    depths = _depths(found)
    rows, next_cursor = page(
        Body.objects.filter(organization=found).select_related("reports_to"),
        [int_key("rank"), str_key("slug")],
        cursor,
        limit,
    )
    return tagged(
        request,
        response,
        BodyPage(
            items=[_body_out(b, found, depths.get(b.pk, 0)) for b in rows], next_cursor=next_cursor
        ),
    )


@router.get(
    "/organizations/{org}/bodies/{body}",
    response={200: BodyDetail, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="A body: hierarchy, chair rule, powers and meeting series (with gaps)",
)
def get_body(request: HttpRequest, response: HttpResponse, org: str, body: str) -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    found = (
        Body.objects.filter(organization=found_org, slug=body)
        .select_related("reports_to")
        .prefetch_related(
            "subordinates",
            "powers__document_type",
            Prefetch(
                "meetings",
                queryset=access.meetings(viewer, Meeting.objects.all()).order_by("start", "number"),
                to_attr="visible_meetings",
            ),
        )
        .first()
    )
    if found is None:
        refs.body(found_org, body)  # raises NotFound
    depths = _depths(found_org)
    powers: dict[str, list[str]] = {}
    for power in found.powers.all():
        kind = power.document_type.slug if power.document_type_id else "any subject"
        powers.setdefault(power.verb, []).append(kind)
    series = found.visible_meetings
    numbers = sorted({m.number for m in series if m.number is not None})
    gaps = [n for n in range(1, numbers[-1]) if n not in set(numbers)] if numbers else []
    detail = BodyDetail(
        **_body_out(found, found_org, depths.get(found.pk, 0)).model_dump(),
        function=found.function,
        subordinates=[b.slug for b in found.subordinates.all()],
        powers=powers,
        meetings=[
            SeriesEntry(
                number=m.number,
                id=m.slug,
                date=m.partial_date.isoformat(),
                city=m.city or None,
                mode=m.mode,
            )
            for m in series
        ],
        missing_numbers=gaps,
        source=found.source,
        note=found.note,
    )
    return tagged(request, response, detail)


@router.get(
    "/organizations/{org}/bodies/{body}/pending",
    response={200: PendingList, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="What was referred to the body and not yet acted on by it, as of a date",
)
def list_pending(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    on: Annotated[dt.date | None, Query(description="as of this date (default: today)")] = None,
) -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    target = refs.body(found_org, body)
    day = on or timezone.localdate()
    referrals = decisions.pending_for(found_org, target, day)
    shown = visibility.actions(viewer, Action.objects.filter(pk__in=[a.pk for a in referrals]))
    visible = dict(shown.values_list("pk", "target_meeting_visible"))
    items = [
        PendingOut(
            subject=decisions.subject_label(a),
            document=a.document.slug if a.document_id else None,
            item=a.agenda_item.slug if a.agenda_item_id else None,
            event=a.event.slug if a.event_id else None,
            referred_on=a.partial_date.isoformat(),
            referred_by=a.body.slug,
            at_meeting=meeting_ref(a.meeting) if a.meeting_id else None,
            purpose=a.purpose or None,
            to_meeting=(
                meeting_ref(a.target_meeting, target)
                if a.target_meeting_id and visible[a.pk]
                else None
            ),
            note=a.note or None,
        )
        for a in referrals
        if a.pk in visible
    ]
    answer = PendingList(
        organization=found_org.slug, body=target.slug, on=day.isoformat(), items=items
    )
    return tagged(request, response, answer)
