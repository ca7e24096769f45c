"""The only writers of meetings, their participants, agenda and statements (topics and
events: `meetings.events`, whose writers callers also find here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext

from accord.bodies.models import Body
from accord.core.dates import PartialDate, Precision, check_range
from accord.core.errors import DomainError, InUse, Problem
from accord.core.fields import KEEP
from accord.core.identity import nothing_under
from accord.core.intervals import check_span
from accord.core.locks import hold
from accord.core.persist import (
    Tally,
    find,
    set_links,
    set_many,
    sync,
    upsert,
)
from accord.core.wording import day, named

# Topics' and events' writers, which callers read here too.
from accord.meetings.events import claim_event_slug, claim_topic_slug, save_event, save_topic  # noqa: F401
from accord.meetings.inputs import AgendaItemFields, MeetingFields, StatementFields
from accord.meetings.joint import joined_slots
from accord.meetings.models import (
    ATTENDANCE_FIELDS,
    AgendaItem,
    Attendance,
    CoChair,
    Event,
    Meeting,
    Participation,
    Role,
    Statement,
    Topic,
)
from accord.meetings.participation import standing_problems
from accord.meetings.rules import (
    Presence,
    Slot,
    attendance_problems,
    co_chair_problem,
    numbering_conflict,
    statement_problem,
)
from accord.meetings.sessions import attendance_kept, sessions_outside
from accord.registry.models import Organization, Party, Person
from accord.registry.selectors import decision_takers_on, standing_of


def _slot(key: str, number: int, start: dt.date, end: dt.date, precision: str) -> Slot:
    """The span a meeting may have been held in, as far as its dates are known."""
    last = PartialDate(end, Precision(precision))
    return Slot(key, number, start, last.latest)


def taken_in_series(body: Body, slug: str, number: int | None) -> Problem | None:
    """Why a new meeting of `body` cannot have `slug` or `number`: a meeting of the
    body already has it (None when both are free). Other writers creating in the
    series wait until this transaction ends (PostgreSQL), so the answer holds."""
    hold(body)
    taken = Q(slug=slug) | Q(number=number) if number is not None else Q(slug=slug)
    for other in Meeting.objects.filter(body=body).filter(taken):
        if number is not None and other.number == number:
            reason = gettext("%(body)s already has a meeting number %(number)s")
            return Problem(
                "number", reason % {"body": named(body, body.slug).strip("'"), "number": number}
            )
        reason = gettext("%(body)s already has a meeting %(id)s")
        return Problem("id", reason % {"body": named(body, body.slug).strip("'"), "id": repr(slug)})
    return None


# A meeting's own fields that a change of its record writes (its slug names it; its
# co-chairs, participants, agenda, actions and decisions are written apart). The API's
# PATCH and the web's record page both read them from here.
EDITABLE = (
    "number", "kind", "title", "titles", "start", "end", "date_precision", "city", "city_names",
    "country", "venue", "mode", "host", "chair", "chair_person", "format", "classification",
    "outcome", "source", "note", "prepares",
)  # fmt: skip


def save_meeting(
    body: Body,
    slug: str,
    values: MeetingFields,
    *,
    co_chairs: Iterable[Party | tuple[Party, Person | None]] = (),
    tally: Tally | None = None,
) -> Meeting:
    """A meeting of `body`; refused when its number breaks the series or its chair is wrong.

    Numbers are unique within the body's series and increase with the date (gaps
    allowed; a meeting without a number is ad hoc, outside the series). An explicit
    chair must be a member on the meeting date. Each co-chair (a party, or a party and
    the person who co-chaired for it) holds a standing in the organization on the
    meeting date or is the host. Fields left out of `values` keep the meeting's
    recorded values (a new meeting's defaults); the chair and host left out keep theirs.
    """
    start, end = values.start, values.end
    if start is KEEP or end is KEEP:
        raise TypeError("a meeting is saved with its dates")
    given = values.given()
    precision = given.get("date_precision", "day")
    check_range(
        {
            "date": PartialDate(start, Precision(precision)),
            "date.to": PartialDate(end, Precision(precision)),
        }
    )
    check_span("date.to", start, end)
    number = given.get("number")
    if number is not None:
        hold(body)  # the series is read, then written: its writers queue
        new = _slot(slug, number, start, end, precision)
        # Only these can conflict: the same number, a lower number held after this
        # meeting, a higher one ended before it (the rule itself judges each).
        conflicting = (
            Q(number=number)
            | Q(number__lt=number, start__gt=new.latest)
            | Q(number__gt=number, end__lt=new.earliest)
        )
        series = [
            _slot(key, n, first, last, kept)
            for key, n, first, last, kept in Meeting.objects.filter(conflicting, body=body)
            .exclude(slug=slug)
            .values_list("slug", "number", "start", "end", "date_precision")
            if n is not None  # always: each condition compares the number
        ]
        series += joined_slots(body, Q(body=body, slug=slug))  # the meetings it joins
        reason = numbering_conflict(series, new)
        if reason:
            raise DomainError.at("number", reason)
    organization = body.organization
    chair = given.get("chair")
    if chair is not None and chair.code not in decision_takers_on(organization, start):
        reason = gettext("%(party)s is not a member on %(date)s")
        said = {"party": named(chair, chair.code), "date": day(start)}
        raise DomainError.at("chair", reason % said)
    existing = find(Meeting, {"body": body, "slug": slug})
    moved = (
        existing
        if existing is not None and (existing.start, existing.end) != (start, end)
        else None
    )
    if moved is not None:
        last = PartialDate(end, Precision(precision)).latest
        problem = _members_elsewhere(moved, start, last, keeps_chair="chair" not in values)
        problem = problem or sessions_outside(moved, start, last)
        if problem:
            raise DomainError(problem)
    prepares = given.get("prepares")
    if prepares is not None:
        if prepares.body.organization_id != organization.pk:
            raise DomainError.at("prepares", "must be a meeting of the same organization")
        if prepares.start < start:
            raise DomainError.at("prepares", f"the prepared meeting ({prepares.start}) is earlier")
    pairs = [c if isinstance(c, tuple) else (c, None) for c in co_chairs]
    host = given.get("host")
    if "host" not in values and existing is not None:
        host = existing.host  # a change that leaves the host out keeps it
    problems = _co_chair_problems(organization, start, host, pairs)
    if problems:
        raise DomainError(problems)
    meeting, outcome = upsert(
        Meeting,
        {"body": body, "slug": slug},
        given,
        tally,
        instance=existing,
        missing=existing is None,
    )
    created = outcome == "created"
    set_many(meeting, "co_chairs", [party for party, _ in pairs], tally, created=created)
    if any(person for _, person in pairs) or not created:
        _set_co_chair_persons(meeting, pairs, tally)
    return meeting


def _co_chair_problems(
    organization: Organization,
    day: dt.date,
    host: Party | None,
    pairs: Sequence[tuple[Party, Person | None]],
) -> list[Problem]:
    """Why the co-chairs cannot co-chair on `day`: each holds a standing in the
    organization then or is the host; none is named twice."""
    problems = []
    seen: set[str] = set()
    for index, (party, _person) in enumerate(pairs):
        if party.code in seen:
            problems.append(Problem(f"co_chairs[{index}]", f"{party.code} is named twice"))
        seen.add(party.code)
        standing = standing_of(organization, party.code, day)
        reason = co_chair_problem(party.code, standing, host.code if host else None)
        if reason:
            problems.append(Problem(f"co_chairs[{index}]", reason))
    return problems


def _set_co_chair_persons(
    meeting: Meeting, pairs: Sequence[tuple[Party, Person | None]], tally: Tally | None
) -> None:
    """Each co-chair row holds the person the record names for its party (or none)."""
    wanted = {party.pk: person for party, person in pairs}
    for row in CoChair.objects.filter(meeting=meeting):
        person = wanted.get(row.party_id)
        if row.person_id != (person.pk if person else None):
            upsert(CoChair, {}, {"person": person}, tally, instance=row)


def _members_elsewhere(
    meeting: Meeting, start: dt.date, last: dt.date, keeps_chair: bool
) -> Problem | None:
    """Why `meeting` cannot move to `start`..`last`: who holds a position on one of its
    decisions and would not be a member on that decision's day (its own date, else the
    new last day), takes part in it as a member delegation, or chairs it, and would not
    be a member on the new first day; or a decision dated outside the new days."""
    from accord.decisions.models import Decision

    members = decision_takers_on(meeting.body.organization, start)
    codes: set[str] = set()
    for decision in Decision.objects.filter(meeting=meeting).prefetch_related("positions__party"):
        if decision.date is not None and not start <= decision.date <= last:
            return Problem(
                "date",
                f"the decision {decision.slug!r} is dated {decision.date}, outside"
                f" {start}..{last}; change its date first",
            )
        takers = decision_takers_on(meeting.body.organization, decision.date or last)
        codes |= {p.party.code for p in decision.positions.all() if p.party.code not in takers}
    codes |= set(
        Participation.objects.filter(meeting=meeting, role=Role.DELEGATION, party__isnull=False)
        .exclude(party__code__in=members)
        .values_list("party__code", flat=True)
    )
    chair = meeting.chair if keeps_chair and meeting.chair_id is not None else None
    if chair is not None and chair.code not in members:
        codes.add(chair.code)
    if not codes:
        return None
    return Problem(
        "date",
        f"{', '.join(sorted(codes))} would not be members on {start}, yet hold a position,"
        " a member delegation or the chair at this meeting; change those first",
    )


@dataclass
class Participant:
    party: Party | None = None
    person: Person | None = None
    role: str = Role.DELEGATION
    head_of_delegation: bool = False
    post_title: str = ""
    post_names: dict[str, str] = field(default_factory=dict)
    source: str = ""
    note: str = ""
    attendance: str = Attendance.PRESENT
    absence_reason: str = ""
    level: str = ""
    level_text: str = ""
    level_names: dict[str, str] = field(default_factory=dict)
    joined_at_item: AgendaItem | None = None
    joined_at_time: dt.time | None = None
    left_at_item: AgendaItem | None = None
    left_at_time: dt.time | None = None
    timing_reason: str = ""

    def presence(self) -> Presence:
        return _presence(self)


def _presence(p: Participant | Participation) -> Presence:
    """How a participant attended, as the rules read it."""
    joined, left = p.joined_at_item, p.left_at_item
    return Presence(
        attendance=p.attendance,
        absence_reason=p.absence_reason,
        level=p.level,
        level_text=p.level_text,
        joined_at=joined.position if joined else None,
        joined_item=joined.slug if joined else "",
        joined_time=p.joined_at_time,
        left_at=left.position if left else None,
        left_item=left.slug if left else "",
        left_time=p.left_at_time,
        timing_reason=p.timing_reason,
    )


def set_participants(
    meeting: Meeting,
    participants: Sequence[Participant],
    tally: Tally | None = None,
    *,
    statements_follow: bool = False,
    sessions_follow: bool = False,
) -> None:
    """Who took part and how: member delegations must be members on the meeting date,
    observer delegations must hold a non-member status, and a members-only meeting
    admits no observer delegation. One head per delegation. Each participant's
    attendance facts go together (`rules.attendance_problems`); the agenda items it
    joined or left at are items of this meeting. The statements already recorded at the
    meeting must still agree with the attendance (`rules.statement_problem`), unless the
    caller sets the statements next (`statements_follow`). Session attendance stays with
    its participant (`sessions.attendance_kept`, unless `sessions_follow`)."""
    organization = meeting.body.organization
    members = decision_takers_on(organization, meeting.start)
    problems: list[Problem] = []
    heads: dict[str, int] = {}
    for index, p in enumerate(participants):
        where = f"[{index}]"
        if p.party is None and p.person is None:
            problems.append(Problem(where, gettext("names neither a party nor a person")))
            continue
        for name, item in (("joined", p.joined_at_item), ("left", p.left_at_item)):
            if item is not None and item.meeting_id != meeting.pk:
                problems.append(
                    Problem(
                        f"{where}.{name}.item", gettext("must be an agenda item of this meeting")
                    )
                )
        for name, reason in attendance_problems(p.presence()):
            problems.append(Problem(f"{where}.{name}", reason))
        code = p.party.code if p.party is not None else None
        if p.party is not None:
            problems += standing_problems(meeting, p.party, p.role, members, where)
        if p.head_of_delegation and code is not None:
            if code in heads:
                problems.append(
                    Problem(
                        f"{where}.head",
                        gettext(
                            "%(party)s already has a head of delegation at participants[%(index)s]"
                        )
                        % {"party": named(p.party, code).strip("'"), "index": heads[code]},
                    )
                )
            heads[code] = index
    if problems:
        raise DomainError(problems)
    rows = [
        {
            "position": index,
            "party": p.party,
            "person": p.person,
            "role": p.role,
            "head_of_delegation": p.head_of_delegation,
            "post_title": p.post_title,
            "post_names": p.post_names,
            "source": p.source,
            "note": p.note,
            **{f: getattr(p, f) for f in ATTENDANCE_FIELDS},
        }
        for index, p in enumerate(participants)
    ]
    if not statements_follow:
        said = list(
            Statement.objects.filter(meeting=meeting).select_related(
                "person", "party", "agenda_item"
            )
        )
        ruled_out = _statement_problems(said, participants)
        if ruled_out:
            raise DomainError(
                Problem(
                    f"[{index}].attendance",
                    f"statement {s.position}: {reason} (change or remove the statement first)",
                )
                for s, index, (_field, reason) in ruled_out
            )
    with attendance_kept(meeting, participants, sessions_follow=sessions_follow):
        sync(Participation, {"meeting": meeting}, ["position"], rows, tally)


def _speaker_presence(
    person: Person | None, party: Party | None, participants: Sequence[Participant | Participation]
) -> tuple[str, int] | None:
    """The speaker as named, and the place of the participant whose attendance counts
    for it: the person's own participation where the person took part; else the party's
    delegation (its head, else its row without a person, else its first row). None when
    the speaker is not among the participants."""
    if person is not None:
        for index, p in enumerate(participants):
            if p.person is not None and p.person.pk == person.pk:
                return person.slug, index
    if party is not None:
        rows = [
            (index, p)
            for index, p in enumerate(participants)
            if p.party is not None and p.party.pk == party.pk
        ]
        chosen = next((i for i, p in rows if p.head_of_delegation), None)
        if chosen is None:
            chosen = next((i for i, p in rows if p.person is None), None)
        if chosen is None and rows:
            chosen = rows[0][0]
        if chosen is not None:
            name = f"{person.slug} ({party.code})" if person is not None else party.code
            return name, chosen
    return None


def _speaker_field(s: Statement) -> str:
    """The field that names a statement's speaker in its record."""
    return "person" if s.person is not None else "party"


def _statement_problems(
    statements: Sequence[Statement], participants: Sequence[Participant | Participation]
) -> list[tuple[Statement, int, tuple[str, str]]]:
    """Each statement that its speaker's attendance rules out, with the place of the
    participant whose attendance does, and the reason."""
    found = []
    for s in statements:
        speaker = _speaker_presence(s.person, s.party, participants)
        if speaker is None:
            continue
        name, index = speaker
        item = s.agenda_item
        reason = statement_problem(
            name,
            _presence(participants[index]),
            item.position if item is not None else None,
            item.slug if item is not None else "",
            s.after_meeting,
        )
        if reason:
            found.append((s, index, reason))
    return found


@dataclass
class Item:
    slug: str
    title: str
    fields: AgendaItemFields = field(default_factory=AgendaItemFields)
    topics: list[Topic] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def set_agenda(
    meeting: Meeting, items: Sequence[Item], tally: Tally | None = None
) -> list[AgendaItem]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.slug in seen:
            reason = gettext("%(id)s is already used by agenda[%(index)s]") % {
                "id": repr(item.slug),
                "index": seen[item.slug],
            }
            raise DomainError.at(f"[{index}].id", reason)
        seen[item.slug] = index
    existing = (
        set()
        if nothing_under(AgendaItem, {"meeting": meeting})
        else set(AgendaItem.objects.filter(meeting=meeting).values_list("slug", flat=True))
    )
    rows = sync(
        AgendaItem,
        {"meeting": meeting},
        ["slug"],
        [
            {"slug": item.slug, "position": index, "title": item.title, **item.fields.given()}
            for index, item in enumerate(items)
        ],
        tally,
    )
    created = [row.pk for row in rows if row.slug not in existing]
    set_links(rows, "topics", [item.topics for item in items], tally, created=created)
    set_links(rows, "events", [item.events for item in items], tally, created=created)
    return rows


def replace_agenda(meeting: Meeting, items: Sequence[Item]) -> list[AgendaItem]:
    """Make the meeting's agenda exactly `items` (set_agenda), refusing to remove an
    item that actions of the meeting are recorded on: they would go with it (remove or
    change those actions first). Statements on a removed item keep their text, without
    the item."""
    from accord.decisions.models import Action

    kept = {item.slug for item in items}
    acted_on = (
        Action.objects.filter(agenda_item__meeting=meeting)
        .exclude(agenda_item__slug__in=kept)
        .values_list("agenda_item__slug", "position")
        .order_by("agenda_item__position", "position")
    )
    problems: dict[str, list[int]] = {}
    for slug, position in acted_on:
        problems.setdefault(slug, []).append(position)
    if problems:
        raise InUse(
            Problem(
                "items",
                gettext(
                    "%(id)s is the subject of the meeting's actions %(actions)s;"
                    " remove or change them first"
                )
                % {"id": repr(slug), "actions": ", ".join(str(p) for p in positions)},
            )
            for slug, positions in problems.items()
        )
    return set_agenda(meeting, items)


def set_statements(
    meeting: Meeting, statements: Sequence[StatementFields], tally: Tally | None = None
) -> None:
    """The statements of the meeting, in order: each by a person, a party, or a person
    for a party; at the meeting (at one of its agenda items) or after it. A speaker who
    took part must have been there to speak (`rules.statement_problem`)."""
    check_range({f"[{index}].date": s.date for index, s in enumerate(statements)})
    for index, s in enumerate(statements):
        if s.person is None and s.party is None:
            raise DomainError.at(f"[{index}].person", "a statement names a person or a party")
        if s.agenda_item is not None and s.agenda_item.meeting_id != meeting.pk:
            raise DomainError.at(f"[{index}].item", "must be an agenda item of this meeting")
        if s.date is not None and s.date < meeting.start:
            raise DomainError.at(f"[{index}].date", f"is before the meeting ({meeting.start})")
    present = list(
        Participation.objects.filter(meeting=meeting).select_related(
            "party", "person", "joined_at_item", "left_at_item"
        )
    )
    said = [
        Statement(
            position=index,
            person=s.person,
            party=s.party,
            agenda_item=s.agenda_item,
            after_meeting=s.after_meeting,
        )
        for index, s in enumerate(statements)
    ]
    problems = [
        Problem(f"[{s.position}].{_speaker_field(s) if field == 'speaker' else field}", reason)
        for s, _index, (field, reason) in _statement_problems(said, present)
    ]
    if problems:
        raise DomainError(problems)
    rows = [s.row(index) for index, s in enumerate(statements)]
    sync(Statement, {"meeting": meeting}, ["position"], rows, tally)
