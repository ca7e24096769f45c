"""accord load FILE...: validate and load record files in one transaction."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.cli.database import prepare_database
from accord.core.audit import acting
from accord.records.loader import LoadError, load


class Command(BaseCommand):
    help = (
        "Validate record files (YAML or JSON) and load them together in one transaction. "
        "Loading the same files again changes nothing; a bad file changes nothing and "
        "every error names the file, the path inside it and the reason."
    )

    # Django's system checks import the whole site (about a second): `accord check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="change or remove what was recorded through the web, the API or a command"
            " since it was loaded (the audit trail names the load --overwrite)",
        )

    def handle(
        self,
        *args: object,
        files: list[Path],
        verbosity: int = 1,
        overwrite: bool = False,
        **options: object,
    ) -> None:
        prepare_database(verbosity=verbosity)

        # A person at a terminal sees what a long load is doing; a program reading the
        # output, only the summary (unless -v 2 asks for the steps).
        show = verbosity >= 2 or (verbosity >= 1 and sys.stderr.isatty())

        def progress(message: str) -> None:
            if show:
                self.stderr.write(message)

        try:
            with acting(f"cli:load {' '.join(f.name for f in files)}"[:150]):
                report = load(files, progress=progress, overwrite=overwrite)
        except LoadError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            count = len(exc.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} found; nothing was loaded",
                returncode=1,
            ) from None
        if verbosity >= 1:
            self.stdout.write(report.summary())
