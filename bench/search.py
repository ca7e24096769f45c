"""Time `accord.search.search` (the full-text index) on SQLite and PostgreSQL.

    .venv/bin/python bench/search.py [--synth] [--orgs 2] [--years 10] [--runs 30]

For each database (a new SQLite file; a PostgreSQL server of its own through
scripts/with-postgres, where its binaries are installed): migrates, loads the seed
scenario (with --synth, also a synthetic history written by `accord synth`), then
runs 20 representative queries (English, Russian, Chinese) `--runs` times each, as
the public and as a member's delegation, 20 hits at most, in the process (no HTTP).
Prints, per query, the hits and the p50/p99 of each viewer, then p50/p99 over all
queries; and the time `accord search reindex` takes to rebuild the index.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCORD = Path(sys.executable).with_name("accord")
WITH_POSTGRES = ROOT / "scripts" / "with-postgres"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SEED = [
    ROOT / "scenarios" / "sco-organization.yaml",
    ROOT / "scenarios" / "sco-2019-security-council-secretaries.yaml",
]

QUERIES = [
    # English: names, stems ("plans" -> plan), several words, a number
    "Bishkek",
    "plans",
    "terrorism separatism",
    "declaration heads of state",
    "working plan cooperation",
    "anti-drug strategy",
    "Astana 2005",
    "security council secretaries",
    # Russian: forms of a word, several words
    "Бишкеке",
    "стратегии",
    "терроризму",
    "сотрудничество внутренних дел",
    "декларация",
    "план",
    # Chinese: substrings of two characters and more
    "禁毒",
    "恐怖主义",
    "宣言",
    "上海合作组织",
    "合作",
    "阿斯塔纳",
]


def padded(text: str, width: int) -> str:
    """`text` left-aligned in `width` terminal columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(label: str, files: list[str], runs: int) -> None:
    """Inside one database (DATABASE_URL): prepare it, then time the queries."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accord.accounts.access import ANONYMOUS, Viewer
    from accord.records.loader import load
    from accord.registry.models import Membership, Organization
    from accord.search import index, search
    from accord.search.models import SearchEntry

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    report = load(files)
    loaded = time.perf_counter() - started
    entries = SearchEntry.objects.count()
    started = time.perf_counter()
    objects = index.rebuild()
    rebuilt = time.perf_counter() - started
    today = timezone.localdate()
    # A member's delegation in every organization (the access rules at their widest).
    delegations = set()
    for org in Organization.objects.all():
        member = (
            Membership.objects.filter(organization=org, status__takes_decisions=True, end=None)
            .filter(start__lte=today)
            .order_by("party__code")
            .values_list("party__code", flat=True)
            .first()
        )
        if member:
            delegations.add((org.pk, member))
    member = Viewer(None, False, frozenset(), frozenset(delegations), frozenset(), frozenset())
    print(
        f"\n{label} ({connection.vendor}): {report.tally.count_of('created')} rows loaded"
        f" in {loaded:.1f} s (index included); {objects} objects,"
        f" {entries} index rows; `accord search reindex` {rebuilt:.1f} s"
    )
    print(f"{'query':32} {'hits':>5} {'public p50':>11} {'p99':>7} {'member p50':>11} {'p99':>7}")
    everything: dict[str, list[float]] = {"public": [], "member": []}
    for query in QUERIES:
        row = {}
        hits = 0
        for name, viewer in (("public", ANONYMOUS), ("member", member)):
            search(viewer, query, limit=20)  # warm
            samples = []
            for _ in range(runs):
                began = time.perf_counter()
                found = search(viewer, query, limit=20)
                samples.append((time.perf_counter() - began) * 1000)
            hits = max(hits, len(found))
            row[name] = samples
            everything[name] += samples
        print(
            f"{padded(query, 32)} {hits:5}"
            f" {statistics.median(row['public']):9.1f}ms {percentile(row['public'], 99):5.1f}ms"
            f" {statistics.median(row['member']):9.1f}ms {percentile(row['member'], 99):5.1f}ms"
        )
    print(
        f"{'all queries':32} {'':5}"
        f" {statistics.median(everything['public']):9.1f}ms"
        f" {percentile(everything['public'], 99):5.1f}ms"
        f" {statistics.median(everything['member']):9.1f}ms"
        f" {percentile(everything['member'], 99):5.1f}ms"
    )
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synth", action="store_true", help="add a synthetic history")
    parser.add_argument("--orgs", type=int, default=2)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--measure", metavar="LABEL", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        measure(options.measure, options.files, options.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        files = [str(f) for f in SEED]
        label = "seed"
        if options.synth:
            out = Path(tmp) / "synth"
            subprocess.run(
                [str(ACCORD), "synth", "-v0", "--out", str(out), "--orgs", str(options.orgs),
                 "--years", str(options.years), "--seed", str(options.seed)],
                check=True,
            )  # fmt: skip
            files += sorted(str(p) for p in out.rglob("*.json"))
            label = (
                f"seed + accord synth --orgs {options.orgs} --years {options.years}"
                f" --seed {options.seed}"
            )
        command = [sys.executable, __file__, "--measure", label, "--runs", str(options.runs)]
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3"}
        subprocess.run([*command, *files], env=env, check=True)
        if options.sqlite_only:
            return
        if (PG_BIN / "initdb").exists():
            env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
            subprocess.run([str(WITH_POSTGRES), *command, *files], env=env, check=True)
        else:
            print(f"\nPostgreSQL skipped: no {PG_BIN}/initdb")


if __name__ == "__main__":
    main()
