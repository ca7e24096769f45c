"""Time `accord backup` and `accord restore`, and the archive's size, on SQLite and,
where the PostgreSQL binaries are installed, on PostgreSQL.

    .venv/bin/python bench/backup_restore.py [--synth ORGS YEARS SEED] [--no-dumps]

The record is the seed scenario, or (`--synth`) a synthetic history written by
`accord synth --orgs ORGS --years YEARS --seed SEED`. It is loaded into a new SQLite
file, backed up, and restored into a new SQLite file; then, on a PostgreSQL server of
its own, the SQLite backup is restored into PostgreSQL, backed up from there, and that
backup restored into SQLite again. Every restore checks that the restored audit trail
verifies and ends with the backup's last hash; unless `--no-dumps` (dumping a large
history takes minutes), every restored record is dumped and compared with the
original's dump too. Times are those each command prints (its own work, without the
start of the process).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCORD = Path(sys.executable).with_name("accord")
WITH_POSTGRES = ROOT / "scripts" / "with-postgres"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SEED = [ROOT / "scenarios" / "sco-organization.yaml",
        ROOT / "scenarios" / "sco-2019-security-council-secretaries.yaml"]  # fmt: skip


def accord(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(ACCORD), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"accord {' '.join(args)}: {done.stderr}")
    return done.stdout


def seconds(summary: str) -> float:
    """The time at the end of a backup or restore summary ('...; 1.2 s')."""
    return float(summary.strip().rsplit("; ", 1)[1].removesuffix(" s"))


def sqlite(tmp: Path, name: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / name}.sqlite3",
            "ACCORD_FILES_DIR": str(tmp / name / "files")}  # fmt: skip


POSTGRES = """
set -e
export ACCORD_FILES_DIR="$1/pg/files"
{accord} restore "$1/sqlite.zip"
[ "$3" = dumps ] && {accord} dump "$2" > "$1/pg.yaml" || : > "$1/pg.yaml"
{accord} backup "$1/pg.zip"
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synth", nargs=3, type=int, metavar=("ORGS", "YEARS", "SEED"))
    parser.add_argument("--no-dumps", action="store_true")
    options = parser.parse_args()

    def dump(env: dict[str, str]) -> str:
        return "" if options.no_dumps else accord(env, "dump", organization)

    def compared(dumped: str) -> str:
        return "not compared" if options.no_dumps else str(dumped == original)

    organization = "sco"
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        files = [str(p) for p in SEED]
        if options.synth:
            orgs, years, seed = options.synth
            out = tmp / "synth"
            accord(dict(os.environ), "synth", "-v0", "--out", str(out), "--orgs", str(orgs),
                   "--years", str(years), "--seed", str(seed))  # fmt: skip
            files = sorted(str(p) for p in out.rglob("*.json"))
            organization = sorted(p.name for p in out.iterdir())[0]
            print(f"record: accord synth --orgs {orgs} --years {years} --seed {seed}")
        else:
            print("record: the seed scenario")
        source = sqlite(tmp, "source")
        accord(source, "load", *files)
        original = dump(source)
        archive = tmp / "sqlite.zip"
        made = accord(source, "backup", str(archive))
        size = archive.stat().st_size / 1e6
        print(f"SQLite      backup  {seconds(made):6.1f} s  {size:.1f} MB  ({made.strip()})")
        target = sqlite(tmp, "target")
        done = accord(target, "restore", str(archive))
        same = compared(dump(target))
        print(f"SQLite      restore {seconds(done):6.1f} s  same dump: {same}")
        if not (PG_BIN / "initdb").exists():
            print(f"PostgreSQL  skipped: no {PG_BIN}/initdb")
            return
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        script = POSTGRES.format(accord=ACCORD)
        done = subprocess.run(
            [str(WITH_POSTGRES), "sh", "-c", script, "sh", str(tmp), organization,
             "" if options.no_dumps else "dumps"],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode:
            sys.exit(done.stderr)
        restored, backed_up = done.stdout.strip().splitlines()[-2:]
        same = compared((tmp / "pg.yaml").read_text(encoding="utf-8"))
        print(f"PostgreSQL  restore {seconds(restored):6.1f} s  (the SQLite backup)"
              f"  same dump: {same}")  # fmt: skip
        size = (tmp / "pg.zip").stat().st_size / 1e6
        print(f"PostgreSQL  backup  {seconds(backed_up):6.1f} s  {size:.1f} MB")
        back = sqlite(tmp, "back")
        done = accord(back, "restore", str(tmp / "pg.zip"))
        same = compared(dump(back))
        print(f"SQLite      restore {seconds(done):6.1f} s  (the PostgreSQL backup)"
              f"  same dump: {same}")  # fmt: skip


if __name__ == "__main__":
    main()
