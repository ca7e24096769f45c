"""Server time of Accord's web pages: median and p99 of the time to the full response.

A real server answers: `accord serve` (Django's threaded server, as `make demo` runs
it, with ACCORD_DEBUG=false) on a free port of 127.0.0.1. One client asks for each
page REQUESTS times, one request after another after a few unmeasured ones, and each
time is from opening the connection to having read the last byte of the page.

By default the database is a new SQLite file in a temporary directory loaded with
the seed scenario; `--database URL` serves a prepared database instead (for example
a large synthetic history), without loading anything into it. Pages marked
`signed_in` are asked for as a secretariat officer (`bench-officer`, made in the
served database if missing). Nothing is asserted; a page that does not answer 200 is
reported and makes the exit status non-zero.

    .venv/bin/python bench/web_pages.py [--database URL] [--requests 100] [--path /x/ ...]

To measure a new page, add a line to PAGES.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCORD = Path(sys.executable).with_name("accord")
SEED = [
    ROOT / "scenarios" / "sco-organization.yaml",
    ROOT / "scenarios" / "sco-2019-security-council-secretaries.yaml",
]
HOST = "127.0.0.1"
WARMUP = 5
OFFICER = "bench-officer"
OFFICER_PASSWORD = "bench officer passphrase"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    signed_in: bool = False  # asked for as a secretariat officer
    language: str | None = None  # a code of settings.LANGUAGES; None: English


SCO = "/organizations/sco"
SCSC = f"{SCO}/bodies/security-council-secretaries"
PAGES = [
    Page("home: organizations, bodies, meetings", "/"),
    Page("home in Russian", "/", language="ru"),
    Page("home in Chinese", "/", language="zh-hans"),
    Page("login", "/accounts/login/"),
    Page("home, signed in", "/", signed_in=True),
    Page("organization: members as of 2019-05-15", f"{SCO}/?on=2019-05-15"),
    Page("body: the Security Council Secretaries", f"{SCSC}/"),
    Page("meeting: the 14th meeting", f"{SCSC}/meetings/14/"),
    Page("meeting in Chinese", f"{SCSC}/meetings/14/", language="zh-hans"),
    Page("meeting, signed in (not cached)", f"{SCSC}/meetings/14/", signed_in=True),
    Page(
        "document: the anti-drug action plan", f"{SCO}/documents/anti-drug-action-plan-2019-2020/"
    ),
    Page("calendar", f"{SCO}/calendar/"),
    Page("implementation dashboard", f"{SCO}/implementation/"),
    Page("search: Bishkek", "/search/?q=Bishkek"),
    Page("search, signed in (not cached)", "/search/?q=Bishkek", signed_in=True),
    Page("record a new meeting, signed in", f"{SCSC}/meetings/new/", signed_in=True),
    Page("edit the 14th meeting's record, signed in", f"{SCSC}/meetings/14/edit/", signed_in=True),
    Page("API tokens, signed in", "/accounts/tokens/", signed_in=True),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def accord(env: dict[str, str], *args: str, password: str | None = None) -> None:
    if password is not None:
        env = {**env, "ACCORD_PASSWORD": password}
    done = subprocess.run([str(ACCORD), *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"accord {' '.join(args)}: {done.stderr.strip() or done.stdout}")


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit status {server.returncode})")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/accounts/login/")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer on {HOST}:{port} within {timeout:.0f} s")


def sign_in(port: int) -> str:
    """The Cookie header of `bench-officer` signed in through the login form, as a
    browser sends it back: the session and the CSRF token."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", "/accounts/login/")
    page = conn.getresponse()
    body = page.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = {"username": OFFICER, "password": OFFICER_PASSWORD, "csrfmiddlewaretoken": token}
    conn.request(
        "POST",
        "/accounts/login/",
        body=urllib.parse.urlencode(form),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Referer": f"http://{HOST}:{port}/accounts/login/",
        },
    )
    done = conn.getresponse()
    done.read()
    conn.close()
    cookies = {"csrftoken": csrf}
    for header in done.msg.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    if done.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"{OFFICER} could not sign in (status {done.status})")
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request("GET", "/", headers={"Cookie": cookie, "Accept": "text/html"})
    home = conn.getresponse().read().decode()
    conn.close()
    if OFFICER not in home:  # the name beside "Sign out"
        raise SystemExit(f"{OFFICER} signed in, but the home page does not name the officer")
    return cookie


def measure(port: int, page: Page, requests: int, cookie: str) -> tuple[int, int, list[float]]:
    """Status, size and the measured times (seconds) of `requests` requests.

    Each request opens its own connection (`Connection: close`): on a kept-alive
    connection the development server's two writes per response (headers, then body)
    meet Nagle's algorithm and the client's delayed acknowledgement, which adds about
    40 ms to every response and would hide the server's own time.
    """
    cookies = [cookie] if page.signed_in else []
    if page.language:
        cookies.append(f"django_language={page.language}")
    headers = {"Accept": "text/html", "Cookie": "; ".join(cookies), "Connection": "close"}
    times: list[float] = []
    status = size = 0
    for n in range(WARMUP + requests):
        started = time.perf_counter()
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        conn.request("GET", page.path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        conn.close()
        status, size = response.status, len(body)
        if status != 200:
            break
        if n >= WARMUP:
            times.append(elapsed)
    return status, size, times


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="DATABASE_URL of a prepared database to serve")
    parser.add_argument("--requests", type=int, default=100, help="measured requests per page")
    parser.add_argument(
        "--path", action="append", help="measure this path instead of PAGES (repeatable)"
    )
    parser.add_argument("--organization", default="sco", help="the officer's organization")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="serve without the cache of public answers: every page computed afresh",
    )
    args = parser.parse_args()
    pages = [Page(p, p) for p in args.path] if args.path else PAGES
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": args.database or f"sqlite:///{tmp}/bench.sqlite3",
            "ACCORD_VAR_DIR": tmp,
            "ACCORD_DEBUG": "false",  # no query log kept in memory, no debug pages
            "ACCORD_HTTPS": "false",  # plain HTTP on 127.0.0.1
            "ACCORD_SECRET_KEY": "bench-only-not-a-secret",
            "ACCORD_LOG_LEVEL": "ERROR",
            "ACCORD_RESPONSE_CACHE": "false" if args.no_cache else "true",
        }
        if args.database:
            described = "the prepared database given by --database"
        else:
            print("preparing a database with the seed scenario ...", flush=True)
            accord(env, "migrate", "--noinput", "-v0")
            accord(env, "load", *map(str, SEED))
            described = "the seed scenario on a new SQLite file"
        if any(p.signed_in for p in pages):
            made = subprocess.run(
                [str(ACCORD), "user", "show", OFFICER], env=env, capture_output=True
            )
            if made.returncode:
                accord(env, "user", "add", OFFICER, password=OFFICER_PASSWORD)
                accord(env, "user", "grant", OFFICER, args.organization, "secretariat")
        port = free_port()
        log = Path(tmp, "server.log").open("w")  # noqa: SIM115 - closed below
        server = subprocess.Popen(
            [str(ACCORD), "serve", "--host", HOST, "--port", str(port), "--workers", "2"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(port, server)
            cookie = sign_in(port) if any(p.signed_in for p in pages) else ""
            print(
                f"accord serve on {HOST}:{port} (ACCORD_DEBUG=false), {described};"
                f" {args.requests} requests per page, one at a time, after {WARMUP} unmeasured\n"
            )
            print(f"{'page':<40} {'path':<20} status    bytes  median ms  p99 ms")
            for page in pages:
                status, size, times = measure(port, page, args.requests, cookie)
                if status != 200 or not times:
                    failed = True
                    print(f"{page.name:<40} {page.path:<20} {status:>6}  (not measured)")
                    continue
                print(
                    f"{page.name:<40} {page.path:<20} {status:>6} {size:>8}"
                    f" {statistics.median(times) * 1000:>10.1f} {p99(times) * 1000:>7.1f}",
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
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
