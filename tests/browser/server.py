"""Accord served for the browser tests: `accord serve` in its own process, on 127.0.0.1,
from its own SQLite file holding the seed scenario.

The server is a separate process with a separate database, so what the browser does
(sign in, record) is committed and seen as in production, and the pytest database,
rolled back after each test, is never shared with it. Users are made in that database
through `accord.accounts.services`, run by the same Python against the same file.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path

from tests.databases import prepared_sqlite

ROOT = Path(__file__).resolve().parents[2]
SEED_FILES = [
    ROOT / "scenarios" / "sco-organization.yaml",
    ROOT / "scenarios" / "sco-2019-security-council-secretaries.yaml",
]
# the `accord` command installed beside the Python running the tests
ACCORD = str(Path(sys.executable).with_name("accord"))
PASSWORD = "a long browser passphrase"
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Grant:
    """A role in an organization, as `accord.accounts.services.grant` takes it."""

    organization: str
    role: str
    party: str | None = None  # party code, for delegation, chair-team and observer
    bodies: tuple[str, ...] = ()  # body slugs


@dataclass(frozen=True)
class User:
    username: str
    password: str = PASSWORD
    admin: bool = False
    grants: tuple[Grant, ...] = ()
    server: str = field(default="", compare=False)  # the URL of the server it is made on


# Run in a child process against the served database: the users are made by the
# same services as everywhere else (validated, audited).
_MAKE_USER = """
import json, sys
import django
django.setup()
from accord.accounts import services
from accord.bodies.models import Body
from accord.registry.models import Organization, Party
spec = json.loads(sys.argv[1])
user = services.add_user(spec["username"], password=spec["password"], admin=spec["admin"])
for g in spec["grants"]:
    org = Organization.objects.get(slug=g["organization"])
    services.grant(
        user,
        org,
        g["role"],
        party=Party.objects.get(code=g["party"]) if g["party"] else None,
        bodies=Body.objects.filter(organization=org, slug__in=g["bodies"]),
    )
"""

# Releases of meeting 14 of the Security Council Secretaries, through the services: an
# English press release left a draft (its working page), a Russian and a Chinese one
# published (their public pages, linked from the meeting; their PDF files). A draft
# that lacked a translation is published as the secretariat's own text.
_MAKE_RELEASES = """
import django
django.setup()
from accord.accounts import access, services
from accord.core import audit
from accord.meetings.models import Meeting
from accord.publishing import services as publishing
user = services.add_user("browser-release-officer", password="a long passphrase", admin=True)
officer = access.viewer_of(user)
meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
with audit.acting("user:browser-release-officer"):
    publishing.draft_release(officer, meeting, language="en")
    for language in ("ru", "zh"):
        release = publishing.draft_release(officer, meeting, language=language)
        draft = release.versions.get()
        if draft.missing:
            publishing.edit_release(officer, release, headline=draft.headline)
        publishing.review_release(officer, release)
        publishing.publish_release(officer, release)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """`accord serve` on 127.0.0.1 from `directory`/accord.sqlite3."""

    directory: Path
    log_path: Path
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen | None = None
    users: dict[str, User] = field(default_factory=dict)
    extra_files: tuple[Path, ...] = ()  # record files loaded with the seed

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_SETTINGS_MODULE="accord.config.settings",
            DATABASE_URL=prepared_sqlite(self.directory / "accord.sqlite3"),
            ACCORD_VAR_DIR=str(self.directory),
            ACCORD_DEBUG="true",  # the development server serves the static files
            ACCORD_LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        return env

    def accord(self, *args: str) -> str:
        """Run an `accord` command against the served database; its output."""
        done = subprocess.run(
            [ACCORD, *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"accord {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def python(self, script: str, *args: str) -> None:
        """Run a Python script against the served database (Django set up by it)."""
        done = subprocess.run(
            [sys.executable, "-c", script, *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"a script against the served database failed:\n{done.stderr}")

    def start(self) -> Server:
        self.accord("load", *map(str, [*SEED_FILES, *self.extra_files]))
        self.python(_MAKE_RELEASES)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [ACCORD, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_ready()
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"accord serve stopped at start:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/accounts/login/", timeout=5) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"accord serve did not answer in {START_TIMEOUT:.0f} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def user(self, username: str, *grants: Grant, admin: bool = False) -> User:
        """The user `username` with these grants, made once per server."""
        wanted = User(username, admin=admin, grants=tuple(grants))
        known = self.users.get(username)
        if known is not None:
            if known != wanted:
                raise ValueError(f"user {username!r} was made before with other roles: {known}")
            return known
        spec = {
            "username": username,
            "password": wanted.password,
            "admin": admin,
            "grants": [
                {
                    "organization": g.organization,
                    "role": g.role,
                    "party": g.party,
                    "bodies": list(g.bodies),
                }
                for g in grants
            ],
        }
        done = subprocess.run(
            [sys.executable, "-c", _MAKE_USER, json.dumps(spec)],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"cannot make user {username!r}:\n{done.stderr}")
        self.users[username] = replace(wanted, server=self.url)
        return self.users[username]
