"""accord serve [--host H] [--port P] [--workers N] [--dev]

Production serving by default: gunicorn with WEB_CONCURRENCY worker processes (else
one per CPU), each with a few threads, keep-alive connections, static files from
WhiteNoise. `--dev` runs Django's development server instead (with --reload).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.cli.database import prepare_database
from accord.core import audit


def default_workers() -> int:
    """WEB_CONCURRENCY when set, else the number of CPUs."""
    raw = os.environ.get("WEB_CONCURRENCY")
    if raw:
        try:
            workers = int(raw)
        except ValueError:
            raise CommandError(f"WEB_CONCURRENCY: expected a whole number, got {raw!r}") from None
        if workers < 1:
            raise CommandError(f"WEB_CONCURRENCY: must be at least 1, got {workers}")
        return workers
    return os.cpu_count() or 1


def static_sources() -> str:
    """A fingerprint of the static files to collect (their names, sizes and times) and
    of the storage that collects them."""
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256(repr(settings.STORAGES["staticfiles"]).encode("utf-8"))
    listed = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = Path(storage.path(path)).stat()
            listed.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for line in sorted(listed):
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()


def collect_static() -> None:
    """collectstatic, unless the files collected last time are still those of the sources
    (a restart, after a crash say, then takes no time to hash and compress them again)."""
    stamp = Path(settings.STATIC_ROOT) / ".collected"
    fingerprint = static_sources()
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)


class Command(BaseCommand):
    help = "Serve Accord over HTTP: gunicorn in production, or Django's development server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, help="worker processes (default: WEB_CONCURRENCY or CPUs)"
        )
        parser.add_argument("--threads", type=int, default=4, help="threads per worker")
        parser.add_argument("--dev", action="store_true", help="Django's development server")
        parser.add_argument("--reload", action="store_true", help="restart on code changes")

    def handle(self, *args: Any, host: str, port: int, **options: Any) -> None:
        verbosity = options.get("verbosity", 1)
        prepare_database(verbosity=verbosity)
        try:
            audit.key()  # a missing or bad audit key stops Accord now, not at a first write
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        if options["dev"] or options["reload"]:
            call_command("runserver", f"{host}:{port}", use_reloader=options["reload"])
            return
        workers = options["workers"] or default_workers()
        if workers < 1 or options["threads"] < 1:
            raise CommandError("--workers and --threads: must be at least 1")
        if not settings.DEBUG:
            collect_static()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "accord.config.wsgi:application",
            # The garbage collector tuned for a long-lived worker (its hooks).
            "--config=python:accord.config.gunicorn",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            "--worker-class=gthread",
            f"--threads={options['threads']}",
            "--keep-alive=5",
            "--graceful-timeout=10",
            "--access-logfile=-" if verbosity > 1 else "--access-logfile=/dev/null",
            "--error-logfile=-",
            "--log-level=warning",
        ]
        if verbosity:
            self.stdout.write(
                f"Accord on http://{host}:{port}/ ({workers} worker processes"
                f" × {options['threads']} threads)"
            )
            self.stdout.flush()
        os.execv(sys.executable, argv)
