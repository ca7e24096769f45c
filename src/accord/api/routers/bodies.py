"""Bodies: the hierarchy, one body (powers, meeting series), what is pending for it."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Header, Query, Router, Status

from accord.accounts import access, refs, visibility
from accord.api import security
from accord.api.days import Day
from accord.api.errors import READ_ERRORS, UPDATE_ERRORS, WRITE_ERRORS, Conflict
from accord.api.etags import check_if_match, require_if_match, tagged, written
from accord.api.pagination import CursorParam, Limit, int_key, page, str_key
from accord.api.schemas.bodies import (
    ANY_SUBJECT,
    BodyDetail,
    BodyIn,
    BodyOut,
    BodyPage,
    BodyPatch,
    PendingList,
    PendingOut,
    SeriesEntry,
)
from accord.api.schemas.common import meeting_ref
from accord.bodies import services as body_services
from accord.bodies.inputs import BodyFields
from accord.bodies.models import Body
from accord.core.errors import DomainError, NotFound, Problem
from accord.core.models import as_recorded
from accord.decisions import selectors as decisions
from accord.decisions.models import Action
from accord.documents.models import DocumentType
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
        reports_to=body.reports_to.slug if body.reports_to else None,
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
    return tagged(request, response, body_detail(viewer, refs.organization(org), body))


def body_detail(viewer: access.Viewer, found_org: Organization, body: str) -> BodyDetail:
    """The body `body` of `found_org` as `viewer` sees it (404 when there is none)."""
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
        refs.body(found_org, body)  # raises NotFound, naming the bodies there are
        raise NotFound.at("body", f"{found_org.slug} has no body {body!r}")
    depths = _depths(found_org)
    powers: dict[str, list[str]] = {}
    for power in found.powers.all():
        kind = power.document_type.slug if power.document_type else ANY_SUBJECT
        powers.setdefault(power.verb, []).append(kind)
    series = found.visible_meetings
    numbers = sorted({m.number for m in series if m.number is not None})
    gaps = [n for n in range(1, numbers[-1]) if n not in set(numbers)] if numbers else []
    return BodyDetail(
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
    on: Annotated[Day | None, Query(description="as of this date (default: today)")] = None,
    only_overdue: Annotated[
        bool, Query(description="only the overdue ones: their meeting was held without acting")
    ] = False,
) -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    target = refs.body(found_org, body)
    day = on or timezone.localdate()
    referrals = decisions.pending_for(viewer, found_org, target, day)
    shown = visibility.actions(viewer, Action.objects.filter(pk__in=[a.pk for a in referrals]))
    visible = dict(shown.values_list("pk", "target_meeting_visible"))
    items = [
        PendingOut(
            subject=decisions.subject_label(a),
            document=a.document.slug if a.document else None,
            item=a.agenda_item.slug if a.agenda_item else None,
            event=a.event.slug if a.event else None,
            referred_on=as_recorded(a),
            referred_by=a.body.slug,
            at_meeting=meeting_ref(a.meeting) if a.meeting_id else None,
            purpose=a.purpose or None,
            to_meeting=(
                meeting_ref(a.target_meeting, target)
                if a.target_meeting_id and visible[a.pk]
                else None
            ),
            overdue=decisions.overdue(a, day, target_visible=visible[a.pk]),
            note=a.note or None,
        )
        for a in referrals
        if a.pk in visible
        and (not only_overdue or decisions.overdue(a, day, target_visible=visible[a.pk]))
    ]
    answer = PendingList(
        organization=found_org.slug, body=target.slug, on=day.isoformat(), items=items
    )
    return tagged(request, response, answer)


# --- writes ----------------------------------------------------------------------------

BODIES = "/organizations/{org}/bodies"
BODY = BODIES + "/{body}"
IfMatch = Header(None, alias="If-Match", description="the ETag of the body as you read it")
_BODY_FIELDS = [
    "name", "names", "short_name", "reports_to", "founded_on", "meets_since", "chair_rule",
    "decision_rule", "function", "rank", "source", "note",
]  # fmt: skip
_BODY_TEXTS = ("name", "names", "short_name", "decision_rule", "function", "source", "note")


def _body_values(
    org: Organization, changes: dict[str, Any], values: dict[str, Any]
) -> dict[str, Any]:
    """`values` (a body's stored fields) with `changes` (request fields) applied."""
    changes = {name: getattr(value, "value", value) for name, value in changes.items()}
    for name in _BODY_TEXTS:
        if name in changes:
            values[name] = changes[name] if changes[name] is not None else type(values[name])()
    for name, stored in (("founded", "founded_on"), ("meets_since", "meets_since")):
        if name in changes:
            values[stored] = changes[name]
    if changes.get("chair_rule") is not None:
        values["chair_rule"] = changes["chair_rule"]
    if changes.get("rank") is not None:
        values["rank"] = changes["rank"]
    if "reports_to" in changes:
        values["reports_to"] = refs.body_at(org, changes["reports_to"], "reports_to")
    return values


def _powers(
    org: Organization, powers: dict[str, list[str]]
) -> list[tuple[str, DocumentType | None]]:
    """(verb, document type or None) for each verb's subjects ('any subject': any); each
    verb one of the organization's."""
    slugs = {kind for kinds in powers.values() for kind in kinds if kind != ANY_SUBJECT}
    found = {t.slug: t for t in DocumentType.objects.filter(organization=org, slug__in=slugs)}
    verbs = decisions.verbs_of(org)
    problems = [
        Problem(
            f"powers.{verb}",
            f"{verb!r} is not a verb of {org.slug} (one of: {', '.join(verbs.keys)})",
        )
        for verb in powers
        if verb not in verbs
    ]
    problems += [
        Problem(f"powers.{verb}[{i}]", f"{org.slug} has no document type {kind!r}")
        for verb, kinds in powers.items()
        for i, kind in enumerate(kinds)
        if kind != ANY_SUBJECT and kind not in found
    ]
    if problems:
        raise DomainError(problems)
    return [
        (verb, None if kind == ANY_SUBJECT else found[kind])
        for verb, kinds in powers.items()
        for kind in kinds
    ]


@router.post(
    BODIES,
    response={201: BodyDetail, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record a body of the organization, with its place and powers",
    description=(
        "Only the organization's secretariat; 409 when the id is taken; 422 when the body"
        " it reports to would report back to it."
    ),
)
def create_body(request: HttpRequest, response: HttpResponse, org: str, payload: BodyIn) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org = refs.organization(org)
        access.require_edit(viewer, found_org)
        if taken := body_services.claim_body_slug(found_org, payload.id):
            raise Conflict(taken)
        initial: dict[str, Any] = {
            "names": {}, "short_name": "", "reports_to": None, "founded_on": None,
            "meets_since": None, "chair_rule": "presidency", "decision_rule": "", "function": "",
            "rank": 0, "source": "", "note": "",
        }  # fmt: skip
        changes = payload.model_dump(exclude={"id", "powers"})
        created = body_services.save_body(
            found_org, payload.id, BodyFields(**_body_values(found_org, changes, initial))
        )
        body_services.set_powers(created, _powers(found_org, payload.powers))
        answer = written(response, body_detail(viewer, found_org, payload.id))
    response["Location"] = request.build_absolute_uri(f"{request.path.rstrip('/')}/{payload.id}")
    return Status(201, answer)


@router.patch(
    BODY,
    response={200: BodyDetail, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Change a body: names, place in the hierarchy, chair and decision rules, powers",
    description=(
        "`powers`, when sent, is the whole set. Send If-Match with the ETag of the body as"
        " you read it: without it 428, with an outdated one 412; nothing is written in"
        " either case."
    ),
)
def update_body(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    payload: BodyPatch,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    changes = payload.model_dump(exclude_unset=True)
    with security.writing(request):
        found_org = refs.organization(org)
        current = body_detail(viewer, found_org, body)
        access.require_edit(viewer, found_org)
        held = require_if_match(if_match)
        found = (
            Body.objects.select_for_update(of=("self",))
            .select_related("reports_to")
            .get(organization=found_org, slug=body)
        )
        check_if_match(held, current)
        values = _body_values(
            found_org, changes, {name: getattr(found, name) for name in _BODY_FIELDS}
        )
        body_services.save_body(found_org, body, BodyFields(**values))
        if changes.get("powers") is not None:
            body_services.set_powers(found, _powers(found_org, payload.powers or {}))
        return written(response, body_detail(viewer, found_org, body))
