"""The parts of a meeting's record set whole: its participants, agenda and statements."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from accord.accounts import refs
from accord.api import security
from accord.api.errors import UPDATE_ERRORS
from accord.api.routers.meeting_common import (
    BASE,
    REPLACES,
    IfMatch,
    changed_record,
    for_change,
    gathered,
    router,
)
from accord.api.schemas.meetings import (
    AgendaIn,
    ParticipantIn,
    ParticipantsIn,
    StatementsIn,
)
from accord.core.errors import DomainError, Problem
from accord.meetings import actions as meeting_actions
from accord.meetings import services as meeting_services
from accord.meetings.inputs import AgendaItemFields, StatementFields
from accord.meetings.record import (
    MeetingRecord,
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
        " restricted to members); one head per delegation. Who attended a session keeps"
        " attending it wherever the list puts it; one a session names may not be left out"
        " or made absent (remove it from the session first)." + REPLACES
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
        _, found, held = for_change(viewer, org, body, ref, if_match)
        parties, people, joined, left = gathered(
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
        return changed_record(response, viewer, found)


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
        found_org, found, held = for_change(viewer, org, body, ref, if_match)
        topic_slugs = [list(i.topics) for i in items]
        event_slugs = [list(i.events) for i in items]
        topics, events = gathered(
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
                    AgendaItemFields(
                        titles=i.titles,
                        kind=i.kind.value,
                        emphasis=i.emphasis,
                        classification=i.classification.value,
                        source=i.source,
                        note=i.note,
                    ),
                    topics=item_topics,
                    events=item_events,
                )
                for i, item_topics, item_events in zip(items, topics, events, strict=True)
            ],
            expected_version=held,
        )
        return changed_record(response, viewer, found)


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
        _, found, held = for_change(viewer, org, body, ref, if_match)
        people, parties, items = gathered(
            lambda: refs.people_at([s.person for s in rows], "statements[{}].person"),
            lambda: refs.parties_at([s.party for s in rows], "statements[{}].party"),
            lambda: refs.items_at(viewer, found, [s.item for s in rows], "statements[{}].item"),
        )
        meeting_actions.set_statements(
            viewer,
            found,
            [
                StatementFields(
                    person=person,
                    party=party,
                    kind=s.kind.value,
                    verbatim=s.verbatim,
                    date=s.date,
                    after_meeting=s.after_meeting,
                    agenda_item=item,
                    text=s.text,
                    texts=s.texts,
                    source=s.source,
                    note=s.note,
                )
                for s, person, party, item in zip(rows, people, parties, items, strict=True)
            ],
            expected_version=held,
        )
        return changed_record(response, viewer, found)
