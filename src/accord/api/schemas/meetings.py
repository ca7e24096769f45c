"""Meetings: the list, the full record, and the writes (meeting, action, decision,
position); calendar entries and events."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from accord.api.days import Day
from accord.api.schemas.common import (
    In,
    MeetingRef,
    Out,
    PartyRef,
    end_of,
    partial,
    party_ref,
    slug_field,
)
from accord.api.schemas.decides import DECIDES, EffectIn
from accord.bodies.selectors import Chair
from accord.core.dates import PartialDate
from accord.core.models import Classification
from accord.decisions.models import (
    DecisionOutcome,
    Procedure,
    Stance,
)
from accord.meetings.models import (
    AbsenceReason,
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
    Role,
    StatementKind,
    TimingReason,
)
from accord.meetings.record import (
    ChairOfMeeting,
    JointBodyOut,
    chair_out,
    joint_bodies_out,
)
from accord.meetings.references import slug_of
from accord.records.defaults import DEFAULTS


def _partial_date(value: str) -> str:
    PartialDate.parse(value)  # ValueError says what is wrong
    return value


PartialDateText = Annotated[
    str,
    Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", examples=["2019-05-15", "2019-04", "2004"]),
    AfterValidator(_partial_date),
]

# --- reads ---------------------------------------------------------------------------


class MeetingOut(Out):
    body: str
    joint_bodies: list[JointBodyOut] = Field(
        description="a joint meeting's other bodies, in order (body convenes it)"
    )
    number: int | None
    id: str
    kind: str = Field(description="regular, extraordinary, informal or ad-hoc")
    title: str | None
    date: str
    end: str | None
    city: str | None
    country: PartyRef | None
    mode: str
    status: str | None = Field(
        description="the kind of the latest change of its plan (cancelled, postponed...)"
    )
    format: str
    classification: str
    chair: ChairOfMeeting


class MeetingPage(Out):
    items: list[MeetingOut]
    next_cursor: str | None


class PositionDetail(Out):
    """A party's position on a decision (stance null: none recorded yet)."""

    decision: str
    meeting: MeetingRef
    party: PartyRef
    stance: str | None
    statement: str
    recorded: bool


def meeting_out(meeting: Meeting, chair: Chair) -> MeetingOut:
    return MeetingOut(
        body=meeting.body.slug,
        joint_bodies=joint_bodies_out(meeting),
        number=meeting.number,
        id=meeting.slug,
        kind=meeting.kind,
        title=meeting.title or None,
        date=meeting.partial_date.isoformat(),
        end=end_of(meeting.start, meeting.end, meeting.date_precision),
        city=meeting.city or None,
        country=party_ref(meeting.country),
        mode=meeting.mode,
        status=meeting.status or None,
        format=meeting.format,
        classification=meeting.classification,
        chair=chair_out(chair),
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


class JointBodyIn(In):
    body: str = Field(description="body slug, of the same organization")
    number: int | None = Field(None, ge=1, description="the meeting's number in its series")


def _joint_body_given(value: object) -> object:
    return {"body": value} if isinstance(value, str) else value


# A joint body as a payload names it: a body slug, or {body, number}.
JointBodyItem = Annotated[JointBodyIn, BeforeValidator(_joint_body_given)]


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
    mode: Mode = Mode(DEFAULTS["meetings"]["mode"])
    host: str | None = None
    chair: str | None = Field(
        None, description="only where the record names a chair other than the rule's"
    )
    chair_person: str | None = Field(None, description="slug of the person who chaired")
    co_chairs: list[CoChairItem] = Field(
        [], description="party codes, or {party, person} with the person who co-chaired"
    )
    joint_bodies: list[JointBodyItem] = Field(
        [], description="a joint meeting's other bodies: slugs, or {body, number}"
    )
    format: Format = Format.RESTRICTED
    prepares: MeetingPointer | None = None
    classification: Classification = Classification(DEFAULTS["meetings"]["classification"])
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
    joint_bodies: list[JointBodyItem] | None = None
    format: Format | None = None
    classification: Classification | None = None
    outcome: str | None = None
    source: str | None = Field(None, max_length=300)
    note: str | None = None


class ActionIn(In):
    """What the meeting's body did: a verb on a document, an agenda item or an event."""

    verb: str = Field(
        min_length=1,
        max_length=30,
        description="one of the organization's verbs (its record's `verbs`, else Accord's"
        " default set)",
    )
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
    to_organization: str = Field(
        "",
        max_length=200,
        description="for a verb whose target is an outside organization: its name",
    )
    to_organization_names: dict[str, str] = Field({}, description="its name in each language")
    reference: str = Field(
        "", max_length=100, description="for a verb that takes one: a reference number"
    )
    purpose: str = Field("", max_length=40)
    by: str | None = Field(None, description="person slug")
    date: PartialDateText | None = Field(None, description="default: the meeting's date")
    classification: Classification = Classification(DEFAULTS["actions"]["classification"])
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
    classification: Classification = Classification(
        DEFAULTS["meetings.decisions"]["classification"]
    )
    positions: list[PositionIn] = []
    decides: list[EffectIn] = DECIDES
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
    decides: list[EffectIn] | None = Field(
        None, description="left out: unchanged; given: all the decision decides"
    )
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
    role: Role = Role(DEFAULTS["meetings.participants"]["role"])
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
    kind: ItemKind = ItemKind(DEFAULTS["meetings.agenda"]["kind"])
    topics: list[str] = Field([], description="topic slugs of the organization")
    events: list[str] = Field([], description="event ids of the organization")
    emphasis: bool = Field(False, description="particular attention was paid")
    classification: Classification = Classification(DEFAULTS["meetings.agenda"]["classification"])
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
    status: str | None = Field(
        description="a meeting's status: the kind of the latest change of its plan"
        " (cancelled, postponed...); null: no plan history, or an event"
    )
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
        host_body=slug_of(e.host_body),
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
    role: EventRole = EventRole(DEFAULTS["events.participants"]["role"])
    first_participation: bool = False
    detail: str = Field("", max_length=200, description="e.g. armed forces")


class EventIn(In):
    """A joint exercise, a joint event with an international organization, or another."""

    id: str = slug_field(description="the event's id in the organization")
    name: str = Field(min_length=1, max_length=300)
    names: dict[str, str] = {}
    kind: EventKind = EventKind(DEFAULTS["events"]["kind"])
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
