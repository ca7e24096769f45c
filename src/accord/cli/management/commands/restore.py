"""accord restore PATH"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

from accord.backup import BackupError, restore_backup
from accord.cli.database import prepare_database


class Command(BaseCommand):
    help = (
        "Restore a backup written by `accord backup` into this installation, which must"
        " be empty: a new database (prepared here if it has no tables yet) or one just"
        " prepared with `accord migrate`. The whole archive is checked first; a damaged"
        " archive, or a database that holds any record, is refused and nothing is written."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, metavar="PATH")

    def handle(self, *args: Any, path: Path, verbosity: int = 1, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=1)
        # A brand-new database is prepared; one prepared in part is left as it is (the
        # restore then names the migrations it lacks).
        if not MigrationRecorder(connections[DEFAULT_DB_ALIAS]).has_table():
            prepare_database(verbosity=verbosity)

        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stderr.write(f"restore: {message}")

        try:
            summary = restore_backup(path, progress)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=1) from None
        if verbosity >= 1:
            self.stdout.write(summary.text("restored"))
