"""Preparing the database for commands that need it."""

from __future__ import annotations

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def unapplied_migrations() -> int:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def prepare_database(*, verbosity: int = 1) -> None:
    """Apply pending migrations (on an empty database: create it)."""
    if unapplied_migrations():
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
