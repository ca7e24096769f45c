"""Who stands where, written: memberships of parties (one status at a time), chair
terms (one chair at a time), people, and the holders of posts (one at a time)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Header, Router, Status

from accord.accounts import access, refs
from accord.api import security
from accord.api.days import KeyDay
from accord.api.errors import READ_ERRORS, UPDATE_ERRORS, WRITE_ERRORS, Conflict
from accord.api.etags import check_if_match, require_if_match, tagged, written
from accord.api.routers.registry import parties_router, party_with_standing
from accord.api.schemas.registry import PartyDetail, party_detail
from accord.api.schemas.standing import (
    ChairTermIn,
    ChairTermOut,
    HoldingIn,
    HoldingOut,
    MembershipIn,
    MembershipOut,
    MembershipPatch,
    PartyIn,
    PartyPatch,
    PersonIn,
    PersonOut,
    PersonPatch,
    chair_term_out,
    holding_out,
    membership_out,
    person_out,
)
from accord.bodies import services as body_services
from accord.bodies.inputs import ChairTermFields
from accord.bodies.models import ChairTerm
from accord.core.errors import DomainError, NotFound, Problem
from accord.registry import actions as registry_actions
from accord.registry import services as registry_services
from accord.registry.inputs import HoldingFields, PersonFields
from accord.registry.models import (
    Membership,
    MembershipStatus,
    Organization,
    Party,
    Person,
    PostHolding,
)
from accord.registry.selectors import posts_of

router = Router(tags=["organizations"], auth=security.READ)
OPEN = security.ANONYMOUS_ALLOWED
IfMatch = Header(None, alias="If-Match", description="the ETag of the object as you read it")
# The services name the ends of an interval as record files do (from, to).
_ENDS = {"from": "start", "to": "end", "appointed": "appointed_on"}


def _in_api_terms(exc: DomainError) -> DomainError:
    return DomainError(Problem(_ENDS.get(p.field, p.field), p.reason) for p in exc.problems)


def _status(org: Organization, slug: str, field: str) -> MembershipStatus:
    found = MembershipStatus.objects.filter(organization=org, slug=slug).first()
    if found is None:
        raise DomainError.at(field, f"{org.slug} has no status {slug!r}")
    return found


def _text(changes: dict[str, Any], name: str, current: str) -> str:
    """A text field after a PATCH: sent (null clears it) or kept."""
    return (changes[name] or "") if name in changes else current


# --- memberships -------------------------------------------------------------------------

MEMBERSHIPS = "/organizations/{org}/memberships"
MEMBERSHIP = MEMBERSHIPS + "/{code}/{start}"


def _membership(org: Organization, code: str, start: dt.date) -> Membership:
    found = (
        Membership.objects.filter(organization=org, party__code=code, start=start)
        .select_related("organization", "party", "status")
        .first()
    )
    if found is None:
        raise NotFound.at("membership", f"{code} has no standing in {org.slug} from {start}")
    return found


@router.get(
    MEMBERSHIP,
    response={200: MembershipOut, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="A party's standing in the organization that began on `start`",
)
def get_membership(
    request: HttpRequest, response: HttpResponse, org: str, code: str, start: KeyDay
) -> object:
    found = _membership(refs.organization(org), code, start)
    return tagged(request, response, membership_out(found))


@router.post(
    MEMBERSHIPS,
    response={201: MembershipOut, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record a party's standing (member, observer, partner ...) over a period",
    description=(
        "A party holds one status at a time: a standing that overlaps another of the same"
        " party is refused (422, field `start`), as is a status the organization did not"
        " have over the whole period. 409 when the party already has a standing from that"
        " day (change it with PATCH)."
    ),
)
def create_membership(
    request: HttpRequest, response: HttpResponse, org: str, payload: MembershipIn
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org = refs.organization(org)
        access.require_edit(viewer, found_org)
        party = refs.party_at(payload.party, "party")
        if party is None:  # never: the party is required
            raise DomainError.at("party", "name the party")
        if taken := registry_services.claim_standing_start(found_org, party, payload.start):
            raise Conflict(taken)
        status = _status(found_org, payload.status, "status")
        try:
            registry_services.save_membership(
                found_org,
                party,
                status,
                payload.start,
                payload.end,
                source=payload.source,
                note=payload.note,
            )
        except DomainError as exc:
            raise _in_api_terms(exc) from None
        answer = membership_out(_membership(found_org, party.code, payload.start))
    response["Location"] = request.build_absolute_uri(
        f"{request.path.rstrip('/')}/{party.code}/{payload.start}"
    )
    return Status(201, written(response, answer))


@router.patch(
    MEMBERSHIP,
    response={200: MembershipOut, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Change a standing: its status, its end (null: still held), its source",
    description=(
        "The same rules as a new standing (no overlap with the party's others). Send"
        " If-Match with the ETag of the standing as you read it: without it 428, with an"
        " outdated one 412; nothing is written in either case."
    ),
)
def update_membership(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    code: str,
    start: KeyDay,
    payload: MembershipPatch,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    changes = payload.model_dump(exclude_unset=True)
    with security.writing(request):
        found_org = refs.organization(org)
        found = _membership(found_org, code, start)
        access.require_edit(viewer, found_org)
        held = require_if_match(if_match)
        found = (
            Membership.objects.select_for_update(no_key=True, of=("self",))
            .select_related("organization", "party", "status")
            .get(pk=found.pk)
        )
        check_if_match(held, membership_out(found))
        status = (
            _status(found_org, changes["status"], "status")
            if changes.get("status") is not None
            else found.status
        )
        try:
            registry_services.save_membership(
                found_org,
                found.party,
                status,
                found.start,
                changes.get("end", found.end),
                source=_text(changes, "source", found.source),
                note=_text(changes, "note", found.note),
            )
        except DomainError as exc:
            raise _in_api_terms(exc) from None
        answer = membership_out(_membership(found_org, code, start))
    return written(response, answer)


@router.delete(
    MEMBERSHIP,
    response={204: None, **UPDATE_ERRORS},
    auth=security.WRITE,
    summary="Remove a standing recorded in error",
    description=(
        "409 while the record relies on it: a member's standing under which the party held"
        " a position, took part as a member delegation, or chaired. Send If-Match with the"
        " ETag of the standing as you read it: without it 428, with an outdated one 412."
    ),
)
def remove_membership(
    request: HttpRequest, org: str, code: str, start: KeyDay, if_match: str | None = IfMatch
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org = refs.organization(org)
        found = _membership(found_org, code, start)
        access.require_edit(viewer, found_org)
        held = require_if_match(if_match)
        check_if_match(held, membership_out(found))
        registry_services.remove_membership(found)
    return Status(204, None)


# --- chair terms ---------------------------------------------------------------------------


@router.post(
    "/organizations/{org}/chair-terms",
    response={201: ChairTermOut, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record a chair term: a member chairs the organization (or a body) over a period",
    description=(
        "Terms of one chairmanship never overlap (422, field `start`); the party must be a"
        " member when the term begins (422, field `party`). 409 when the chairmanship"
        " already has a term from that day."
    ),
)
def create_chair_term(
    request: HttpRequest, response: HttpResponse, org: str, payload: ChairTermIn
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org = refs.organization(org)
        access.require_edit(viewer, found_org)
        party = refs.party_at(payload.party, "party")
        if party is None:  # never: the party is required
            raise DomainError.at("party", "name the party")
        body = refs.body_at(found_org, payload.body, "body")
        decided_at = None
        if payload.decided_at is not None:
            decided_body = refs.body_at(found_org, payload.decided_at.body, "decided_at.body")
            decided_at = refs.meeting_at(
                viewer, found_org, decided_body, payload.decided_at.meeting, "decided_at.meeting"
            )
        if taken := body_services.claim_term_start(found_org, body, payload.start):
            raise Conflict(taken)
        try:
            term = body_services.save_chair_term(
                found_org,
                body,
                party,
                payload.start,
                payload.end,
                ChairTermFields(
                    basis=payload.basis.value,
                    decided_at=decided_at,
                    source=payload.source,
                    note=payload.note,
                ),
            )
        except DomainError as exc:
            raise _in_api_terms(exc) from None
        row = ChairTerm.objects.select_related(
            "organization", "body", "party", "decided_at__body"
        ).get(pk=term.pk)
        answer = chair_term_out(row)
    return Status(201, written(response, answer))


# --- people --------------------------------------------------------------------------------


@router.get(
    "/people/{slug}",
    response={200: PersonOut, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="A person",
    description=(
        "404 unless the person holds a post, or took part or spoke at a meeting you may"
        " read (the secretariat also reads a person recorded nowhere yet)."
    ),
)
def get_person(request: HttpRequest, response: HttpResponse, slug: str) -> object:
    viewer = security.viewer(request)
    return tagged(request, response, person_out(access.person(viewer, slug)))


@router.post(
    "/people",
    response={201: PersonOut, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record a person (a delegate, an official)",
    description="An organization's secretariat or an administrator; 409 when the id is taken.",
)
def create_person(request: HttpRequest, response: HttpResponse, payload: PersonIn) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        registry_actions.create_person(
            viewer,
            payload.id,
            PersonFields(
                name=payload.name,
                names=payload.names,
                party=refs.party_at(payload.party, "party"),
                source=payload.source,
                note=payload.note,
            ),
        )
        answer = person_out(access.person(viewer, payload.id))
    response["Location"] = request.build_absolute_uri(f"{request.path.rstrip('/')}/{payload.id}")
    return Status(201, written(response, answer))


@router.patch(
    "/people/{slug}",
    response={200: PersonOut, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Change a person's name, its translations or nationality",
    description=(
        "Send If-Match with the ETag of the person as you read it: without it 428, with an"
        " outdated one 412; nothing is written in either case."
    ),
)
def update_person(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    payload: PersonPatch,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    changes = payload.model_dump(exclude_unset=True)
    with security.writing(request):
        found = access.person(viewer, slug)
        access.require_edit_shared(viewer)
        held = require_if_match(if_match)
        found = (
            Person.objects.select_for_update(of=("self",)).select_related("party").get(pk=found.pk)
        )
        check_if_match(held, person_out(found))
        values: dict[str, Any] = {}
        for name in ("name", "names", "source", "note"):
            if name in changes:
                values[name] = (
                    changes[name] if changes[name] is not None else type(getattr(found, name))()
                )
        if "party" in changes:
            values["party"] = refs.party_at(changes["party"], "party")
        registry_services.save_person(slug, PersonFields(**values))
        answer = person_out(access.person(viewer, slug))
    return written(response, answer)


# --- post holders --------------------------------------------------------------------------


@router.post(
    "/organizations/{org}/posts/{post}/holders",
    response={201: HoldingOut, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record who holds a post over a term (a successor may be appointed ahead)",
    description=(
        "A post has one holder at a time: a term overlapping another is refused (422, field"
        " `start`). 409 when the post already has a term from that day."
    ),
)
def create_holding(
    request: HttpRequest, response: HttpResponse, org: str, post: str, payload: HoldingIn
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org = refs.organization(org)
        found = posts_of(found_org).filter(slug=post).first()
        if found is None:
            raise NotFound.at("post", f"{found_org.slug} has no post {post!r}")
        access.require_edit(viewer, found_org)
        person = refs.person_at(payload.person, "person")
        if person is None:  # never: the person is required
            raise DomainError.at("person", "name the person")
        if taken := registry_services.claim_holding_start(found, payload.start):
            raise Conflict(taken)
        try:
            holding = registry_services.save_holding(
                found,
                person,
                payload.start,
                payload.end,
                HoldingFields(
                    appointed_on=payload.appointed_on,
                    acting=payload.acting,
                    source=payload.source,
                    note=payload.note,
                ),
            )
        except DomainError as exc:
            raise _in_api_terms(exc) from None
        row = PostHolding.objects.select_related("post__organization", "person").get(pk=holding.pk)
        answer = holding_out(row)
    return Status(201, written(response, answer))


# --- parties -----------------------------------------------------------------------------


# Operations on a path another router serves must be that router's own (Django resolves
# the path to one view): the parties' writes join the parties' reads.
@parties_router.post(
    "/parties",
    response={201: PartyDetail, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record a party: a state (by its ISO code), an organization or an agency",
    description=(
        "A state is named by its ISO 3166 code, and named from ISO data unless a name is"
        " given; an agency names the party it is part of. An organization's secretariat or"
        " an administrator; 409 when the code is taken."
    ),
)
def create_party(request: HttpRequest, response: HttpResponse, payload: PartyIn) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        access.require_edit_shared(viewer)
        if taken := registry_services.claim_party_code(payload.code):
            raise Conflict(taken)
        registry_services.save_party(
            payload.code,
            payload.kind.value,
            name=payload.name,
            names=payload.names,
            parent=refs.party_at(payload.parent, "parent"),
            source=payload.source,
        )
        answer = party_detail(party_with_standing(payload.code))
    response["Location"] = request.build_absolute_uri(f"{request.path.rstrip('/')}/{payload.code}")
    return Status(201, written(response, answer))


@parties_router.patch(
    "/parties/{code}",
    response={200: PartyDetail, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Change a party's name, its translations, the party it is part of",
    description=(
        "Send If-Match with the ETag of the party as you read it: without it 428, with an"
        " outdated one 412; nothing is written in either case."
    ),
)
def update_party(
    request: HttpRequest,
    response: HttpResponse,
    code: str,
    payload: PartyPatch,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    changes = payload.model_dump(exclude_unset=True)
    with security.writing(request):
        current = party_detail(party_with_standing(code))
        access.require_edit_shared(viewer)
        held = require_if_match(if_match)
        found = (
            Party.objects.select_for_update(of=("self",)).select_related("parent").get(code=code)
        )
        check_if_match(held, current)
        registry_services.save_party(
            code,
            found.kind,
            name=_text(changes, "name", found.name),
            names=changes["names"] or {} if "names" in changes else found.names,
            parent=refs.party_at(changes["parent"], "parent")
            if "parent" in changes
            else found.parent,
            source=_text(changes, "source", found.source),
        )
        answer = party_detail(party_with_standing(code))
    return written(response, answer)
