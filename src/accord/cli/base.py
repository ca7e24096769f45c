"""What every `accord` query command shares: --format, dates, readable errors."""

from __future__ import annotations

import datetime as dt
import json
from abc import ABC, abstractmethod
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.cli.database import unapplied_migrations
from accord.core.dates import parse_date
from accord.core.errors import DomainError
from accord.core.text import ordinal

__all__ = [
    "QueryCommand",
    "add_user_argument",
    "date_argument",
    "meeting_label",
    "ordinal",
    "party_json",
    "referral_text",
    "today",
    "viewer_named",
]


def date_argument(raw: str) -> dt.date:
    try:
        return parse_date(raw)
    except ValueError as exc:
        raise CommandError(f"date: {exc}") from None


def today() -> dt.date:
    return timezone.localdate()


def add_user_argument(parser: CommandParser, what: str = "answer") -> None:
    """--user NAME: answer as that user may read the record (default: as the public)."""
    parser.add_argument(
        "--user", metavar="NAME", help=f"{what} what this user may see (default: the public)"
    )


def viewer_named(username: str | None) -> Viewer:
    """The viewer --user names: the public without one; DomainError (field `user`) for
    a user that does not exist."""
    if not username:
        return access.ANONYMOUS
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise DomainError.at("user", f"no user {username!r}")
    return access.viewer_of(user)


class QueryCommand(BaseCommand, ABC):
    """A read-only query: answers as text for people or JSON for programs."""

    requires_system_checks: list[str] = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        return super().create_parser("accord", subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="output format"
        )
        self.add_query_arguments(parser)

    def add_query_arguments(self, parser: CommandParser) -> None:
        """Arguments of the particular query."""

    def handle(self, *args: Any, **options: Any) -> None:
        if unapplied_migrations():
            raise CommandError(
                "the database is not prepared: run `accord migrate`, or load a record with"
                " `accord load FILE`",
                returncode=2,
            )
        # The command line speaks English whatever language the calling process had
        # active (a query run from a test or a server thread must not inherit it).
        with translation.override("en"):
            try:
                data = self.query(**options)
            except DomainError as exc:
                raise CommandError(str(exc), returncode=2) from None
            if options["format"] == "json":
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
            else:
                self.stdout.write(self.as_text(data))

    @abstractmethod
    def query(self, *args: Any, **options: Any) -> dict:
        """The answer as plain data (what --format json prints).

        Each command names the options its parser defines as keyword parameters; the
        `*args: Any, **options: Any` signature lets it do so (as BaseCommand.handle does).
        """

    @abstractmethod
    def as_text(self, data: dict) -> str:
        """The answer for a person reading a terminal."""


def party_json(party: Any) -> dict | None:
    if party is None:
        return None
    return {"code": party.code, "name": party.name}


def meeting_label(ref: int | str | None) -> str:
    """A meeting as the record names it: '19th meeting' by number, else its id."""
    if ref is None:
        return ""
    return f"{ordinal(ref)} meeting" if isinstance(ref, int) else str(ref)


def referral_text(action: dict) -> str:
    """' -> heads-of-state (19th meeting) for approval' for a referral, ' -> United
    Nations as A/73/833' for an action naming an outside organization, '' otherwise."""
    outside = action.get("to_organization")
    reference = action.get("reference")
    if not action["to"]:
        text = f" -> {outside}" if outside else ""
        return text + (f" as {reference}" if reference else "")
    text = f" -> {action['to']}"
    if action["to_meeting"] is not None:
        text += f" ({meeting_label(action['to_meeting'])})"
    if action["for"]:
        text += f" for {action['for']}"
    return text
