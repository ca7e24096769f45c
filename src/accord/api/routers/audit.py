"""The audit trail of one object, for the routers of the objects that expose it."""

from __future__ import annotations

from django.db.models import Model

from accord.api.pagination import int_key, page
from accord.api.schemas.audit import AuditPage, audit_entry_out
from accord.core.models import AuditEntry


def audit_page(obj: Model, cursor: str | None, limit: int) -> AuditPage:
    """The entries about `obj` (its creation, each change, its deletion), oldest first.

    Callers have checked that the viewer may read `obj`.
    """
    rows = AuditEntry.objects.filter(model=obj._meta.label, object_id=str(obj.pk))
    found, next_cursor = page(rows, [int_key("seq")], cursor, limit)
    return AuditPage(items=[audit_entry_out(e) for e in found], next_cursor=next_cursor)
