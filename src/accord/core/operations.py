"""Migration operations that only act on PostgreSQL.

Some rules can be enforced by PostgreSQL itself (exclusion constraints over date
ranges) but not by SQLite. The domain services enforce them on both; these
operations add the database's own guard where it exists and do nothing elsewhere,
so one migration history serves both databases.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    """`RunSQL` applied (and reversed) only on PostgreSQL."""

    def database_forwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, *args)

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *args)

    def describe(self) -> str:
        return "Raw SQL operation (PostgreSQL only)"


def no_overlap(table: str, name: str, keys: str) -> PostgreSQLOnly:
    """An exclusion constraint: rows with equal `keys` have disjoint [start, end] ranges.

    `end` is inclusive and null means open-ended, as everywhere in Accord.
    """
    return PostgreSQLOnly(
        sql=(
            f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" EXCLUDE USING gist'
            f'({keys}, daterange("start", "end", \'[]\') WITH &&)'
        ),
        reverse_sql=f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"',
    )
