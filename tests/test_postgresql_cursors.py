"""PostgreSQL cursors convert a long statement's placeholders once (`accord.core.
postgresql`), and exactly as psycopg converts them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from psycopg import _queries
from psycopg.adapt import Transformer

from accord.core.postgresql import KeptQuery, _converted
from accord.registry.models import Organization

# A statement longer than psycopg keeps (4 KB), with values of several types.
LONG = (
    "SELECT %s::int AS a, %s::text AS b, %s::date AS c, %s AS d -- "
    + "x" * (_queries.MAX_CACHED_STATEMENT_LENGTH + 100)
    + "\nWHERE %s = %s"
)
VALUES = [1, "ō'ne %s", dt.date(2019, 5, 15), None, 3, 3]


def _parts(query: _queries.PostgresQuery) -> tuple:
    return query.query, query.params, query.types, query.formats


NAMED = LONG.replace("%s", "%(v)s")
MANY = "SELECT " + ", ".join(["%s"] * 250) + " -- " + "x" * 5000


@pytest.mark.database_independent
@pytest.mark.parametrize(
    ("statement", "values"),
    [
        (LONG, VALUES),  # converted once (kept)
        (LONG.encode(), VALUES),
        (LONG.replace("x", "é"), VALUES),
        ("SELECT %s", VALUES[:1]),  # short: psycopg keeps it
        (NAMED, {"v": 2}),
        (LONG, None),  # no values: the text as it is
        (MANY, list(range(250))),  # more values than kept: converted each time
    ],
)
def test_a_statement_is_converted_as_psycopg_converts_it(statement, values):
    ours, psycopgs = KeptQuery(Transformer()), _queries.PostgresQuery(Transformer())
    ours.convert(statement, values)
    psycopgs.convert(statement, values)
    assert _parts(ours) == _parts(psycopgs)


@pytest.mark.django_db
def test_postgresql_cursors_convert_a_long_statement_once():
    if connection.vendor != "postgresql":
        pytest.skip("psycopg's cursors are PostgreSQL's")
    org = Organization.objects.create(slug="kept", name="Kept")
    long_filter = " OR ".join(["slug = %s"] * 120) + " -- " + "y" * 4200
    sql = f"SELECT id FROM registry_organization WHERE {long_filter}"
    with connection.cursor() as cursor:
        assert cursor.cursor._query_cls is KeptQuery
        before = _converted.cache_info()
        for _ in range(3):
            cursor.execute(sql, ["kept"] * 120)
            assert cursor.fetchall() == [(org.pk,)]
    after = _converted.cache_info()
    assert after.misses - before.misses == 1
    assert after.hits - before.hits == 2
