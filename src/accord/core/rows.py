"""Inserting many new rows of one model at once, cheaply.

`Model.objects.bulk_create` compiles every value of every row through the ORM's
insert compiler (a call per field per row to prepare it for the database): loading
a history of millions of rows spent a seventh of its time there. `insert` writes
the same statement (`INSERT ... VALUES (...), (...) RETURNING id`, in batches the
database accepts) with each column's conversion chosen once: text and whole numbers
go as they are, anything else through the field's own `get_db_prep_save`. On
PostgreSQL, a hundred rows or more go by COPY instead, their ids drawn from the
table's sequence first. Like `bulk_create`, it sends no signals and sets each row's
primary key, in the order of the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.fields import AutoFieldMixin
from django.db.models.fields.related import RelatedField

M = TypeVar("M", bound=models.Model)

# Fields whose value goes to every database as it is, when it has the expected type
# (their `get_db_prep_save` is then the identity). A value of another type (a number
# in a text column, a string in a number column) takes the field's own conversion.
_AS_IS: dict[type[models.Field], tuple[type, ...]] = {
    models.CharField: (str,),
    models.TextField: (str,),
    models.SlugField: (str,),
    models.EmailField: (str,),
    models.URLField: (str,),
    models.IntegerField: (int,),
    models.BigIntegerField: (int,),
    models.SmallIntegerField: (int,),
    models.PositiveIntegerField: (int,),
    models.PositiveSmallIntegerField: (int,),
    models.PositiveBigIntegerField: (int,),
    models.BooleanField: (bool,),
}


def _as_is(field: models.Field) -> tuple[type, ...]:
    """The value types `field` stores unchanged (none when it needs converting)."""
    if isinstance(field, RelatedField):  # stored as the key it points to
        return _as_is(field.target_field)
    if isinstance(field, AutoFieldMixin):
        return (int,)
    return _AS_IS.get(type(field), ())


Converter = Callable[[Any], Any]

# From this many rows on, PostgreSQL receives them by COPY: fewer round trips and no
# statement to parse. (Below it, an INSERT: a request's few rows, counted in tests.)
COPY_FROM = 100

# Rows in one statement at most (PostgreSQL takes any number; a bounded statement
# keeps the text the client builds small).
MOST_ROWS = 1000


def _converter(field: models.Field, connection: BaseDatabaseWrapper) -> Converter:
    kinds = _as_is(field)
    prepare = field.get_db_prep_save

    def convert(value: Any) -> Any:
        if value is None or type(value) in kinds:
            return value
        return prepare(value, connection)

    return convert


@cache
def _plan(
    model: type[models.Model], alias: str
) -> tuple[list[models.Field], list[models.Field], str, str] | None:
    """For new rows of `model` without a primary key: (the columns written, those whose
    `pre_save` sets a value, the statement's head, its tail); None when the model needs
    what only `bulk_create` does (values computed by the database)."""
    opts = model._meta
    if opts.parents or any(
        getattr(f, "generated", False) or f.db_default is not models.NOT_PROVIDED
        for f in opts.concrete_fields
    ):
        return None
    pk = opts.pk
    fields = [f for f in opts.concrete_fields if f is not pk]
    pre_saved = [f for f in fields if type(f).pre_save is not models.Field.pre_save]
    qn = connections[alias].ops.quote_name
    head = f"INSERT INTO {qn(opts.db_table)} ({', '.join(qn(f.column) for f in fields)}) VALUES "
    tail = f" RETURNING {qn(pk.column)}"
    return fields, pre_saved, head, tail


def insert(objs: Sequence[M], *, using: str | None = None) -> None:
    """Insert `objs`, new rows of one model with no primary key yet, as
    `bulk_create(objs)` would: each gets its primary key."""
    if not objs:
        return
    model = type(objs[0])
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    plan = _plan(model, alias) if connection.features.can_return_rows_from_bulk_insert else None
    if plan is None or any(obj.pk is not None for obj in objs):
        model._default_manager.using(alias).bulk_create(objs)
        return
    fields, pre_saved, head, tail = plan
    converters = [_converter(f, connection) for f in fields]
    columns = list(zip(converters, [f.attname for f in fields], strict=True))

    def values(obj: models.Model) -> list[Any]:
        for field in pre_saved:
            field.pre_save(obj, True)
        return [convert(getattr(obj, name)) for convert, name in columns]

    if connection.vendor == "postgresql" and len(objs) >= COPY_FROM:
        _copy(connection, model, fields, objs, values)
        return
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(min(connection.ops.bulk_batch_size(fields, objs), MOST_ROWS), 1)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            chunk = objs[start : start + size]
            params: list[Any] = []
            for obj in chunk:
                params += values(obj)
            cursor.execute(head + ", ".join([row] * len(chunk)) + tail, params)
            for obj, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = alias


def _copy(
    connection: BaseDatabaseWrapper,
    model: type[models.Model],
    fields: list[models.Field],
    objs: Sequence[models.Model],
    values: Callable[[models.Model], list[Any]],
) -> None:
    """PostgreSQL: draw the rows' ids from the table's sequence, then send the rows by
    COPY (no statement text of thousands of placeholders to build and parse)."""
    opts = model._meta
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in [opts.pk.column, *(f.column for f in fields)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [qn(opts.db_table), opts.pk.column, len(objs)],
        )
        ids = sorted(pk for (pk,) in cursor.fetchall())
        with cursor.cursor.copy(f"COPY {qn(opts.db_table)} ({columns}) FROM STDIN") as copy:
            for pk, obj in zip(ids, objs, strict=True):
                copy.write_row([pk, *values(obj)])
    for pk, obj in zip(ids, objs, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias


@contextmanager
def unlogged(using: str | None = None) -> Iterator[None]:
    """Keep no log of the statements run inside (long writes: the load of a history).

    With DEBUG on, Django keeps the text of every statement with its parameters for
    the debugging pages: over a load of many rows that is a tenth of the time spent.
    A caller that asked for the log (a test counting statements) still gets it.
    """
    connection = connections[using or DEFAULT_DB_ALIAS]
    if connection.force_debug_cursor or "make_debug_cursor" in vars(connection):
        yield
        return
    # A plain cursor where Django would make a logging one (a wrapper of another type).
    connection.make_debug_cursor = connection.make_cursor  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        del connection.make_debug_cursor
