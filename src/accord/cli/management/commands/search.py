"""accord search reindex"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.cli.database import unapplied_migrations
from accord.search import index


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index from the record (reindex), printing its"
        " progress. Every write keeps the index up to date by itself; rebuild it after"
        " restoring a database copy, or if it was changed by other means than Accord."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["reindex"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if unapplied_migrations():
            raise CommandError("the database is not prepared: run `accord migrate`", returncode=2)
        verbosity = options.get("verbosity", 1)

        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stdout.write(f"reindex: {message}")

        started = time.perf_counter()
        count = index.rebuild(progress)
        self.stdout.write(
            f"search index rebuilt: {count} objects in {time.perf_counter() - started:.1f} s"
        )
