"""The `accord` command: Accord's queries, record loading and administration."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings")
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    args = sys.argv[1:] if argv is None else argv
    try:
        execute_from_command_line(["accord", *args])
    except DatabaseError as exc:
        if not _unprepared(exc):
            raise
        print(
            f"accord: the database has no table for Accord's record yet ({exc})."
            " Prepare it first: accord migrate",
            file=sys.stderr,
        )
        return 1
    return 0


def _unprepared(exc: Exception) -> bool:
    """Whether the database lacks Accord's tables (never migrated)."""
    message = str(exc)
    return "no such table" in message or ("relation" in message and "does not exist" in message)
