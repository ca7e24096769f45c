"""Organizations (members as of a date, chair, posts) and parties."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router

from accord.accounts import access, refs
from accord.api import security
from accord.api.days import Day
from accord.api.errors import READ_ERRORS
from accord.api.etags import tagged
from accord.api.pagination import CursorParam, Limit, page, str_key
from accord.api.schemas.common import meeting_ref, party_ref, person_ref
from accord.api.schemas.registry import (
    ChairOut,
    HolderOut,
    MembersOut,
    NextChairOut,
    OrganizationDetail,
    OrganizationPage,
    PartyDetail,
    PartyPage,
    PostOut,
    PostsOut,
    PostTurnsOut,
    ProposalOut,
    RotationOut,
    TermOut,
    TurnOut,
    member_out,
    organization_out,
    party_detail,
    party_out,
    status_out,
)
from accord.bodies import selectors as bodies
from accord.bodies.models import ChairRule, ChairTerm, RotationRule
from accord.core.errors import DomainError, NotFound
from accord.registry import selectors as registry
from accord.registry.models import Membership, Organization, Party, PartyKind
from accord.registry.turns import PostTurns, TurnAnswer

router = Router(tags=["organizations"], auth=security.READ)
parties_router = Router(tags=["parties"], auth=security.READ)

OPEN = security.ANONYMOUS_ALLOWED
OnParam = Query(None, description="the date asked about (default: today)")


def _today() -> dt.date:
    return timezone.localdate()


@router.get(
    "/organizations",
    response={200: OrganizationPage, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="Organizations",
)
def list_organizations(
    request: HttpRequest,
    response: HttpResponse,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    rows, next_cursor = page(Organization.objects.all(), [str_key("slug")], cursor, limit)
    return tagged(
        request,
        response,
        OrganizationPage(items=[organization_out(o) for o in rows], next_cursor=next_cursor),
    )


@router.get(
    "/organizations/{org}",
    response={200: OrganizationDetail, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="An organization: statuses and rotation rule",
)
def get_organization(request: HttpRequest, response: HttpResponse, org: str) -> object:
    found = refs.organization(org)
    rotation = RotationRule.objects.filter(organization=found).select_related("handover_body")
    rule = rotation.first()
    detail = OrganizationDetail(
        **organization_out(found).model_dump(),
        description=found.description,
        statuses=[status_out(s) for s in found.statuses.all()],
        rotation=(
            RotationOut(
                order=rule.order,
                sequence=rule.sequence,
                term=rule.term,
                handover_body=rule.handover_body.slug if rule.handover_body else None,
            )
            if rule is not None
            else None
        ),
        source=found.source,
        note=found.note,
    )
    return tagged(request, response, detail)


@router.get(
    "/organizations/{org}/members",
    response={200: MembersOut, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="The parties by status, as of a date",
)
def list_members(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    on: Day | None = OnParam,
    status: Annotated[str | None, Query(description="only this status, e.g. member")] = None,
) -> object:
    found = refs.organization(org)
    day = on or _today()
    if status is not None:
        try:
            registry.status_type(found, status)
        except NotFound as exc:
            raise DomainError(exc.problems) from None
    rows = list(registry.memberships_on(found, day, status))
    counts: dict[str, int] = {}
    for m in rows:
        counts[m.status.slug] = counts.get(m.status.slug, 0) + 1
    answer = MembersOut(
        organization=found.slug,
        on=day.isoformat(),
        status=status,
        counts=counts,
        items=[member_out(m) for m in rows],
    )
    return tagged(request, response, answer)


@router.get(
    "/organizations/{org}/chair",
    response={200: ChairOut, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="Who chairs the organization (or a body, by its chair rule) on a date",
)
def get_chair(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    on: Day | None = OnParam,
    body: Annotated[
        str | None, Query(description="a body slug: its chair, by its chair rule")
    ] = None,
    next: Annotated[
        bool,
        Query(
            description="also who chairs next: the successor decided by the date, else the "
            "rotation's proposal"
        ),
    ] = False,
) -> object:
    found = refs.organization(org)
    day = on or _today()
    try:
        chaired = bodies.body(found, body) if body else None
    except NotFound as exc:
        raise DomainError(exc.problems) from None
    chair = bodies.chair_on(found, day, chaired)
    viewer = security.viewer(request)
    term = _term_out(viewer, chair.term) if chair.term is not None else None
    upcoming = None
    proposal = None
    if next:
        found_next = bodies.next_chair(found, day, chaired)
        upcoming = NextChairOut(
            party=party_ref(found_next.party),
            decided=found_next.term is not None,
            term=_term_out(viewer, found_next.term) if found_next.term else None,
            start=(
                found_next.proposal.interval.start.isoformat()
                if found_next.proposal and found_next.proposal.interval
                else None
            ),
            why=found_next.why,
        )
        # The presidency rotation's proposal, read again only when the next chair was not
        # the presidency's proposal (a decided successor, or a body with its own chair).
        by_presidency = chaired is None or chaired.chair_rule == ChairRule.PRESIDENCY
        try:
            if found_next.proposal is None and by_presidency and found_next.term is None:
                proposal = ProposalOut(party=None, order=[], start=None, why=found_next.why)
            else:
                rotation = found_next.proposal or bodies.propose_next_presidency(found, day)
                proposal = ProposalOut(
                    party=rotation.party,
                    order=rotation.order,
                    start=rotation.interval.start.isoformat() if rotation.interval else None,
                    why=None,
                )
        except NotFound as exc:
            proposal = ProposalOut(party=None, order=[], start=None, why=str(exc))
    answer = ChairOut(
        organization=found.slug,
        body=chaired.slug if chaired else None,
        on=day.isoformat(),
        chair=party_ref(chair.party),
        rule=chair.rule,
        term=term,
        next=upcoming,
        proposed_next=proposal,
    )
    return tagged(request, response, answer)


def _term_out(viewer: access.Viewer, term: ChairTerm) -> TermOut:
    """A chair term; its deciding meeting only when the viewer may read that meeting."""
    decided = term.decided_at
    if decided is not None and not access.meetings(viewer).filter(pk=decided.pk).exists():
        decided = None
    return TermOut(
        start=term.start.isoformat(),
        end=term.end.isoformat() if term.end else None,
        basis=term.basis,
        decided_at=meeting_ref(decided),
        decided_on=decided.end.isoformat() if decided else None,
    )


@router.get(
    "/organizations/{org}/posts",
    response={200: PostsOut, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="Who held each post on a date, and a successor already appointed",
)
def list_posts(
    request: HttpRequest, response: HttpResponse, org: str, on: Day | None = OnParam
) -> object:
    found = refs.organization(org)
    day = on or _today()
    items = []
    for answer in registry.post_holders_on(found, day):
        post, holding, upcoming = answer.post, answer.holder, answer.next
        items.append(
            PostOut(
                post=post.slug,
                name=post.name,
                holder=(
                    HolderOut(
                        person=person_ref(holding.person),
                        start=holding.start.isoformat(),
                        end=holding.end.isoformat() if holding.end else None,
                        acting=holding.acting,
                    )
                    if holding
                    else None
                ),
                next=(
                    HolderOut(
                        person=person_ref(upcoming.person),
                        start=upcoming.start.isoformat(),
                        end=upcoming.end.isoformat() if upcoming.end else None,
                        acting=upcoming.acting,
                    )
                    if upcoming
                    else None
                ),
                vacant_since=answer.vacant_since.isoformat() if answer.vacant_since else None,
                rotation=turns_out(answer.turns) if answer.turns else None,
            )
        )
    return tagged(
        request, response, PostsOut(organization=found.slug, on=day.isoformat(), items=items)
    )


def _turn_out(turn: TurnAnswer | None) -> TurnOut | None:
    if turn is None:
        return None
    return TurnOut(
        party=party_ref(turn.party),
        start=turn.start.isoformat(),
        end=turn.end.isoformat() if turn.end else None,
        decided=turn.decided,
        holders=[person_ref(h.person) for h in turn.holders],
        cut_short=turn.cut_short,
        held_until=turn.held_until.isoformat() if turn.held_until else None,
        overdue=turn.overdue,
    )


def turns_out(turns: PostTurns) -> PostTurnsOut:
    rule = turns.rotation
    return PostTurnsOut(
        order=rule.order,
        language=rule.language or None,
        sequence=rule.sequence,
        term_years=rule.term_years,
        turn=_turn_out(turns.current),
        next_turn=_turn_out(turns.next),
    )


# --- parties -------------------------------------------------------------------------


@parties_router.get(
    "/parties",
    response={200: PartyPage, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="Parties: states, international organizations, agencies",
)
def list_parties(
    request: HttpRequest,
    response: HttpResponse,
    kind: Annotated[PartyKind | None, Query(description="state, organization or agency")] = None,
    q: Annotated[str | None, Query(description="code or name contains")] = None,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    rows = Party.objects.select_related("parent")
    if kind is not None:
        rows = rows.filter(kind=kind)
    if q:
        rows = rows.filter(Q(code__icontains=q) | Q(name__icontains=q))
    found, next_cursor = page(rows, [str_key("code")], cursor, limit)
    return tagged(
        request, response, PartyPage(items=[party_out(p) for p in found], next_cursor=next_cursor)
    )


@parties_router.get(
    "/parties/{code}",
    response={200: PartyDetail, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="A party, its parts and its standing in each organization",
)
def get_party(request: HttpRequest, response: HttpResponse, code: str) -> object:
    return tagged(request, response, party_detail(party_with_standing(code)))


def party_with_standing(code: str) -> Party:
    """The party `code` with its parts and memberships (404 when there is none)."""
    found = (
        Party.objects.filter(code=code)
        .select_related("parent")
        .prefetch_related(
            "parts",
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organization", "status").order_by(
                    "organization__slug", "start"
                ),
            ),
        )
        .first()
    )
    if found is None:
        raise NotFound.at("party", f"no party {code!r}")
    return found
