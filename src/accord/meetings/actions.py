"""What the ways in (API, web pages) do with meetings, one function per use case.

Each use case checks the permission, locks the meeting (`claim_meeting`), checks the
version of the record its author read (when one is named: the record's ETag) and calls
the services, in one transaction whose audit entries are appended together; who acts
is the way in's to say (`audit.acting`). A refusal is a `DomainError` whose `status`
the API and the web answer with alike: `Forbidden` (403) for a viewer who does not keep
the organization's record, `Stale` (412) for an outdated version, `Conflict` (409) for
a number or id already taken, `InUse` (409) for what others still refer to. The ways in
only parse the request into values, call the use case, and render what it returns.

A change of a meeting names only what it changes; the other fields of
`services.EDITABLE` keep their values. A name in other languages goes with the text it
translates: a change of the title (or the city) that does not give the translations
too drops the ones recorded, which translated the old text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from django.db import transaction

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.core import audit, races
from accord.core.errors import Conflict, DomainError, InUse
from accord.core.etags import check_version
from accord.core.fields import KEEP
from accord.meetings import plan_services, removal, rules, services
from accord.meetings import sessions as meeting_sessions
from accord.meetings.inputs import MeetingFields, PlanChangeFields, StatementFields
from accord.meetings.joint import set_joint_bodies
from accord.meetings.models import AgendaItem, Meeting, kind_by_default
from accord.meetings.record import record_of
from accord.registry.models import Party, Person

CoChairs = Iterable[Party | tuple[Party, Person | None]]
# A joint meeting's other bodies, each with the meeting's number in its series or None.
JointBodies = Sequence[tuple[Body, int | None]]

# Texts whose translations are kept only while the text stays as it is.
TRANSLATED = {"title": "titles", "city": "city_names"}

# What a new meeting has where the way in gives nothing.
NEW_MEETING = MeetingFields(titles={}, city_names={}, prepares=None, source="", note="")


def claim_meeting(meeting: Meeting) -> Meeting:
    """Lock `meeting` until the transaction ends, and read it again (with its body and
    organization). Writers of the same meeting's record queue here; the lock is FOR NO
    KEY UPDATE of the meeting's row only, so rows that merely refer to it (its agenda,
    participants, actions) can still be written by others meanwhile."""
    return (
        Meeting.objects.select_for_update(no_key=True, of=("self",))
        .select_related("body__organization")
        .get(pk=meeting.pk)
    )


@contextmanager
def writing() -> Iterator[None]:
    """One use case: one transaction (part of the way in's when it holds one: a
    refusal undoes that whole transaction), its audit entries appended together, a
    write met by another at the same moment refused."""
    with races.refusals(), transaction.atomic(savepoint=False), audit.batched():
        yield


@contextmanager
def changing(viewer: Viewer, meeting: Meeting, expected_version: str | None) -> Iterator[Meeting]:
    """The meeting's record, locked for a change by `viewer`, after the checks every
    change of it makes: the viewer keeps the organization's record (`Forbidden`), and
    the record is still the version its author read (`Stale`; None: not checked)."""
    access.require_edit(viewer, meeting.body.organization_id)
    with writing():
        locked = claim_meeting(meeting)
        if expected_version is not None:
            check_version(expected_version, record_of(viewer, locked))
        yield locked


def create_meeting(
    viewer: Viewer,
    body: Body,
    values: MeetingFields,
    *,
    slug: str | None = None,
    co_chairs: CoChairs = (),
    joint: JointBodies = (),
) -> Meeting:
    """`viewer` records a new meeting of `body` with `values` (fields of
    `services.EDITABLE`; `kind` by default regular when numbered, ad hoc when not).

    The meeting is named by `slug`, else by its number (`rules.meeting_name`, which refuses an
    ad hoc meeting without an id); a number or id the body's series holds already is
    refused (`Conflict`), and whatever the services refuse. `joint` makes it a joint
    meeting of `body` with those bodies (`meetings.joint.set_joint_bodies`)."""
    access.require_edit(viewer, body.organization_id)
    number = values.number if values.number is not KEEP else None
    name = rules.meeting_name(slug, number)
    with writing():
        taken = services.taken_in_series(body, name, number)
        if taken is not None:
            raise Conflict(taken)
        kind = values.kind if values.kind is not KEEP and values.kind else None
        given = replace(
            values,
            **{**NEW_MEETING.given(), **values.given(), "kind": kind or kind_by_default(number)},
        )
        meeting = services.save_meeting(body, name, given, co_chairs=co_chairs)
        if joint:
            set_joint_bodies(meeting, joint)
        return meeting


def change_meeting(
    viewer: Viewer,
    meeting: Meeting,
    changes: MeetingFields,
    *,
    co_chairs: CoChairs | None = None,
    joint: JointBodies | None = None,
    expected_version: str | None = None,
) -> Meeting:
    """`viewer` changes the fields of `meeting` named in `changes` (of
    `services.EDITABLE`; the others keep their values) and, when `co_chairs` is given,
    its co-chairs; when `joint` is given, the other bodies of a joint meeting (those
    kept are checked again against the new dates). A changed title or city drops its
    recorded translations unless `changes` gives them too. Refused as `change` says
    (`changing`) and as the services refuse; nothing is written then."""
    given = changes.given()
    unknown = sorted(set(given) - set(services.EDITABLE))
    if unknown:
        raise DomainError.at(unknown[0], "is not a field of a meeting that can be changed")
    with changing(viewer, meeting, expected_version) as locked:
        values = replace(MeetingFields.of(locked, services.EDITABLE), **given)
        for text, names in TRANSLATED.items():
            if text in given and given[text] != getattr(locked, text) and names not in given:
                dropped: dict[str, Any] = {names: {}}
                values = replace(values, **dropped)
        kept = (
            co_chairs
            if co_chairs is not None
            else [(row.party, row.person) for row in locked.co_chair_rows.all()]
        )
        if locked.status:  # a plan history: its dates, place and mode follow the plan
            plan_services.check_at_plan(locked, values)
        saved = services.save_meeting(locked.body, locked.slug, values, co_chairs=kept)
        if joint is None:  # kept, and checked again against the meeting's dates
            joint = [(row.body, row.number) for row in locked.joint_rows.select_related("body")]
            if not joint:
                return saved
        set_joint_bodies(saved, joint)
        return saved


def set_participants(
    viewer: Viewer,
    meeting: Meeting,
    participants: Sequence[services.Participant],
    *,
    expected_version: str | None = None,
) -> Meeting:
    """`viewer` sets who took part in `meeting`, in order (the whole list). The services'
    refusals name the row (`participants[2].party`)."""
    with changing(viewer, meeting, expected_version) as locked:
        try:
            write_participants(locked, participants)
        except DomainError as exc:
            raise exc.under("participants") from None
        return locked


def replace_agenda(
    viewer: Viewer,
    meeting: Meeting,
    items: Sequence[services.Item],
    *,
    expected_version: str | None = None,
) -> Meeting:
    """`viewer` sets the meeting's agenda, in order (the whole agenda); an item left out
    that actions of the meeting are recorded on is refused (`InUse`)."""
    with changing(viewer, meeting, expected_version) as locked:
        try:
            write_agenda(locked, items)
        except InUse:
            raise
        except DomainError as exc:
            raise exc.under("items") from None
        return locked


def set_statements(
    viewer: Viewer,
    meeting: Meeting,
    statements: Sequence[StatementFields],
    *,
    expected_version: str | None = None,
) -> Meeting:
    """`viewer` sets the statements made at the meeting, in order (the whole list)."""
    with changing(viewer, meeting, expected_version) as locked:
        try:
            write_statements(locked, statements)
        except DomainError as exc:
            raise exc.under("statements") from None
        return locked


def change_plan(
    viewer: Viewer,
    meeting: Meeting,
    changes: Sequence[PlanChangeFields],
    *,
    expected_version: str | None = None,
) -> Meeting:
    """`viewer` sets the meeting's plan history (the whole list, in the order the
    changes became known); the meeting's dates, place and mode follow its latest plan.
    Refusals name the change (`plan[2].date`)."""
    with changing(viewer, meeting, expected_version) as locked:
        try:
            plan_services.set_plan(locked, changes)
        except DomainError as exc:
            raise exc.under("plan") from None
        return locked


def set_sessions(
    viewer: Viewer,
    meeting: Meeting,
    sessions: Sequence[meeting_sessions.SessionPlan],
    *,
    expected_version: str | None = None,
) -> Meeting:
    """`viewer` sets the meeting's sessions, in order (the whole list), with who of its
    participants attended each and the agenda items taken up in each."""
    with changing(viewer, meeting, expected_version) as locked:
        try:
            write_sessions(locked, sessions)
        except DomainError as exc:
            raise exc.under("sessions") from None
        return locked


# --- the parts of a record, for a use case that writes several under one lock ---------
#
# Each takes the meeting as `changing` (or `create_meeting`, in the same transaction)
# left it: locked, the viewer's permission and the version checked. A use case that
# writes several parts of the record at once (the web's record page) calls them in
# turn inside its own transaction; the use cases above call one each. Their refusals
# name the row (`[2].party`), under no part: the caller says which part it wrote.


def write_participants(
    locked: Meeting, participants: Sequence[services.Participant], *, sessions_follow: bool = False
) -> None:
    """Who took part in the locked meeting, in order (the whole list), and how each
    attended. A participant a session names may not leave the list or become absent,
    unless the caller sets the sessions next (`sessions_follow`)."""
    services.set_participants(locked, participants, sessions_follow=sessions_follow)


def write_agenda(
    locked: Meeting, items: Sequence[services.Item], *, actions_follow: bool = False
) -> list[AgendaItem]:
    """The locked meeting's agenda, in order (the whole agenda). An item left out that
    actions of the meeting are recorded on is refused (`InUse`), unless the caller sets
    the meeting's actions next (`actions_follow`), where an action on an item no longer
    on the agenda is refused."""
    if actions_follow:
        return services.set_agenda(locked, items)
    return services.replace_agenda(locked, items)


def write_statements(locked: Meeting, statements: Sequence[StatementFields]) -> None:
    """The statements made at the locked meeting, in order (the whole list)."""
    services.set_statements(locked, statements)


def write_sessions(locked: Meeting, sessions: Sequence[meeting_sessions.SessionPlan]) -> None:
    """The locked meeting's sessions, in order (the whole list)."""
    meeting_sessions.set_sessions(locked, sessions)


def remove_meeting(viewer: Viewer, meeting: Meeting, *, expected_version: str | None) -> None:
    """`viewer` removes the meeting with its record; refused (`InUse`) while anything
    else refers to it."""
    with changing(viewer, meeting, expected_version) as locked:
        removal.remove_meeting(locked)
