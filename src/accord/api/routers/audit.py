"""The audit trail of one object, for the routers of the objects that expose it."""

from __future__ import annotations

from django.db.models import Model

from accord.accounts.access import Viewer
from accord.accounts.history import history
from accord.api.pagination import decode, encode, int_key
from accord.api.schemas.audit import AuditPage, audit_entry_out
from accord.registry.models import Organization

NUMBER = [int_key("number")]


def audit_page(
    viewer: Viewer, obj: Model, organization: Organization, cursor: str | None, limit: int
) -> AuditPage:
    """The entries about `obj` (its creation, each change, its deletion), oldest first,
    as the viewer may see them; the cursor is the number of the last entry shown.

    Callers have checked that the viewer may read `obj`.
    """
    entries = history(viewer, obj, organization)
    start = max(decode(cursor, NUMBER)[0], 0) if cursor else 0
    found = entries[start : start + limit]
    more = start + limit < len(entries)
    next_cursor = encode([found[-1].number]) if found and more else None
    return AuditPage(items=[audit_entry_out(e) for e in found], next_cursor=next_cursor)
