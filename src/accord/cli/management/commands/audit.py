"""accord audit verify [--checkpoint FILE] | accord audit checkpoint [--output FILE] |
accord audit log [--object ORG [BODY|DOCUMENT [MEETING [DECISION]]] | PERSON | MODEL:ID]
[--limit N]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.accounts import access, refs
from accord.cli.database import unapplied_migrations
from accord.core import audit
from accord.core.errors import DomainError
from accord.core.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Check the audit trail's chain (verify), note its newest entry (checkpoint), or show"
        " its latest entries (log). verify names the first entry that was altered, removed"
        " or reordered; with --checkpoint FILE, also one that is no longer the entry a"
        " checkpoint in FILE noted."
    )

    # Django's system checks import the whole site (about a second): `accord check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "checkpoint", "log"])
        parser.add_argument(
            "--object",
            nargs="+",
            default=None,
            metavar="WORD",
            help="only this object, named as the other commands name it: `sco heads-of-state"
            " 20` (a meeting), `sco heads-of-state` (a body), `sco DOCUMENT`, a person's id,"
            " or MODEL:ID (meetings.Meeting:7)",
        )
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--checkpoint",
            type=Path,
            action="append",
            default=[],
            help="verify: a file of checkpoints (`accord audit checkpoint` lines) the trail"
            " must still reach; may be given more than once",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="checkpoint: append the line to this file (kept outside the database)",
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            if action == "verify":
                self.verify(options["format"], options["checkpoint"])
            elif action == "checkpoint":
                self.checkpoint(options["output"])
            else:
                self.log(options["object"], options["limit"], options["format"])
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None

    def verify(self, fmt: str, files: list[Path]) -> None:
        points = [point for path in files for point in _checkpoints(path)]
        count, broken = audit.verify(points)
        if fmt == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "entries": count,
                        "intact": broken is None,
                        "checkpoints": len(points),
                        "first_bad_entry": broken.seq if broken else None,
                        "reason": broken.reason if broken else None,
                    }
                )
            )
        elif broken is None:
            reached = f", reaching {len(points)} checkpoints" if points else ""
            self.stdout.write(f"audit trail intact: {count} entries verified{reached}")
        if broken is not None:
            raise CommandError(f"audit entry {broken.seq} {broken.reason}", returncode=1)

    def checkpoint(self, output: Path | None) -> None:
        line = audit.checkpoint().as_json()
        if output is not None:
            try:
                with output.open("a", encoding="utf-8") as handle:
                    handle.write(line + "\n")
            except OSError as exc:
                raise CommandError(f"--output: cannot write {output} ({exc})") from None
        self.stdout.write(line)

    def log(self, target: list[str] | None, limit: int, fmt: str) -> None:
        rows = AuditEntry.objects.order_by("-seq")
        if target:
            model, object_id = _object(target)
            rows = rows.filter(model=model, object_id=object_id)
        entries = list(rows[:limit])
        if fmt == "json":
            self.stdout.write(
                json.dumps(
                    [{**e.chained_fields(), "hash": e.hash} for e in entries], ensure_ascii=False
                )
            )
            return
        for e in entries:
            changed = ", ".join(sorted((e.after or e.before or {}).keys()))
            self.stdout.write(
                f"#{e.seq} {e.at:%Y-%m-%d %H:%M:%S} {e.actor} {e.operation} "
                f"{e.model}:{e.object_id} [{changed}] request {e.request_id}"
            )


def _object(words: list[str]) -> tuple[str, str]:
    """The audit trail's (model, object id) of the object `words` name: the readable
    identifiers every command takes, or MODEL:ID as the trail writes it. An unknown
    object is an error naming it (exit status 2)."""
    words = " ".join(words).split()
    if len(words) == 1 and ":" in words[0] and "." in words[0].partition(":")[0]:
        model, _, object_id = words[0].partition(":")
        return model, object_id
    if unapplied_migrations():
        raise CommandError("the database is not prepared: run `accord migrate`", returncode=2)
    try:
        found = refs.named(access.ADMINISTRATOR, words)
    except DomainError as exc:
        raise CommandError(str(exc), returncode=2) from None
    return found._meta.label, str(found.pk)


def _checkpoints(path: Path) -> list[audit.Checkpoint]:
    """The checkpoints in `path`, one JSON object a line (blank lines skipped)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise CommandError(f"--checkpoint: cannot read {path} ({exc})") from None
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(audit.Checkpoint.from_json(line))
        except ValueError:
            raise CommandError(
                f"--checkpoint: {path} line {number}: not a checkpoint"
                ' ({"seq": N, "hash": "64 hex digits", "at": "..."})'
            ) from None
    return found
