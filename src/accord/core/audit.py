"""The audit trail: every write, whichever way it came in, as a hash-chained entry.

Writers (the helpers of `accord.core.persist`, which every service uses) call
`record()`; who is acting and under which request id comes from `acting()`, which
each way in opens: the web and API middleware, each CLI command, the record loader.
Each entry holds the hash of the entry before it, so `verify()` finds the first
entry that was altered, removed or put out of order. Each write is also announced
(signals `written` and `settled`), which keeps derived data such as the search index
up to date in the same transaction, whichever way the write came.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connections, models, router, transaction
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from accord.core import rows


@dataclass(frozen=True)
class Actor:
    """Who writes: `user:alice`, `cli:load`, ... and the request it belongs to."""

    name: str
    request_id: str


_actor: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("accord_actor", default=None)
_batch: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "accord_audit_batch", default=None
)


@contextmanager
def acting(name: str, request_id: str | None = None) -> Iterator[Actor]:
    """Attribute the writes made inside the block to `name`."""
    actor = Actor(name, request_id or uuid.uuid4().hex)
    token = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(token)


def current_actor() -> Actor:
    return _actor.get() or Actor("system", "-")


class AuditContextMiddleware:
    """Attributes the writes of a web or API request to its user, with a request id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        request_id = "".join(c for c in request_id if c.isalnum() or c in "-_")[:64]
        user = getattr(request, "user", None)
        name = (
            f"user:{user.get_username()}" if user is not None and user.is_authenticated else "web"
        )
        with acting(name, request_id):
            request.audit_request_id = request_id  # type: ignore[attr-defined]
            response = self.get_response(request)
        response["X-Request-Id"] = request_id
        return response


# Sent by `record()` for every write, with `operation` and `instance` (for a deletion,
# before the row goes); then `settled`, in the same transaction, once the entries are
# appended (after each write, or at the end of a `batched()` block): the record's new
# state, which what derives from it (the search index) catches up with before commit.
written = Signal()
settled = Signal()

# Columns whose values never enter the trail (their change is still recorded).
# (`key`: an authenticator's TOTP secret, and `token`: a backup code, django-otp's
# columns; `code_hash`: an enrolment code's SHA-256.)
SECRET_FIELDS = frozenset({"password", "key_hash", "key", "token", "code_hash"})


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The row's stored values as JSON-ready data (relations by key, secrets hidden)."""
    data: dict[str, Any] = {}
    # Long values derived from something the entry holds (a file's text, from the file
    # whose checksum it records) enter as their length.
    summarised = getattr(instance, "AUDIT_SUMMARISED", frozenset())
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if field.attname in SECRET_FIELDS:
            value = "(hidden)"
        elif field.attname in summarised:
            value = f"({len(value or '')} characters)"
        if isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        data[field.attname] = value
    return data


def _digest(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


GENESIS = "0" * 64


def record(
    operation: str,
    instance: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Append one entry: `operation` (create, update, delete) of `instance`."""
    from accord.core.models import AuditEntry

    actor = current_actor()
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor.name,
        request_id=actor.request_id,
        operation=operation,
        model=instance._meta.label,
        object_id=str(instance.pk),
        before=before,
        after=after,
    )
    written.send(type(instance), operation=operation, instance=instance)
    pending = _batch.get()
    if pending is not None:
        pending.append(entry)
    else:
        _append([entry])


def _append(entries: list) -> None:
    """Chain `entries` after the last entry written, and write them together."""
    from accord.core.models import AuditEntry

    if not entries:
        return
    alias = router.db_for_write(AuditEntry)
    with transaction.atomic(using=alias, savepoint=False):
        _hold_the_chain(alias)
        last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, previous = last if last else (0, GENESIS)
        for entry in entries:
            seq += 1
            entry.seq, entry.previous_hash = seq, previous
            entry.hash = previous = _digest(entry.chained_fields())
        rows.insert(entries, using=alias)
        settled.send(AuditEntry)


# Any fixed 64-bit number, the same in every process: "accord" in ASCII.
CHAIN_LOCK = 0x6163636F7264


def _hold_the_chain(alias: str) -> None:
    """Keep other writers from appending until this transaction ends.

    Two writers that both read the last entry before either commits would chain
    their entries to the same predecessor. PostgreSQL lets several transactions
    write at once, so the writer takes a transaction-level advisory lock before
    reading the last hash; it is released at commit or rollback. SQLite needs
    nothing: Accord opens its transactions IMMEDIATE, so writers already queue.
    """
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


@contextmanager
def batched() -> Iterator[None]:
    """Within one transaction: write the block's entries at its end, in one statement.

    For a block that either writes everything or fails as a whole (the record
    loader): entries of a failed block are dropped with its writes.
    """
    if _batch.get() is not None:
        yield
        return
    token = _batch.set([])
    try:
        yield
        pending = _batch.get() or []
    finally:
        _batch.reset(token)
    _append(pending)


def settle(at_least: int = 1) -> None:
    """Inside a `batched()` block, append the entries gathered so far at once, if there
    are at least `at_least`: a long block (the load of a whole history) then holds a
    bounded number in memory. Call it only between whole writes (never while a
    deletion is half recorded)."""
    pending = _batch.get()
    if pending is None or len(pending) < max(at_least, 1):
        return
    entries = pending[:]
    pending.clear()
    _append(entries)


@dataclass(frozen=True)
class Break:
    seq: int
    reason: str


def verify() -> tuple[int, Break | None]:
    """(entries checked, the first broken entry or None)."""
    from accord.core.models import AuditEntry

    previous, expected, count = GENESIS, 1, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        count += 1
        if entry.seq != expected:
            return count, Break(expected, f"is missing (next is {entry.seq})")
        if entry.previous_hash != previous:
            return count, Break(
                entry.seq, "does not follow the entry before it (removed, inserted or reordered)"
            )
        if _digest(entry.chained_fields()) != entry.hash:
            return count, Break(entry.seq, "was altered after it was written")
        previous, expected = entry.hash, expected + 1
    return count, None
