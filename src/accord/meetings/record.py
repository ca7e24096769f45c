"""A meeting's record as one viewer sees it: the meeting with its chair, participants,
agenda, actions, decisions and statements. The API answers with it (and tags it with its
ETag); the web's record page fills its forms from it and carries the same ETag as the
version a change names; the use cases of `meetings.actions` check that version."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from accord.accounts import visibility
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.bodies.selectors import Chair
from accord.core.prefetched import all_of
from accord.decisions import selectors as decision_selectors
from accord.decisions.models import Action, Decision, Position
from accord.decisions.selectors import subject_label
from accord.decisions.services import decided_on
from accord.meetings import selectors
from accord.meetings.models import AgendaItem, Meeting, Participation, Session, Statement
from accord.meetings.plan_record import PlanChangeOut, plan_change_out
from accord.meetings.record_decides import EffectOut, effects_out
from accord.meetings.references import (
    BodyRef,
    DocumentRef,
    MeetingRef,
    Out,
    PartyRef,
    PersonRef,
    body_ref,
    document_ref,
    end_of,
    iso,
    meeting_ref,
    party_ref,
    person_ref,
    slug_of,
)
from accord.registry import selectors as registry


class CoChairRef(PartyRef):
    """A co-chairing party, with the person who co-chaired for it where recorded."""

    person: PersonRef | None = None


class JointBodyOut(BodyRef):
    """Another body of a joint meeting, with the meeting's number in its own series."""

    number: int | None = Field(None, description="the meeting's number in that body's series")


def joint_bodies_out(m: Meeting) -> list[JointBodyOut]:
    """The other bodies of `m`, in order (read with `meetings.joint.joint_rows`)."""
    return [
        JointBodyOut(slug=row.body.slug, name=row.body.name, number=row.number)
        for row in all_of(m, "joint_rows")
    ]


class ChairOfMeeting(Out):
    party: PartyRef | None
    rule: str = Field(description="recorded, presidency, own-terms or host")
    person: PersonRef | None = Field(None, description="the person who chaired, where recorded")
    co_chairs: list[CoChairRef]


class MomentOut(Out):
    """When a participant joined late or left early: at an agenda item of the meeting
    (null where the reader may not see it) and/or a time."""

    item: str | None
    time: str | None


class ParticipantOut(Out):
    party: PartyRef | None
    person: PersonRef | None
    role: str
    head: bool
    post: str | None
    post_names: dict[str, str]
    attendance: str = Field(description="present, absent, video, message or represented")
    absence_reason: str | None = Field(
        description="boycott, declined, not-invited or suspended (absent only)"
    )
    level: str | None = Field(description="lower or higher (represented only)")
    level_text: str | None = Field(description="the level or post it was represented at")
    level_names: dict[str, str]
    joined: MomentOut | None = Field(description="where it joined late")
    left: MomentOut | None = Field(description="where it left early")
    reason: str | None = Field(description="why it joined late or left early: protest, other")
    source: str
    note: str


class TopicOut(Out):
    slug: str
    name: str


class AgendaItemOut(Out):
    id: str
    position: int
    title: str
    titles: dict[str, str]
    kind: str
    topics: list[TopicOut]
    events: list[str]
    emphasis: bool
    classification: str
    session: str | None = Field(None, description="the id of the session it was taken up in")
    source: str
    note: str


class SessionAttendeeOut(Out):
    """A session participant: a participant of the meeting, by party and/or person."""

    party: PartyRef | None
    person: PersonRef | None


class SessionOut(Out):
    id: str
    position: int
    kind: str = Field(
        description="restricted, extended, outreach, retreat, opening, closing, plenary, other"
    )
    title: str | None
    titles: dict[str, str]
    date: str
    venue: str | None
    city: str | None
    city_names: dict[str, str]
    mode: str | None = Field(description="null: as the meeting's")
    participants: list[SessionAttendeeOut]
    items: list[str] = Field(description="the agenda items taken up in it (ids)")
    source: str
    note: str


class ActionOut(Out):
    position: int
    date: str
    verb: str
    body: str
    meeting: MeetingRef | None
    subject: str
    document: DocumentRef | None
    item: str | None
    event: str | None
    to: str | None
    to_meeting: MeetingRef | None
    to_post: str | None = Field(None, description="a referral to an office: the post's id")
    to_organization: str | None = Field(
        None, description="an outside organization the verb names (circulated to ...)"
    )
    to_organization_names: dict[str, str] = Field({}, description="its name in each language")
    reference: str | None = Field(None, description="a reference number (a document symbol)")
    purpose: str | None
    by: PersonRef | None
    classification: str
    source: str
    note: str


class PositionOut(Out):
    party: PartyRef
    stance: str
    statement: str


class VotesOut(Out):
    in_favour: int | None
    against: int | None
    abstaining: int | None


class DecisionOut(Out):
    id: str
    title: str
    titles: dict[str, str]
    document: DocumentRef | None
    open: bool
    outcome: str = Field(
        description="as recorded: adopted, not-adopted, open, deferred or withdrawn"
    )
    procedure: str | None = Field(
        description="as recorded: consensus, no-objection, silence or vote (null: the body's"
        " decision rule)"
    )
    taken_by: str = Field(description="the procedure it was taken by (the body's rule if none)")
    votes: VotesOut | None = Field(description="the counts of a vote, where recorded")
    date: str | None = Field(description="the day it was taken, as recorded")
    taken_on: str = Field(description="the day it was taken (the meeting's last day if no date)")
    order: int
    classification: str
    positions: list[PositionOut]
    decides: list[EffectOut] = Field(
        description="the records it decides: terms in posts, chair terms, extensions"
    )
    source: str
    note: str


class StatementOut(Out):
    person: PersonRef | None
    party: PartyRef | None
    kind: str = Field(
        description="statement, protest, reservation, interpretative, explanation-of-vote, address"
    )
    verbatim: bool = Field(description="the words as spoken; false: reported speech")
    date: str | None
    after_meeting: bool
    item: str | None
    text: str
    texts: dict[str, str]
    source: str
    note: str


class MeetingRecord(Out):
    """One meeting with everything its record holds that the viewer may see."""

    organization: str
    body: BodyRef
    joint_bodies: list[JointBodyOut] = Field(
        description="a joint meeting's other bodies, in order (body convenes it)"
    )
    number: int | None
    id: str
    kind: str
    title: str | None
    titles: dict[str, str]
    date: str
    end: str | None
    city: str | None
    city_names: dict[str, str]
    country: PartyRef | None
    venue: str | None
    mode: str
    status: str | None = Field(
        description="the kind of the latest change of its plan (null: no plan history)"
    )
    plan: list[PlanChangeOut] = Field(
        description="its plan over time: the original plan and every change, as known"
    )
    host: PartyRef | None
    chair: ChairOfMeeting
    format: str
    classification: str
    members_on_date: int
    prepares: MeetingRef | None
    participants: list[ParticipantOut]
    agenda: list[AgendaItemOut]
    actions: list[ActionOut]
    decisions: list[DecisionOut]
    statements: list[StatementOut]
    sessions: list[SessionOut]
    outcome: str | None
    source: str
    note: str


def chair_out(chair: Chair) -> ChairOfMeeting:
    return ChairOfMeeting(
        party=party_ref(chair.party),
        rule=chair.rule,
        person=person_ref(chair.person),
        co_chairs=[
            CoChairRef(code=p.code, name=p.name, person=person_ref(person))
            for p, person in chair.co_chair_people
        ],
    )


def _moment(item: AgendaItem | None, time: object, visible: set[int] | None) -> MomentOut | None:
    if item is None and time is None:
        return None
    shown = item is not None and (visible is None or item.pk in visible)
    return MomentOut(
        item=item.slug if shown else None,  # type: ignore[union-attr]
        time=time.strftime("%H:%M") if time is not None else None,  # type: ignore[attr-defined]
    )


def participant_out(p: Participation, visible_items: set[int] | None = None) -> ParticipantOut:
    """One participant; the agenda items it joined or left at only where they are
    among `visible_items` (ids; None: all)."""
    return ParticipantOut(
        party=party_ref(p.party),
        person=person_ref(p.person),
        role=p.role,
        head=p.head_of_delegation,
        post=p.post_title or None,
        post_names=p.post_names or {},
        attendance=p.attendance,
        absence_reason=p.absence_reason or None,
        level=p.level or None,
        level_text=p.level_text or None,
        level_names=p.level_names or {},
        joined=_moment(p.joined_at_item, p.joined_at_time, visible_items),
        left=_moment(p.left_at_item, p.left_at_time, visible_items),
        reason=p.timing_reason or None,
        source=p.source,
        note=p.note,
    )


def agenda_item_out(item: AgendaItem, sessions: dict[int, str] | None = None) -> AgendaItemOut:
    """An agenda item; `sessions`: the ids of the meeting's sessions, by key (None: the
    item's session is read)."""
    session = (
        None
        if item.session_id is None
        else sessions.get(item.session_id)
        if sessions is not None
        else slug_of(item.session)
    )
    return AgendaItemOut(
        id=item.slug,
        position=item.position,
        title=item.title,
        titles=item.titles,
        kind=item.kind,
        topics=[TopicOut(slug=t.slug, name=t.name) for t in all_of(item, "topics")],
        events=[e.slug for e in all_of(item, "events")],
        emphasis=item.emphasis,
        classification=item.classification,
        session=session,
        source=item.source,
        note=item.note,
    )


# What `action_out` reads of an action's relations: select them with the action.
ACTION_OUT_RELATED = (
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


def action_out(
    action: Action, meeting: Meeting | None = None, at: MeetingRef | None = None
) -> ActionOut:
    """An action; `meeting` when the caller holds it (else `action.meeting` is read),
    and `at`, its reference, when the caller made it (the actions of one meeting).

    A target meeting the viewer may not see (`target_meeting_visible` false) is left out.
    """
    if at is None:
        held = meeting if meeting is not None else action.meeting
        at = meeting_ref(held) if held is not None else None
    target_visible = getattr(action, "target_meeting_visible", True)
    return ActionOut(
        position=action.position,
        date=action.partial_date.isoformat(),
        verb=action.verb,
        body=action.body.slug,
        meeting=at,
        subject=subject_label(action),
        document=document_ref(action.document),
        item=slug_of(action.agenda_item),
        event=slug_of(action.event),
        to=slug_of(action.target_body),
        to_meeting=(
            meeting_ref(action.target_meeting, action.target_body)
            if action.target_meeting_id and target_visible
            else None
        ),
        to_post=slug_of(action.target_post),
        to_organization=action.target_organization or None,
        to_organization_names=action.target_organization_names,
        reference=action.reference or None,
        purpose=action.purpose or None,
        by=person_ref(action.by_person),
        classification=action.classification,
        source=action.source,
        note=action.note,
    )


def position_out(p: Position) -> PositionOut:
    return PositionOut(
        party=PartyRef(code=p.party.code, name=p.party.name),
        stance=p.stance,
        statement=p.statement,
    )


def decision_out(decision: Decision, body: Body) -> DecisionOut:
    """A decision with the positions prefetched on it; `body`: its meeting's body, read
    with its organization (whose decision rule applies where the decision names none)."""
    positions = list(all_of(decision, "positions"))
    visible = getattr(decision, "document_visible", True)
    taken = decision_selectors.outcome_of(decision, body)
    votes = taken.votes
    return DecisionOut(
        id=decision.slug,
        title=decision.title,
        titles=decision.titles,
        document=document_ref(decision.document) if decision.document_id and visible else None,
        open=decision.is_open,
        outcome=taken.outcome,
        procedure=taken.procedure or None,
        taken_by=taken.taken_by,
        votes=VotesOut(
            in_favour=votes.in_favour, against=votes.against, abstaining=votes.abstaining
        )
        if votes.given
        else None,
        date=iso(decision.date),
        taken_on=decided_on(decision.meeting, decision.date).isoformat(),
        order=decision.order,
        classification=decision.classification,
        positions=[position_out(p) for p in positions],
        decides=effects_out(decision),
        source=decision.source,
        note=decision.note,
    )


def session_out(s: Session, agenda: Sequence[AgendaItem]) -> SessionOut:
    """A session with its attendees (prefetched: `models.session_rows`) and the items of
    `agenda` (those the reader sees) taken up in it."""
    return SessionOut(
        id=s.slug,
        position=s.position,
        kind=s.kind,
        title=s.title or None,
        titles=s.titles,
        date=s.date.isoformat(),
        venue=s.venue or None,
        city=s.city or None,
        city_names=s.city_names,
        mode=s.mode or None,
        participants=[
            SessionAttendeeOut(party=party_ref(p.party), person=person_ref(p.person))
            for p in all_of(s, "attendees")
        ],
        items=[i.slug for i in agenda if i.session_id == s.pk],
        source=s.source,
        note=s.note,
    )


def statement_out(s: Statement) -> StatementOut:
    return StatementOut(
        person=person_ref(s.person),
        party=party_ref(s.party),
        kind=s.kind,
        verbatim=s.verbatim,
        date=iso(s.date),
        after_meeting=s.after_meeting,
        item=slug_of(s.agenda_item),
        text=s.text,
        texts=s.texts,
        source=s.source,
        note=s.note,
    )


def record_from(m: Meeting) -> MeetingRecord:
    """The record of `m`, a meeting read with the parts of its record a viewer may see
    (`accounts.visibility.meeting_record`, as `record_of` reads it)."""
    org = m.body.organization
    chair = selectors.chair_of(m)
    agenda = list(all_of(m, "agenda"))
    visible = {i.pk for i in agenda}
    sessions = {s.pk: s.slug for s in all_of(m, "sessions")}
    at = meeting_ref(m)  # (each action's, made once)
    return MeetingRecord(
        organization=org.slug,
        body=body_ref(m.body),
        joint_bodies=joint_bodies_out(m),
        number=m.number,
        id=m.slug,
        kind=m.kind,
        title=m.title or None,
        titles=m.titles,
        date=m.partial_date.isoformat(),
        end=end_of(m.start, m.end, m.date_precision),
        city=m.city or None,
        city_names=m.city_names,
        country=party_ref(m.country),
        venue=m.venue or None,
        mode=m.mode,
        status=m.status or None,
        plan=[plan_change_out(c) for c in all_of(m, "plan_changes")],
        host=party_ref(m.host),
        chair=chair_out(chair),
        format=m.format,
        classification=m.classification,
        members_on_date=len(registry.decision_takers_on(org, m.start)),
        prepares=meeting_ref(m.prepares) if m.prepares_id and m.prepares_visible else None,
        participants=[participant_out(p, visible) for p in all_of(m, "participants")],
        agenda=[agenda_item_out(i, sessions) for i in agenda],
        actions=[action_out(a, m, at) for a in all_of(m, "actions")],
        decisions=[decision_out(d, m.body) for d in all_of(m, "decisions")],
        statements=[statement_out(s) for s in all_of(m, "statements")],
        sessions=[session_out(s, agenda) for s in all_of(m, "sessions")],
        outcome=m.outcome or None,
        source=m.source,
        note=m.note,
    )


def record_of(viewer: Viewer, meeting: Meeting) -> MeetingRecord:
    """The meeting's record as `viewer` sees it (a fixed number of queries)."""
    return record_from(visibility.meeting_record(viewer, meeting))
