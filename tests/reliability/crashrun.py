"""Kill `accord serve` at random moments while clients write through the API, restart
it, and find out afterwards whether every acknowledged write is there, whole.

The run (`crash_run`) prepares a database of its own (a SQLite file in WAL mode, or a
new database on the PostgreSQL server that DATABASE_URL names), loads the seed, and
serves it with the production server (gunicorn, 2 workers) in a process group of its
own. Client threads send a bounded stream of writes of several kinds, each carrying a
unique marker (its title, id or note, and its X-Request-Id, which the audit trail
keeps); a write counts as ACKNOWLEDGED when a 2xx answer was received. The whole
process group is killed with SIGKILL at a random moment, the server is started again,
and so on. Then the database is read (`python -m tests.reliability.crashrun check`,
in the server's environment) and compared with the ledger:

- lost: acknowledged writes whose rows are not there;
- half-applied: writes whose rows are there without their audit entries, or the
  reverse; a decision without its position; an agenda that is not one whole
  replacement;
- the audit trail's chain (`accord audit verify`) and the rules of the record
  (tests/reliability/record_rules.py).

Used by tests/reliability/test_crash.py (a short run) and bench/crash.py (a long one).
"""

from __future__ import annotations

import atexit
import datetime as dt
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.meetings.inputs import MeetingFields
from tests.databases import collected_static, own_database

ROOT = Path(__file__).resolve().parents[2]
ACCORD = Path(sys.executable).with_name("accord")
SEED = [
    ROOT / "scenarios" / "sco-organization.yaml",
    ROOT / "scenarios" / "sco-2019-security-council-secretaries.yaml",
]
HOST = "127.0.0.1"
ORG = "/api/v1/organizations/sco"
SERIES = f"{ORG}/bodies/security-council-secretaries/meetings"
USER = "crash-officer"
MARK = "crash-"
# The most writers a run prepares for (each has its party and its meeting).
MOST_CLIENTS = 4
# Each client's own meeting (its agenda is replaced again and again) and party (its
# standings, one day each, follow one another).
CLIENT_MEETING_BASE = 500
FIRST_DAY = dt.date(2100, 1, 1)
KINDS = ("meeting", "document", "decision", "membership", "agenda")


# --- the database and the server ------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_env(tmp: Path, database_url: str, workers: int = 2) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DATABASE_"))}
    env.update(
        DATABASE_URL=database_url,
        ACCORD_VAR_DIR=str(tmp / "var"),
        ACCORD_DEBUG="false",
        ACCORD_HTTPS="false",
        ACCORD_SECRET_KEY=secrets.token_urlsafe(50),
        ACCORD_LOG_LEVEL="ERROR",
        WEB_CONCURRENCY=str(workers),
        DJANGO_SETTINGS_MODULE="accord.config.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    return env


def in_django(env: dict[str, str], *args: str) -> Any:
    """Run this module's `args` command in the server's environment; its JSON answer."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.reliability.crashrun", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(f"crashrun {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def group_members(group: int) -> list[int]:
    """The processes of process group `group` that still run (zombies left out)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...: comm may hold spaces, so split after it.
        state, _ppid, pgrp = stat[stat.rindex(")") + 2 :].split()[:3]
        if int(pgrp) == group and state != "Z":
            found.append(int(entry.name))
    return found


class Server:
    """`accord serve` in a process group of its own, which `kill()` ends at once."""

    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> float:
        """Start, and wait until it answers; the seconds it took."""
        started = time.monotonic()
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [str(ACCORD), "serve", "--host", HOST, "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: master and workers
            )
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"accord serve stopped: {self.log.read_text()[-3000:]}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", "/api/v1/organizations")
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"accord serve did not answer within {timeout:.0f} s")

    def pids(self) -> list[int]:
        """The live processes of the server's group: the master and its workers (a killed
        process whose parent died too may linger as a zombie: it runs nothing)."""
        if self.process is None:
            return []
        return group_members(self.process.pid)

    def kill(self) -> None:
        """SIGKILL the whole process group: the master and every worker, mid-request."""
        if self.process is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        # Nothing of the group may survive to finish a request after the "crash".
        deadline = time.monotonic() + 10
        while self.pids() and time.monotonic() < deadline:
            time.sleep(0.02)
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
            self.process = None


# --- a prepared database of one's own -------------------------------------------------

_prepared: tuple[str, Path, str] | None = None  # (its URL, its var directory, the token)


def _prepared_once() -> tuple[str, Path, str]:
    """A database prepared once per run of the tests (`prepare`, for the most writers),
    to copy: migrating and loading the seed each time would take most of a short run."""
    global _prepared
    if _prepared is None:
        where = Path(tempfile.mkdtemp(prefix="accord-prepared-"))
        atexit.register(shutil.rmtree, where, True)
        kept = ExitStack()
        atexit.register(kept.close)  # dropped (on PostgreSQL) before its directory goes
        url = kept.enter_context(own_database(where, "prepared"))
        env = server_env(where, url)
        _prepared = (url, where / "var", in_django(env, "prepare", str(MOST_CLIENTS))["token"])
    return _prepared


@contextmanager
def prepared_database(
    where: Path, clients: int, workers: int = 2
) -> Iterator[tuple[dict[str, str], str]]:
    """(the server's environment, the officer's token) for a new database of `where`
    holding what `prepare` writes for `clients` writers (a copy of the one prepared once
    for MOST_CLIENTS, with the audit key its trail was chained under, when there are
    no more), and the static files collected."""
    if clients > MOST_CLIENTS:
        with own_database(where) as url:
            env = server_env(where, url, workers=workers)
            collected_static(where / "var")
            yield env, in_django(env, "prepare", str(clients))["token"]
        return
    url, var, token = _prepared_once()
    with own_database(where, copy_of=url) as copy:
        env = server_env(where, copy, workers=workers)
        (where / "var").mkdir(parents=True, exist_ok=True)
        shutil.copy2(var / "audit.key", where / "var" / "audit.key")
        collected_static(where / "var")
        yield env, token


# --- the writers ---------------------------------------------------------------------------


@dataclass
class Write:
    kind: str
    marker: str
    client: int
    index: int  # the client's own count of writes of this kind
    acknowledged: bool = False
    status: int | None = None


@dataclass
class Ledger:
    writes: list[Write] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # answers that are neither 2xx nor expected
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, write: Write) -> None:
        with self.lock:
            self.writes.append(write)

    def acknowledged(self) -> list[Write]:
        return [w for w in self.writes if w.acknowledged]


def _day(n: int) -> str:
    return (FIRST_DAY + dt.timedelta(days=n)).isoformat()


def send(
    port: int, token: str, method: str, path: str, body: Any, headers: dict, timeout: float = 30
) -> tuple[int, str | None, bytes]:
    """One JSON request with the token on a connection of its own: (status, ETag, body)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(
            method,
            path,
            body=json.dumps(body) if body is not None else None,
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                **headers,
            },
        )
        response = connection.getresponse()
        payload = response.read()
        return response.status, response.getheader("ETag"), payload
    finally:
        connection.close()


class Client(threading.Thread):
    """Sends writes one after another while the server is up; records each one."""

    def __init__(
        self, number: int, clients: int, port: int, token: str, ledger: Ledger, up: threading.Event
    ) -> None:
        super().__init__(daemon=True)
        self.number, self.clients, self.port, self.token = number, clients, port, token
        self.ledger, self.up = ledger, up
        self.done = threading.Event()
        self.counts = dict.fromkeys(KINDS, 0)
        self.agenda_etag: str | None = None
        self.rng = random.Random(number)

    def _send(self, method: str, path: str, body: Any, request_id: str, **headers: str) -> tuple:
        return send(
            self.port, self.token, method, path, body, {"X-Request-Id": request_id, **headers}
        )

    def _request(self, kind: str, n: int, marker: str) -> tuple[str, str, Any, dict[str, str]]:
        c = self.number
        if kind == "meeting":
            number = 1000 + n * self.clients + c  # unique, and increasing with the date
            body = {"number": number, "title": marker, "date": _day(number)}
            return "POST", SERIES, body, {}
        if kind == "document":
            body = {"id": marker, "type": "report", "title": marker}
            return "POST", f"{ORG}/documents", body, {}
        if kind == "decision":
            body = {
                "id": marker,
                "title": marker,
                "positions": [{"party": "KG", "stance": "concurs", "statement": marker}],
            }
            return "POST", f"{SERIES}/14/decisions", body, {}
        if kind == "membership":
            day = _day(2 * n)
            body = {
                "party": f"CRASH-{c}",
                "status": "partner",
                "start": day,
                "end": day,
                "note": marker,
            }
            return "POST", f"{ORG}/memberships", body, {}
        items = [{"id": slug, "title": f"{marker} {slug}"} for slug in ("a", "b", "c")]
        headers = {"If-Match": self.agenda_etag or '"none"'}
        return "PUT", f"{SERIES}/{CLIENT_MEETING_BASE + c}/agenda", {"items": items}, headers

    def _refresh_agenda_etag(self) -> None:
        status, etag, _ = self._send(
            "GET", f"{SERIES}/{CLIENT_MEETING_BASE + self.number}", None, "crash-read"
        )
        if status == 200:
            self.agenda_etag = etag

    def run(self) -> None:
        while not self.done.is_set():
            if not self.up.wait(0.1):
                continue
            kind = self.rng.choice(KINDS)
            n = self.counts[kind]
            marker = f"{MARK}{kind}-{self.number}-{n}"
            method, path, body, headers = self._request(kind, n, marker)
            write = Write(kind, marker, self.number, n)
            try:
                if kind == "agenda" and self.agenda_etag is None:
                    self._refresh_agenda_etag()
                    headers["If-Match"] = self.agenda_etag or '"none"'
                # Sent: from here on the write may or may not be applied.
                self.counts[kind] += 1
                self.ledger.add(write)
                status, etag, payload = self._send(method, path, body, marker, **headers)
            except (OSError, http.client.HTTPException):
                self.agenda_etag = None  # perhaps applied: read the agenda again
                time.sleep(0.02)
                continue
            write.status = status
            if 200 <= status < 300:
                write.acknowledged = True
                if kind == "agenda":
                    self.agenda_etag = etag
            elif kind == "agenda" and status == 412:
                self.agenda_etag = None  # an earlier unanswered replacement was applied
            else:
                self.ledger.errors.append(f"{method} {path} -> {status}: {payload[:300]!r}")


# --- the run -------------------------------------------------------------------------------


@dataclass
class Outcome:
    database: str
    kills: int
    sent: int
    acknowledged: int
    found: int  # acknowledged writes found whole
    lost: list[str]
    half_applied: list[str]
    broken_rules: list[str]
    audit_verify: str
    errors: list[str]
    restart_seconds: list[float]
    seconds: float
    by_kind: dict[str, tuple[int, int]]  # kind -> (acknowledged, found)
    answers: dict[str, int]  # "kind status" -> how many ("status" None: no answer)

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {a}/{f}" for k, (a, f) in self.by_kind.items())
        restart = sorted(self.restart_seconds)
        median = restart[len(restart) // 2] if restart else 0.0
        return (
            f"{self.database}: {self.kills} kills survived in {self.seconds:.0f} s;"
            f" writes sent {self.sent}, acknowledged {self.acknowledged}, found {self.found}"
            f" (acknowledged/found by kind: {kinds}); lost {len(self.lost)},"
            f" half-applied {len(self.half_applied)}, rules broken {len(self.broken_rules)},"
            f" unexpected answers {len(self.errors)}; restart median {median:.1f} s;"
            f" audit verify: {self.audit_verify}"
        )


def crash_run(
    kills: int,
    *,
    clients: int = 4,
    up_seconds: tuple[float, float] = (0.3, 1.5),
    seed: int | None = None,
    tmp: Path | None = None,
) -> Outcome:
    """Kill the server `kills` times while `clients` threads write; check the record."""
    rng = random.Random(seed)
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="accord-crash-", dir=tmp) as raw:
        where = Path(raw)
        with prepared_database(where, clients) as (env, token):
            url = env["DATABASE_URL"]
            server = Server(env, free_port(), where / "server.log")
            ledger, up = Ledger(), threading.Event()
            writers = [Client(c, clients, server.port, token, ledger, up) for c in range(clients)]
            for writer in writers:
                writer.start()
            restarts = []
            try:
                for _ in range(kills):
                    restarts.append(server.start())
                    acknowledged = len(ledger.acknowledged())
                    up.set()
                    # The first answers of a restarted server are slow (each worker
                    # loads the application): let one write through before the
                    # clock of the next kill starts, so every cycle makes progress.
                    deadline = time.monotonic() + 20
                    while len(ledger.acknowledged()) == acknowledged:
                        if time.monotonic() > deadline:
                            break
                        time.sleep(0.01)
                    time.sleep(rng.uniform(*up_seconds))
                    up.clear()  # the clients' next writes wait for the restart
                    server.kill()
                for writer in writers:
                    writer.done.set()
                for writer in writers:
                    writer.join(60)
                # After the last crash the server must come up again on the same record.
                restarts.append(server.start())
            finally:
                server.kill()
            found = in_django(env, "check")
            verify = subprocess.run(
                [str(ACCORD), "audit", "verify"], env=env, capture_output=True, text=True
            )
            vendor = "PostgreSQL" if url.startswith("postgres") else "SQLite"
            return _compare(
                ledger,
                found,
                vendor,
                kills,
                restarts,
                time.monotonic() - began,
                verify,
            )


def _compare(
    ledger: Ledger,
    found: dict[str, Any],
    vendor: str,
    kills: int,
    restarts: list[float],
    seconds: float,
    verify: subprocess.CompletedProcess,
) -> Outcome:
    whole = found["whole"]  # marker -> rows are there, whole
    audited = set(found["audited"])  # markers with audit entries
    lost, half = [], list(found["half_applied"])
    by_kind: dict[str, list[int]] = {k: [0, 0] for k in KINDS}
    last_agenda: dict[int, int] = {}
    for w in ledger.writes:
        applied = whole.get(w.marker, False)
        if w.kind == "agenda":
            # A replacement's rows go at the next replacement; its audit entries stay.
            applied = w.marker in audited
        elif applied != (w.marker in audited):
            half.append(f"{w.marker}: rows {'without' if applied else 'missing, with'} audit")
        if w.acknowledged:
            by_kind[w.kind][0] += 1
            if applied and w.marker in audited:
                by_kind[w.kind][1] += 1
            else:
                lost.append(w.marker)
            if w.kind == "agenda":
                last_agenda[w.client] = max(last_agenda.get(w.client, -1), w.index)
    for client, index in last_agenda.items():
        shown = found["agenda"].get(str(client))
        if shown is None or shown < index:
            lost.append(f"agenda of client {client}: shows {shown}, last acknowledged {index}")
    acknowledged = ledger.acknowledged()
    return Outcome(
        database=vendor,
        kills=kills,
        sent=len(ledger.writes),
        acknowledged=len(acknowledged),
        found=sum(f for _, f in by_kind.values()),
        lost=lost,
        half_applied=half,
        broken_rules=found["broken_rules"],
        audit_verify=(verify.stdout + verify.stderr).strip().splitlines()[-1]
        if verify.returncode == 0
        else f"FAILED: {verify.stdout}{verify.stderr}",
        errors=ledger.errors,
        restart_seconds=restarts,
        seconds=seconds,
        by_kind={k: (a, f) for k, (a, f) in by_kind.items()},
        answers=dict(Counter(f"{w.kind} {w.status}" for w in ledger.writes)),
    )


# --- in the server's environment (python -m tests.reliability.crashrun ...) ----------------


def _prepare(clients: int) -> dict[str, str]:
    """Migrate, load the seed, a secretariat officer with a token, and for each client a
    party (its standings) and a meeting (its agenda)."""
    from django.core.management import call_command

    from accord.accounts import services as accounts
    from accord.bodies.models import Body
    from accord.core.audit import acting
    from accord.meetings import services as meetings
    from accord.records.loader import load
    from accord.registry import services as registry
    from accord.registry.models import Organization

    call_command("migrate", interactive=False, verbosity=0)
    load(SEED)
    with acting("cli:crash-prepare"):
        user = accounts.add_user(USER, password="a long crash passphrase")
        sco = Organization.objects.get(slug="sco")
        accounts.grant(user, sco, "secretariat")
        _, secret = accounts.create_token(user, "crash run")
        body = Body.objects.get(organization=sco, slug="security-council-secretaries")
        for c in range(clients):
            registry.save_party(f"CRASH-{c}", "organization", name=f"Crash writer {c}")
            number = CLIENT_MEETING_BASE + c
            day = dt.date(2090, 1, 1) + dt.timedelta(days=c)
            meetings.save_meeting(
                body,
                str(number),
                MeetingFields(number=number, title=f"agenda of client {c}", start=day, end=day),
            )
    return {"token": secret}


def _check() -> dict[str, Any]:
    """What the database holds of each marker, and what is not whole."""
    from accord.core.models import AuditEntry
    from accord.decisions.models import Decision
    from accord.documents.models import Document
    from accord.meetings.models import AgendaItem, Meeting
    from accord.registry.models import Membership
    from accord.search.models import SearchEntry
    from tests.reliability.record_rules import broken_rules

    audited = set(
        AuditEntry.objects.filter(request_id__startswith=MARK).values_list("request_id", flat=True)
    )
    whole: dict[str, bool] = {}
    half: list[str] = []
    for meeting in Meeting.objects.filter(title__startswith=MARK):
        whole[meeting.title] = True
        if not SearchEntry.objects.filter(kind="meeting", object_id=meeting.pk).exists():
            half.append(f"{meeting.title}: the meeting is not in the search index")
    for slug in Document.objects.filter(slug__startswith=MARK).values_list("slug", flat=True):
        whole[slug] = True
    for decision in Decision.objects.filter(slug__startswith=MARK).prefetch_related("positions"):
        positions = [p.statement for p in decision.positions.all()]
        whole[decision.slug] = True
        if positions != [decision.slug]:
            half.append(f"{decision.slug}: the decision's positions are {positions}")
    for note in Membership.objects.filter(note__startswith=MARK).values_list("note", flat=True):
        whole[note] = True
    agenda: dict[str, int | None] = {}
    for meeting in Meeting.objects.filter(number__gte=CLIENT_MEETING_BASE, number__lt=1000):
        client = str(meeting.number - CLIENT_MEETING_BASE)
        items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
        if not items:
            agenda[client] = None
            continue
        markers_shown = {i.title.rsplit(" ", 1)[0] for i in items}
        slugs = [i.slug for i in items]
        if len(markers_shown) != 1 or slugs != ["a", "b", "c"]:
            half.append(f"agenda of client {client}: not one replacement: {slugs} {markers_shown}")
            agenda[client] = None
            continue
        (marker,) = markers_shown
        if marker not in audited:
            half.append(f"{marker}: the agenda is shown without its audit entries")
        agenda[client] = int(marker.rsplit("-", 1)[1])
    return {
        "whole": whole,
        "audited": sorted(audited),
        "half_applied": half,
        "agenda": agenda,
        "broken_rules": broken_rules(),
    }


def main(argv: list[str]) -> None:
    import django

    django.setup()
    command, *args = argv
    if command == "prepare":
        answer = _prepare(int(args[0]))
    elif command == "check":
        answer = _check()
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(answer))


if __name__ == "__main__":
    main(sys.argv[1:])
