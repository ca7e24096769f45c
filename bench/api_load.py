"""Load the API (and the main web pages) on 127.0.0.1 and print requests/s and p50/p99
latency per endpoint.

The script prepares its own server: a new SQLite file in a temporary directory, the
seed scenario loaded into it, and `accord serve` on a free port (gunicorn, 2 workers
of 4 threads as `make demo` runs it, or of `--threads N`). Then, for each endpoint,
CONCURRENCY client threads send GET requests for DURATION seconds (after a short
warm-up) over keep-alive connections, and the figures are printed. Nothing is
asserted: the query counts of these endpoints are (tests/api/test_query_counts.py).

    .venv/bin/python bench/api_load.py [--duration 10] [--concurrency 8] [--no-cache]
        [--as-secretariat | --signed-in] [--meetings N] [--body-meetings N]
        [--database URL] [--only WORDS] [--endpoint NAME=PATH ...]

`--as-secretariat` reads as a secretariat officer of the SCO with an API token
(restricted parts included; such answers are cached per standing, see the README's
Caching). `--signed-in` reads as the same officer the way a person does: the web
pages with the cookies of a sign-in through the login form (session and CSRF), the
API with the officer's token. `--meetings N` adds two endpoints that read N different
meetings (the SCO's, then meetings taken at even steps through every other
organization's history), each request taking the next meeting, so that most answers
are computed afresh rather than read again from the cache: the web page and the API
record (it prints how many of the measured requests were a meeting's first).
`--body-meetings N` first grows the Security Council Secretaries' series to N meetings
(a long body page and calendar). `--database`
serves a prepared database (for example a large synthetic history with the seed
loaded into it) instead of a new one.

With each endpoint the script prints the CPU time the server spent per request: its
gunicorn processes' (master and workers) and, when it serves PostgreSQL through a
Unix socket on this machine, the database server's (postmaster, backends and the
backends that ended meanwhile), read from `/proc` at the end of the endpoint's
warm-up and after its run, and divided by the requests measured (a worker's first
requests of a page pay once what a running server has done: templates compiled,
statements built, catalogues read). That is the measure that does not depend much on
the machine's other load: a page from the cache of answers against the same page
computed afresh (`--no-cache`), side by side.

The signed-in meeting page at 100,000 meetings on PostgreSQL (bench/README.md):

    .venv/bin/python bench/api_load.py --database URL --signed-in --meetings 500

Standard library only (http.client, threading).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from web_pages import OFFICER, OFFICER_PASSWORD, sign_in  # the bench's own module, beside this one

ROOT = Path(__file__).resolve().parent.parent
ACCORD = Path(sys.executable).with_name("accord")
SEED = [
    ROOT / "scenarios" / "sco-organization.yaml",
    ROOT / "scenarios" / "sco-2019-security-council-secretaries.yaml",
]
HOST = "127.0.0.1"
ENDPOINTS = {
    "meeting record (14th SCSC meeting)": (
        "/api/v1/organizations/sco/bodies/security-council-secretaries/meetings/14"
    ),
    "members as of 2019-05-15": "/api/v1/organizations/sco/members?on=2019-05-15",
    "documents, filtered": (
        "/api/v1/organizations/sco/documents?date_from=2018-01-01&date_to=2019-12-31"
        "&classification=public&limit=50"
    ),
    "pending for the Heads of State": (
        "/api/v1/organizations/sco/bodies/heads-of-state/pending?on=2019-05-16"
    ),
    "search API: anti-drug plan": "/api/v1/search?q=anti-drug%20plan&limit=20",
    "web: the 14th meeting's page": (
        "/organizations/sco/bodies/security-council-secretaries/meetings/14/"
    ),
    "web: the SCO's page": "/organizations/sco/",
    "web: the Security Council Secretaries' page": (
        "/organizations/sco/bodies/security-council-secretaries/"
    ),
    "web calendar of the SCO (.ics)": "/calendar/sco.ics",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def prepare(tmp: str, database: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database or f"sqlite:///{tmp}/bench.sqlite3",
        "ACCORD_VAR_DIR": tmp,
        "ACCORD_DEBUG": "false",  # no query log kept in memory, no debug pages
        "ACCORD_HTTPS": "false",  # plain HTTP on 127.0.0.1
        "ACCORD_SECRET_KEY": "bench-only-not-a-secret",
        "ACCORD_LOG_LEVEL": "ERROR",
    }
    if database is None:
        subprocess.run([str(ACCORD), "migrate", "-v0"], env=env, check=True, capture_output=True)
        subprocess.run(
            [str(ACCORD), "load", *map(str, SEED)], env=env, check=True, capture_output=True
        )
    return env


def officer_token(env: dict[str, str]) -> str:
    """A new API token of `bench-officer`, secretariat of the SCO (made if missing,
    with the password OFFICER_PASSWORD)."""

    def accord(*args: str) -> str:
        done = subprocess.run(
            [str(ACCORD), *args],
            env={**env, "ACCORD_PASSWORD": OFFICER_PASSWORD},
            capture_output=True,
            text=True,
        )
        return done.stdout

    accord("user", "add", OFFICER)
    accord("user", "grant", OFFICER, "sco", "secretariat")
    name = f"bench {time.time_ns()}"
    return json.loads(accord("token", "create", OFFICER, name, "--format", "json"))["secret"]


# Run by `accord shell`: the SCO's meetings, then meetings at even steps through the
# others (in the order they were recorded: every organization has its share).
_SPREAD = """
from accord.meetings.models import Meeting
count = {count}
meetings = Meeting.objects.select_related("body__organization")
sco = list(meetings.filter(body__organization__slug="sco").order_by("start")[:count])
ids = list(meetings.exclude(body__organization__slug="sco").order_by("pk")
           .values_list("pk", flat=True))
wanted = count - len(sco)
step = max(1, len(ids) // wanted) if wanted > 0 else 1
rest = meetings.filter(pk__in=ids[::step][:max(wanted, 0)]).order_by("pk")
for m in [*sco, *rest]:
    print("MEETING", m.body.organization.slug, m.body.slug, m.ref)
"""


def grow_series(env: dict[str, str], total: int) -> None:
    """The Security Council Secretaries' series grown to `total` meetings, a week apart
    (`cpu_per_request.grow_series`, through the meetings service)."""
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from cpu_per_request import grow_series\n"
        "from accord.core.audit import acting\n"
        f"with acting('cli:bench'): grow_series({total})\n"
    )
    subprocess.run([str(ACCORD), "shell", "-c", code], env=env, check=True)


def spread_meetings(env: dict[str, str], count: int) -> list[tuple[str, str, str]]:
    """(organization, body, the meeting's address) of `count` meetings."""
    done = subprocess.run(
        [str(ACCORD), "shell", "-c", _SPREAD.format(count=count)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = [line.split()[1:4] for line in done.stdout.splitlines() if line.startswith("MEETING ")]
    return [(org, body, ref) for org, body, ref in found]


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit status {server.returncode})")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/api/v1/organizations")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer on {HOST}:{port} within {timeout:.0f} s")


def workers_ready(master: int, count: int, timeout: float = 60.0) -> None:
    """Wait until `count` workers of the gunicorn master `master` wait for connections
    (in epoll, as /proc tells): the first to answer does not mean the others are ready,
    and clients connecting while one still starts would all be served by the others
    (a kept-alive connection stays with the worker that took it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        waiting = 0
        for entry in Path("/proc").iterdir():
            fields = _stat(int(entry.name)) if entry.name.isdigit() else None
            if fields is not None and int(fields[1]) == master:
                with contextlib.suppress(OSError):
                    waiting += Path(entry, "wchan").read_text() == "do_epoll_wait"
        if waiting >= count:
            return
        time.sleep(0.1)
    raise SystemExit(f"the server's {count} workers were not ready within {timeout:.0f} s")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_reads: int = 0  # measured requests for a path not asked for before
    sent: int = 0  # requests sent, the warm-up's too


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the process's name (None: it has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def tree_cpu(root: int) -> float:
    """CPU seconds of process `root` and its descendants (user and system), with the
    children each has already waited for: a backend that ended during a run is
    counted in its parent's totals."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
    seconds, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        fields = _stat(pid)
        if fields is None:
            continue
        # utime, stime, cutime, cstime: fields 14-17 of stat(5), here 11-14.
        seconds += sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
        todo += parents.get(pid, [])
    return seconds


def postmaster(env: dict[str, str]) -> int | None:
    """The process id of the PostgreSQL server the database URL names, when it runs on
    this machine behind a Unix socket whose directory holds its data (as
    `scripts/with-postgres` makes it); else None."""
    url = env["DATABASE_URL"]
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    done = subprocess.run(
        [str(ACCORD), "shell", "-c",
         "from django.db import connection\n"
         "with connection.cursor() as c:\n"
         "    c.execute('SHOW data_directory'); print('DATA', c.fetchone()[0])"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    for line in done.stdout.splitlines():
        if line.startswith("DATA "):
            try:
                return int(Path(line[5:], "postmaster.pid").read_text().split()[0])
            except (OSError, ValueError, IndexError):
                return None
    return None


@dataclass
class Reader:
    """Who asks: a session's cookies for the web pages, a token for the API."""

    cookie: str = ""
    token: str | None = None

    def headers(self, path: str) -> dict[str, str]:
        if path.startswith("/api/"):
            given = {"Accept": "application/json"}
            if self.token:
                given["Authorization"] = f"Bearer {self.token}"
            return given
        given = {"Accept": "text/html"}
        if self.cookie:
            given["Cookie"] = self.cookie
        elif self.token:
            given["Authorization"] = f"Bearer {self.token}"
        return given


class Paths:
    """The paths of an endpoint: one, asked for again and again; or several, each
    request (of any client) taking the next, round and round."""

    def __init__(self, paths: list[str]) -> None:
        self.paths, self.turn, self.seen = paths, 0, set[str]()
        self.lock = threading.Lock()

    def next(self) -> tuple[str, bool]:
        """The path to ask for, and whether it is asked for the first time."""
        with self.lock:
            path = self.paths[self.turn % len(self.paths)]
            self.turn += 1
            first = path not in self.seen
            self.seen.add(path)
        return path, first


def client(port: int, paths: Paths, until: float, record_from: float, reader: Reader) -> Tally:
    """One client's requests, one after another, until `until`; timed from `record_from`."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    mine = Tally()
    while True:
        started = time.perf_counter()
        if started >= until:
            break
        path, first = paths.next()
        try:
            conn.request("GET", path, headers=reader.headers(path))
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
            ok = False
        mine.sent += 1
        if started >= record_from:
            mine.latencies.append(time.perf_counter() - started)
            mine.errors += not ok
            mine.first_reads += first
    conn.close()
    return mine


def load(
    port: int,
    paths: list[str],
    duration: float,
    concurrency: int,
    warmup: float,
    reader: Reader,
    warmed: Callable[[], None] = lambda: None,
) -> Tally:
    """The clients' requests for `warmup` then `duration` seconds (`warmed` called at the
    end of the warm-up)."""
    tally = Tally()
    lock = threading.Lock()
    turns = Paths(paths)
    start = time.perf_counter()
    record_from, until = start + warmup, start + warmup + duration

    def run() -> None:
        mine = client(port, turns, until, record_from, reader)
        with lock:
            tally.latencies += mine.latencies
            tally.errors += mine.errors
            tally.first_reads += mine.first_reads
            tally.sent += mine.sent

    threads = [threading.Thread(target=run) for _ in range(concurrency)]
    timer = threading.Timer(max(0.0, record_from - time.perf_counter()), warmed)
    timer.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    timer.join()
    return tally


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument(
        "--threads", type=int, default=4, help="threads of each of the 2 server workers"
    )
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds not measured")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="serve without the cache of public answers: every answer computed afresh",
    )
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--as-secretariat",
        action="store_true",
        help="read as a secretariat officer of the SCO, with an API token",
    )
    who.add_argument(
        "--signed-in",
        action="store_true",
        help="the same officer: web pages with a signed-in session, the API with a token",
    )
    parser.add_argument(
        "--meetings",
        type=int,
        default=0,
        metavar="N",
        help="also read N different meetings' pages and records, each request the next",
    )
    parser.add_argument(
        "--body-meetings",
        type=int,
        default=0,
        metavar="N",
        help="grow the Security Council Secretaries' series to N meetings first",
    )
    parser.add_argument("--database", help="DATABASE_URL of a prepared database to serve")
    parser.add_argument(
        "--only", metavar="WORDS", help="measure only the endpoints whose name holds WORDS"
    )
    parser.add_argument(
        "--endpoint",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="measure this path too (repeatable), e.g. a large synthetic body's meeting",
    )
    args = parser.parse_args()
    endpoints = {name: [path] for name, path in ENDPOINTS.items()}
    for given in args.endpoint:
        name, _, path = given.partition("=")
        if not path.startswith("/"):
            parser.error(f"--endpoint {given!r}: expected NAME=/path")
        endpoints[name] = [path]
    with tempfile.TemporaryDirectory() as tmp:
        if not args.database:
            print("preparing a database with the seed scenario ...", flush=True)
        env = prepare(tmp, args.database)
        if args.body_meetings:
            grow_series(env, args.body_meetings)
        reader = Reader(token=officer_token(env) if args.as_secretariat or args.signed_in else None)
        if args.meetings:
            spread = spread_meetings(env, args.meetings)
            pages = [f"/organizations/{o}/bodies/{b}/meetings/{r}/" for o, b, r in spread]
            endpoints[f"web: {len(spread)} meetings' pages"] = pages
            api = [f"/api/v1/organizations/{o}/bodies/{b}/meetings/{r}" for o, b, r in spread]
            endpoints[f"meeting records of {len(spread)} meetings"] = api
        env["ACCORD_RESPONSE_CACHE"] = "false" if args.no_cache else "true"
        port = free_port()
        log = Path(tmp, "server.log").open("w")  # noqa: SIM115 - closed below
        server = subprocess.Popen(
            [
                str(ACCORD),
                "serve",
                "--host",
                HOST,
                "--port",
                str(port),
                "--workers",
                "2",
                "--threads",
                str(args.threads),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(port, server)
            workers_ready(server.pid, 2)
            if args.signed_in:
                reader.cookie = sign_in(port)
            as_whom = (
                "signed in as the SCO's secretariat (web: session; API: token)"
                if args.signed_in
                else "with a secretariat token"
                if args.as_secretariat
                else "as the public"
            )
            print(
                f"accord serve on {HOST}:{port} (2 workers × {args.threads} threads);"
                f" {args.concurrency} clients {as_whom},"
                f" {args.duration:.0f} s per endpoint\n"
            )
            database = postmaster(env)
            head = ["requests", "req/s", "p50 ms", "p99 ms"]
            cpu_head = "  CPU/req" + (" (db)" if database else "")
            print(
                f"{'endpoint':<38} " + " ".join(f"{h:>8}" for h in head) + " errors  first"
                + cpu_head
            )  # fmt: skip
            for name, paths in endpoints.items():
                if args.only and args.only.lower() not in name.lower():
                    continue
                # The CPU spent from the end of the warm-up, by the requests measured: a
                # worker's first requests of a page pay once what a running server has
                # (templates compiled, statements built, catalogues read).
                marks: dict[str, float] = {}

                def mark() -> None:
                    marks["served"] = tree_cpu(server.pid)  # noqa: B023 - (run within the loop)
                    marks["db"] = tree_cpu(database) if database else 0.0  # noqa: B023

                tally = load(
                    port, paths, args.duration, args.concurrency, args.warmup, reader, mark
                )
                n = len(tally.latencies)
                if not n:
                    print(f"{name:<38} no request completed")
                    continue
                served = (tree_cpu(server.pid) - marks["served"]) / n
                cpu = f" {served * 1000:>6.2f} ms"
                if database:
                    db = (tree_cpu(database) - marks["db"]) / n
                    cpu += f" ({db * 1000:.2f} ms)"
                print(
                    f"{name:<38} {n:>8} {n / args.duration:>8.1f}"
                    f" {percentile(tally.latencies, 0.50) * 1000:>8.1f}"
                    f" {percentile(tally.latencies, 0.99) * 1000:>8.1f} {tally.errors:>6}"
                    f" {tally.first_reads:>6}{cpu}",
                    flush=True,
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()


if __name__ == "__main__":
    main()
