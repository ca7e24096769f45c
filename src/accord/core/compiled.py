"""Querysets whose SQL is built once and run again with other values.

Building a queryset's SQL (Django resolving every filter, join and subquery of the
access rules, then compiling them) costs far more than running it: a meeting's record
read afresh spent most of its time there. Here a queryset is built once for a *shape*
— everything its SQL depends on but its values, such as the reader's standing, the day
and which part of a meeting's record it is — with stand-ins for the values (`STAND_IN`,
an integer no row has; a text, or a day of the year 1, no row has); its SQL and
parameters are kept, and each later run puts the real values where the stand-ins were
and reads rows exactly as Django would (related rows joined in, annotations set).

The caller names the shape by a key; two querysets of one key must differ only in the
values. A shape whose SQL does not carry every stand-in among its parameters (one was
folded into the SQL, compared as something else than a date column's day, or the
queryset is empty whatever the value) is not kept: it is built anew each time, as
Django builds it.

A kept shape also keeps how its rows are read (`_Reader`): the columns' converters and
which columns make which model, related row and annotation, worked out once. A model
whose instances Django makes with nothing but its fields' values (no signal, no
`__init__` or `from_db` of its own, no field whose attribute is set through code) is
made by setting them directly, as `Model.__init__` would; any other, by `from_db`.
"""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import json
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import JSONField, Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.json import KeyTransform
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import BaseIterable, ModelIterable, ValuesListIterable
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.db.models.sql.compiler import SQLCompiler

# No row of any table has these keys or texts: they stand for the values in the kept
# SQL (the first value's, the second's ...). The integers are in the range of every
# integer column (Django drops a comparison with a value out of its column's range:
# such a stand-in would not be found in the SQL, and the shape not kept).
STAND_IN = 2_147_481_000
_TEXT_STAND_IN = "\x1faccord-stand-in-{}\x1f"
_DAY_STAND_IN = dt.date(1, 1, 1)  # (and the days after it)

# Shapes kept in this process; emptied when full (each is a few kilobytes of SQL).
MAX_SHAPES = 512

_M = TypeVar("_M", bound=Model)
Value = int | str | dt.date  # (a day, not a moment: a datetime is never kept)


def stand_in(value: Value, index: int) -> Value:
    """What stands for the `index`-th value (of `value`'s type) while the SQL is built."""
    if isinstance(value, dt.date):
        return _DAY_STAND_IN + dt.timedelta(days=index)
    return STAND_IN + index if isinstance(value, int) else _TEXT_STAND_IN.format(index)


def _param(value: Value, connection: Any) -> Any:
    """`value` as the SQL's parameters hold it (a day as a date column's: SQLite's text)."""
    return connection.ops.adapt_datefield_value(value) if type(value) is dt.date else value


class _Made:
    """How a row makes one model's instance (the row's model, or a related row joined
    in): the columns it takes, and the related rows joined in under it."""

    __slots__ = ("end", "local_setter", "make", "pk_at", "related", "remote_setter", "start")

    def __init__(self, klass_info: dict[str, Any], select: list[Any], db: str) -> None:
        model = klass_info["model"]
        taken = klass_info["select_fields"]
        self.start, self.end = taken[0], taken[-1] + 1
        names = [column[0].target.attname for column in select[self.start : self.end]]
        self.make = _maker(model, names, db)
        self.pk_at = self.start + names.index(model._meta.pk.attname)  # (in the row)
        self.related = [_Made(k, select, db) for k in klass_info.get("related_klass_infos", [])]
        self.local_setter = klass_info.get("local_setter")
        self.remote_setter = klass_info.get("remote_setter")

    def join(self, row: list[Any], into: Model) -> None:
        """The related row this stands for, made from `row` and linked to `into` both
        ways (None where the row joins nothing), as Django's `RelatedPopulator`."""
        if row[self.pk_at] is None:  # (joins nothing: no columns taken)
            self.local_setter(into, None)  # type: ignore[misc]
            return
        found = self.make(row[self.start : self.end])
        for related in self.related:
            related.join(row, found)
        self.local_setter(into, found)  # type: ignore[misc]
        self.remote_setter(found, into)  # type: ignore[misc]


def _plain(model: type[Model]) -> bool:
    """Whether Django makes `model`'s instances from a row by setting its fields'
    attributes and nothing else (`Model.__init__` with positional values)."""
    if model.__init__ is not Model.__init__ or model.from_db.__func__ is not Model.from_db.__func__:  # type: ignore[attr-defined]
        return False
    for field in model._meta.concrete_fields:
        kind = type(inspect.getattr_static(model, field.attname, None))
        # (a key's attribute drops the cached related row when set to another key:
        # a new instance has none)
        if kind is not DeferredAttribute and kind is not ForeignKeyDeferredAttribute:
            return False
    return True


def _maker(model: type[Model], names: list[str], db: str) -> Callable[[list[Any]], Model]:
    """What makes an instance of `model` from the values of the fields `names` (its
    fields, or some of them in their order: the others deferred, as `only()` leaves
    them, each read when first asked for)."""
    every = [field.attname for field in model._meta.concrete_fields]
    if [name for name in every if name in names] != names or not _plain(model):
        return lambda values: model.from_db(db, names, values)
    new = object.__new__

    def make(values: list[Any]) -> Model:
        if pre_init.receivers or post_init.receivers:  # (a signal would be owed)
            return model.from_db(db, names, values)
        made = new(model)
        state = ModelState()
        state.adding = False
        state.db = db
        kept = made.__dict__
        kept["_state"] = state
        kept.update(zip(names, values, strict=True))
        return made

    return make


# Texts of JSON columns read before, decoded, by their text: names and titles by
# language, read again in every record that names the same party, body or meeting.
_decoded: dict[str, dict[str, str] | list[str]] = {}
MAX_DECODED = 4096


def _json_value(value: Any, expression: Any, connection: Any) -> Any:
    """A JSON column's value, as `JSONField.from_db_value` decodes it; a flat object or
    list of texts is decoded once and each row given its own copy (a row's names may
    be changed in place)."""
    if value is None:
        return None
    kept = _decoded.get(value)
    if kept is not None:
        return kept.copy()
    try:
        found = json.loads(value)
    except json.JSONDecodeError:
        return value
    flat = (isinstance(found, dict) and all(type(v) is str for v in found.values())) or (
        isinstance(found, list) and all(type(v) is str for v in found)
    )
    if flat and isinstance(value, str):
        if len(_decoded) >= MAX_DECODED:
            _decoded.clear()
        _decoded[value] = found
        return found.copy()
    return found


def _json_shared(value: Any, expression: Any, connection: Any) -> Any:
    """`_json_value`, a flat object or list of texts given as decoded to every row that
    holds its text, not a copy each (rows read to be shown, never changed in place:
    `tuples(..., shared=True)`)."""
    if value is None:
        return None
    kept = _decoded.get(value)
    if kept is not None:
        return kept
    found = _json_value(value, expression, connection)
    return _decoded.get(value, found) if isinstance(value, str) else found


def _json_of(
    convert: Callable[..., Any], expression: Any, shared: bool = False
) -> Callable[..., Any]:
    """`_json_value` (`_json_shared`) for a JSON field's own decoding of a column (with
    Django's decoder, not a key taken out of it), else `convert` itself."""
    field = getattr(convert, "__self__", None)
    plain = (
        isinstance(field, JSONField)
        and field.decoder is None
        and getattr(convert, "__func__", None) is JSONField.from_db_value
        and not isinstance(expression, KeyTransform)
    )
    if not plain:
        return convert
    return _json_shared if shared else _json_value


def _sqlite_kind(convert: list[Callable[..., Any]], connection: Any) -> str | None:
    """ "day" or "moment" where a column's converters are only SQLite's of a date or a
    date and time column (its text read as `_day` and `_moment` read it), else None."""
    if connection.vendor != "sqlite" or len(convert) != 1:
        return None
    # (imported with the backend, which a PostgreSQL server never loads)
    from django.db.backends.sqlite3.operations import DatabaseOperations

    func = getattr(convert[0], "__func__", None)
    if func is DatabaseOperations.convert_datefield_value:
        return "day"
    return "moment" if func is DatabaseOperations.convert_datetimefield_value else None


def _day(value: Any, convert: Callable[..., Any], expression: Any, connection: Any) -> Any:
    """SQLite's `convert_datefield_value` of `value` (`convert`), its ISO text read directly."""
    if type(value) is str:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return convert(value, expression, connection)


def _moment(
    value: Any, zone: Any, convert: Callable[..., Any], expression: Any, connection: Any
) -> Any:
    """SQLite's `convert_datetimefield_value` of `value` (`convert`), its ISO text read
    directly and, naive, put in `zone` (the connection's time zone: None without
    time zone support)."""
    if type(value) is str:
        try:
            found = dt.datetime.fromisoformat(value)
        except ValueError:
            return convert(value, expression, connection)
        if zone is not None and found.utcoffset() is None:
            return found.replace(tzinfo=zone)
        return found
    return convert(value, expression, connection)


# SQLite's texts of moments read before, as `_moment` read them, by the connection's
# time zone: a moment is one object that no reader changes (a `datetime`), and the
# same moments are read again (an audit trail's, by every calendar). Emptied when full.
_moments: dict[Any, dict[str, dt.datetime]] = {}
MAX_MOMENTS = 16384


def _moments_in(zone: Any) -> dict[str, dt.datetime]:
    found = _moments.get(zone)
    if found is None:
        found = _moments[zone] = {}
    return found


class _Reader:
    """How a kept shape's rows are read: its columns' converters, and the instances,
    related rows and annotations each row makes (as Django's `ModelIterable`), or the
    row's values (as `ValuesListIterable`) for a `values_list()` query.

    SQLite's dates and moments come as ISO texts (where the driver has not made a
    column's date: a date column's, not an expression's), each converted by Django's
    function looking up the settings and checking its value again: they are read here
    directly (`_day`, `_moment`), the connection's time zone looked up once per read."""

    __slots__ = ("annotations", "connection", "converters", "count", "days", "made", "moments")

    def __init__(
        self, compiler: SQLCompiler, connection: Any, db: str, models: bool, shared: bool = False
    ) -> None:
        self.connection = connection
        compiler.connection = connection
        self.count = compiler.col_count
        columns = [column[0] for column in compiler.select[: self.count]]
        found = compiler.get_converters(columns).items()
        kinds = {at: _sqlite_kind(convert, connection) for at, (convert, _) in found}
        # (column, converter, expression), a column's converters in their order
        self.converters = [
            (at, _json_of(one, expression, shared), expression)
            for at, (convert, expression) in found
            if kinds[at] is None
            for one in convert
        ]
        # (column, SQLite's converter, expression) of its dates and of its moments
        self.days = [(at, c[0], e) for at, (c, e) in found if kinds[at] == "day"]
        self.moments = [(at, c[0], e) for at, (c, e) in found if kinds[at] == "moment"]
        self.made = _Made(compiler.klass_info, compiler.select, db) if models else None
        self.annotations = list(compiler.annotation_col_map.items())

    def read(self, fetched: list[tuple[Any, ...]]) -> list[Any]:
        made = self.made
        # (the time zone of the moments and those read before, looked up once a read)
        zone = (self.connection.timezone if settings.USE_TZ else None) if self.moments else None
        moments = _moments_in(zone) if self.moments else {}
        converted = self._converted
        if made is None:
            count = self.count
            return [tuple(converted(list(raw[:count]), zone, moments)) for raw in fetched]
        start, end, make = made.start, made.end, made.make
        related, annotations = made.related, self.annotations
        found = []
        for raw in fetched:
            row = converted(list(raw), zone, moments)
            instance = make(row[start:end])
            for one in related:
                one.join(row, instance)
            for name, at in annotations:
                setattr(instance, name, row[at])
            found.append(instance)
        return found

    def _converted(self, row: list[Any], zone: Any, moments: dict[str, dt.datetime]) -> list[Any]:
        """`row` with each column converted as Django converts it (in place); a moment
        in `zone`, the one read before from the same text where there was one."""
        connection = self.connection
        for at, convert, expression in self.converters:
            row[at] = convert(row[at], expression, connection)
        for at, convert, expression in self.days:
            if row[at] is not None and type(row[at]) is not dt.date:
                row[at] = _day(row[at], convert, expression, connection)
        for at, convert, expression in self.moments:
            value = row[at]
            if value is not None:
                found = moments.get(value) if type(value) is str else None
                if found is None:
                    found = _moment(value, zone, convert, expression, connection)
                    if type(value) is str and type(found) is dt.datetime:
                        if len(moments) >= MAX_MOMENTS:
                            moments.clear()
                        moments[value] = found
                row[at] = found
        return row


def _readable(compiler: SQLCompiler, models: bool) -> bool:
    """Whether `_Reader` reads the rows of `compiler`'s query as Django would: each
    row one model's instance, with rows joined in but none through a parent model (or
    a `values_list()` query's values), and no column of several values."""

    def direct(info: dict[str, Any]) -> bool:
        return not info.get("from_parent") and all(
            direct(k) for k in info.get("related_klass_infos", [])
        )

    columns = [column[0] for column in compiler.select[: compiler.col_count]]
    info = compiler.klass_info
    return (not models or (info is not None and direct(info))) and not (
        compiler.has_composite_fields(columns)
    )


class _Shape:
    __slots__ = (
        *("compiler", "iterable", "params", "places", "qmark", "query", "readers", "shared"),
        "sql",
    )

    def __init__(
        self,
        query: Any,
        compiler: SQLCompiler,
        sql: str,
        params: tuple,
        places: list[tuple[int, int, Any]],
        iterable: type[BaseIterable] = ModelIterable,
    ) -> None:
        self.iterable = iterable
        self.shared = False  # (JSON values shared between rows: `tuples`, `rows`)
        self.query = query
        self.compiler = compiler
        self.sql = sql
        self.params = params
        self.places = places  # (place among the parameters, which value, its wrapper)
        self.qmark: str | None = None  # (the SQL as SQLite's driver takes it: `_fetched`)
        # Each thread's connection's reader (its converters are the connection's),
        # or None where Django reads the rows (`_readable`).
        self.readers: dict[int, tuple[Any, _Reader]] | None = (
            {} if compiler is not None and _readable(compiler, iterable is ModelIterable) else None
        )

    def reader(self, connection: Any, db: str) -> _Reader:
        assert self.readers is not None
        kept = self.readers.get(id(connection))
        if kept is None or kept[0] is not connection:
            models = self.iterable is ModelIterable
            made = _Reader(copy.copy(self.compiler), connection, db, models, self.shared)
            kept = (connection, made)
            self.readers[id(connection)] = kept
        return kept[1]


_shapes: dict[Hashable, _Shape | None] = {}
_UNKNOWN = _Shape(None, None, "", (), [])  # type: ignore[arg-type]  # (a marker, never run)


def _compile(
    queryset: QuerySet[Any], stand_ins: tuple[Value, ...], connection: Any
) -> _Shape | None:
    iterable = queryset._iterable_class
    query = queryset.query
    if (
        iterable not in (ModelIterable, ValuesListIterable)
        or queryset._prefetch_related_lookups  # type: ignore[attr-defined]
        or queryset._known_related_objects  # type: ignore[attr-defined]
        or (iterable is ValuesListIterable and query.extra_select)
    ):
        # (rows read other than as model instances or values in the SQL's order, or
        # with more read after them)
        return None
    compiler = query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    held = [_param(v, connection) for v in stand_ins]
    which = {(type(v), v): n for n, v in enumerate(held)}
    places = []
    for i, p in enumerate(params):
        # (an integer may come wrapped in the driver's type of its column, as psycopg's
        # Int4: the value is put back in the same wrapper)
        plain = int if isinstance(p, int) and not isinstance(p, bool) else type(p)
        if plain in (int, str, dt.date) and (plain, p) in which:
            places.append((i, which[(plain, p)], type(p) if type(p) is not plain else None))
    found = {n for _, n, _ in places}
    if len(found) != len(stand_ins) or any(str(v) in sql for v in [*stand_ins, *held]):
        return None  # a value folded into the SQL, or not used: no shape to keep
    return _Shape(query, compiler, sql, tuple(params), places, iterable)


def _out_of_range(value: Value) -> bool:
    """Whether `value` is an integer outside the range of the stand-ins' columns."""
    return isinstance(value, int) and not -(2**31) <= value < 2**31


def rows(
    key: Hashable, build: Callable[..., QuerySet[_M]], *values: Value, shared: bool = False
) -> list[_M]:
    """The rows of `build(*values)`, its SQL built once for `key` (with stand-ins for
    `values`, `stand_in`) and run with `values`. `shared`: as `tuples` shares them, a
    JSON column's object or list of texts given to every row that holds its text, for
    rows only shown, never changed in place."""
    return _run(key, build, values, shared)


def tuples(
    key: Hashable,
    build: Callable[..., QuerySet[Any, tuple[Any, ...]]],
    *values: Value,
    shared: bool = False,
) -> list[tuple[Any, ...]]:
    """The values of `build(*values)`, a `values_list()` query (not flat, not named), a
    tuple a row, its SQL built once for `key` as `rows`. `shared`: a JSON column's
    object or list of texts is given to every row that holds the same text (and kept
    for the next reads), not a copy each: for rows never changed in place."""
    return _run(key, build, values, shared)


def _run(
    key: Hashable,
    build: Callable[..., QuerySet[Any, Any]],
    values: tuple[Value, ...],
    shared: bool = False,
) -> Any:
    db = "default"
    connection = connections[db]  # (this thread's: each thread has its own)
    full_key = (key, tuple([type(v) for v in values]), connection.vendor, shared)
    shape = _shapes.get(full_key, _UNKNOWN)
    if shape is _UNKNOWN:
        if len(_shapes) >= MAX_SHAPES:
            _shapes.clear()
        stand_ins = tuple(stand_in(v, n) for n, v in enumerate(values))
        kept = not any(isinstance(v, dt.datetime) for v in values)
        shape = _shapes[full_key] = (
            _compile(build(*stand_ins), stand_ins, connection) if kept else None
        )
        if shape is not None:
            shape.shared = shared
    if shape is None or any(_out_of_range(v) for v in values):
        # (Django answers a comparison with an integer no column holds without asking
        # the database; the driver would refuse it)
        return list(build(*values))
    params = list(shape.params)
    for place, which, wrap in shape.places:
        value = _param(values[which], connection)
        params[place] = wrap(value) if wrap is not None else value
    sql = shape.sql
    if shape.readers is not None:
        reader = shape.reader(connection, db)
        if connection.vendor == "sqlite" and not (
            connection.queries_logged or connection.execute_wrappers
        ):
            return reader.read(_fetched(shape, connection, params))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return reader.read(cursor.fetchall())
    compiler = copy.copy(shape.compiler)
    compiler.connection = connection
    compiler.as_sql = lambda *args, **kwargs: (sql, params)  # type: ignore[method-assign]
    query = copy.copy(shape.query)
    # The query only hands the kept compiler to Django's reading of rows.
    query.get_compiler = lambda *args, **kwargs: compiler
    found: QuerySet[Any] = QuerySet(model=query.model, query=query, using=db)
    found._iterable_class = shape.iterable
    return list(found)


def _fetched(shape: _Shape, connection: Any, params: list[Any]) -> list[Any]:
    """The rows of the kept SQL run with `params` on SQLite, where no statement is
    logged (as tests and `DEBUG` log them) and no wrapper is around execution: the
    driver runs the SQL as Django's cursor would have converted it (its `%s` to `?`,
    converted once for the shape: Django converts it again for each run), with the
    checks Django's cursor makes (the connection's health, that it is open and this
    thread's, the transaction not broken) and its errors, without making a cursor of
    Django's around the driver's for each run."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    if shape.qmark is None:
        with connection.cursor() as cursor:
            shape.qmark = cursor.cursor.convert_query(shape.sql)
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        return connection.connection.execute(shape.qmark, params).fetchall()


def forget() -> None:
    """Drop every kept shape (tests that change the schema's meaning use it)."""
    _shapes.clear()
    _moments.clear()
