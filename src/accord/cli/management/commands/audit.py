"""accord audit verify | accord audit log [--object MODEL:ID] [--limit N]"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core import audit
from accord.core.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Check the audit trail's hash chain (verify), or show its latest entries (log). "
        "verify names the first entry that was altered, removed or reordered."
    )

    # Django's system checks import the whole site (about a second): `accord check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "log"])
        parser.add_argument(
            "--object", default=None, help="only this object, e.g. meetings.Meeting:7"
        )
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "verify":
            self.verify(options["format"])
        else:
            self.log(options["object"], options["limit"], options["format"])

    def verify(self, fmt: str) -> None:
        count, broken = audit.verify()
        if fmt == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "entries": count,
                        "intact": broken is None,
                        "first_bad_entry": broken.seq if broken else None,
                        "reason": broken.reason if broken else None,
                    }
                )
            )
        elif broken is None:
            self.stdout.write(f"audit trail intact: {count} entries verified")
        if broken is not None:
            raise CommandError(f"audit entry {broken.seq} {broken.reason}", returncode=1)

    def log(self, target: str | None, limit: int, fmt: str) -> None:
        rows = AuditEntry.objects.order_by("-seq")
        if target:
            model, _, object_id = target.partition(":")
            rows = rows.filter(model=model, object_id=object_id)
        entries = list(rows[:limit])
        if fmt == "json":
            self.stdout.write(json.dumps([e.chained_fields() for e in entries], ensure_ascii=False))
            return
        for e in entries:
            changed = ", ".join(sorted((e.after or e.before or {}).keys()))
            self.stdout.write(
                f"#{e.seq} {e.at:%Y-%m-%d %H:%M:%S} {e.actor} {e.operation} "
                f"{e.model}:{e.object_id} [{changed}] request {e.request_id}"
            )
