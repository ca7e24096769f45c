"""accord backup PATH"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.backup import BackupError, create_backup
from accord.cli.database import unapplied_migrations


class Command(BaseCommand):
    help = (
        "Write a backup of this installation to PATH (a new file): the database, read in"
        " one consistent snapshot while Accord keeps serving and writing, and every"
        " document file, in one ZIP archive with a manifest of SHA-256 checksums."
        " `accord restore PATH` restores it into an empty installation."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, metavar="PATH")

    def handle(self, *args: Any, path: Path, verbosity: int = 1, **options: Any) -> None:
        if unapplied_migrations():
            raise CommandError("the database is not prepared: run `accord migrate`", returncode=2)

        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stderr.write(f"backup: {message}")

        try:
            summary = create_backup(path, progress)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=1) from None
        if verbosity >= 1:
            self.stdout.write(summary.text("backup written to"))
