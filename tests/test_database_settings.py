"""The database connection's settings: on PostgreSQL, statements bound on the server
and kept prepared once a connection has run them a few times (planned once per
connection), unless ACCORD_DB_PREPARE_THRESHOLD says otherwise; no JIT compilation,
unless ACCORD_DB_JIT says otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from accord.registry.models import Organization

SHOW = (
    "import json, django; django.setup(); from django.conf import settings as s;"
    "print(json.dumps(s.DATABASES['default'].get('OPTIONS', {})))"
)


def options(url: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """The connection's OPTIONS as the settings make them for `url` (no server needed)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_DB_", "DATABASE_"))}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="accord.config.settings", **extra)
    return subprocess.run([sys.executable, "-c", SHOW], env=env, capture_output=True, text=True)


@pytest.mark.database_independent
def test_postgresql_binds_on_the_server_and_prepares_what_a_connection_runs_again():
    shown = options("postgres://accord@localhost/accord")
    assert json.loads(shown.stdout) == {
        "server_side_binding": True,
        "prepare_threshold": 5,
        "options": "-c jit=off",
    }
    shown = options("postgres://accord@localhost/accord", ACCORD_DB_PREPARE_THRESHOLD="off")
    assert json.loads(shown.stdout)["prepare_threshold"] is None
    # What the URL's query string gives is kept.
    shown = options("postgres://accord@localhost/accord?prepare_threshold=2&sslmode=disable")
    assert json.loads(shown.stdout)["prepare_threshold"] == 2


@pytest.mark.database_independent
def test_postgresql_compiles_no_statement_unless_left_to_the_server():
    shown = options("postgres://accord@localhost/accord", ACCORD_DB_JIT="server")
    assert "options" not in json.loads(shown.stdout)
    # Options the URL gives are kept as given.
    shown = options("postgres://accord@localhost/accord?options=-c%20work_mem%3D64MB")
    assert json.loads(shown.stdout)["options"] == "-c work_mem=64MB"
    shown = options("postgres://accord@localhost/accord", ACCORD_DB_JIT="sometimes")
    assert shown.returncode != 0
    assert "ACCORD_DB_JIT: expected off or server, got 'sometimes'" in shown.stderr


@pytest.mark.django_db
def test_a_connection_to_postgresql_has_jit_off():
    if connection.vendor != "postgresql":
        pytest.skip("JIT compilation is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


@pytest.mark.database_independent
def test_sqlite_keeps_its_own_options():
    shown = options("sqlite:////tmp/never-opened.sqlite3")
    assert "prepare_threshold" not in json.loads(shown.stdout)


@pytest.mark.database_independent
def test_a_bad_prepare_threshold_is_named():
    shown = options("postgres://accord@localhost/accord", ACCORD_DB_PREPARE_THRESHOLD="often")
    assert shown.returncode != 0
    assert "ACCORD_DB_PREPARE_THRESHOLD: expected a number of runs (0 or more) or off" in (
        shown.stderr
    )


@pytest.mark.django_db
def test_a_statement_run_again_is_kept_prepared_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    org = Organization.objects.create(slug="prepared", name="Prepared")
    for _ in range(6):
        assert Organization.objects.filter(pk=org.pk).get() == org
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        kept = [statement for (statement,) in cursor.fetchall()]
    assert any('FROM "registry_organization"' in s and "$1" in s for s in kept), kept
