"""What the account commands share: sub-commands, audited writes, readable errors."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.cli.database import unapplied_migrations
from accord.core.audit import acting
from accord.core.errors import DomainError


class AccountCommand(BaseCommand):
    """`accord NAME ACTION ...`: each action a method `do_<action>` returning its text.

    Writes are attributed to `cli:NAME ACTION` in the audit trail; a DomainError
    becomes a message and exit status 2, and nothing is written.
    """

    requires_system_checks: list[str] = []
    name = ""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        return super().create_parser("accord", subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        self.add_actions(actions)

    def add_actions(self, actions: Any) -> None:
        """One sub-parser per action."""

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if unapplied_migrations():
            raise CommandError(
                "the database is not prepared: run `accord migrate`, or load a record with"
                " `accord load FILE`",
                returncode=2,
            )
        try:
            with acting(f"cli:{self.name} {action}"):
                text = getattr(self, f"do_{action.replace('-', '_')}")(**options)
        except DomainError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(text)
