"""accord attach ORG DOCUMENT --version N --language L [--kind K] FILE"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.accounts import access
from accord.cli.database import unapplied_migrations
from accord.core.audit import acting
from accord.core.errors import DomainError
from accord.documents import services
from accord.documents.models import FileKind

ADMINISTRATOR = access.ADMINISTRATOR


class Command(BaseCommand):
    help = (
        "Attach a file (PDF, DOCX or ODT) to a version of a document: its signed original"
        " or an official language version. The type is read from the file's content; the"
        " size is limited by ACCORD_MAX_UPLOAD_BYTES, reading its text by ACCORD_EXTRACT_*."
    )
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # `--version` names the document's version here, not Django's own version.
        return super().create_parser("accord", subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("document", metavar="DOCUMENT", help="the document's slug")
        parser.add_argument("file", metavar="FILE", type=Path)
        parser.add_argument("--version", dest="number", type=int, required=True, metavar="N")
        parser.add_argument("--language", required=True, metavar="L", help="e.g. ru, zh, en")
        parser.add_argument("--kind", choices=FileKind.values, default=FileKind.SIGNED_ORIGINAL)
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **o: Any) -> None:
        if unapplied_migrations():
            raise CommandError("the database is not prepared: run `accord migrate`", returncode=2)
        path: Path = o["file"]
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise CommandError(f"file: cannot be read ({exc.strerror})", returncode=2) from None
        try:
            with handle, acting(f"cli:attach {path.name}"[:150]):
                document = access.document(ADMINISTRATOR, o["organization"], o["document"])
                attached = services.attach_file(
                    document,
                    number=o["number"],
                    language=o["language"],
                    kind=o["kind"],
                    name=path.name,
                    content=handle,
                )
        except DomainError as exc:
            raise CommandError(str(exc), returncode=2) from None
        data = {
            "document": document.slug,
            "version": attached.version.number,
            "language": attached.language,
            "kind": attached.kind,
            "name": attached.name,
            "content_type": attached.content_type,
            "size": attached.size,
            "sha256": attached.sha256,
            "text_characters": len(attached.text),
            "text_note": attached.text_note,
        }
        if o["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"attached {data['name']} ({data['content_type']}, {data['size']} bytes) to"
            f" version {data['version']} of {data['document']} as its {data['kind']}"
            f" in {data['language']}\nsha256 {data['sha256']}"
            + (f"\ntext: {data['text_note']}" if data["text_note"] else "")
        )
