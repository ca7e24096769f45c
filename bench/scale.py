"""Accord at scale, on SQLite and PostgreSQL: a synthetic history loaded, then served.

    .venv/bin/python bench/scale.py [--orgs 4] [--years 25] [--seed 7] [--papers 0]
        [--duration 5] [--sqlite-only | --postgresql-only] [--keep DIR]
        [--by-organization] [--load-only | --serve-only]

Writes a synthetic history with `accord synth` (and the seed scenario, so that the
SCO's pages are measured among many rows), then for each database — a new SQLite
file, and a PostgreSQL 15 server of its own started by scripts/with-postgres — prints:

- loading: `accord load` of every file in one transaction, its time and rows/s;
- the database's size once loaded;
- `bench/api_load.py --database ... --no-cache` and then with the cache of answers:
  requests/s, p50 and p99 of the main API endpoints and web pages, 2 workers,
  8 concurrent clients, `--duration` seconds each;
- search: the 20 queries of bench/search.py through GET /api/v1/search, one client,
  `--runs` times each, p50/p99 over all.

Nothing is asserted. With `--keep DIR` the databases stay in DIR (DIR/accord.sqlite3,
DIR/pg) for further measurement (bench/web_pages.py --database ...), with the key of
their audit trails (DIR/audit.key): give it as ACCORD_AUDIT_KEY_FILE to whatever
writes to them later (a user made to read as an officer, say).

The issue-size history (100,387 meetings, 1,049,860 documents) is loaded one
organization per transaction, then measured, in two runs:

    .venv/bin/python bench/scale.py --orgs 49 --papers 8 --postgresql-only \
        --by-organization --keep /tmp/huge --load-only
    .venv/bin/python bench/scale.py --postgresql-only --keep /tmp/huge --serve-only
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCORD = Path(sys.executable).with_name("accord")
WITH_POSTGRES = ROOT / "scripts" / "with-postgres"
HOST = "127.0.0.1"
SEED = [
    ROOT / "scenarios" / "sco-organization.yaml",
    ROOT / "scenarios" / "sco-2019-security-council-secretaries.yaml",
]
sys.path.insert(0, str(ROOT / "bench"))
from search import QUERIES  # noqa: E402 - the bench's own module, beside this one


def env_for(database: str, tmp: str, keep: str | None = None) -> dict[str, str]:
    """The environment of Accord's commands: a scratch var directory, and with `keep`
    the audit key kept beside the databases (a later write needs the key the trail
    was chained under)."""
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "ACCORD_VAR_DIR": tmp,
        "ACCORD_DEBUG": "false",
        "ACCORD_HTTPS": "false",
        "ACCORD_SECRET_KEY": "bench-only-not-a-secret",
        "ACCORD_LOG_LEVEL": "ERROR",
    }
    if keep:
        env["ACCORD_AUDIT_KEY_FILE"] = str(Path(keep).resolve() / "audit.key")
    return env


def database_size(env: dict[str, str]) -> int:
    code = (
        "from django.db import connection as c\n"
        "cur = c.cursor()\n"
        "if c.vendor == 'postgresql':\n"
        "    cur.execute('SELECT pg_database_size(current_database())')\n"
        "else:\n"
        "    cur.execute('SELECT page_count * page_size FROM pragma_page_count(),"
        " pragma_page_size()')\n"
        "print(cur.fetchone()[0])\n"
    )
    done = subprocess.run(
        [str(ACCORD), "shell", "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip().splitlines()[-1])


def load_once(env: dict[str, str], files: list[str]) -> tuple[int, float, float, int]:
    """`accord load FILES` in one transaction: (rows created, seconds loading, seconds
    with start-up, peak memory in KB)."""
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", str(ACCORD), "load", *files],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    summary = done.stdout.strip().splitlines()[-1]
    seconds = float(summary.split(" loaded in ")[1].split(" s")[0])
    created = int(summary.split(": ")[1].split(" created")[0])
    peak = int(done.stderr.strip().splitlines()[-1])
    return created, seconds, wall, peak


def load(env: dict[str, str], files: list[str], by_organization: bool = False) -> None:
    """Load `files`: in one transaction, or (`by_organization`) the seed first, then
    each organization's files in a transaction of its own, with a line for each."""
    subprocess.run([str(ACCORD), "migrate", "-v0"], env=env, check=True)
    if not by_organization:
        created, seconds, wall, peak = load_once(env, files)
        print(
            f"  load: {created:,} rows in {seconds:.1f} s ({created / seconds:,.0f} rows/s;"
            f" {wall:.1f} s with start-up), peak memory {peak / 1024:.0f} MB",
            flush=True,
        )
        return
    groups: dict[str, list[str]] = {}
    for name in files:
        path = Path(name)
        groups.setdefault("seed" if path.parent.name == "scenarios" else path.parent.name, [])
        groups["seed" if path.parent.name == "scenarios" else path.parent.name].append(name)
    total_rows, total_seconds, peak_all = 0, 0.0, 0
    for number, (name, group) in enumerate(groups.items(), 1):
        created, seconds, wall, peak = load_once(env, group)
        total_rows += created
        total_seconds += seconds
        peak_all = max(peak_all, peak)
        print(
            f"  load {number}/{len(groups)} {name}: {created:,} rows in {seconds:.1f} s"
            f" ({created / seconds:,.0f} rows/s); so far {total_rows:,} rows in"
            f" {total_seconds:.0f} s ({total_rows / total_seconds:,.0f} rows/s)",
            flush=True,
        )
    print(
        f"  load: {total_rows:,} rows in {total_seconds:.1f} s"
        f" ({total_rows / total_seconds:,.0f} rows/s), {len(groups)} transactions,"
        f" peak memory {peak_all / 1024:.0f} MB",
        flush=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def search_latency(env: dict[str, str], runs: int) -> None:
    port = free_port()
    server = subprocess.Popen(
        [str(ACCORD), "serve", "--host", HOST, "--port", str(port), "--workers", "2"],
        env={**env, "ACCORD_RESPONSE_CACHE": "false"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
                conn.request("GET", "/api/v1/organizations")
                conn.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        samples: list[float] = []
        hits = 0
        for query in QUERIES:
            path = "/api/v1/search?" + urllib.parse.urlencode({"q": query, "limit": 20})
            for run in range(runs + 1):
                started = time.perf_counter()
                conn.request("GET", path, headers={"Accept": "application/json"})
                response = conn.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                if response.status != 200:
                    print(f"  search {query!r}: HTTP {response.status}")
                    break
                if run:  # the first is a warm-up
                    samples.append(elapsed)
                else:
                    hits += len(json.loads(body)["hits"])
        samples.sort()
        p99 = samples[min(len(samples) - 1, int(0.99 * len(samples)))]
        print(
            f"  search (GET /api/v1/search, 20 queries x {runs}, {hits} hits in all, no cache):"
            f" p50 {statistics.median(samples) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms",
            flush=True,
        )
    finally:
        server.terminate()
        server.wait(timeout=20)


def largest_body(env: dict[str, str]) -> list[str]:
    """`--endpoint` options for bench/api_load.py: the meeting record and page of the
    latest meeting of the body with the most numbered meetings, the members of its
    organization on that day, and what is pending for the body."""
    code = (
        "from django.db.models import Count, Q\n"
        "from accord.bodies.models import Body\n"
        "from accord.meetings.models import Meeting\n"
        "numbered = Count('meetings', filter=Q(meetings__number__isnull=False))\n"
        "b = Body.objects.annotate(n=numbered).order_by('-n').first()\n"
        "m = Meeting.objects.filter(body=b, number__isnull=False).order_by('-number').first()\n"
        "print(b.organization.slug, b.slug, b.n, m.number, m.start)\n"
    )
    done = subprocess.run(
        [str(ACCORD), "shell", "-c", code], env=env, capture_output=True, text=True, check=True
    )
    org, body, count, number, day = done.stdout.split()[-5:]
    base = f"/organizations/{org}/bodies/{body}"
    print(f"  the largest body: {org}/{body}, {count} meetings; its meeting {number}", flush=True)
    return [
        f"--endpoint=meeting record ({count} in its body)=/api/v1{base}/meetings/{number}",
        f"--endpoint=web: that meeting's page={base}/meetings/{number}/",
        f"--endpoint=members of {org} on {day}=/api/v1/organizations/{org}/members?on={day}",
        f"--endpoint=pending for {body}=/api/v1{base}/pending?on={day}",
    ]


def measure(label: str, files: list[str], args: argparse.Namespace, tmp: str) -> None:
    """Everything, on the database DATABASE_URL names (already running)."""
    duration, runs = args.duration, args.runs
    env = env_for(os.environ["DATABASE_URL"], tmp, args.keep)
    print(f"\n== {label} ({time.strftime('%Y-%m-%d %H:%M')})", flush=True)
    if files:
        load(env, files, args.by_organization)
    print(f"  database size: {database_size(env) / 1e6:,.0f} MB", flush=True)
    if args.load_only:
        return
    search_latency(env, runs)
    extra = largest_body(env)
    for cache in (["--no-cache"], []):
        print(f"  bench/api_load.py {' '.join(cache) or '(cache of answers on)'}:", flush=True)
        done = subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "api_load.py"),
                "--database",
                env["DATABASE_URL"],
                "--duration",
                str(duration),
                *cache,
                *extra,
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        table = done.stdout.split("\n\n", 1)[-1].rstrip()
        print("\n".join("    " + line for line in table.splitlines()), flush=True)
        if done.returncode:
            print("    " + done.stderr.strip().replace("\n", "\n    "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=4)
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per endpoint")
    parser.add_argument("--runs", type=int, default=10, help="runs of each search query")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--sqlite-only", action="store_true")
    which.add_argument("--postgresql-only", action="store_true")
    parser.add_argument("--papers", type=int, default=0, help="accord synth --papers")
    parser.add_argument(
        "--by-organization",
        action="store_true",
        help="load each organization in a transaction of its own (a large history)",
    )
    parser.add_argument("--keep", metavar="DIR", help="keep the databases in DIR")
    parser.add_argument("--load-only", action="store_true", help="load, then stop")
    parser.add_argument(
        "--serve-only",
        action="store_true",
        help="measure the databases kept in --keep DIR, loading nothing",
    )
    parser.add_argument("--measure", metavar="LABEL", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # inside scripts/with-postgres
        with tempfile.TemporaryDirectory() as tmp:
            measure(args.measure, args.files, args, tmp)
        return
    if args.serve_only and not args.keep:
        parser.error("--serve-only measures the databases of --keep DIR")
    with tempfile.TemporaryDirectory() as scratch:
        where = Path(args.keep or scratch)
        where.mkdir(parents=True, exist_ok=True)
        files: list[str] = []
        if not args.serve_only:
            synth = where / "synth"
            options = ["--orgs", str(args.orgs), "--years", str(args.years)]
            options += ["--seed", str(args.seed), "--papers", str(args.papers)]
            subprocess.run(
                [str(ACCORD), "synth", *options, "--out", str(synth)],
                check=True,
                stderr=subprocess.DEVNULL,
            )
            files = [*map(str, SEED), *sorted(str(p) for p in synth.glob("*/*.json"))]
            print(
                f"accord synth {' '.join(options)}: {len(files) - len(SEED)} files,"
                " and the seed scenario",
                flush=True,
            )
        common = ["--duration", str(args.duration), "--runs", str(args.runs)]
        common += ["--by-organization"] if args.by_organization else []
        common += ["--load-only"] if args.load_only else []
        common += ["--keep", str(where)] if args.keep else []
        if not args.postgresql_only:
            sqlite = where / "accord.sqlite3"
            if not args.serve_only:
                sqlite.unlink(missing_ok=True)
            subprocess.run(
                [sys.executable, __file__, "--measure", "SQLite", *common, *files],
                env={**os.environ, "DATABASE_URL": f"sqlite:///{sqlite}"},
                check=True,
            )
        if not args.sqlite_only:
            pg = where / "pg"
            where.chmod(0o755)  # the server runs as another user
            subprocess.run(
                [
                    str(WITH_POSTGRES),
                    *(["--dir", str(pg)] if args.keep else []),
                    sys.executable,
                    __file__,
                    "--measure",
                    "PostgreSQL 15",
                    *common,
                    *files,
                ],
                check=True,
            )


if __name__ == "__main__":
    main()
