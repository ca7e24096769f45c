"""The database side of a backup: which tables, one consistent read of them, their
values in a form every database reads back, and writing them again."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model
from django.db.models.fields.related import RelatedField
from django.utils.duration import duration_iso_string

from accord.backup.archive import BackupError

# Left out of a backup, with the reason (the manifest repeats it).
EXCLUDED = {
    "search.SearchEntry": "derived from the record; rebuilt by the restore",
    "sessions.Session": "sign-ins belong to the installation that issued them",
}
# Rows `accord migrate` writes into every installation. A restore replaces them with the
# backup's, keeping their ids (user and group permissions refer to them by id).
INSTALLATION = ("contenttypes.ContentType", "auth.Permission")


def backed_up_models() -> list[type[Model]]:
    """Every table of the installed applications, by label, but the excluded ones."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label not in EXCLUDED
    ]
    return sorted(models, key=lambda model: model._meta.label)


def columns(model: type[Model]) -> list[Field]:
    return list(model._meta.concrete_fields)


def member_name(model: type[Model]) -> str:
    return f"tables/{model._meta.label_lower}.jsonl"


def encode(field: Field, value: Any) -> Any:
    """A column's value as JSON: the same text whichever database it was read from."""
    if value is None or field.get_internal_type() == "JSONField":
        return value
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise BackupError(f"{field.model._meta.label}.{field.name}: a datetime without zone")
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise BackupError(
        f"{field.model._meta.label}.{field.name}: cannot write a {type(value).__name__} value"
    )


def decode(field: Field, value: Any) -> Any:
    """What `encode` wrote, as the field's Python value."""
    if value is None or field.get_internal_type() == "JSONField":
        return value
    return field.to_python(value)


@contextmanager
def snapshot(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Read inside the block from one snapshot of the database, while others write.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction. Every statement in it sees
    the database as the transactions committed before its first statement left it;
    writers are not blocked and are not waited for. (Accord's writers append to the
    audit trail one at a time, so what a snapshot sees is a prefix of the trail.)

    SQLite: a deferred read transaction on a database in WAL mode (Accord's setting):
    from its first read it sees the database as of that moment, while writers go on
    writing to the log. (Accord's own transactions are BEGIN IMMEDIATE, which would
    make writers wait for the whole backup; this one is opened by hand.) Not in WAL
    mode, writers wait until the backup has read the database.
    """
    if connection.in_atomic_block:
        raise BackupError("a backup reads in a transaction of its own, not inside another")
    if connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    if connection.vendor != "sqlite":
        raise BackupError(f"backups of {connection.vendor} databases are not supported")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")


def read_rows(model: type[Model], chunk: int = 2000) -> Iterator[list[Any]]:
    """The table's rows in key order, each a list of encoded values in `columns` order."""
    fields = columns(model)
    names = [field.attname for field in fields]
    rows = model._base_manager.order_by("pk").values_list(*names)
    for row in rows.iterator(chunk_size=chunk):
        yield [encode(field, value) for field, value in zip(fields, row, strict=True)]


def write_rows(
    connection: BaseDatabaseWrapper,
    model: type[Model],
    rows: Iterable[list[Any]],
    batch: int = 1000,
) -> Iterator[int]:
    """Insert the rows as they are (keys included), without the services: they are the
    record as it was, audited already. Yields the count written so far, per batch."""
    fields = columns(model)
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)}"
        f" ({', '.join(quote(field.column) for field in fields)})"
        f" VALUES ({', '.join(['%s'] * len(fields))})"
    )
    prepare = [_preparer(field, connection) for field in fields]
    pending: list[list[Any]] = []
    written = 0
    with connection.cursor() as cursor:
        for row in rows:
            if len(row) != len(fields):
                raise BackupError(f"{member_name(model)}: a row of {len(row)} values")
            values = zip(prepare, row, strict=True)
            pending.append([p(value) if p else value for p, value in values])
            if len(pending) >= batch:
                cursor.executemany(sql, pending)
                written += len(pending)
                pending.clear()
                yield written
        if pending:
            cursor.executemany(sql, pending)
            written += len(pending)
            yield written


# Columns whose JSON value (a string, number or boolean, as `encode` wrote it) is what
# the database takes: written as they are, which spares most of a restore's work.
_AS_WRITTEN = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "IntegerField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallAutoField",
        "SmallIntegerField",
        "TextField",
    }
)


def _preparer(field: Field, connection: BaseDatabaseWrapper) -> Callable[[Any], Any] | None:
    """How to turn the column's JSON value into a query parameter (None: as it is)."""
    target = field.target_field if isinstance(field, RelatedField) else field
    if target.get_internal_type() in _AS_WRITTEN:
        return None

    def prepare(value: Any) -> Any:
        return field.get_db_prep_save(decode(field, value), connection)

    return prepare


def clear(connection: BaseDatabaseWrapper, models: Iterable[type[Model]]) -> None:
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def reset_sequences(connection: BaseDatabaseWrapper, models: list[type[Model]]) -> None:
    """Make the next key of each table follow the highest restored one (PostgreSQL;
    SQLite's AUTOINCREMENT follows inserted keys by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
