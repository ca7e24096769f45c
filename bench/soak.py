"""Soak: `accord serve` (2 gunicorn workers) under mixed reads and writes for a while,
with the server's memory watched over time.

    .venv/bin/python bench/soak.py [--duration 600] [--clients 4] [--writes 0.3]
    scripts/with-postgres .venv/bin/python bench/soak.py --duration 180   # on PostgreSQL

The server serves a new SQLite file (or, under scripts/with-postgres, a new database on
that server) holding the seed scenario and a secretariat officer with an API token.
CLIENTS client processes (multiprocessing, spawn) send requests one after another on
127.0.0.1 until the time is up: reads of the meeting record, members as of a date,
filtered documents and the client's own meeting; writes (a share WRITES of requests)
creating documents, recording standings, replacing the agenda of the client's own
meeting and changing its note with If-Match. Every answer must be 2xx.

Prints throughput, p50/p99 of reads and writes, the error count (must be 0), the
resident memory (RSS) of the gunicorn master and workers sampled every few seconds, and
whether it grew between the first and the last quarter of the run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.reliability.crashrun import (
    CLIENT_MEETING_BASE,
    HOST,
    ORG,
    SERIES,
    Server,
    free_port,
    group_members,
    in_django,
    own_database,
    server_env,
)

READS = [
    f"{SERIES}/14",
    f"{ORG}/members?on=2019-05-15",
    f"{ORG}/documents?date_from=2018-01-01&date_to=2019-12-31&limit=50",
]


def client(number: int, port: int, token: str, until: float, share: float, results) -> None:
    """One client process: requests until `until`; puts (reads, writes, errors)."""
    rng = random.Random(number)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    mine = f"{SERIES}/{CLIENT_MEETING_BASE + number}"
    reads: list[float] = []
    writes: list[float] = []
    errors: list[str] = []
    etag: str | None = None
    n = 0

    def send(method: str, path: str, body: object = None, **extra: str) -> tuple[int, str, bytes]:
        nonlocal connection
        try:
            connection.request(
                method,
                path,
                body=json.dumps(body) if body is not None else None,
                headers={**headers, **extra},
            )
            response = connection.getresponse()
            return response.status, response.getheader("ETag") or "", response.read()
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=60)
            return 0, "", repr(exc).encode()

    while time.monotonic() < until:
        n += 1
        started = time.perf_counter()
        if rng.random() >= share:
            path = rng.choice([*READS, mine])
            status, tag, body = send("GET", path)
            took, into = time.perf_counter() - started, reads
            if path == mine and status == 200:
                etag = tag
        else:
            if etag is None:
                status, etag, body = send("GET", mine)
                started = time.perf_counter()
            kind = rng.choice(["document", "membership", "agenda", "note"])
            marker = f"soak-{number}-{n}"
            if kind == "document":
                status, _, body = send(
                    "POST", f"{ORG}/documents", {"id": marker, "type": "report", "title": marker}
                )
            elif kind == "membership":
                day = f"{2100 + n // 180:04d}-{1 + (n // 15) % 12:02d}-{1 + n % 15 * 2:02d}"
                status, _, body = send(
                    "POST",
                    f"{ORG}/memberships",
                    {"party": f"CRASH-{number}", "status": "partner", "start": day, "end": day},
                )
            elif kind == "agenda":
                items = [{"id": s, "title": f"{marker} {s}"} for s in ("a", "b", "c")]
                status, etag, body = send("PUT", f"{mine}/agenda", {"items": items}, **{
                    "If-Match": etag
                })  # fmt: skip
            else:
                status, etag, body = send("PATCH", mine, {"note": marker}, **{"If-Match": etag})
            took, into = time.perf_counter() - started, writes
        if 200 <= status < 300:
            into.append(took)
        else:
            errors.append(f"{status} {body[:200]!r}")
            etag = None
    results.put((reads, writes, errors))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def rss_kib(group: int) -> int:
    """Resident memory of every process of the server's group (master and workers)."""
    total = 0
    for pid in group_members(group):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=600.0, help="seconds (default 600)")
    parser.add_argument("--clients", type=int, default=4, help="client processes")
    parser.add_argument("--writes", type=float, default=0.3, help="share of writes")
    parser.add_argument("--sample", type=float, default=5.0, help="seconds between RSS samples")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="accord-soak-") as raw:
        where = Path(raw)
        with own_database(where) as url:
            env = server_env(where, url, workers=2)
            token = in_django(env, "prepare", str(args.clients))["token"]
            server = Server(env, free_port(), where / "server.log")
            server.start()
            assert server.process is not None
            group = server.process.pid
            try:
                context = multiprocessing.get_context("spawn")
                results = context.Queue()
                began = time.monotonic()
                until = began + args.duration
                processes = [
                    context.Process(
                        target=client, args=(c, server.port, token, until, args.writes, results)
                    )
                    for c in range(args.clients)
                ]
                for process in processes:
                    process.start()
                samples: list[tuple[float, int, int]] = []

                def sample() -> None:
                    at = time.monotonic() - began
                    samples.append((at, rss_kib(group), len(group_members(group))))

                while time.monotonic() < until:
                    sample()
                    time.sleep(min(args.sample, max(0.0, until - time.monotonic())))
                sample()
                gathered = [results.get(timeout=120) for _ in processes]
                for process in processes:
                    process.join(30)
                elapsed = time.monotonic() - began
            finally:
                server.stop()
            log = (where / "server.log").read_text()

    reads = [t for r, _, _ in gathered for t in r]
    writes = [t for _, w, _ in gathered for t in w]
    errors = [e for _, _, e in gathered for e in e]
    vendor = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    total = len(reads) + len(writes) + len(errors)
    print(
        f"{vendor}, {args.clients} client processes, 2 workers, {elapsed:.0f} s:"
        f" {total} requests, {total / elapsed:.0f} req/s"
    )
    for name, values in [("reads", reads), ("writes", writes)]:
        print(
            f"  {name}: {len(values)} ({len(values) / elapsed:.0f}/s),"
            f" p50 {percentile(values, 50) * 1000:.0f} ms,"
            f" p99 {percentile(values, 99) * 1000:.0f} ms"
        )
    print(f"  errors: {len(errors)}")
    for error in errors[:10]:
        print(f"    {error}")
    if "Traceback" in log or "ERROR" in log:
        print(f"  the server's log reports errors:\n{log[-2000:]}")
    print("  server RSS (master + workers), MiB, over time:")
    step = max(1, len(samples) // 12)
    shown = sorted({*range(0, len(samples), step), len(samples) - 1})
    for at, kib, count in (samples[i] for i in shown):
        print(f"    {at:6.0f} s  {kib / 1024:7.1f} MiB  ({count} processes)")
    quarter = max(1, len(samples) // 4)
    first = statistics.mean(k for _, k, _ in samples[1 : 1 + quarter])  # after the warm-up
    last = statistics.mean(k for _, k, _ in samples[-quarter:])
    grew = last - first
    verdict = "grew" if grew > max(0.05 * first, 10 * 1024) else "did not grow"
    print(
        f"  memory {verdict}: first quarter {first / 1024:.1f} MiB, last quarter"
        f" {last / 1024:.1f} MiB ({grew / 1024:+.1f} MiB)"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
