"""accord dump ORG [--output FILE]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.errors import DomainError
from accord.records.dumper import as_yaml, dump
from accord.registry import selectors


class Command(BaseCommand):
    help = "Write an organization's whole record in the record format (load reads it back)."

    # Django's system checks import the whole site (about a second): `accord check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("--output", "-o", type=Path, default=None, metavar="FILE")
        parser.add_argument("--format", choices=["yaml", "json"], default="yaml")

    def handle(
        self, *args: Any, organization: str, output: Path | None, format: str, **_: Any
    ) -> None:
        try:
            record = dump(selectors.organization(organization))
        except DomainError as exc:
            raise CommandError(str(exc), returncode=2) from None
        text = (
            json.dumps(record, ensure_ascii=False, indent=2) + "\n"
            if format == "json"
            else as_yaml(record)
        )
        if output is None:
            self.stdout.write(text, ending="")
            return
        output.write_text(text, encoding="utf-8")
        self.stderr.write(f"wrote {output}")
