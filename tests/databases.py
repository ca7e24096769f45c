"""New databases for the tests that run the installed `accord` command or a server.

Migrating a new database takes seconds of CPU; the tests that need an empty, prepared
database of their own (to load a record into it, to serve it) get a copy of one
database migrated once per run of the tests (`prepared_sqlite`). A test of what
`accord` does with a database that was never migrated uses a new file instead.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ACCORD = Path(sys.executable).with_name("accord")

_template: Path | None = None


def _migrated_once() -> Path:
    global _template
    if _template is None:
        where = Path(tempfile.mkdtemp(prefix="accord-migrated-"))
        atexit.register(shutil.rmtree, where, True)
        path = where / "migrated.sqlite3"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "ACCORD_VAR_DIR": str(where)}
        done = subprocess.run(
            [str(ACCORD), "migrate", "--noinput", "-v0"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"accord migrate failed:\n{done.stdout}{done.stderr}")
        # The whole database in its one file (WAL mode leaves the last writes beside it).
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _template = path
    return _template


def prepared_sqlite(path: Path) -> str:
    """The URL of the SQLite file `path`: when it does not exist yet, a copy of a
    database migrated (and holding nothing else) once per run of the tests."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_migrated_once(), path)
    return f"sqlite:///{path}"


_postgres_template: str | None = None


def _admin(base: str) -> dict[str, Any]:
    import dj_database_url

    config = dj_database_url.parse(base)
    return {
        "host": config["HOST"],
        "port": config["PORT"] or None,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": config["NAME"],
    }


def _postgres_migrated_once(base: str) -> str:
    """The name of a database on the server of `base`, migrated once per run of the
    tests (and dropped at its end), to copy new databases from."""
    global _postgres_template
    if _postgres_template is None:
        import psycopg

        params = _admin(base)
        name = f"accord_migrated_{os.getpid()}_{secrets.token_hex(3)}"
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')

        def drop() -> None:
            with psycopg.connect(**params, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        atexit.register(drop)
        where = Path(tempfile.mkdtemp(prefix="accord-migrated-"))
        atexit.register(shutil.rmtree, where, True)
        url = base.rsplit("/", 1)[0] + "/" + name
        env = {**os.environ, "DATABASE_URL": url, "ACCORD_VAR_DIR": str(where)}
        done = subprocess.run(
            [str(ACCORD), "migrate", "--noinput", "-v0"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"accord migrate failed:\n{done.stdout}{done.stderr}")
        _postgres_template = name
    return _postgres_template


def migrated_postgres(base: str) -> str:
    """The URL of the database on the server of `base` migrated (and holding nothing
    else) once per run of the tests: to make new databases from as a template, never
    to connect to."""
    return base.rsplit("/", 1)[0] + "/" + _postgres_migrated_once(base)


@contextmanager
def own_database(where: Path, name: str = "accord", copy_of: str | None = None) -> Iterator[str]:
    """The URL of a new, migrated database holding nothing: the SQLite file
    `where/NAME.sqlite3`, or (when DATABASE_URL names a PostgreSQL server) a database
    created on that server as a copy of one migrated once, dropped after.

    With `copy_of` (the URL of another database of the run, no longer in use), a copy
    of that database instead, holding what it holds."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        path = where / f"{name}.sqlite3"
        if copy_of is None:
            yield prepared_sqlite(path)
            return
        source = Path(copy_of.removeprefix("sqlite:///"))
        # The whole database in its one file (WAL mode leaves the last writes beside it).
        with sqlite3.connect(source) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        yield f"sqlite:///{path}"
        return
    import psycopg

    template = _postgres_migrated_once(base) if copy_of is None else copy_of.rsplit("/", 1)[1]
    params = _admin(base)
    copy = f"accord_{name}_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{template}"')
    try:
        yield base.rsplit("/", 1)[0] + "/" + copy
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


_static: Path | None = None


def collected_static(var: Path) -> None:
    """`var/static`: the static files as production serves them (hashed names,
    compressed), collected once per run of the tests and copied here, so that an
    `accord serve` started on `var` finds them collected (it checks their fingerprint,
    and collects them again only if the sources differ)."""
    global _static
    if _static is None:
        where = Path(tempfile.mkdtemp(prefix="accord-static-"))
        atexit.register(shutil.rmtree, where, True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DATABASE_"))}
        env.update(
            ACCORD_VAR_DIR=str(where),
            ACCORD_DEBUG="false",
            ACCORD_SECRET_KEY=secrets.token_urlsafe(50),
        )
        done = subprocess.run(
            [
                str(ACCORD),
                "shell",
                "-c",
                "from accord.cli.management.commands.serve import collect_static\ncollect_static()",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"collecting the static files failed:\n{done.stdout}{done.stderr}")
        _static = where / "static"
    target = var / "static"
    if not target.exists():
        shutil.copytree(_static, target)
