"""A meeting's actions, decisions and the positions on them: read one, record, change or
remove it."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from ninja import Status

from accord.accounts import refs, visibility
from accord.accounts.access import Viewer
from accord.api import security
from accord.api.errors import READ_ERRORS, UPDATE_ERRORS, WRITE_ERRORS
from accord.api.etags import etag_of, require_if_match, tagged, written
from accord.api.routers.meeting_common import (
    BASE,
    OPEN,
    IfMatch,
    find,
    parties_named,
    router,
)
from accord.api.schemas.common import meeting_ref, party_ref
from accord.api.schemas.decides import refs_in
from accord.api.schemas.meetings import (
    ActionIn,
    DecisionIn,
    DecisionPatch,
    PositionDetail,
    PositionPut,
    VotesIn,
)
from accord.bodies.models import Body
from accord.core.dates import PartialDate
from accord.core.errors import NotFound
from accord.core.fields import KEEP, Keep
from accord.decisions import actions as decision_actions
from accord.decisions import decides
from accord.decisions import selectors as decision_selectors
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.decisions.models import Action, Decision
from accord.documents.models import Document
from accord.meetings.models import Meeting
from accord.meetings.record import (
    ACTION_OUT_RELATED,
    ActionOut,
    DecisionOut,
    action_out,
    decision_out,
)
from accord.registry.models import Organization, Party

T = TypeVar("T")


@router.get(
    BASE + "/{ref}/decisions/{decision}",
    response={200: DecisionOut, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="A decision taken (or open) at the meeting, with the positions",
)
def get_decision(
    request: HttpRequest, response: HttpResponse, org: str, body: str, ref: str, decision: str
) -> object:
    viewer = security.viewer(request)
    _, found_body, found = find(viewer, org, body, ref)
    return tagged(request, response, _decision_of(viewer, found, found_body, decision))


def _decision_of(viewer: Viewer, meeting: Meeting, body: Body, slug: str) -> DecisionOut:
    row = (
        visibility.decisions(viewer, Decision.objects.filter(meeting=meeting, slug=slug))
        .prefetch_related(
            Prefetch("positions", queryset=visibility.positions(viewer)),
            decides.effects_prefetch(),
        )
        .first()
    )
    if row is None:
        raise NotFound.at("decision", f"no decision {slug!r} at this meeting")
    row.meeting = meeting  # read already: the decision's day defaults to its last day
    return decision_out(row, body)


def position_out(
    meeting: Meeting, decision: Decision, party: Party, seen: decision_selectors.PositionSeen
) -> PositionDetail:
    return PositionDetail(
        decision=decision.slug,
        meeting=meeting_ref(meeting),
        party=party_ref(party),
        stance=seen.stance,
        statement=seen.statement,
        recorded=seen.recorded,
    )


@router.get(
    BASE + "/{ref}/decisions/{decision}/positions/{code}",
    response={200: PositionDetail, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="A party's position on a decision (stance null: not recorded yet)",
)
def get_position(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    decision: str,
    code: str,
) -> object:
    viewer = security.viewer(request)
    _, _, found = find(viewer, org, body, ref)
    found_decision = refs.decision(viewer, found, decision)
    party = refs.party(code)
    seen = decision_selectors.position_seen(viewer, found_decision, party)
    return tagged(request, response, position_out(found, found_decision, party, seen), version=seen)


@router.post(
    BASE + "/{ref}/actions",
    response={201: ActionOut, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record what the body did at the meeting (approved, submitted to ...)",
    description=(
        "The body's powers must allow the verb on the subject; a referral (submitted)"
        " names the body it goes to (`to`)."
    ),
)
def create_action(
    request: HttpRequest, response: HttpResponse, org: str, body: str, ref: str, payload: ActionIn
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org, found_body, found = find(viewer, org, body, ref)
        when = PartialDate.parse(payload.date) if payload.date is not None else found.partial_date
        target = refs.body_at(found_org, payload.to, "to")
        fields = ActionFields(
            meeting=found,
            date=when.value,
            date_precision=when.precision.value,
            verb=payload.verb,
            document=refs.document_at(viewer, found_org, payload.document, "document"),
            agenda_item=refs.item_at(viewer, found, payload.item, "item"),
            event=refs.event_at(viewer, found_org, payload.event, "event"),
            target_body=target,
            target_meeting=refs.meeting_at(
                viewer, found_org, target, payload.to_meeting, "to_meeting"
            ),
            target_post=refs.post_at(found_org, payload.to_post, "to_post"),
            target_organization=payload.to_organization,
            target_organization_names=payload.to_organization_names,
            reference=payload.reference,
            by_person=refs.person_at(payload.by, "by"),
            purpose=payload.purpose,
            classification=payload.classification.value,
            source=payload.source,
            note=payload.note,
        )
        created = decision_actions.record_action(viewer, found_body, fields)
        row = (
            visibility.actions(viewer, Action.objects.filter(pk=created.pk))
            .select_related(*ACTION_OUT_RELATED)
            .get()
        )
        answer = action_out(row)
    response["ETag"] = etag_of(answer)
    return Status(201, answer)


@router.post(
    BASE + "/{ref}/decisions",
    response={201: DecisionOut, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Put a decision to the meeting, with the positions recorded so far",
    description="Only members on the meeting date hold a position; 409 when the id is taken.",
)
def create_decision(
    request: HttpRequest, response: HttpResponse, org: str, body: str, ref: str, payload: DecisionIn
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org, found_body, found = find(viewer, org, body, ref)
        parties = parties_named([p.party for p in payload.positions], "positions[{}].party")
        decision_actions.create_decision(
            viewer,
            found,
            payload.id,
            _decision_in(
                payload, refs.document_at(viewer, found_org, payload.document, "document")
            ),
            [
                (party, p.stance.value, p.statement)
                for party, p in zip(parties, payload.positions, strict=True)
            ],
            refs_in(payload.decides),
        )
        answer = _decision_of(viewer, found, found_body, payload.id)
    response["ETag"] = etag_of(answer)
    response["Location"] = request.build_absolute_uri(f"{request.path.rstrip('/')}/{payload.id}")
    return Status(201, answer)


@router.put(
    BASE + "/{ref}/decisions/{decision}/positions/{code}",
    response={200: PositionDetail, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Record a party's position on an open decision",
    description=(
        "A delegation records its own state's position; the secretariat any member's."
        " Send If-Match with the ETag of the position as you read it (428 without, 412 if"
        " outdated)."
    ),
)
def put_position(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    decision: str,
    code: str,
    payload: PositionPut,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    with security.acting(request):
        _, _, found = find(viewer, org, body, ref)
        found_decision = refs.decision(viewer, found, decision)
        party = refs.party(code)
        decision_actions.record_position(
            viewer,
            found_decision,
            party,
            payload.stance.value,
            payload.statement,
            expected_version=require_if_match(if_match),
        )
        seen = decision_selectors.position_seen(viewer, found_decision, party)
    return written(response, position_out(found, found_decision, party, seen), version=seen)


def _action_of(viewer: Viewer, meeting: Meeting, position: int) -> tuple[Action, ActionOut]:
    row = (
        visibility.actions(viewer, Action.objects.filter(meeting=meeting, position=position))
        .select_related(*ACTION_OUT_RELATED)
        .first()
    )
    if row is None:
        raise NotFound.at("action", f"no action {position} at this meeting")
    return row, action_out(row)


@router.get(
    BASE + "/{ref}/actions/{position}",
    response={200: ActionOut, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="One action of the meeting, by its position in the meeting's actions",
)
def get_action(
    request: HttpRequest, response: HttpResponse, org: str, body: str, ref: str, position: int
) -> object:
    viewer = security.viewer(request)
    _, _, found = find(viewer, org, body, ref)
    return tagged(request, response, _action_of(viewer, found, position)[1])


@router.delete(
    BASE + "/{ref}/actions/{position}",
    response={204: None, **UPDATE_ERRORS},
    auth=security.WRITE,
    summary="Remove an action of the meeting (the others keep their positions)",
    description=(
        "Send If-Match with the ETag of the action as you read it: without it 428, with an"
        " outdated one 412; nothing is removed in either case."
    ),
)
def remove_action(
    request: HttpRequest,
    org: str,
    body: str,
    ref: str,
    position: int,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        _, _, found = find(viewer, org, body, ref)
        row, _ = _action_of(viewer, found, position)
        decision_actions.remove_action(
            viewer, row, expected_version=require_if_match(if_match), version_of=action_out
        )
    return Status(204, None)


def _decision_for_change(
    viewer: Viewer, org: str, body: str, ref: str, decision: str, if_match: str | None
) -> tuple[Organization, Body, Meeting, Decision, str]:
    """The decision a change names (404 when not readable) and the version it names in
    If-Match (428 without one); the use case checks the rest."""
    found_org, found_body, found = find(viewer, org, body, ref)
    found_decision = refs.decision(viewer, found, decision)
    return found_org, found_body, found, found_decision, require_if_match(if_match)


@router.patch(
    BASE + "/{ref}/decisions/{decision}",
    response={200: DecisionOut, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Change a decision: its title, document, classification; open or close it",
    description=(
        "Positions are recorded one by one (PUT .../positions/{code}). Send If-Match with"
        " the ETag of the decision as you read it: without it 428, with an outdated one"
        " 412; nothing is written in either case."
    ),
)
def update_decision(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    decision: str,
    payload: DecisionPatch,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    changes = payload.model_dump(exclude_unset=True)
    with security.writing(request):
        found_org, found_body, found, row, held = _decision_for_change(
            viewer, org, body, ref, decision, if_match
        )
        document = (
            refs.document_at(viewer, found_org, payload.document, "document")
            if "document" in changes
            else KEEP
        )
        decision_actions.change_decision(
            viewer,
            row,
            _decision_changes(changes, payload, document),
            open=changes.get("open"),
            decides=refs_in(payload.decides) if payload.decides is not None else None,
            expected_version=held,
            version_of=lambda locked: _decision_of(viewer, found, found_body, decision),
        )
        answer = _decision_of(viewer, found, found_body, decision)
    response["ETag"] = etag_of(answer)
    return answer


@router.delete(
    BASE + "/{ref}/decisions/{decision}",
    response={204: None, **UPDATE_ERRORS},
    auth=security.WRITE,
    summary="Remove a decision put to the meeting, with its positions",
    description=(
        "Send If-Match with the ETag of the decision as you read it: without it 428, with"
        " an outdated one 412; nothing is removed in either case."
    ),
)
def remove_decision(
    request: HttpRequest,
    org: str,
    body: str,
    ref: str,
    decision: str,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        _, found_body, found, row, held = _decision_for_change(
            viewer, org, body, ref, decision, if_match
        )
        decision_actions.remove_decision(
            viewer,
            row,
            expected_version=held,
            version_of=lambda locked: _decision_of(viewer, found, found_body, decision),
        )
    return Status(204, None)


def _decision_in(payload: DecisionIn, document: Document | None) -> DecisionFields:
    """A new decision's fields as the payload gives them; without an outcome it is open
    when `open`, else its positions give it."""
    outcome = payload.outcome.value if payload.outcome else ("open" if payload.open else None)
    votes = payload.votes or VotesIn(in_favour=None, against=None, abstaining=None)
    return DecisionFields(
        title=payload.title,
        titles=payload.titles,
        document=document,
        outcome=outcome,
        procedure=payload.procedure.value if payload.procedure else "",
        votes_in_favour=votes.in_favour,
        votes_against=votes.against,
        votes_abstaining=votes.abstaining,
        date=payload.date,
        order=payload.order,
        classification=payload.classification.value,
        source=payload.source,
        note=payload.note,
    )


def _changed(changes: dict[str, Any], name: str, value: T | None, empty: T) -> T | Keep:
    """What a PATCH gives for `name`: left out, kept; null, `empty`."""
    if name not in changes:
        return KEEP
    return value if value is not None else empty


def _decision_changes(
    changes: dict[str, Any], payload: DecisionPatch, document: Document | Keep | None
) -> DecisionFields:
    """The fields a PATCH changes (`open` goes to the use case, which knows whether the
    decision is open)."""
    votes = payload.votes or VotesIn(in_favour=None, against=None, abstaining=None)
    counted = "votes" in changes
    return DecisionFields(
        title=_changed(changes, "title", payload.title, ""),
        titles=_changed(changes, "titles", payload.titles, {}),
        document=document,
        outcome=payload.outcome.value if payload.outcome is not None else KEEP,
        procedure=_changed(
            changes, "procedure", payload.procedure.value if payload.procedure else "", ""
        ),
        votes_in_favour=votes.in_favour if counted else KEEP,
        votes_against=votes.against if counted else KEEP,
        votes_abstaining=votes.abstaining if counted else KEEP,
        date=payload.date if "date" in changes else KEEP,
        order=payload.order if payload.order is not None else KEEP,
        classification=(
            payload.classification.value if payload.classification is not None else KEEP
        ),
        source=_changed(changes, "source", payload.source, ""),
        note=_changed(changes, "note", payload.note, ""),
    )
