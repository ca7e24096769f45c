"""Time `accord load` of the seed scenario on a fresh SQLite file.

Prints: migrating an empty database, the first load, and a second (idempotent)
load of the same files, each as the median of several runs in new processes.
Run with `make bench`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCORD = Path(sys.executable).with_name("accord")
SEED = [
    ROOT / "scenarios" / "sco-organization.yaml",
    ROOT / "scenarios" / "sco-2019-security-council-secretaries.yaml",
]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stdout.strip()


def main() -> None:
    migrate, first, second, inside = [], [], [], []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3"}
            migrate.append(timed([str(ACCORD), "migrate", "-v0"], env)[0])
            seconds, summary = timed([str(ACCORD), "load", *map(str, SEED)], env)
            first.append(seconds)
            inside.append(float(summary.split(" in ")[1].split(" s")[0]))
            second.append(timed([str(ACCORD), "load", *map(str, SEED)], env)[0])
    print(f"seed scenario: {summary.split(': ', 1)[1]}")
    print(f"migrate an empty SQLite database      median {statistics.median(migrate):.2f} s")
    print(f"accord load, first (whole command)    median {statistics.median(first):.2f} s")
    print(f"  of which loading inside the process median {statistics.median(inside):.2f} s")
    print(f"accord load, again (nothing changes)  median {statistics.median(second):.2f} s")
    print(f"target: under 2 s for the first load ({RUNS} runs)")


if __name__ == "__main__":
    main()
