"""Migration operations that only act on one database.

Some rules can be enforced by PostgreSQL itself (exclusion constraints over date
ranges) but not by SQLite. The domain services enforce them on both; these
operations add the database's own guard where it exists and do nothing elsewhere,
so one migration history serves both databases. The full-text index is built
differently on each (an FTS5 table on SQLite, tsvector and trigram indexes on
PostgreSQL), with the same operations.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


class _VendorOnly(migrations.RunSQL):
    """`RunSQL` applied (and reversed) only on the database named by `vendor`."""

    vendor = ""
    label = ""

    def database_forwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, *args)

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, *args)

    def describe(self) -> str:
        return f"Raw SQL operation ({self.label} only)"


class PostgreSQLOnly(_VendorOnly):
    """`RunSQL` applied (and reversed) only on PostgreSQL."""

    vendor = "postgresql"
    label = "PostgreSQL"


class SQLiteOnly(_VendorOnly):
    """`RunSQL` applied (and reversed) only on SQLite."""

    vendor = "sqlite"
    label = "SQLite"


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
