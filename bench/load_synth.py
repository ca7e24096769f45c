"""Time `accord load` of a synthetic history on a fresh SQLite file and, where the
PostgreSQL binaries are installed, on a fresh PostgreSQL server of its own.

    .venv/bin/python bench/load_synth.py [--orgs 2] [--years 10] [--seed 1] [--sectors 12]

Writes the history with `accord synth` into a temporary directory, then for each
database: migrates it, loads every file in one `accord load`, and prints the
loading time (inside the process) and the rows created per second. With
`--profile`, the SQLite load runs under cProfile and the 25 most costly functions
(cumulative) are printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCORD = Path(sys.executable).with_name("accord")
WITH_POSTGRES = ROOT / "scripts" / "with-postgres"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def load(files: list[str], env: dict[str, str], wrap: list[str] = ()) -> tuple[float, int]:
    """Migrate, then load `files`: (seconds spent loading, rows created)."""
    script = f"{ACCORD} migrate -v0 && {ACCORD} load {' '.join(files)}"
    done = subprocess.run(
        [*wrap, "sh", "-c", script], env=env, capture_output=True, text=True, check=True
    )
    summary = done.stdout.strip().splitlines()[-1]  # "N file(s) loaded in S s: C created, ..."
    seconds = float(summary.split(" loaded in ")[1].split(" s")[0])
    created = int(summary.split(": ")[1].split(" created")[0])
    return seconds, created


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=2)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sectors", type=int, default=12)
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "synth"
        subprocess.run(
            [str(ACCORD), "synth", "-v0", "--out", str(out), "--orgs", str(options.orgs),
             "--years", str(options.years), "--seed", str(options.seed),
             "--sectors", str(options.sectors)],
            check=True,
        )  # fmt: skip
        files = sorted(str(p) for p in out.rglob("*.json"))
        size = sum(Path(f).stat().st_size for f in files) / 1e6
        print(
            f"synthetic history: --orgs {options.orgs} --years {options.years}"
            f" --seed {options.seed} --sectors {options.sectors}: {len(files)} files, {size:.1f} MB"
        )
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3"}
        seconds, created = load(files, env)
        print(f"SQLite      load {seconds:7.1f} s  {created} rows  {created / seconds:6.0f} rows/s")
        if (PG_BIN / "initdb").exists():
            env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
            seconds, created = load(files, env, [str(WITH_POSTGRES)])
            print(
                f"PostgreSQL  load {seconds:7.1f} s  {created} rows"
                f"  {created / seconds:6.0f} rows/s"
            )
        else:
            print(f"PostgreSQL  skipped: no {PG_BIN}/initdb")
        if options.profile:
            profile = Path(tmp) / "load.prof"
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/profile.sqlite3"}
            subprocess.run([str(ACCORD), "migrate", "-v0"], env=env, check=True)
            subprocess.run(
                [sys.executable, "-m", "cProfile", "-o", str(profile), str(ACCORD), "load", *files],
                env=env, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            import pstats

            pstats.Stats(str(profile)).sort_stats("cumulative").print_stats(25)
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
