"""The audit trail: every write, whichever way it came in, as a hash-chained entry.

Writers (the helpers of `accord.core.persist`, which every service uses) call
`record()`; who is acting and under which request id comes from `acting()`, which
each way in opens: the web and API middleware, each CLI command, the record loader.
Each entry holds the hash of the entry before it, so `verify()` finds the first
entry that was altered, removed or put out of order. The hash is an HMAC-SHA256
under the installation's audit key (`key()`: `ACCORD_AUDIT_KEY`, else the key file,
kept outside the database): without the key, an altered trail cannot be chained
again. A checkpoint (the newest entry's number and hash, kept elsewhere) lets
`verify()` find a trail rewritten by someone who holds the key, or cut short.

Each write is also announced (signals `written` and `settled`), which keeps derived
data such as the search index up to date in the same transaction, whichever way the
write came.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import hashlib
import hmac
import json
import os
import secrets
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
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
    summarised: frozenset[str] = getattr(instance, "AUDIT_SUMMARISED", frozenset())
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if field.attname in SECRET_FIELDS:
            value = "(hidden)"
        elif field.attname in summarised:
            value = f"({len(value or '')} characters)"
        if isinstance(value, dt.datetime | dt.date | dt.time):
            value = value.isoformat()
        data[field.attname] = value
    return data


# --- the audit key ---------------------------------------------------------------------

# The shortest key accepted, in characters (`openssl rand -hex 32` makes 64).
KEY_CHARACTERS = 32


def key(*, rechaining: bool = False) -> bytes:
    """The installation's audit key: `ACCORD_AUDIT_KEY`, else the key file
    (`ACCORD_AUDIT_KEY_FILE`, by default var/audit.key), made on first use, readable by
    its owner only, while the trail is still empty (a key made later could not verify
    the entries already written) or when the whole trail is being chained anew
    (`rechaining`). ImproperlyConfigured names what is wrong."""
    value = settings.ACCORD_AUDIT_KEY
    if value:
        return value.encode("utf-8")
    return _key_file(Path(settings.ACCORD_AUDIT_KEY_FILE), rechaining)


def _key_file(path: Path, rechaining: bool) -> bytes:
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    from accord.core.models import AuditEntry

    if not rechaining and AuditEntry.objects.exists():
        raise ImproperlyConfigured(
            f"ACCORD_AUDIT_KEY_FILE: {path} is missing, and the audit trail already holds"
            " entries chained under a key: put that key back in the file (or in"
            " ACCORD_AUDIT_KEY), as when the entries were written"
        )
    _make_key(path)
    return _read_key(path)


@functools.lru_cache(maxsize=8)
def _read_key_once(path: Path, stamp: tuple[int, int, int, int]) -> bytes:
    text = path.read_text(encoding="utf-8").strip()
    if len(text) < KEY_CHARACTERS:
        raise ImproperlyConfigured(
            f"ACCORD_AUDIT_KEY_FILE: {path}: expected at least {KEY_CHARACTERS} characters"
            f" (make one with `openssl rand -hex 32`), got {len(text)}"
        )
    return text.encode("utf-8")


def _read_key(path: Path) -> bytes:
    """The key in `path` (read again only when the file changes)."""
    status = path.stat()
    if status.st_mode & 0o077:
        raise ImproperlyConfigured(
            f"ACCORD_AUDIT_KEY_FILE: {path} is readable by others"
            f" (mode {status.st_mode & 0o777:o}): chmod 600 {path}"
        )
    stamp = (status.st_ino, status.st_size, status.st_mtime_ns, status.st_mode)
    return _read_key_once(path, stamp)


def _make_key(path: Path) -> None:
    """A new random key in `path` (mode 0600), unless another process made it first:
    written whole to a file of its own, then linked into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_hex(32) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        # Made by another process meanwhile: that one is the key.
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
    finally:
        draft.unlink(missing_ok=True)


def _canonical(fields: dict[str, Any]) -> bytes:
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def _hasher(secret: bytes | None = None) -> Callable[[dict[str, Any]], str]:
    """The entry hash under `secret` (the installation's key by default)."""
    base = hmac.new(secret if secret is not None else key(), digestmod=hashlib.sha256)

    def digest(fields: dict[str, Any]) -> str:
        mac = base.copy()
        mac.update(_canonical(fields))
        return mac.hexdigest()

    return digest


def _digest(fields: dict[str, Any], secret: bytes | None = None) -> str:
    """An entry's hash: HMAC-SHA256 under the audit key of its chained fields."""
    return _hasher(secret)(fields)


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
        digest = _hasher()
        for entry in entries:
            seq += 1
            entry.seq, entry.previous_hash = seq, previous
            entry.hash = previous = digest(entry.chained_fields())
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


@dataclass(frozen=True)
class Checkpoint:
    """The newest entry at a moment (`at`): its number and hash, kept outside the
    database (a file elsewhere, an append-only log) to check the trail against later."""

    seq: int
    hash: str
    at: str = ""

    def as_json(self) -> str:
        return json.dumps({"seq": self.seq, "hash": self.hash, "at": self.at})

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        """The checkpoint a line holds; ValueError if it holds none."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(text)
        seq, digest, at = data.get("seq"), data.get("hash"), data.get("at", "")
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
            raise ValueError(text)
        if not isinstance(digest, str) or len(digest) != 64 or not isinstance(at, str):
            raise ValueError(text)
        int(digest, 16)
        return cls(seq, digest, at)


def checkpoint() -> Checkpoint:
    """The newest entry, now."""
    from accord.core.models import AuditEntry

    last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, digest = last if last else (0, GENESIS)
    return Checkpoint(seq, digest, timezone.now().isoformat(timespec="seconds"))


def verify(
    checkpoints: Iterable[Checkpoint] = (), *, since: Checkpoint | None = None
) -> tuple[int, Break | None]:
    """(entries checked, the first broken entry or None).

    Each entry must follow the one before it and carry its own hash under the
    installation's audit key; each of `checkpoints` must still be in the trail.

    With `since` (an entry found intact by an earlier verify: its number and hash, as
    `checkpoint()` gives them), the trail is checked from that entry on: it must still
    be there, carry the same hash (under the key), and every entry after it must
    follow it. The entries before it are not read, nor checkpoints before it reached.
    """
    from accord.core.models import AuditEntry

    wanted: dict[int, Checkpoint] = {}
    if since is not None:
        wanted[since.seq] = since
    for given in sorted(checkpoints, key=lambda c: c.seq):
        if since is None or given.seq >= since.seq:
            wanted.setdefault(given.seq, given)
    genesis = wanted.pop(0, None)
    if genesis is not None and genesis.hash != GENESIS:
        return 0, Break(0, f"is not the empty trail checkpointed at {genesis.at}")
    entries = AuditEntry.objects.order_by("seq")
    # The entry before the first one read: its hash (None: `since`, not read again).
    previous: str | None = GENESIS
    expected = 1
    if since is not None and since.seq > 0:
        entries = entries.filter(seq__gte=since.seq)
        previous, expected = None, since.seq
    digest = None
    count = 0
    for entry in entries.iterator(chunk_size=2000):
        count += 1
        if entry.seq != expected:
            return count, Break(expected, f"is missing (next is {entry.seq})")
        if previous is not None and entry.previous_hash != previous:
            return count, Break(
                entry.seq, "does not follow the entry before it (removed, inserted or reordered)"
            )
        digest = digest or _hasher()
        if digest(entry.chained_fields()) != entry.hash:
            reason = "was altered after it was written"
            if entry.seq == 1:
                reason += (
                    ", or the trail was written under another audit key (ACCORD_AUDIT_KEY,"
                    " ACCORD_AUDIT_KEY_FILE)"
                )
            return count, Break(entry.seq, reason)
        point = wanted.pop(entry.seq, None)
        if point is not None and point.hash != entry.hash:
            return count, Break(
                entry.seq,
                f"is not the entry checkpointed at {point.at}: the trail was written again"
                " from this entry or an earlier one",
            )
        previous, expected = entry.hash, expected + 1
    if wanted:
        point = min(wanted.values(), key=lambda c: c.seq)
        if count == 0 and since is not None:
            # Nothing from `since` on: the trail ends somewhere before it.
            last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
            expected = (last or 0) + 1
        return count, Break(
            expected,
            f"is missing: the trail ends at entry {expected - 1}, the checkpoint of"
            f" {point.at} reaches entry {point.seq}",
        )
    return count, None
