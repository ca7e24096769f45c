"""Querysets whose SQL is built once and run again with other values.

Building a queryset's SQL (Django resolving every filter, join and subquery of the
access rules, then compiling them) costs far more than running it: a meeting's record
read afresh spent most of its time there. Here a queryset is built once for a *shape*
— everything its SQL depends on but one value, such as the reader's standing, the day
and which part of a meeting's record it is — with a stand-in for that value (`STAND_IN`,
an integer no row has); its SQL and parameters are kept, and each later run puts the
real value where the stand-in was and reads rows exactly as Django would (related rows
joined in, annotations set).

The caller names the shape by a key; two querysets of one key must differ only in the
value. A shape whose SQL does not carry the stand-in among its parameters (it was
folded into the SQL, or the queryset is empty whatever the value) is not kept: it is
built anew each time, as Django builds it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.sql.compiler import SQLCompiler

# No row of any table has these keys or texts: they stand for the values in the kept
# SQL (the first value's, the second's ...).
STAND_IN = -7_340_912_031_775
_TEXT_STAND_IN = "\x1faccord-stand-in-{}\x1f"

# Shapes kept in this process; emptied when full (each is a few kilobytes of SQL).
MAX_SHAPES = 512

_M = TypeVar("_M", bound=Model)
Value = int | str


def stand_in(value: Value, index: int) -> Value:
    """What stands for the `index`-th value (of `value`'s type) while the SQL is built."""
    return STAND_IN - index if isinstance(value, int) else _TEXT_STAND_IN.format(index)


class _Shape:
    __slots__ = ("compiler", "params", "places", "query", "sql")

    def __init__(
        self,
        query: Any,
        compiler: SQLCompiler,
        sql: str,
        params: tuple,
        places: list[tuple[int, int]],
    ) -> None:
        self.query = query
        self.compiler = compiler
        self.sql = sql
        self.params = params
        self.places = places  # (place among the parameters, which value)


_shapes: dict[Hashable, _Shape | None] = {}
_UNKNOWN = _Shape(None, None, "", (), [])  # type: ignore[arg-type]  # (a marker, never run)


def _compile(queryset: QuerySet[Any], stand_ins: tuple[Value, ...]) -> _Shape | None:
    query = queryset.query
    compiler = query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    which = {(type(v), v): n for n, v in enumerate(stand_ins)}
    places = [
        (i, which[(type(p), p)])
        for i, p in enumerate(params)
        if type(p) in (int, str) and (type(p), p) in which
    ]
    found = {n for _, n in places}
    if len(found) != len(stand_ins) or any(str(v) in sql for v in stand_ins):
        return None  # a value folded into the SQL, or not used: no shape to keep
    return _Shape(query, compiler, sql, tuple(params), places)


def rows(key: Hashable, build: Callable[..., QuerySet[_M]], *values: Value) -> list[_M]:
    """The rows of `build(*values)`, its SQL built once for `key` (with stand-ins for
    `values`, `stand_in`) and run with `values`."""
    db = "default"
    full_key = (key, tuple(type(v).__name__ for v in values), connections[db].vendor)
    shape = _shapes.get(full_key, _UNKNOWN)
    if shape is _UNKNOWN:
        if len(_shapes) >= MAX_SHAPES:
            _shapes.clear()
        stand_ins = tuple(stand_in(v, n) for n, v in enumerate(values))
        shape = _shapes[full_key] = _compile(build(*stand_ins), stand_ins)
    if shape is None:
        return list(build(*values))
    params = list(shape.params)
    for place, which in shape.places:
        params[place] = values[which]
    compiler = copy.copy(shape.compiler)
    compiler.connection = connections[db]  # (this thread's: each thread has its own)
    sql = shape.sql
    compiler.as_sql = lambda *args, **kwargs: (sql, params)  # type: ignore[method-assign]
    query = copy.copy(shape.query)
    # The query only hands the kept compiler to Django's reading of rows.
    query.get_compiler = lambda *args, **kwargs: compiler
    found: QuerySet[_M] = QuerySet(model=query.model, query=query, using=db)
    return list(found)


def forget() -> None:
    """Drop every kept shape (tests that change the schema's meaning use it)."""
    _shapes.clear()
