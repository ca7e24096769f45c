"""The only writer of a meeting's sessions: each sitting with its day, venue, mode, who
of the meeting's participants attended it and the agenda items taken up in it.

A session names its attendees among the meeting's participants (`Participation`, the
one list of who took part): a party names its delegation's row (the row without a
person, else its head's, else its first), a person (with or without a party) the
person's own row. A change of the participant list keeps each attendance with the
participant it names (`attendance_kept`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accord.core import wording
from accord.core.dates import PartialDate, Precision
from accord.core.errors import DomainError, Problem
from accord.core.identity import nothing_under
from accord.core.persist import Tally, set_links, sync, upsert
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Participation,
    Session,
    SessionKind,
)
from accord.meetings.rules import (
    duplicate_problems,
    session_attendee_problem,
    session_date_problem,
)
from accord.registry.models import Party, Person


@dataclass
class Attendee:
    """A session participant as a way in names it: a party, a person, or both."""

    party: Party | None = None
    person: Person | None = None


@dataclass
class SessionPlan:
    """One session as a way in gives it (`attendees` and `items` in order)."""

    slug: str
    date: dt.date
    kind: str = SessionKind.OTHER
    title: str = ""
    titles: dict[str, str] = field(default_factory=dict)
    venue: str = ""
    city: str = ""
    city_names: dict[str, str] = field(default_factory=dict)
    mode: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    source: str = ""
    note: str = ""


def attendee_row(
    rows: Sequence[Participation], party: Party | None, person: Person | None
) -> Participation | None:
    """The participant among `rows` that an attendee naming `party` and/or `person`
    names (None: none): the person's own row (of that party, if named); for a party
    alone, its delegation's row without a person, else its head's, else its first."""
    if person is not None:
        return next(
            (
                r
                for r in rows
                if r.person_id == person.pk and (party is None or r.party_id == party.pk)
            ),
            None,
        )
    if party is None:
        return None
    own = [r for r in rows if r.party_id == party.pk]
    for chosen in (
        (r for r in own if r.person_id is None),
        (r for r in own if r.head_of_delegation),
        iter(own),
    ):
        found = next(chosen, None)
        if found is not None:
            return found
    return None


def attendee_of(row: Participation, rows: Sequence[Participation]) -> Attendee:
    """How a record names the participant `row` as a session attendee: by its party
    alone where that names it, else by its person (and party)."""
    if row.party is not None and attendee_row(rows, row.party, None) is row:
        return Attendee(party=row.party)
    return Attendee(party=row.party, person=row.person)


def _who(party: Party | None, person: Person | None) -> str:
    if person is not None and party is not None:
        return f"{person.slug} ({party.code})"
    if person is not None:
        return person.slug
    return party.code if party is not None else ""


def set_sessions(
    meeting: Meeting, sessions: Sequence[SessionPlan], tally: Tally | None = None
) -> list[Session]:
    """The meeting's sessions, in order (the whole list). Each is held on one of the
    meeting's days; its attendees are participants of the meeting, none absent from it,
    and a restricted session admits only whom a meeting restricted to members admits
    (`rules.session_attendee_problem`); an agenda item of the meeting is taken up in one
    session at most. Refusals name the row (`[1].participants[0]`)."""
    if not sessions and (
        nothing_under(Session, {"meeting": meeting})
        or not Session.objects.filter(meeting=meeting).exists()
    ):
        return []
    problems = [
        Problem(f"[{index}].id", reason)
        for index, reason in duplicate_problems([s.slug for s in sessions], "sessions")
    ]
    last = PartialDate(meeting.end, Precision(meeting.date_precision)).latest
    participants: list[Participation] = []
    if any(s.attendees for s in sessions):
        participants = list(
            Participation.objects.filter(meeting=meeting)
            .select_related("party", "person")
            .order_by("position")
        )
    taken: dict[int, str] = {}
    attended: list[list[Participation]] = []
    for index, s in enumerate(sessions):
        where = f"[{index}]"
        reason = session_date_problem(s.date, meeting.start, last)
        if reason:
            problems.append(Problem(f"{where}.date", reason))
        rows: list[Participation] = []
        for j, a in enumerate(s.attendees):
            at = f"{where}.participants[{j}]"
            who = _who(a.party, a.person)
            row = attendee_row(participants, a.party, a.person)
            if not who:
                problems.append(Problem(at, _("names neither a party nor a person")))
            elif row is None:
                problems.append(
                    Problem(
                        at,
                        _(
                            "%(who)s is not a participant of the meeting;"
                            " add it to the meeting's participants first"
                        )
                        % {"who": who},
                    )
                )
            elif row in rows:
                problems.append(Problem(at, _("%(who)s is named twice") % {"who": who}))
            elif reason := session_attendee_problem(
                who, row.role, row.attendance, s.slug, s.kind == SessionKind.RESTRICTED
            ):
                problems.append(Problem(at, reason))
            else:
                rows.append(row)
        attended.append(rows)
        for j, item in enumerate(s.items):
            if item.meeting_id != meeting.pk:
                problems.append(
                    Problem(f"{where}.items[{j}]", _("must be an agenda item of this meeting"))
                )
            elif item.pk in taken:
                problems.append(
                    Problem(
                        f"{where}.items[{j}]",
                        _("%(item)s is already taken up in the session %(session)s")
                        % {"item": repr(item.slug), "session": repr(taken[item.pk])},
                    )
                )
            else:
                taken[item.pk] = s.slug
    if problems:
        raise DomainError(problems)
    existing = set(Session.objects.filter(meeting=meeting).values_list("pk", flat=True))
    written = sync(
        Session,
        {"meeting": meeting},
        ["slug"],
        [
            {
                "position": index,
                "slug": s.slug,
                "kind": s.kind,
                "title": s.title,
                "titles": s.titles,
                "date": s.date,
                "venue": s.venue,
                "city": s.city,
                "city_names": s.city_names,
                "mode": s.mode,
                "source": s.source,
                "note": s.note,
            }
            for index, s in enumerate(sessions)
        ],
        tally,
    )
    created = [row.pk for row in written if row.pk not in existing]
    set_links(written, "attendees", attended, tally, created=created)
    wanted = {item.pk: row for row, s in zip(written, sessions, strict=True) for item in s.items}
    held = AgendaItem.objects.filter(meeting=meeting)
    if not wanted:
        held = held.filter(session__isnull=False)
    for item in held:
        target = wanted.get(item.pk)
        if item.session_id != (target.pk if target is not None else None):
            upsert(AgendaItem, {}, {"session": target}, tally, instance=item)
    return written


@contextmanager
def attendance_kept(
    meeting: Meeting, participants: Sequence[object], *, sessions_follow: bool = False
) -> Iterator[None]:
    """Around a change of the meeting's participant list (`participants`: the new list,
    each with `party`, `person` and `attendance`): each session attendance stays with the
    participant it names (the same party and person) wherever the list puts it. A
    participant that attends a session may not leave the list or become absent, unless
    the caller sets the sessions next (`sessions_follow`): then such attendance goes."""
    Through = Session.attendees.through
    links = (
        []
        if nothing_under(Session, {"meeting": meeting})
        else list(
            Through.objects.filter(session__meeting=meeting).values_list(
                "session_id",
                "session__slug",
                "participation__party_id",
                "participation__person_id",
                "participation__party__code",
                "participation__person__slug",
            )
        )
    )
    if not links:
        yield
        return
    places: dict[tuple[int | None, int | None], int] = {}
    for index, p in enumerate(participants):
        party, person = getattr(p, "party", None), getattr(p, "person", None)
        key = (party.pk if party else None, person.pk if person else None)
        places.setdefault(key, index)
    if not sessions_follow:
        problems = []
        for _session, slug, party_id, person_id, code, person_slug in links:
            who = f"{person_slug} ({code})" if person_slug and code else person_slug or code
            why = _("%(who)s attends the session %(session)s; remove it from the session first") % {
                "who": who,
                "session": repr(slug),
            }
            place = places.get((party_id, person_id))
            if place is None:
                problems.append(Problem("", why))
            elif getattr(participants[place], "attendance", "") == Attendance.ABSENT:
                problems.append(Problem(f"[{place}].attendance", why))
        if problems:
            raise DomainError(problems)
    yield
    now = {
        (party, person): pk
        for pk, party, person in Participation.objects.filter(meeting=meeting)
        .order_by("-position")
        .values_list("pk", "party_id", "person_id")
    }  # the first row of each party and person wins, as in `places`
    absent = set(
        Participation.objects.filter(meeting=meeting, attendance=Attendance.ABSENT).values_list(
            "pk", flat=True
        )
    )
    wanted: dict[int, list[int]] = {}
    for session_id, _slug, party_id, person_id, _code, _person in links:
        pk = now.get((party_id, person_id))
        targets = wanted.setdefault(session_id, [])
        if pk is not None and pk not in absent:
            targets.append(pk)
    found = list(Session.objects.filter(pk__in=wanted).order_by("pk"))
    set_links(
        found,
        "attendees",
        [[Participation(pk=pk) for pk in wanted[s.pk]] for s in found],
    )


def sessions_outside(meeting: Meeting, start: dt.date, last: dt.date) -> Problem | None:
    """Why `meeting` cannot move to `start`..`last`: a session of it is held outside."""
    outside = (
        Session.objects.filter(meeting=meeting)
        .exclude(date__range=(start, last))
        .values_list("slug", "date")
        .first()
    )
    if outside is None:
        return None
    slug, day = outside
    return Problem(
        "date",
        _(
            "the session %(session)s is held on %(day)s, outside %(start)s..%(last)s;"
            " change its date first"
        )
        % {
            "session": repr(slug),
            "day": wording.day(day),
            "start": wording.day(start),
            "last": wording.day(last),
        },
    )
