"""accord import popolo FILE: parties, people, posts, memberships and bodies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.cli.database import prepare_database
from accord.core import inputs
from accord.core.audit import acting
from accord.core.errors import DomainError
from accord.core.persist import Tally
from accord.publishing import popolo


class Command(BaseCommand):
    help = (
        "Import Popolo JSON (as `accord export popolo` writes it) through the domain"
        " services, in one transaction: a refused entry is named and nothing is written."
    )

    # Django's system checks import the whole site (about a second): `accord check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["popolo"])
        parser.add_argument("file", type=Path, metavar="FILE")

    def handle(self, *args: Any, file: Path, verbosity: int = 1, **o: Any) -> None:
        prepare_database(verbosity=verbosity)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"{file}: {exc}", returncode=1) from None
        except RecursionError:
            unfit = f"nested more than {inputs.MAX_DEPTH} levels deep"
            raise CommandError(f"{file}: {unfit}; nothing was imported", returncode=1) from None
        # Before any of it is looked up: a NUL in an id would stop PostgreSQL.
        if problems := inputs.check_tree(data):
            error = DomainError(problems)
            raise CommandError(f"{file}: {error}; nothing was imported", returncode=1)
        tally = Tally()
        try:
            with acting(f"cli:import popolo {file.name}"[:150]):
                org = popolo.import_(data, tally)
        except DomainError as exc:
            raise CommandError(f"{file}: {exc}; nothing was imported", returncode=1) from None
        if verbosity >= 1:
            self.stdout.write(f"{org.slug}: {tally.summary()}")
