"""Meetings of a body: the series, the full record, and the writes on it (the meeting
itself, actions, decisions, positions); the record's audit trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router, Status

from accord.accounts import access, refs, visibility
from accord.accounts.access import Viewer
from accord.api import security
from accord.api.days import Day
from accord.api.errors import READ_ERRORS, UPDATE_ERRORS, WRITE_ERRORS, Conflict
from accord.api.etags import check_if_match, etag_of, require_if_match, tagged, written
from accord.api.pagination import CursorParam, Limit, date_key, page, str_key
from accord.api.routers.audit import audit_page
from accord.api.schemas.audit import AuditPage
from accord.api.schemas.common import meeting_ref, party_ref
from accord.api.schemas.meetings import (
    ActionIn,
    AgendaIn,
    CoChairIn,
    DecisionIn,
    DecisionPatch,
    MeetingIn,
    MeetingPage,
    MeetingPatch,
    ParticipantIn,
    ParticipantsIn,
    PositionDetail,
    PositionPut,
    StatementsIn,
    VotesIn,
    meeting_out,
)
from accord.bodies.models import Body
from accord.core.dates import PartialDate, span
from accord.core.errors import DomainError, NotFound, Problem
from accord.decisions import actions as decision_actions
from accord.decisions import selectors as decision_selectors
from accord.decisions import services as decision_services
from accord.decisions.models import Action, Decision
from accord.meetings import actions as meeting_actions
from accord.meetings import selectors as meetings
from accord.meetings import services as meeting_services
from accord.meetings.models import Meeting, co_chair_rows
from accord.meetings.record import (
    ActionOut,
    DecisionOut,
    MeetingRecord,
    action_out,
    decision_out,
    record_of,
)
from accord.registry.models import Organization, Party, Person

router = Router(tags=["meetings"], auth=security.READ)
OPEN = security.ANONYMOUS_ALLOWED
BASE = "/organizations/{org}/bodies/{body}/meetings"
IfMatch = Header(None, alias="If-Match", description="the ETag of the object as you read it")


# --- reads ---------------------------------------------------------------------------


@router.get(
    BASE,
    response={200: MeetingPage, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="The meetings of a body, by date",
)
def list_meetings(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    date_from: Annotated[Day | None, Query(description="held on or after this day")] = None,
    date_to: Annotated[Day | None, Query(description="begun on or before this day")] = None,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    viewer = security.viewer(request)
    found_org = refs.organization(org)
    found = refs.body(found_org, body)
    rows = access.meetings(viewer, Meeting.objects.filter(body=found))
    if date_from is not None:
        rows = rows.filter(end__gte=date_from)
    if date_to is not None:
        rows = rows.filter(start__lte=date_to)
    rows = rows.select_related(
        "body__organization", "country", "host", "chair", "chair_person"
    ).prefetch_related(co_chair_rows())
    found_rows, next_cursor = page(rows, [date_key("start"), str_key("slug")], cursor, limit)
    terms = meetings.terms_by_body(found_org)
    items = [meeting_out(m, meetings.chair_of(m, terms)) for m in found_rows]
    return tagged(request, response, MeetingPage(items=items, next_cursor=next_cursor))


def _find(viewer: Viewer, org: str, body: str, ref: str) -> tuple[Organization, Body, Meeting]:
    found_org = refs.organization(org)
    found_body = refs.body(found_org, body)
    return found_org, found_body, refs.meeting(viewer, found_org, found_body, ref)


@router.get(
    BASE + "/{ref}",
    response={200: MeetingRecord, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="A meeting's record: chair, participants, agenda, actions, decisions, statements",
    description="`ref` is the meeting's number in the body's series (14), or its id if ad hoc.",
)
def get_meeting(
    request: HttpRequest, response: HttpResponse, org: str, body: str, ref: str
) -> object:
    viewer = security.viewer(request)
    _, _, found = _find(viewer, org, body, ref)
    return tagged(request, response, record_of(viewer, found))


@router.get(
    BASE + "/{ref}/audit",
    response={200: AuditPage, **READ_ERRORS},
    openapi_extra=OPEN,
    summary="The audit trail of a meeting (to those who may read the meeting)",
)
def meeting_audit(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    cursor: str | None = CursorParam,
    limit: int = Limit,
) -> object:
    viewer = security.viewer(request)
    found_org, _, found = _find(viewer, org, body, ref)
    return tagged(request, response, audit_page(viewer, found, found_org, cursor, limit))


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
    _, found_body, found = _find(viewer, org, body, ref)
    return tagged(request, response, _decision_of(viewer, found, found_body, decision))


def _decision_of(viewer: Viewer, meeting: Meeting, body: Body, slug: str) -> DecisionOut:
    row = (
        visibility.decisions(viewer, Decision.objects.filter(meeting=meeting, slug=slug))
        .prefetch_related(Prefetch("positions", queryset=visibility.positions(viewer)))
        .first()
    )
    if row is None:
        raise NotFound.at("decision", f"no decision {slug!r} at this meeting")
    row.meeting = meeting  # read already: the decision's day defaults to its last day
    return decision_out(row, body.decision_rule or body.organization.decision_rule)


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
    _, _, found = _find(viewer, org, body, ref)
    found_decision = refs.decision(viewer, found, decision)
    party = refs.party(code)
    seen = decision_selectors.position_seen(viewer, found_decision, party)
    return tagged(request, response, position_out(found, found_decision, party, seen), version=seen)


# --- writes --------------------------------------------------------------------------


def _parties(codes: list[str], field: str) -> list[Party]:
    """The parties with `codes` (one query); `field` formats each one's path."""
    found = {p.code: p for p in Party.objects.filter(code__in=codes)}
    missing = [
        Problem(field.format(i), f"no party {c!r}") for i, c in enumerate(codes) if c not in found
    ]
    if missing:
        raise DomainError(missing)
    return [found[c] for c in codes]


def _co_chairs(items: list[CoChairIn]) -> list[tuple[Party, Person | None]]:
    """The co-chairs a payload names: parties, with their persons where named."""
    parties = _parties([c.party for c in items], "co_chairs[{}]")
    people = [refs.person_at(c.person, f"co_chairs[{i}].person") for i, c in enumerate(items)]
    return list(zip(parties, people, strict=True))


@router.post(
    BASE,
    response={201: MeetingRecord, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record a new meeting of the body",
    description=(
        "409 when the number or id is already taken in the body's series; 422 when a rule"
        " refuses it (numbers increase with the date, an explicit chair must be a member)."
    ),
)
def create_meeting(
    request: HttpRequest, response: HttpResponse, org: str, body: str, payload: MeetingIn
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org = refs.organization(org)
        found_body = refs.body(found_org, body)
        prepares = None
        if payload.prepares is not None:
            target_body = refs.body_at(found_org, payload.prepares.body, "prepares.body")
            prepares = refs.meeting_at(
                viewer, found_org, target_body, payload.prepares.meeting, "prepares.meeting"
            )
        values = {
            "number": payload.number,
            "kind": payload.kind.value if payload.kind else None,
            "title": payload.title,
            "titles": payload.titles,
            **span(payload.date, payload.end),
            "city": payload.city,
            "city_names": payload.city_names,
            "country": refs.party_at(payload.country, "country"),
            "venue": payload.venue,
            "mode": payload.mode.value,
            "host": refs.party_at(payload.host, "host"),
            "chair": refs.party_at(payload.chair, "chair"),
            "chair_person": refs.person_at(payload.chair_person, "chair_person"),
            "format": payload.format.value,
            "prepares": prepares,
            "classification": payload.classification.value,
            "outcome": payload.outcome,
            "source": payload.source,
            "note": payload.note,
        }
        meeting = meeting_actions.create_meeting(
            viewer, found_body, values, slug=payload.id, co_chairs=_co_chairs(payload.co_chairs)
        )
        record = record_of(viewer, meeting)
    response["ETag"] = etag_of(record)
    response["Location"] = request.build_absolute_uri(
        f"{request.path.rstrip('/')}/{meeting.number or meeting.slug}"
    )
    return Status(201, record)


@router.patch(
    BASE + "/{ref}",
    response={200: MeetingRecord, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Change a meeting's date, venue, mode, format, chair or title",
    description=(
        "Send If-Match with the ETag of the record as you read it: without it 428, with"
        " an outdated one 412; nothing is written in either case."
    ),
)
def update_meeting(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    payload: MeetingPatch,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    given = payload.model_dump(exclude_unset=True)
    with security.writing(request):
        _, _, found = _find(viewer, org, body, ref)
        held = require_if_match(if_match)
        changes: dict[str, Any] = {}
        for name in ("title", "titles", "city", "city_names", "venue", "outcome", "source", "note"):
            if name in given:
                changes[name] = given[name] if given[name] is not None else _empty(found, name)
        for name in ("kind", "mode", "format", "classification"):
            if given.get(name) is not None:
                changes[name] = getattr(payload, name).value
        for name in ("country", "host", "chair"):
            if name in given:
                changes[name] = refs.party_at(given[name], name)
        if "chair_person" in given:
            changes["chair_person"] = refs.person_at(payload.chair_person, "chair_person")
        if "date" in given or "end" in given:
            # A new date without an end: the meeting is held on that date alone.
            date = given.get("date") or found.partial_date.isoformat()
            changes.update(span(date, given.get("end")))
        co_chairs = _co_chairs(payload.co_chairs or []) if "co_chairs" in given else None
        meeting = meeting_actions.change_meeting(
            viewer, found, changes, co_chairs=co_chairs, expected_version=held
        )
        record = record_of(viewer, meeting)
    response["ETag"] = etag_of(record)
    return record


def _empty(meeting: Meeting, name: str) -> object:
    """What a field sent as null stands for: its empty value (no text, no names)."""
    return type(getattr(meeting, name))()


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
        found_org, found_body, found = _find(viewer, org, body, ref)
        access.require_edit(viewer, found_org)
        when = PartialDate.parse(payload.date) if payload.date is not None else found.partial_date
        target = refs.body_at(found_org, payload.to, "to")
        values = {
            "meeting": found,
            "date": when.value,
            "date_precision": when.precision.value,
            "verb": payload.verb.value,
            "document": refs.document_at(viewer, found_org, payload.document, "document"),
            "agenda_item": refs.item_at(viewer, found, payload.item, "item"),
            "event": refs.event_at(viewer, found_org, payload.event, "event"),
            "target_body": target,
            "target_meeting": refs.meeting_at(
                viewer, found_org, target, payload.to_meeting, "to_meeting"
            ),
            "target_post": refs.post_at(found_org, payload.to_post, "to_post"),
            "by_person": refs.person_at(payload.by, "by"),
            "purpose": payload.purpose,
            "classification": payload.classification.value,
            "source": payload.source,
            "note": payload.note,
        }
        created = decision_services.record_action(found_body, values)
        row = (
            visibility.actions(viewer, Action.objects.filter(pk=created.pk))
            .select_related(
                "body",
                "meeting__body",
                "document__type",
                "agenda_item",
                "event",
                "target_body",
                "target_meeting",
                "target_post",
                "by_person",
            )
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
        found_org, found_body, found = _find(viewer, org, body, ref)
        access.require_edit(viewer, found_org)
        taken = decision_services.decision_taken(found, payload.id)
        if taken is not None:
            raise Conflict(taken)
        parties = _parties([p.party for p in payload.positions], "positions[{}].party")
        decision_services.save_decision(
            found,
            payload.id,
            {
                "title": payload.title,
                "titles": payload.titles,
                "document": refs.document_at(viewer, found_org, payload.document, "document"),
                **_decision_outcome_in(payload),
                "order": payload.order,
                "classification": payload.classification.value,
                "source": payload.source,
                "note": payload.note,
            },
            [
                (party, p.stance.value, p.statement)
                for party, p in zip(parties, payload.positions, strict=True)
            ],
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
        _, _, found = _find(viewer, org, body, ref)
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


# --- writes on the parts of a meeting's record ------------------------------------------


def _for_change(
    viewer: Viewer, org: str, body: str, ref: str, if_match: str | None
) -> tuple[Organization, Meeting, str]:
    """The meeting a change names (404 when not readable) and the version it names in
    If-Match (428 without one); the use case checks the rest."""
    found_org, _, found = _find(viewer, org, body, ref)
    return found_org, found, require_if_match(if_match)


def _gathered(*lookups: Callable[[], Any]) -> list[Any]:
    """Each lookup's result; when some refuse, every refusal together."""
    results, problems = [], []
    for lookup in lookups:
        try:
            results.append(lookup())
        except DomainError as exc:
            problems += exc.problems
            results.append(None)
    if problems:
        raise DomainError(problems)
    return results


def _changed_record(response: HttpResponse, viewer: Viewer, meeting: Meeting) -> MeetingRecord:
    record = record_of(viewer, meeting)
    response["ETag"] = etag_of(record)
    return record


REPLACES = (
    " Send If-Match with the ETag of the meeting's record as you read it: without it 428,"
    " with an outdated one 412; nothing is written in either case."
)


@router.put(
    BASE + "/{ref}/participants",
    response={200: MeetingRecord, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Set who took part: delegations with their heads, officials, guests",
    description=(
        "The whole list, in order. A member delegation must be a member on the meeting"
        " date, an observer delegation hold a non-member status (and the meeting not be"
        " restricted to members); one head per delegation." + REPLACES
    ),
)
def put_participants(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    payload: ParticipantsIn,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    rows = payload.participants
    with security.writing(request):
        _, found, held = _for_change(viewer, org, body, ref, if_match)
        parties, people, joined, left = _gathered(
            lambda: refs.parties_at([p.party for p in rows], "participants[{}].party"),
            lambda: refs.people_at([p.person for p in rows], "participants[{}].person"),
            lambda: refs.items_at(
                viewer,
                found,
                [p.joined.item if p.joined else None for p in rows],
                "participants[{}].joined.item",
            ),
            lambda: refs.items_at(
                viewer,
                found,
                [p.left.item if p.left else None for p in rows],
                "participants[{}].left.item",
            ),
        )
        try:
            participants = [
                meeting_services.Participant(
                    party=party,
                    person=person,
                    role=p.role.value,
                    head_of_delegation=p.head,
                    post_title=p.post,
                    post_names=p.post_names,
                    source=p.source,
                    note=p.note,
                    attendance=p.attendance.value,
                    absence_reason=p.absence_reason.value if p.absence_reason else "",
                    level=p.level.value if p.level else "",
                    level_text=p.level_text,
                    level_names=p.level_names,
                    joined_at_item=came,
                    joined_at_time=p.joined.time if p.joined else None,
                    left_at_item=went,
                    left_at_time=p.left.time if p.left else None,
                    timing_reason=_timing_reason(i, p),
                )
                for i, (p, party, person, came, went) in enumerate(
                    zip(rows, parties, people, joined, left, strict=True)
                )
            ]
        except DomainError as exc:
            raise exc.under("participants") from None
        meeting_actions.set_participants(viewer, found, participants, expected_version=held)
        return _changed_record(response, viewer, found)


def _timing_reason(index: int, p: ParticipantIn) -> str:
    """Why a participant joined late or left early, as its payload says (one reason)."""
    reasons = {m.reason.value for m in (p.joined, p.left) if m is not None and m.reason}
    if len(reasons) > 1:
        raise DomainError.at(f"[{index}].left.reason", "joined and left give different reasons")
    return reasons.pop() if reasons else ""


def _linked(
    wanted: list[list[str]], found: dict[str, Any], field: str, what: str
) -> list[list[Any]]:
    """For each item, the objects its slugs name; every unknown slug is a problem."""
    problems = [
        Problem(field.format(i, j), f"no {what} {slug!r}")
        for i, slugs in enumerate(wanted)
        for j, slug in enumerate(slugs)
        if slug not in found
    ]
    if problems:
        raise DomainError(problems)
    return [[found[slug] for slug in slugs] for slugs in wanted]


@router.put(
    BASE + "/{ref}/agenda",
    response={200: MeetingRecord, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Set the meeting's agenda: its items in order, with topics and events",
    description=(
        "The whole agenda, in order; an item keeps its id (and what refers to it). 409"
        " when an item left out is the subject of actions of the meeting (remove or change"
        " them first)." + REPLACES
    ),
)
def put_agenda(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    payload: AgendaIn,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    items = payload.items
    with security.writing(request):
        found_org, found, held = _for_change(viewer, org, body, ref, if_match)
        topic_slugs = [list(i.topics) for i in items]
        event_slugs = [list(i.events) for i in items]
        topics, events = _gathered(
            lambda: _linked(
                topic_slugs,
                refs.topics_by_slug(found_org, sorted({s for x in topic_slugs for s in x})),
                "items[{}].topics[{}]",
                "topic",
            ),
            lambda: _linked(
                event_slugs,
                refs.events_by_slug(viewer, found_org, sorted({s for x in event_slugs for s in x})),
                "items[{}].events[{}]",
                "event",
            ),
        )
        meeting_actions.replace_agenda(
            viewer,
            found,
            [
                meeting_services.Item(
                    i.id,
                    i.title,
                    {
                        "titles": i.titles,
                        "kind": i.kind.value,
                        "emphasis": i.emphasis,
                        "classification": i.classification.value,
                        "source": i.source,
                        "note": i.note,
                    },
                    topics=item_topics,
                    events=item_events,
                )
                for i, item_topics, item_events in zip(items, topics, events, strict=True)
            ],
            expected_version=held,
        )
        return _changed_record(response, viewer, found)


@router.put(
    BASE + "/{ref}/statements",
    response={200: MeetingRecord, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Set the statements made at the meeting (reports heard), in order",
    description=(
        "The whole list, in order. A statement under an agenda item names an item of this"
        " meeting; a dated one is not dated before the meeting." + REPLACES
    ),
)
def put_statements(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    body: str,
    ref: str,
    payload: StatementsIn,
    if_match: str | None = IfMatch,
) -> object:
    viewer = security.viewer(request)
    rows = payload.statements
    with security.writing(request):
        _, found, held = _for_change(viewer, org, body, ref, if_match)
        people, parties, items = _gathered(
            lambda: refs.people_at([s.person for s in rows], "statements[{}].person"),
            lambda: refs.parties_at([s.party for s in rows], "statements[{}].party"),
            lambda: refs.items_at(viewer, found, [s.item for s in rows], "statements[{}].item"),
        )
        meeting_actions.set_statements(
            viewer,
            found,
            [
                {
                    "person": person,
                    "party": party,
                    "kind": s.kind.value,
                    "verbatim": s.verbatim,
                    "date": s.date,
                    "after_meeting": s.after_meeting,
                    "agenda_item": item,
                    "text": s.text,
                    "texts": s.texts,
                    "source": s.source,
                    "note": s.note,
                }
                for s, person, party, item in zip(rows, people, parties, items, strict=True)
            ],
            expected_version=held,
        )
        return _changed_record(response, viewer, found)


@router.delete(
    BASE + "/{ref}",
    response={204: None, **UPDATE_ERRORS},
    auth=security.WRITE,
    summary="Remove a meeting with its record (participants, agenda, actions, decisions)",
    description=(
        "409 while anything else refers to the meeting: a referral to it, a meeting that"
        " prepares it, a progress report heard at it, a chair term decided at it, a press"
        " release about it." + REPLACES
    ),
)
def remove_meeting(
    request: HttpRequest, org: str, body: str, ref: str, if_match: str | None = IfMatch
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        _, found, held = _for_change(viewer, org, body, ref, if_match)
        meeting_actions.remove_meeting(viewer, found, expected_version=held)
    return Status(204, None)


# --- one action, one decision ---------------------------------------------------------


def _action_of(viewer: Viewer, meeting: Meeting, position: int) -> tuple[Action, ActionOut]:
    row = (
        visibility.actions(viewer, Action.objects.filter(meeting=meeting, position=position))
        .select_related(
            "body",
            "meeting__body",
            "document__type",
            "agenda_item",
            "event",
            "target_body",
            "target_meeting",
            "target_post",
            "by_person",
        )
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
    _, _, found = _find(viewer, org, body, ref)
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
        found_org, _, found = _find(viewer, org, body, ref)
        row, current = _action_of(viewer, found, position)
        access.require_edit(viewer, found_org)
        held = require_if_match(if_match)
        check_if_match(held, current)
        decision_services.remove_action(row)
    return Status(204, None)


def _decision_for_change(
    viewer: Viewer, org: str, body: str, ref: str, decision: str, if_match: str | None
) -> tuple[Organization, Body, Meeting, Decision]:
    found_org, found_body, found = _find(viewer, org, body, ref)
    found_decision = refs.decision(viewer, found, decision)
    access.require_edit(viewer, found_org)
    held = require_if_match(if_match)
    found_decision = decision_actions.claim_decision(found_decision)
    check_if_match(held, _decision_of(viewer, found, found_body, decision))
    return found_org, found_body, found, found_decision


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
        found_org, found_body, found, row = _decision_for_change(
            viewer, org, body, ref, decision, if_match
        )
        values: dict[str, Any] = {}
        for name in ("title", "titles", "source", "note"):
            if name in changes:
                values[name] = (
                    changes[name] if changes[name] is not None else type(getattr(row, name))()
                )
        values |= _decision_outcome_changes(changes, payload, row)
        if changes.get("classification") is not None:
            values["classification"] = payload.classification.value
        if "document" in changes:
            values["document"] = refs.document_at(viewer, found_org, payload.document, "document")
        decision_services.change_decision(row, values)
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
        *_, row = _decision_for_change(viewer, org, body, ref, decision, if_match)
        decision_services.remove_decision(row)
    return Status(204, None)


def _votes_in(votes: VotesIn | None) -> dict[str, int | None]:
    votes = votes or VotesIn()
    return {
        "votes_in_favour": votes.in_favour,
        "votes_against": votes.against,
        "votes_abstaining": votes.abstaining,
    }


def _decision_outcome_in(payload: DecisionIn) -> dict[str, Any]:
    """A new decision's outcome, procedure, counts and date as the payload gives them;
    without an outcome it is open when `open`, else its positions give it."""
    outcome = payload.outcome.value if payload.outcome else ("open" if payload.open else None)
    return {
        "outcome": outcome,
        "procedure": payload.procedure.value if payload.procedure else "",
        **_votes_in(payload.votes),
        "date": payload.date,
    }


def _decision_outcome_changes(
    changes: dict[str, Any], payload: DecisionPatch, row: Decision
) -> dict[str, Any]:
    """The outcome fields a PATCH changes. `open: true` opens the decision; `open:
    false` without an outcome closes an open one with what its positions give (an empty
    outcome, which the service fills) and leaves a closed one as it is."""
    values: dict[str, Any] = {}
    if payload.outcome is not None:
        values["outcome"] = payload.outcome.value
    elif changes.get("open") is True:
        values["outcome"] = "open"
    elif changes.get("open") is False and row.is_open:
        values["outcome"] = ""
    if "procedure" in changes:
        values["procedure"] = payload.procedure.value if payload.procedure else ""
    if "votes" in changes:
        values |= _votes_in(payload.votes)
    if "date" in changes:
        values["date"] = payload.date
    if changes.get("order") is not None:
        values["order"] = payload.order
    return values
