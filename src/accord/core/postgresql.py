"""PostgreSQL connections whose cursors convert a long statement's placeholders once.

psycopg turns a statement's `%s` placeholders into PostgreSQL's `$1 ...` before each
run, and keeps the result only for statements of at most 4 KB (longer ones are, it
says, mostly an ORM's bulk inserts, whose text changes with every batch). The access
rules' statements are longer than that and the same at every run (their SQL is built
once, `accord.core.compiled`): a meeting page's five longest (4-10 KB, up to 118
values) were split by a regular expression at every run, about 150 µs each. Cursors of
Accord's connections keep the conversion of statements of up to 32 KB and 200 values,
the 256 most recently run; others are converted as psycopg converts them.

psycopg's query class is not public API: `tests/test_postgresql_cursors.py` checks the
conversion is psycopg's own, to be run again on any upgrade of psycopg.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from django.db.backends.signals import connection_created
from django.dispatch import receiver
from psycopg import _queries
from psycopg.sql import Composable

# (a bulk insert's values run into the thousands: such statements are not kept)
MAX_KEPT_LENGTH = 32 * 1024
MAX_KEPT_VALUES = 200
_converted = lru_cache(maxsize=256)(_queries._query2pg_nocache)


class KeptQuery(_queries.PostgresQuery):
    """psycopg's server-side query, its conversion kept for long statements too."""

    def convert(self, query: Any, vars: Any) -> None:
        if (
            vars is None
            or isinstance(query, Composable)
            or not isinstance(query, (str, bytes))
            or len(vars) > MAX_KEPT_VALUES
            or len(query) > MAX_KEPT_LENGTH
            or len(query) <= _queries.MAX_CACHED_STATEMENT_LENGTH
        ):
            super().convert(query, vars)
            return
        query = self._ensure_bytes(query)
        self.query, self._want_formats, self._order, self._parts = _converted(
            query, self._tx.encoding
        )
        self.dump(vars)


@receiver(connection_created)
def _keep_conversions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """A new PostgreSQL connection's cursors bound on the server use `KeptQuery`."""
    if connection.vendor != "postgresql":
        return
    factory = connection.connection.cursor_factory
    if getattr(factory, "_query_cls", None) is _queries.PostgresQuery:
        connection.connection.cursor_factory = _kept_cursor(factory)


@cache
def _kept_cursor(factory: type) -> type:
    return type(f"Kept{factory.__name__}", (factory,), {"_query_cls": KeptQuery})
