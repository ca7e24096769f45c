"""accord press-release ORG BODY NUMBER --lang en|ru|zh [--type ...] [--save]
[--format text|json|pdf|docx --output FILE]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.accounts import refs
from accord.accounts.access import ADMINISTRATOR
from accord.cli.database import unapplied_migrations
from accord.core.audit import acting
from accord.core.errors import DomainError
from accord.publishing import audiences, compose, files, selectors, services
from accord.publishing.models import LANGUAGES, ReleaseKind


class Command(BaseCommand):
    help = (
        "Write a meeting's press release (or information report) from its record, in"
        " English, Russian or Chinese, for an audience (public by default: only public"
        " facts). With --save it is kept as a draft release to edit, review and publish."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("body", metavar="BODY")
        parser.add_argument("number", metavar="NUMBER", help="the meeting's number (or id)")
        parser.add_argument("--lang", choices=LANGUAGES, default="en")
        parser.add_argument(
            "--type", dest="kind", choices=ReleaseKind.values, default=ReleaseKind.PRESS_RELEASE
        )
        parser.add_argument(
            "--audience", choices=[str(a) for a in audiences.AUDIENCES], default="public"
        )
        parser.add_argument("--save", action="store_true", help="keep it as a draft release")
        parser.add_argument(
            "--format",
            choices=["text", "json", *files.FORMATS],
            default="text",
            help="pdf or docx: the file of the release's newest published version, on the"
            " organization's letterhead, written to --output",
        )
        parser.add_argument("--output", metavar="FILE", help="where a pdf or docx file goes")

    def handle(self, *args: Any, **o: Any) -> None:
        if unapplied_migrations():
            raise CommandError("the database is not prepared: run `accord migrate`", returncode=2)
        if o["format"] in files.FORMATS:
            self._file(o)
            return
        try:
            org = refs.organization(o["organization"])
            body = refs.body(org, o["body"])
            meeting = refs.meeting_addressed(ADMINISTRATOR, org, body, o["number"])
            if o["save"]:
                with acting("cli:press-release"):
                    release = services.draft_release(
                        ADMINISTRATOR,
                        meeting,
                        kind=o["kind"],
                        language=o["lang"],
                        classification=o["audience"],
                    )
                # a drafted release has at least its version 1
                version = release.versions.latest("number")
                written = compose.Written(
                    version.headline, version.dateline, version.text, tuple(version.missing)
                )
                slug = release.slug
            else:
                written = compose.write(
                    meeting, kind=o["kind"], language=o["lang"], classification=o["audience"]
                )
                slug = None
        except DomainError as exc:
            raise CommandError(str(exc), returncode=2) from None
        if o["format"] == "json":
            data = {
                "release": slug,
                "kind": o["kind"],
                "language": o["lang"],
                "audience": o["audience"],
                "headline": written.headline,
                "dateline": written.dateline,
                "text": written.text,
                "missing": list(written.missing),
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{written.headline}\n\n{written.dateline}\n\n{written.text}")
        for what in written.missing:
            self.stderr.write(f"missing in {o['lang']}: {what}")
        if slug:
            self.stderr.write(f"saved as draft release {slug}")

    def _file(self, o: dict[str, Any]) -> None:
        """The published release's PDF or DOCX file, written to --output."""
        if not o["output"]:
            raise CommandError(f"--output: where to write the {o['format']} file", returncode=2)
        if o["save"]:
            raise CommandError(
                "--save: a file is written from a published release, not from a new draft",
                returncode=2,
            )
        try:
            org = refs.organization(o["organization"])
            body = refs.body(org, o["body"])
            meeting = refs.meeting_addressed(ADMINISTRATOR, org, body, o["number"])
            release = selectors.release_of(
                ADMINISTRATOR, meeting, o["kind"], o["lang"], o["audience"]
            )
            made = files.file_of(ADMINISTRATOR, org, release.slug, o["format"])
        except DomainError as exc:
            raise CommandError(str(exc), returncode=2) from None
        output = Path(o["output"])
        try:
            output.write_bytes(made.content)
        except OSError as exc:
            raise CommandError(f"--output: {exc.strerror or exc}", returncode=2) from None
        self.stderr.write(f"{made.filename}: {len(made.content)} bytes written to {output}")
