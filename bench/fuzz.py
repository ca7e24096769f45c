"""A longer fuzz of the API from its OpenAPI description: the test of
tests/reliability/test_api_fuzz.py with more examples per operation and new cases
each run, and the figures per role.

For each role (anonymous, public, observer, Kyrgyzstan's delegation, the secretariat
with a full token, the secretariat with a read-only token): cases sent, changes among
them, seconds, server errors (5xx), answers not as documented (status, content type,
headers, body schema; invalid input accepted), leaks (an answer showing a marker of a
row the role may not read), refused changes that changed the record. The database is
the test suite's (a SQLite file under var/, or PostgreSQL under scripts/with-postgres).

    .venv/bin/python bench/fuzz.py [--scale 10] [--seed N]
    scripts/with-postgres .venv/bin/python bench/fuzz.py --scale 10

The exit status is non-zero when anything was found; the first case of each finding
is printed with a curl command that repeats it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST = "tests/reliability/test_api_fuzz.py"


class Collect:
    """A pytest plugin keeping the tallies the fuzz test made."""

    def __init__(self) -> None:
        self.tallies: list = []

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        from tests.reliability import test_api_fuzz

        self.tallies = list(test_api_fuzz.TALLIES)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=10, help="examples × the test's (10)")
    parser.add_argument("--seed", type=int, help="Hypothesis seed (default: random)")
    parser.add_argument("--role", action="append", help="only these roles (repeatable)")
    args = parser.parse_args()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ["ACCORD_FUZZ_SCALE"] = str(args.scale)
    os.environ["ACCORD_FUZZ_RANDOM"] = "1"
    options = [TEST, "-q", "-p", "no:cacheprovider", "--show-capture=no", "--tb=line"]
    if args.seed is not None:
        options += ["--hypothesis-seed", str(args.seed)]
    if args.role:
        options += ["-k", " or ".join(f"[{r}]" for r in args.role)]
    collect = Collect()
    started = time.monotonic()
    status = pytest.main(options, plugins=[collect])
    elapsed = time.monotonic() - started
    database = (
        "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    )
    print(
        f"\n{database}, scale {args.scale:g}, {elapsed:.0f} s in all, load {os.getloadavg()[0]:.1f}"
    )
    header = (
        "role",
        "cases",
        "changes",
        "s",
        "5xx",
        "not as documented",
        "leaks",
        "dirty refusals",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for t in collect.tallies:
        row = (
            t.role,
            t.cases,
            t.writes,
            f"{t.seconds:.0f}",
            t.server_errors,
            t.schema_violations,
            t.leaks,
            t.dirty_refusals,
        )
        print("| " + " | ".join(str(v) for v in row) + " |")
    for t in collect.tallies:
        for finding, case in t.failures.items():
            print(f"\n[{t.role}] {finding}\n{case}")
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
