"""accord synth --orgs N --years Y --seed S [--sectors K] [--papers N] [--out DIR]"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.records.synthetic import Options, synthesize


class Command(BaseCommand):
    help = (
        "Write a synthetic history of organizations as record files, to measure Accord at"
        " scale: bodies, memberships changing over time, rotating chairs, meetings with"
        " agendas, documents referred from body to body, decisions with positions, events,"
        " in English, Russian and Chinese. The same options write the same files; load"
        " them with `accord load DIR/*/*.json`."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--orgs", type=int, required=True, help="how many organizations")
        parser.add_argument("--years", type=int, required=True, help="years of history each")
        parser.add_argument("--seed", type=int, default=1, help="the same seed, the same files")
        parser.add_argument(
            "--out", type=Path, default=None, help="directory to write (default var/synth)"
        )
        parser.add_argument("--start-year", type=int, default=2000, help="the founding year")
        parser.add_argument(
            "--sectors",
            type=int,
            default=12,
            help="sectoral tracks per organization (ministers, senior officials, experts)",
        )
        parser.add_argument(
            "--papers",
            type=int,
            default=0,
            help="working papers each meeting issues (agenda, list of participants, notes...)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"] or Path(settings.VAR_DIR) / "synth"
        config = Options(
            orgs=options["orgs"],
            years=options["years"],
            seed=options["seed"],
            start_year=options["start_year"],
            sectors=options["sectors"],
            papers=options["papers"],
        )
        try:
            config.check()
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out: {out} is not a directory", returncode=2)
        verbosity = options.get("verbosity", 1)

        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stderr.write(f"synth: {message}")

        started = time.perf_counter()
        summary = synthesize(out, config, progress=progress)
        if verbosity >= 1:
            self.stdout.write(
                f"{summary.text()} in {time.perf_counter() - started:.1f} s under {out}\n"
                f"load them with: accord load {out}/*/*.json"
            )
