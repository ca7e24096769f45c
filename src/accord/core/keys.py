"""A row's key among the few keys a subquery selects, as a condition PostgreSQL applies
where it reads the row.

`filter(pk__in=subquery)` becomes a semi-join, which PostgreSQL joins last when the
query already joins more tables than it reorders (`join_collapse_limit`, 8): a list
whose access rules and related rows join a dozen tables then reads every row of every
table before keeping the few the subquery names. `AmongKeys` writes
`key = ANY(ARRAY(subquery))` there instead: the subquery runs once, first, and its keys
are looked up by the table's index. Other databases get `key IN (subquery)`.

`AmongListed` is a row's key among keys already read, given as one value (a JSON list),
so that a statement built once (`accord.core.compiled`) takes a list of any length.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import BooleanField, Expression, F, QuerySet, Subquery, Value


class AmongKeys(Expression):
    """`column` among the keys `keys` (a queryset of one column) selects."""

    conditional = True

    def __init__(self, column: str, keys: QuerySet[Any]) -> None:
        super().__init__(output_field=BooleanField())
        self.column: Any = F(column)
        self.keys: Any = Subquery(keys)

    def get_source_expressions(self) -> list[Any]:
        return [self.column, self.keys]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.column, self.keys = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        column, column_params = compiler.compile(self.column)
        keys, keys_params = compiler.compile(self.keys)  # "(SELECT ...)"
        params = [*column_params, *keys_params]
        if connection.vendor == "postgresql":
            return f"{column} = ANY(ARRAY{keys})", params
        return f"{column} IN {keys}", params


class AmongListed(Expression):
    """`column` among the integer keys of `listed`, a JSON list given as one text value:
    a list of any length in one parameter, so that a statement built once for its shape
    (`accord.core.compiled`) is run again with another list."""

    conditional = True

    def __init__(self, column: str, listed: str) -> None:
        super().__init__(output_field=BooleanField())
        self.column: Any = F(column)
        self.listed: Any = Value(listed)

    def get_source_expressions(self) -> list[Any]:
        return [self.column, self.listed]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.column, self.listed = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        column, column_params = compiler.compile(self.column)
        listed, listed_params = compiler.compile(self.listed)
        params = [*column_params, *listed_params]
        if connection.vendor == "postgresql":
            keys = f"SELECT jsonb_array_elements_text(({listed})::jsonb)::bigint"
            return f"{column} IN ({keys})", params
        return f"{column} IN (SELECT value FROM json_each({listed}))", params
