"""Entries of the audit trail about one object."""

from __future__ import annotations

from typing import Any

from accord.api.schemas.common import Out
from accord.core.models import AuditEntry


class AuditEntryOut(Out):
    seq: int
    at: str
    actor: str
    request_id: str
    operation: str
    model: str
    object_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    hash: str


class AuditPage(Out):
    """The object's entries, oldest first."""

    items: list[AuditEntryOut]
    next_cursor: str | None


def audit_entry_out(e: AuditEntry) -> AuditEntryOut:
    return AuditEntryOut(
        seq=e.seq,
        at=e.at.isoformat(),
        actor=e.actor,
        request_id=e.request_id,
        operation=e.operation,
        model=e.model,
        object_id=e.object_id,
        before=e.before,
        after=e.after,
        hash=e.hash,
    )
