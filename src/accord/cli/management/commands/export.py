"""accord export popolo|akn|ics|csv ORG ...: open formats, written to stdout or a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from accord.accounts import access
from accord.cli.base import add_user_argument, date_argument, viewer_named
from accord.cli.database import unapplied_migrations
from accord.core.errors import DomainError
from accord.publishing import akn, ics, popolo, tables
from accord.registry import selectors as registry


class Command(BaseCommand):
    help = (
        "Export an organization in an open format: popolo (parties, people, posts,"
        " memberships, bodies), akn (Akoma Ntoso XML of a document or of a meeting's"
        " decisions), ics (the calendar) or csv (one of the lists). What the public may"
        " see, or what --user may see."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["popolo", "akn", "ics", "csv"])
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument(
            "table", nargs="?", metavar="TABLE", help=f"csv: one of {', '.join(tables.TABLES)}"
        )
        parser.add_argument("--document", help="akn: the document")
        parser.add_argument(
            "--meeting", nargs=2, metavar=("BODY", "NUMBER"), help="akn: the meeting"
        )
        parser.add_argument("--body", help="ics, csv: one body")
        parser.add_argument("--lang", choices=["en", "ru", "zh"], default=None)
        parser.add_argument("--on", type=date_argument, default=None, metavar="DATE")
        parser.add_argument(
            "--from", dest="start", type=date_argument, default=None, metavar="DATE"
        )
        parser.add_argument("--to", dest="end", type=date_argument, default=None, metavar="DATE")
        add_user_argument(parser, "export")
        parser.add_argument("-o", "--output", type=Path, help="write to FILE instead of stdout")

    def handle(self, *args: Any, **o: Any) -> None:
        if unapplied_migrations():
            raise CommandError("the database is not prepared: run `accord migrate`", returncode=2)
        try:
            content = self.export(**o)
        except DomainError as exc:
            raise CommandError(str(exc), returncode=2) from None
        if o["output"] is not None:
            o["output"].write_bytes(content if isinstance(content, bytes) else content.encode())
            return
        self.stdout.write(content.decode() if isinstance(content, bytes) else content, ending="")

    def export(self, *, what: str, organization: str, **o: Any) -> str | bytes:
        org = registry.organization(organization)
        viewer = viewer_named(o["user"])
        if what == "popolo":
            return json.dumps(popolo.export(org, o["on"]), ensure_ascii=False, indent=2) + "\n"
        if what == "ics":
            return ics.calendar(viewer, org, body=o["body"], language=o["lang"])
        if what == "csv":
            if not o["table"]:
                raise DomainError.at("table", f"name the table: one of {', '.join(tables.TABLES)}")
            options = tables.Options(
                on=o["on"] or timezone.localdate(), start=o["start"], end=o["end"], body=o["body"]
            )
            return tables.as_csv(viewer, org, o["table"], options)
        lang = o["lang"] or "en"
        if o["document"]:
            return akn.document(viewer, org, o["document"], lang)
        if o["meeting"]:
            meeting = access.meeting(viewer, org, o["meeting"][0], o["meeting"][1])
            return akn.meeting_decisions(viewer, meeting, lang)
        raise DomainError.at("document", "akn: give --document SLUG or --meeting BODY NUMBER")
