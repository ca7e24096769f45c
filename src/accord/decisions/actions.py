"""What the ways in (API, web pages) do with decisions, one function per use case.

Each use case checks the permission, locks what it changes, checks the version its
author read (when one is named) and calls the services, in one transaction whose audit
entries are appended together; who acts is the way in's to say (`audit.acting`). A
refusal is a `DomainError` whose `status` the API and the web answer with alike. The
ways in only parse the request, call the use case, and render what it returns.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from django.db import transaction
from pydantic import BaseModel

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.core import audit, races
from accord.core.errors import Conflict, NotFound
from accord.core.etags import check_version
from accord.decisions import selectors, services
from accord.decisions.decides import Ref, set_effects
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.decisions.models import Action, Decision, Position
from accord.meetings.actions import claim_meeting, writing
from accord.meetings.models import Meeting
from accord.registry.models import Party


def claim_decision(decision: Decision) -> Decision:
    """Lock `decision` until the transaction ends, and read it again (with its meeting,
    body and organization, which the rules read). Writers of the same decision queue
    here; the lock is FOR NO KEY UPDATE of the decision's row only, so rows that merely
    refer to it (its positions) can still be written by others meanwhile."""
    return (
        Decision.objects.select_for_update(no_key=True, of=("self",))
        .select_related("meeting__body__organization")
        .get(pk=decision.pk)
    )


def record_position(
    viewer: Viewer,
    decision: Decision,
    party: Party,
    stance: str,
    statement: str = "",
    *,
    expected_version: str | None = None,
) -> Position:
    """`viewer` records `party`'s position on `decision` (fetched as `viewer` may read it).

    Refused when the viewer may not speak for `party` (`Forbidden`: only the party's own
    delegation, or the secretariat), when `expected_version` is given and is not the
    position's current version (`Stale`: it changed since it was read), and when the
    domain refuses it (`DomainError`: the decision is closed, the party takes no
    decisions on the decision's date, the stance is not of its procedure, the position
    would contradict the counts recorded); nothing is written then. A write that met
    another at the same moment is refused as `Raced` or `Busy`."""
    access.require_position(viewer, decision, party)
    with races.refusals(), transaction.atomic(), audit.batched():
        locked = claim_decision(decision)
        if expected_version is not None:
            check_version(expected_version, selectors.position_seen(viewer, locked, party))
        return services.record_position(locked, party, stance, statement)


def record_action(viewer: Viewer, body: Body, fields: ActionFields) -> Action:
    """`viewer` records one more action of `body` (at `fields.meeting`, or outside a
    meeting). Refused when the viewer does not keep the organization's record
    (`Forbidden`) and when the body's powers do not allow it (`DomainError`)."""
    access.require_edit(viewer, body.organization)
    with writing():
        return services.record_action(body, fields)


def create_decision(
    viewer: Viewer,
    meeting: Meeting,
    slug: str,
    fields: DecisionFields,
    positions: Sequence[tuple[Party, str, str]] = (),
    decides: Sequence[Ref] = (),
) -> Decision:
    """`viewer` puts decision `slug` to `meeting` with `fields`, the positions
    recorded so far and what it decides (`decides`: posts it fills, chair terms it
    fixes, terms it extends). Refused when the viewer does not keep the organization's
    record (`Forbidden`), when the meeting has a decision `slug` already (`Conflict`),
    and as the services refuse (`save_decision`, `decides.set_effects`)."""
    access.require_edit(viewer, meeting.body.organization)
    with writing():
        return write_new_decision(meeting, slug, fields, positions, decides)


def change_decision(
    viewer: Viewer,
    decision: Decision,
    changes: DecisionFields,
    *,
    open: bool | None = None,
    expected_version: str | None = None,
    version_of: Callable[[Decision], BaseModel] | None = None,
    decides: Sequence[Ref] | None = None,
) -> Decision:
    """`viewer` changes the fields of `decision` named in `changes`; its positions stay
    (they are recorded one by one, `record_position`); `decides`, when given, becomes
    all it decides. `open` True opens it; False,
    without an outcome in `changes`, closes an open one with what its positions give
    and leaves a closed one as it is.

    Refused when the viewer does not keep the organization's record (`Forbidden`), when
    `expected_version` is given and is not the version of the decision as `version_of`
    shows it (`Stale`), and as the services refuse (`change_decision`)."""
    access.require_edit(viewer, decision.meeting.body.organization)
    with writing():
        locked = claim_decision(decision)
        if expected_version is not None and version_of is not None:
            check_version(expected_version, version_of(locked))
        return write_decision_change(locked, changes, open=open, decides=decides)


def remove_decision(
    viewer: Viewer,
    decision: Decision,
    *,
    expected_version: str | None = None,
    version_of: Callable[[Decision], BaseModel] | None = None,
) -> None:
    """`viewer` removes `decision` with the positions on it; refused as
    `change_decision` is."""
    access.require_edit(viewer, decision.meeting.body.organization)
    with writing():
        locked = claim_decision(decision)
        if expected_version is not None and version_of is not None:
            check_version(expected_version, version_of(locked))
        services.remove_decision(locked)


def remove_action(
    viewer: Viewer,
    action: Action,
    *,
    expected_version: str | None = None,
    version_of: Callable[[Action], BaseModel] | None = None,
) -> None:
    """`viewer` removes `action` (the meeting's others keep their positions), under its
    meeting's lock; refused when `expected_version` is given and is not the
    version of the action as `version_of` renders it, or when it is gone meanwhile."""
    access.require_edit(viewer, action.body.organization)
    with writing():
        if action.meeting is not None:  # (an action taken outside a meeting has none)
            claim_meeting(action.meeting)
        current = Action.objects.filter(pk=action.pk).first()
        if current is None:
            raise NotFound.at("action", "the action was removed meanwhile")
        if expected_version is not None and version_of is not None:
            check_version(expected_version, version_of(current))
        services.remove_action(current)


# --- for a use case that writes a meeting's decisions with the rest of its record -----
#
# Each takes what the caller locked already (the meeting, by `meetings.actions.changing`)
# in its own transaction, the viewer's permission checked.


def write_new_decision(
    meeting: Meeting,
    slug: str,
    fields: DecisionFields,
    positions: Sequence[tuple[Party, str, str]] = (),
    decides: Sequence[Ref] = (),
) -> Decision:
    """A new decision `slug` at `meeting` (deciding `decides`); `Conflict` when the
    meeting has one already."""
    taken = services.claim_decision_slug(meeting, slug)
    if taken is not None:
        raise Conflict(taken)
    decision = services.save_decision(meeting, slug, fields, positions, effects_follow=True)
    if decides:
        set_effects(decision, decides, services.decided_on(meeting, decision.date))
    return decision


def write_recorded_decision(
    meeting: Meeting,
    slug: str,
    fields: DecisionFields,
    positions: Sequence[tuple[Party, str, str]],
    decides: Sequence[Ref] | None = None,
) -> Decision:
    """The recorded decision `slug` of the locked `meeting` written whole again (its
    fields and positions) and, when `decides` is given, all it decides: checked against
    the outcome written, as `write_decision_change` checks it."""
    row = services.save_decision(
        meeting, slug, fields, positions, effects_follow=decides is not None
    )
    if decides is not None:
        set_effects(row, decides, services.decided_on(meeting, row.date))
    return row


def write_decision_change(
    locked: Decision,
    changes: DecisionFields,
    *,
    open: bool | None = None,
    decides: Sequence[Ref] | None = None,
) -> Decision:
    """A change of the locked decision's fields named in `changes` (`open`, `decides`:
    as `change_decision` says); what it decides is written first when it changes, so
    the new outcome is checked against it."""
    values = changes
    if "outcome" not in changes and open is not None:
        if open:
            values = dataclasses.replace(changes, outcome="open")
        elif locked.is_open:
            values = dataclasses.replace(changes, outcome="")
    if decides is None:
        return services.change_decision(locked, values)
    if not decides:
        set_effects(locked, (), services.decided_on(locked.meeting, locked.date))
    row = services.change_decision(locked, values)
    if decides:
        set_effects(row, decides, services.decided_on(row.meeting, row.date))
    return row
