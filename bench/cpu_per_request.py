"""CPU time and SQL statements per request, in one process: what a page or an API
answer costs the server, independent of the machine's other load.

The seed scenario is loaded into a new SQLite file (or `--database URL` is used as
it is); then, in this process, Django's test client asks each path REQUESTS times
after a few unmeasured requests, as the public, as a secretariat officer signed in,
and with a secretariat API token: read again (served by the cache of answers, which
readers of one standing share), and afresh (the cache emptied before each request, as
for the first reader of a standing after a write). For each it prints
the median and p90 of the process's CPU time per request (`time.process_time`: the
server's Python and SQLite's work, as both run in this process; with PostgreSQL the
database server's own CPU is not counted) and the statements the request ran.

    .venv/bin/python bench/cpu_per_request.py [--database URL] [--requests 50]
    .venv/bin/python bench/cpu_per_request.py --src ../other-checkout   # another version
    .venv/bin/python bench/cpu_per_request.py --body-meetings 200   # a long series
    .venv/bin/python bench/cpu_per_request.py --profile "body page, signed in, afresh"
    .venv/bin/python bench/cpu_per_request.py --only "afresh"   # those paths (and the first)
    .venv/bin/python bench/cpu_per_request.py --database URL   # PostgreSQL: its CPU too
    .venv/bin/python bench/cpu_per_request.py --only tasks --path /tasks/   # any page too

Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ["scenarios/sco-organization.yaml", "scenarios/sco-2019-security-council-secretaries.yaml"]
WARMUP = 3
SCO = "/organizations/sco"
SCSC = f"{SCO}/bodies/security-council-secretaries"
API = "/api/v1/organizations/sco"
RECORD = f"{API}/bodies/security-council-secretaries/meetings/14"

# (name, path, who, fresh): who is "public", "officer" (signed in) or "token" (API
# bearer token); fresh: the cache of answers emptied before each request (the first
# reader of a standing after a write), else a repeated read (served by the cache).
PATHS = [
    ("meeting page, public (cached)", f"{SCSC}/meetings/14/", "public", False),
    ("meeting page, signed in", f"{SCSC}/meetings/14/", "officer", False),
    ("meeting page, signed in, afresh", f"{SCSC}/meetings/14/", "officer", True),
    ("body page, signed in", f"{SCSC}/", "officer", False),
    ("body page, signed in, afresh", f"{SCSC}/", "officer", True),
    ("organization page, signed in", f"{SCO}/?on=2019-05-15", "officer", False),
    ("calendar page, signed in", f"{SCO}/calendar/", "officer", False),
    ("web calendar .ics, public", "/calendar/sco.ics", "public", False),
    ("web calendar .ics, public, afresh", "/calendar/sco.ics", "public", True),
    ("meeting record API, public (cached)", RECORD, "public", False),
    ("meeting record API, token", RECORD, "token", False),
    ("meeting record API, token, afresh", RECORD, "token", True),
    ("documents API, token", f"{API}/documents", "token", False),
    ("edit the 14th meeting's record, signed in", f"{SCSC}/meetings/14/edit/", "officer", False),
    ("edit the 14th meeting's record, afresh", f"{SCSC}/meetings/14/edit/", "officer", True),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="DATABASE_URL of a prepared database")
    parser.add_argument("--requests", type=int, default=50, help="measured requests per path")
    parser.add_argument("--src", type=Path, default=ROOT, help="the checkout whose code runs")
    parser.add_argument(
        "--body-meetings",
        type=int,
        default=0,
        help="grow the Security Council Secretaries' series to this many meetings first",
    )
    parser.add_argument(
        "--profile",
        default="",
        help="cProfile the paths whose name contains this text; print where the time went",
    )
    parser.add_argument(
        "--only",
        default="",
        help="measure only the paths whose name contains this text (and the cached page)",
    )
    parser.add_argument(
        "--path",
        action="append",
        default=[],
        help="measure this path too, signed in and afresh (repeatable)",
    )
    options = parser.parse_args()
    src = options.src.resolve()
    with tempfile.TemporaryDirectory(prefix="accord-cpu-") as tmp:
        env = {
            **os.environ,
            "ACCORD_VAR_DIR": tmp,
            "ACCORD_DEBUG": "false",
            "ACCORD_SECRET_KEY": "bench " * 10,
            "ACCORD_HTTPS": "false",
            "ACCORD_LOG_LEVEL": "ERROR",
            "DJANGO_SETTINGS_MODULE": "accord.config.settings",
            "PYTHONPATH": os.pathsep.join([str(src / "src"), str(ROOT)]),
            "DATABASE_URL": options.database or f"sqlite:///{tmp}/bench.sqlite3",
        }
        accord = Path(sys.executable).with_name("accord")
        # Static files collected, as a production server has them (their manifest).
        subprocess.run([str(accord), "collectstatic", "--noinput", "-v0"], env=env, check=True)
        if not options.database:
            subprocess.run(
                [str(accord), "load", *(str(src / f) for f in SEED)],
                env=env,
                check=True,
            )
        # The measuring runs in a process of its own, with the checkout's code.
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--measure",
                str(options.requests),
                str(options.body_meetings),
                options.profile,
                options.only,
                *options.path,
            ],
            env=env,
            check=True,
        )


def grow_series(total: int) -> None:
    """Numbered meetings of the Security Council Secretaries after the seed's, a week
    apart, until the body has `total` (each through the meetings service)."""
    import datetime as dt

    from accord.bodies.models import Body
    from accord.meetings import services as meetings
    from accord.meetings.models import Meeting

    try:  # (services take typed fields since 2026-12-07; older checkouts a dict)
        from accord.meetings.inputs import MeetingFields
    except ImportError:
        MeetingFields = dict

    body = Body.objects.get(organization__slug="sco", slug="security-council-secretaries")
    held = Meeting.objects.filter(body=body)
    number = max(m.number or 0 for m in held)
    day = max(m.end for m in held)
    for _ in range(total - held.count()):
        number += 1
        day += dt.timedelta(days=7)
        values = MeetingFields(number=number, start=day, end=day)
        meetings.save_meeting(body, f"bench-{number}", values)


def backend_seconds(connection) -> tuple[int, float] | None:
    """The PostgreSQL backend serving `connection`: its process id and CPU seconds so
    far (None: not PostgreSQL, or its process cannot be read here)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return pid, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def measure(
    requests: int,
    body_meetings: int = 0,
    profile: str = "",
    only: str = "",
    extra: tuple[str, ...] = (),
) -> None:
    import cProfile
    import pstats

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accord.accounts import services as accounts
    from accord.core.audit import acting
    from accord.registry.models import Organization

    with acting("cli:bench"):
        # (A prepared database may hold the officer of an earlier run.)
        user = get_user_model().objects.filter(username="bench-cpu").first()
        if user is None:
            user = accounts.add_user("bench-cpu", password="a long bench passphrase")
            accounts.grant(user, Organization.objects.get(slug="sco"), "secretariat")
        _, secret = accounts.create_token(user, f"bench {time.time_ns()}", scope="read")
        if body_meetings:
            grow_series(body_meetings)
    clients = {
        "public": Client(HTTP_HOST="127.0.0.1"),
        "officer": Client(HTTP_HOST="127.0.0.1"),
        "token": Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}"),
    }
    clients["officer"].force_login(user)
    database = " database" if backend_seconds(connection) is not None else ""
    print(f"{'path':<45} {'CPU median':>11} {'p90':>8} {'statements':>11}{database}")
    answers = caches["responses"]
    asked = [(f"{path}, signed in, afresh", path, "officer", True) for path in extra]
    for name, path, who, fresh in [*PATHS, *asked]:
        if only and only not in name and (name, path) != PATHS[0][:2]:
            continue
        client = clients[who]
        for _ in range(WARMUP):
            response = client.get(path)
        if response.status_code != 200:
            print(f"{name:<45} answered {response.status_code}")
            continue
        times = []
        profiler = cProfile.Profile() if profile and profile in name else None
        served_before = backend_seconds(connection)
        for _ in range(requests):
            if fresh:
                answers.clear()
            began = time.process_time()
            if profiler:
                profiler.enable()
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)
            if profiler:
                profiler.disable()
            times.append(time.process_time() - began)
        served = backend_seconds(connection)
        if profiler:
            print(f"--- {name}")
            stats = pstats.Stats(profiler).strip_dirs()
            stats.sort_stats("cumulative").print_stats(60)
            stats.sort_stats("tottime").print_stats(25)
        if fresh:
            answers.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        times.sort()
        median = statistics.median(times) * 1000
        p90 = times[int(len(times) * 0.9) - 1] * 1000
        line = f"{name:<45} {median:>8.1f} ms {p90:>5.1f} ms {len(queries):>11}"
        if served and served_before and served[0] == served_before[0]:  # the same backend
            line += f" {(served[1] - served_before[1]) / requests * 1000:>5.1f} ms"
        print(line, flush=True)


if __name__ == "__main__":
    if len(sys.argv) >= 6 and sys.argv[1] == "--measure":
        measure(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], tuple(sys.argv[6:]))
    else:
        main()
