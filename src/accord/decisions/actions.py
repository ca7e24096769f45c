"""What the ways in (API, web pages) do with decisions, one function per use case.

Each use case checks the permission, locks what it changes, checks the version its
author read (when one is named) and calls the services, in one transaction whose audit
entries are appended together; who acts is the way in's to say (`audit.acting`). A
refusal is a `DomainError` whose `status` the API and the web answer with alike. The
ways in only parse the request, call the use case, and render what it returns.
"""

from __future__ import annotations

from django.db import transaction

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.core import audit, races
from accord.core.etags import check_version
from accord.decisions import selectors, services
from accord.decisions.models import Decision, Position
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
