"""Entries of the audit trail about one object, as the reader may see them."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from accord.accounts.history import Entry
from accord.api.schemas.common import Out


class AuditEntryOut(Out):
    number: int = Field(description="the entry's place in the object's history: 1, 2, ...")
    seq: int | None = Field(
        description="the entry's number in the whole trail (to the organization's"
        " secretariat and the administrator; else null)"
    )
    at: str
    actor: str = Field(
        description="who wrote: the user or command to the organization's secretariat and"
        " the administrator; to others a role (`secretariat`, `delegation of KZ`,"
        " `administrator`, `record loader`, `system`)"
    )
    request_id: str | None
    operation: str
    model: str
    object_id: str
    before: dict[str, Any] | None = Field(
        description="the values before; a reference to a row the reader cannot read is `(withheld)`"
    )
    after: dict[str, Any] | None
    hash: str | None


class AuditPage(Out):
    """The object's entries, oldest first."""

    items: list[AuditEntryOut]
    next_cursor: str | None


def audit_entry_out(e: Entry) -> AuditEntryOut:
    return AuditEntryOut(
        number=e.number,
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
