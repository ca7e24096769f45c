"""Meetings: the list, the full record, and the writes (meeting, action, decision,
position); calendar entries and events."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from accord.api.days import Day
from accord.api.schemas.common import (
    BodyRef,
    DocumentRef,
    In,
    MeetingRef,
    Out,
    PartyRef,
    PersonRef,
    document_ref,
    end_of,
    iso,
    meeting_ref,
    partial,
    party_ref,
    person_ref,
    slug_field,
)
from accord.bodies.selectors import Chair
from accord.core.dates import PartialDate
from accord.core.models import Classification
from accord.decisions import rules as decision_rules
from accord.decisions.models import (
    Action,
    Decision,
    DecisionOutcome,
    Position,
    Procedure,
    Stance,
    Verb,
)
from accord.decisions.selectors import subject_label
from accord.decisions.services import decided_on
from accord.meetings.models import (
    AbsenceReason,
    AgendaItem,
    Attendance,
    Event,
    EventKind,
    EventRole,
    Format,
    ItemKind,
    Level,
    Meeting,
    MeetingKind,
    Mode,
    Participation,
    Role,
    Statement,
    StatementKind,
    TimingReason,
)


def _partial_date(value: str) -> str:
    PartialDate.parse(value)  # ValueError says what is wrong
    return value


PartialDateText = Annotated[
    str,
    Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", examples=["2019-05-15", "2019-04", "2004"]),
    AfterValidator(_partial_date),
]

# --- reads ---------------------------------------------------------------------------


class CoChairRef(PartyRef):
    """A co-chairing party, with the person who co-chaired for it where recorded."""

    person: PersonRef | None = None


class ChairOfMeeting(Out):
    party: PartyRef | None
    rule: str = Field(description="recorded, presidency, own-terms or host")
    person: PersonRef | None = Field(None, description="the person who chaired, where recorded")
    co_chairs: list[CoChairRef]


class MeetingOut(Out):
    body: str
    number: int | None
    id: str
    kind: str = Field(description="regular, extraordinary, informal or ad-hoc")
    title: str | None
    date: str
    end: str | None
    city: str | None
    country: PartyRef | None
    mode: str
    format: str
    classification: str
    chair: ChairOfMeeting


class MeetingPage(Out):
    items: list[MeetingOut]
    next_cursor: str | None


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
    outcome: str | None
    source: str
    note: str


class PositionDetail(Out):
    """A party's position on a decision (stance null: none recorded yet)."""

    decision: str
    meeting: MeetingRef
    party: PartyRef
    stance: str | None
    statement: str
    recorded: bool


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


def meeting_out(meeting: Meeting, chair: Chair) -> MeetingOut:
    return MeetingOut(
        body=meeting.body.slug,
        number=meeting.number,
        id=meeting.slug,
        kind=meeting.kind,
        title=meeting.title or None,
        date=meeting.partial_date.isoformat(),
        end=end_of(meeting.start, meeting.end, meeting.date_precision),
        city=meeting.city or None,
        country=party_ref(meeting.country),
        mode=meeting.mode,
        format=meeting.format,
        classification=meeting.classification,
        chair=chair_out(chair),
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


def agenda_item_out(item: AgendaItem) -> AgendaItemOut:
    return AgendaItemOut(
        id=item.slug,
        position=item.position,
        title=item.title,
        titles=item.titles,
        kind=item.kind,
        topics=[TopicOut(slug=t.slug, name=t.name) for t in item.topics.all()],
        events=[e.slug for e in item.events.all()],
        emphasis=item.emphasis,
        classification=item.classification,
        source=item.source,
        note=item.note,
    )


def action_out(action: Action, meeting: Meeting | None = None) -> ActionOut:
    """An action; `meeting` when the caller holds it (else `action.meeting` is read).

    A target meeting the viewer may not see (`target_meeting_visible` false) is left out.
    """
    at = meeting if meeting is not None else action.meeting
    target_visible = getattr(action, "target_meeting_visible", True)
    return ActionOut(
        position=action.position,
        date=action.partial_date.isoformat(),
        verb=action.verb,
        body=action.body.slug,
        meeting=meeting_ref(at) if at is not None else None,
        subject=subject_label(action),
        document=document_ref(action.document),
        item=action.agenda_item.slug if action.agenda_item_id else None,
        event=action.event.slug if action.event_id else None,
        to=action.target_body.slug if action.target_body_id else None,
        to_meeting=(
            meeting_ref(action.target_meeting, action.target_body)
            if action.target_meeting_id and target_visible
            else None
        ),
        to_post=action.target_post.slug if action.target_post_id else None,
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


def decision_out(decision: Decision, rule: str) -> DecisionOut:
    """A decision with the positions prefetched on it; `rule`: the body's decision rule."""
    positions = list(decision.positions.all())
    visible = getattr(decision, "document_visible", True)
    counts = (decision.votes_in_favour, decision.votes_against, decision.votes_abstaining)
    return DecisionOut(
        id=decision.slug,
        title=decision.title,
        titles=decision.titles,
        document=document_ref(decision.document) if decision.document_id and visible else None,
        open=decision.is_open,
        outcome=decision.outcome,
        procedure=decision.procedure or None,
        taken_by=decision_rules.procedure_of(decision.procedure, rule),
        votes=VotesOut(in_favour=counts[0], against=counts[1], abstaining=counts[2])
        if any(n is not None for n in counts)
        else None,
        date=iso(decision.date),
        taken_on=decided_on(decision.meeting, decision.date).isoformat(),
        order=decision.order,
        classification=decision.classification,
        positions=[position_out(p) for p in positions],
        source=decision.source,
        note=decision.note,
    )


def statement_out(s: Statement) -> StatementOut:
    return StatementOut(
        person=person_ref(s.person),
        party=party_ref(s.party),
        kind=s.kind,
        verbatim=s.verbatim,
        date=iso(s.date),
        after_meeting=s.after_meeting,
        item=s.agenda_item.slug if s.agenda_item_id else None,
        text=s.text,
        texts=s.texts,
        source=s.source,
        note=s.note,
    )


# --- writes ----------------------------------------------------------------------------


class MeetingPointer(In):
    body: str = Field(description="body slug")
    meeting: str = Field(description="the meeting's number, or id if ad hoc")


class CoChairIn(In):
    party: str = Field(description="party code")
    person: str | None = Field(None, description="slug of the person who co-chaired for it")


def _co_chair_given(value: object) -> object:
    return {"party": value} if isinstance(value, str) else value


# A co-chair as a payload names it: a party code, or {party, person}.
CoChairItem = Annotated[CoChairIn, BeforeValidator(_co_chair_given)]


class MeetingIn(In):
    """A new meeting of the body. `id` defaults to the number; an ad hoc meeting (no
    number) needs an id."""

    id: str | None = slug_field(None)
    number: int | None = Field(None, ge=1)
    kind: MeetingKind | None = Field(
        None, description="left out: regular when numbered, ad-hoc when not"
    )
    title: str = Field("", max_length=300)
    titles: dict[str, str] = {}
    date: PartialDateText
    end: PartialDateText | None = Field(None, description="last day, same precision as date")
    city: str = Field("", max_length=120)
    city_names: dict[str, str] = {}
    country: str | None = Field(None, description="party code")
    venue: str = Field("", max_length=200)
    mode: Mode = Mode.IN_PERSON
    host: str | None = None
    chair: str | None = Field(
        None, description="only where the record names a chair other than the rule's"
    )
    chair_person: str | None = Field(None, description="slug of the person who chaired")
    co_chairs: list[CoChairItem] = Field(
        [], description="party codes, or {party, person} with the person who co-chaired"
    )
    format: Format = Format.RESTRICTED
    prepares: MeetingPointer | None = None
    classification: Classification = Classification.PUBLIC
    outcome: str = ""
    source: str = Field("", max_length=300)
    note: str = ""


class MeetingPatch(In):
    """The fields to change; fields left out keep their value (null clears a reference)."""

    kind: MeetingKind | None = None
    title: str | None = Field(None, max_length=300)
    titles: dict[str, str] | None = None
    date: PartialDateText | None = None
    end: PartialDateText | None = None
    city: str | None = Field(None, max_length=120)
    city_names: dict[str, str] | None = None
    country: str | None = None
    venue: str | None = Field(None, max_length=200)
    mode: Mode | None = None
    host: str | None = None
    chair: str | None = None
    chair_person: str | None = None
    co_chairs: list[CoChairItem] | None = None
    format: Format | None = None
    classification: Classification | None = None
    outcome: str | None = None
    source: str | None = Field(None, max_length=300)
    note: str | None = None


class ActionIn(In):
    """What the meeting's body did: a verb on a document, an agenda item or an event."""

    verb: Verb
    document: str | None = Field(None, description="document slug")
    item: str | None = Field(None, description="agenda item id at this meeting")
    event: str | None = Field(None, description="event id")
    to: str | None = Field(
        None,
        description="for a referral: the body it goes to; for a withdrawal or a lapse: the"
        " body of the referral it closes",
    )
    to_meeting: str | None = Field(None, description="a meeting of `to`: number or id")
    to_post: str | None = Field(
        None, description="for a referral to an office instead of a body: the post's id"
    )
    purpose: str = Field("", max_length=40)
    by: str | None = Field(None, description="person slug")
    date: PartialDateText | None = Field(None, description="default: the meeting's date")
    classification: Classification = Classification.PUBLIC
    source: str = Field("", max_length=300)
    note: str = ""


class PositionIn(In):
    party: str
    stance: Stance
    statement: str = ""


class VotesIn(In):
    in_favour: int | None = Field(None, ge=0, le=32767)
    against: int | None = Field(None, ge=0, le=32767)
    abstaining: int | None = Field(None, ge=0, le=32767)


class DecisionIn(In):
    id: str = slug_field()
    title: str = Field(min_length=1, max_length=500)
    titles: dict[str, str] = {}
    document: str | None = None
    open: bool = Field(False, description="open: positions may still be recorded")
    outcome: DecisionOutcome | None = Field(
        None, description="as recorded; left out: open if `open`, else what the positions give"
    )
    procedure: Procedure | None = Field(None, description="left out: the body's decision rule")
    votes: VotesIn | None = Field(None, description="the counts of a vote (procedure vote)")
    date: Day | None = Field(None, description="left out: the meeting's last day")
    order: int = Field(0, ge=0, le=32767)
    classification: Classification = Classification.PUBLIC
    positions: list[PositionIn] = []
    source: str = Field("", max_length=300)
    note: str = ""


class PositionPut(In):
    stance: Stance
    statement: str = ""


class DecisionPatch(In):
    """The fields to change; fields left out keep their value (null clears the
    document). Positions are recorded one by one (PUT .../positions/{code})."""

    title: str | None = Field(None, min_length=1, max_length=500)
    titles: dict[str, str] | None = None
    document: str | None = Field(None, description="document slug")
    open: bool | None = Field(
        None,
        description="open: positions may still be recorded; false (without an outcome)"
        " closes it with the outcome its positions give",
    )
    outcome: DecisionOutcome | None = None
    procedure: Procedure | None = None
    votes: VotesIn | None = None
    date: Day | None = None
    order: int | None = Field(None, ge=0, le=32767)
    classification: Classification | None = None
    source: str | None = Field(None, max_length=300)
    note: str | None = None


# At most this many rows in one list of a meeting's record.
MAX_ROWS = 1000


class MomentIn(In):
    """Where a participant joined late or left early, and why."""

    item: str | None = Field(None, description="agenda item id at this meeting")
    time: dt.time | None = Field(None, description="HH:MM")
    reason: TimingReason | None = None


class ParticipantIn(In):
    """A delegation (party, its head and members) or a person (an official, a guest)."""

    party: str | None = Field(None, description="party code")
    person: str | None = Field(None, description="person slug")
    role: Role = Role.DELEGATION
    head: bool = Field(False, description="the head of the party's delegation")
    post: str = Field("", max_length=300, description="the post named at the meeting")
    post_names: dict[str, str] = Field(
        default_factory=dict, description="the post's translations by language (ru, zh)"
    )
    attendance: Attendance = Attendance.PRESENT
    absence_reason: AbsenceReason | None = Field(None, description="why it was absent")
    level: Level | None = Field(None, description="represented at a lower or higher level")
    level_text: str = Field("", max_length=300, description="the level or post it was at")
    level_names: dict[str, str] = Field(default_factory=dict)
    joined: MomentIn | None = Field(None, description="it joined late: at an item or a time")
    left: MomentIn | None = Field(None, description="it left early: at an item or a time")
    source: str = Field("", max_length=300)
    note: str = ""


class ParticipantsIn(In):
    """Everyone who took part, in order (those left out are removed)."""

    participants: list[ParticipantIn] = Field(max_length=MAX_ROWS)


class AgendaItemIn(In):
    id: str = slug_field(description="the item's id at this meeting")
    title: str = Field(min_length=1, max_length=500)
    titles: dict[str, str] = {}
    kind: ItemKind = ItemKind.DISCUSSION
    topics: list[str] = Field([], description="topic slugs of the organization")
    events: list[str] = Field([], description="event ids of the organization")
    emphasis: bool = Field(False, description="particular attention was paid")
    classification: Classification = Classification.PUBLIC
    source: str = Field("", max_length=300)
    note: str = ""


class AgendaIn(In):
    """The agenda, in order (items left out are removed; an item keeps its id)."""

    items: list[AgendaItemIn] = Field(max_length=MAX_ROWS)


class StatementIn(In):
    """Words attributed to a person, a party, or a person for a party, at or after the
    meeting."""

    person: str | None = Field(None, description="person slug")
    party: str | None = Field(None, description="party code")
    kind: StatementKind = StatementKind.STATEMENT
    verbatim: bool = Field(True, description="the words as spoken; false: reported speech")
    date: Day | None = None
    after_meeting: bool = False
    item: str | None = Field(None, description="agenda item id at this meeting")
    text: str = Field(min_length=1)
    texts: dict[str, str] = {}
    source: str = Field("", max_length=300)
    note: str = ""


class StatementsIn(In):
    """The statements (reports heard), in order (those left out are removed)."""

    statements: list[StatementIn] = Field(max_length=MAX_ROWS)


# --- calendar and events -------------------------------------------------------------


class CalendarEntry(Out):
    kind: str = Field(description="meeting or event")
    date: str
    end: str | None
    title: str
    place: str | None
    classification: str | None
    meeting: MeetingRef | None
    event: str | None


class CalendarPage(Out):
    """Meetings and events overlapping the period, by date (meetings after events on
    the same day)."""

    items: list[CalendarEntry]
    next_cursor: str | None


class EventParticipantOut(Out):
    party: PartyRef
    role: str
    first_participation: bool
    detail: str | None


class EventOut(Out):
    id: str
    name: str
    names: dict[str, str]
    kind: str
    date: str | None
    end: str | None
    place: str | None
    city: str | None
    country: PartyRef | None
    organiser: PartyRef | None
    host_body: str | None
    participants: list[EventParticipantOut]


class EventPage(Out):
    items: list[EventOut]
    next_cursor: str | None


def event_out(e: Event) -> EventOut:
    return EventOut(
        id=e.slug,
        name=e.name,
        names=e.names,
        kind=e.kind,
        date=partial(e.start, e.date_precision),
        end=end_of(e.start, e.end, e.date_precision) if e.start else None,
        place=e.place or None,
        city=e.city or None,
        country=party_ref(e.country),
        organiser=party_ref(e.organiser),
        host_body=e.host_body.slug if e.host_body_id else None,
        participants=[
            EventParticipantOut(
                party=PartyRef(code=p.party.code, name=p.party.name),
                role=p.role,
                first_participation=p.first_participation,
                detail=p.detail or None,
            )
            for p in e.participants.all()
        ],
    )


class EventDetail(EventOut):
    place_names: dict[str, str]
    city_names: dict[str, str]
    source: str
    note: str


def event_detail(e: Event) -> EventDetail:
    return EventDetail(
        **event_out(e).model_dump(),
        place_names=e.place_names,
        city_names=e.city_names,
        source=e.source,
        note=e.note,
    )


class EventParticipantIn(In):
    party: str = Field(description="party code")
    role: EventRole = EventRole.PARTICIPANT
    first_participation: bool = False
    detail: str = Field("", max_length=200, description="e.g. armed forces")


class EventIn(In):
    """A joint exercise, a joint event with an international organization, or another."""

    id: str = slug_field(description="the event's id in the organization")
    name: str = Field(min_length=1, max_length=300)
    names: dict[str, str] = {}
    kind: EventKind = EventKind.OTHER
    date: PartialDateText | None = None
    end: PartialDateText | None = Field(None, description="last day, same precision as date")
    place: str = Field("", max_length=200)
    place_names: dict[str, str] = {}
    city: str = Field("", max_length=120)
    city_names: dict[str, str] = {}
    country: str | None = Field(None, description="party code")
    organiser: str | None = Field(None, description="party code")
    host_body: str | None = Field(None, description="body slug")
    participants: list[EventParticipantIn] = Field([], max_length=MAX_ROWS)
    source: str = Field("", max_length=300)
    note: str = ""


class EventPatch(In):
    """The fields to change; fields left out keep their value (null clears one).
    `participants`, when sent, is the whole list."""

    name: str | None = Field(None, min_length=1, max_length=300)
    names: dict[str, str] | None = None
    kind: EventKind | None = None
    date: PartialDateText | None = None
    end: PartialDateText | None = None
    place: str | None = Field(None, max_length=200)
    place_names: dict[str, str] | None = None
    city: str | None = Field(None, max_length=120)
    city_names: dict[str, str] | None = None
    country: str | None = None
    organiser: str | None = None
    host_body: str | None = None
    participants: list[EventParticipantIn] | None = Field(None, max_length=MAX_ROWS)
    source: str | None = Field(None, max_length=300)
    note: str | None = None
