"""accord serve [--host H] [--port P]"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from accord.cli.database import prepare_database


class Command(BaseCommand):
    help = "Serve Accord over HTTP (Django's development server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--reload", action="store_true", help="restart on code changes")

    def handle(self, *args: Any, host: str, port: int, reload: bool, **options: Any) -> None:
        prepare_database(verbosity=options.get("verbosity", 1))
        call_command("runserver", f"{host}:{port}", use_reloader=reload)
