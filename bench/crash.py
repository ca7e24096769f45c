"""Kill `accord serve` (SIGKILL to its whole process group) at random moments while
client threads write through the API, many times over, and print what survived.

    .venv/bin/python bench/crash.py [--kills 50] [--clients 4] [--up 0.3 1.5] [--seed N]
    scripts/with-postgres .venv/bin/python bench/crash.py --kills 50   # on PostgreSQL

On SQLite the server serves a new file in WAL mode; under scripts/with-postgres a new
database on that server. The machinery (and what "lost" and "half-applied" mean) is
tests/reliability/crashrun.py; tests/reliability/test_crash.py is the short run that
`make test` makes. Prints the kills survived, writes sent / acknowledged / found, lost
and half-applied writes, broken rules and the audit trail's verification; exits 1 if
anything was lost or half-applied.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.reliability.crashrun import crash_run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--clients", type=int, default=4, help="writer threads")
    parser.add_argument(
        "--up", type=float, nargs=2, default=(0.3, 1.5), metavar=("MIN", "MAX"),
        help="seconds the server runs before each kill (uniformly random)",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    outcome = crash_run(args.kills, clients=args.clients, up_seconds=tuple(args.up), seed=args.seed)
    print(outcome.summary())
    print("answers by kind and status (None: killed before answering):")
    for key, count in sorted(outcome.answers.items()):
        print(f"  {key}: {count}")
    for title, items in [
        ("lost", outcome.lost),
        ("half-applied", outcome.half_applied),
        ("rules broken", outcome.broken_rules),
        ("unexpected answers", outcome.errors),
    ]:
        for item in items[:20]:
            print(f"{title}: {item}")
    return 1 if outcome.lost or outcome.half_applied or outcome.broken_rules else 0


if __name__ == "__main__":
    sys.exit(main())
