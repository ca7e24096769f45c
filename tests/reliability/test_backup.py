"""`accord backup` and `accord restore`, run as a user runs them, each installation a
database of its own (an SQLite file, or a database on the PostgreSQL server of the run)
and a files directory of its own.

- A backup taken while another process writes is one consistent snapshot: its audit
  trail verifies, and every object its trail says exists is in it (and every removed
  one is not); restored, its files download as they were.
- Restored into an empty installation, the record dumps exactly as the original, the
  audit trail verifies, the files download with the same bytes, and new writes follow.
- An installation that holds a record is refused; a damaged archive is refused, and
  nothing is written.
- Files kept in S3-compatible object storage (moto's S3 server) are backed up from it
  and restored into it.
- Across databases (with PostgreSQL): an SQLite backup restores into PostgreSQL and a
  PostgreSQL backup into SQLite; a record dumped from SQLite loads into PostgreSQL and
  dumps the same.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps

from accord.backup.archive import Archive, BackupError
from tests.conftest import SEED_FILES
from tests.databases import migrated_postgres, prepared_sqlite
from tests.documents_files import samples

ACCORD = Path(sys.executable).with_name("accord")
# The audit key the installations share: it goes with whoever restores, not in the archive.
AUDIT_KEY = "the audit key of the backup tests' installations"
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
RELEASE = "sco-press-release-2019-05-15"


@dataclass
class Installation:
    """An Accord installation: a database and a files directory."""

    database_url: str
    home: Path
    vendor: str
    environment: dict[str, str] = field(default_factory=dict)

    @property
    def files(self) -> Path:
        return self.home / "files"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "ACCORD_VAR_DIR": str(self.home / "var"),
            "ACCORD_FILES_DIR": str(self.files),
            "ACCORD_ALLOWED_HOSTS": "testserver",
            "ACCORD_PASSWORD": "a long passphrase for the officer",
            "ACCORD_AUDIT_KEY": AUDIT_KEY,
            **self.environment,
        }

    def accord(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [str(ACCORD), *args], env=self.env(), capture_output=True, text=True, check=False
        )
        if ok:
            assert done.returncode == 0, f"accord {' '.join(args)}: {done.stderr}"
        return done

    def python(self, script: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", SETUP + script, *args],
            env=self.env(),
            capture_output=True,
            text=True,
            check=True,
        )

    def state(self, organization: str = "sco") -> State:
        return State(**json.loads(self.python(INSPECT, organization).stdout))

    def stored_files(self) -> list[Path]:
        if not self.files.exists():
            return []
        return sorted(p for p in self.files.rglob("*") if p.is_file())


SETUP = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings")
django.setup()
"""

# What a reader gets from an installation: the record as dumped, whether the audit
# trail verifies (and its length), and each document file as downloaded.
INSPECT = """
import hashlib, io, json
from django.core.management import CommandError, call_command
from django.test import Client
from accord.core import audit
from accord.documents.models import DocumentFile
dump = io.StringIO()
try:
    call_command("dump", sys.argv[1], stdout=dump)
except CommandError:
    dump = None
entries, broken = audit.verify()
client, downloads = Client(), []
for f in DocumentFile.objects.select_related("version__document__organization").order_by("pk"):
    d = f.version.document
    url = (f"/organizations/{d.organization.slug}/documents/{d.slug}/versions/"
           f"{f.version.number}/files/{f.language}/{f.kind}/")
    answer = client.get(url)
    body = b"".join(answer.streaming_content) if answer.status_code == 200 else b""
    downloads.append([f.storage_name, answer.status_code, hashlib.sha256(body).hexdigest()])
print(json.dumps({"dump": dump and dump.getvalue(), "entries": entries,
                  "intact": broken is None, "downloads": downloads}))
"""


@dataclass(frozen=True)
class State:
    dump: str | None
    entries: int
    intact: bool
    downloads: list


class Installations:
    """Makes installations: new (a database without tables), empty (migrated, no record:
    a copy of the database migrated once per run of the tests, `tests.databases`) or a
    copy of another; drops the PostgreSQL databases it made."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.databases: list[str] = []
        self.templates: dict[str, Installation] = {}

    def new(self, vendor: str | None = None, *, like: Installation | None = None) -> Installation:
        vendor = vendor or ("postgresql" if ON_POSTGRESQL else "sqlite")
        home = self.root / f"{vendor}-{uuid.uuid4().hex[:8]}"
        home.mkdir(parents=True)
        if vendor == "sqlite":
            database = home / "accord.sqlite3"
            if like is not None:
                shutil.copyfile(urlsplit(like.database_url).path, database)
            installation = Installation(f"sqlite:///{database}", home, vendor)
        else:
            name = f"accord_backup_{uuid.uuid4().hex[:10]}"
            template = f' TEMPLATE "{urlsplit(like.database_url).path[1:]}"' if like else ""
            self._admin(f'CREATE DATABASE "{name}"{template}')
            self.databases.append(name)
            url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
            installation = Installation(url, home, vendor)
        if like is not None and like.files.exists():
            shutil.copytree(like.files, installation.files)
        return installation

    def empty(self, vendor: str | None = None) -> Installation:
        vendor = vendor or ("postgresql" if ON_POSTGRESQL else "sqlite")
        if vendor not in self.templates:
            home = self.root / f"{vendor}-migrated"
            home.mkdir(parents=True)
            if vendor == "sqlite":
                url = prepared_sqlite(home / "accord.sqlite3")
            else:
                url = migrated_postgres(os.environ["DATABASE_URL"])
            self.templates[vendor] = Installation(url, home, vendor)
        return self.new(vendor, like=self.templates[vendor])

    def _admin(self, sql: str) -> None:
        import psycopg

        url = urlsplit(os.environ["DATABASE_URL"])._replace(path="/postgres").geturl()
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(sql)

    def drop(self) -> None:
        for name in self.databases:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def installations(tmp_path_factory) -> Iterator[Installations]:
    made = Installations(tmp_path_factory.mktemp("installations"))
    yield made
    made.drop()


@dataclass
class Original:
    """An installation holding the seed, a user and two document files, and its backup."""

    installation: Installation
    archive: Path
    state: State


# The seed, two document files and a user, written as a user would (one process).
PREPARE = """
from django.core.management import call_command
seed, pdf, docx, release = sys.argv[1:5]
call_command("load", *seed.split(","), verbosity=0)
call_command("attach", "sco", release, pdf, "--version", "1", "--language", "ru")
call_command("attach", "sco", release, docx, "--version", "1", "--language", "zh",
             "--kind", "language-version")
call_command("user", "add", "officer")
call_command("user", "grant", "officer", "sco", "secretariat")
"""


def _original(installations: Installations, vendor: str) -> Original:
    source = installations.empty(vendor)
    pdf, docx = source.home / "plan.pdf", source.home / "plan.docx"
    pdf.write_bytes(samples.pdf("Anti-drug plan"))
    docx.write_bytes(samples.docx("反毒品计划"))
    seed = ",".join(map(str, SEED_FILES))
    source.python(PREPARE, seed, str(pdf), str(docx), RELEASE)
    archive = source.home / "backup.zip"
    done = source.accord("backup", str(archive))
    assert "backup written to" in done.stdout
    state = source.state()
    assert state.intact and [status for _, status, _ in state.downloads] == [200, 200]
    return Original(source, archive, state)


@pytest.fixture(scope="module")
def originals(installations: Installations) -> Iterator[dict[str, Original]]:
    """The original of each database, made when first asked for."""

    class Cache(dict):
        def __missing__(self, vendor: str) -> Original:
            self[vendor] = _original(installations, vendor)
            return self[vendor]

    yield Cache()


@pytest.fixture
def original(originals) -> Original:
    return originals["postgresql" if ON_POSTGRESQL else "sqlite"]


def assert_restored(original: Original, target: Installation) -> None:
    done = target.accord("restore", str(original.archive))
    assert "restored" in done.stdout and "2 files" in done.stdout
    assert target.state() == original.state  # the dump, the trail, the files' bytes


# --- restore ---------------------------------------------------------------------------


# After a restore the record takes new writes: keys go on from the restored ones, and
# the trail chains the new entries after the restored ones.
LOAD_AND_VERIFY = """
from django.core.management import call_command
from accord.core import audit
call_command("load", sys.argv[1], verbosity=0)
print(audit.verify()[1] is None)
"""


def test_a_restored_installation_holds_the_same_record_files_and_audit_trail(
    original, installations
):
    vendor = original.installation.vendor
    # On SQLite a database without tables, which the restore prepares (on PostgreSQL an
    # empty one, made from a template: preparing takes seconds there).
    target = installations.new(vendor) if vendor == "sqlite" else installations.empty(vendor)
    assert_restored(original, target)
    brics = Path(__file__).parent.parent / "records" / "brics-national-security.yaml"
    assert target.python(LOAD_AND_VERIFY, str(brics)).stdout.strip() == "True"


def test_an_installation_holding_a_record_is_refused_and_left_as_it_was(original):
    # The likeliest mistake: the backup restored into the installation it was taken of.
    done = original.installation.accord("restore", str(original.archive), ok=False)
    assert done.returncode == 1
    assert "this installation is not empty" in done.stderr
    assert "Nothing was restored" in done.stderr and "Traceback" not in done.stderr
    assert original.installation.state() == original.state


def _rewritten(archive: Path, out: Path, change: dict[str, bytes]) -> Path:
    """A copy of `archive` with members' content replaced (the manifest left as it was)."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(out, "w") as copy:
        for info in source.infolist():
            copy.writestr(info, change.get(info.filename, source.read(info.filename)))
    return out


def test_a_damaged_archive_is_refused_and_nothing_is_written(original, installations, tmp_path):
    with zipfile.ZipFile(original.archive) as archive:
        table = archive.read("tables/registry.party.jsonl")
    # One party's name changed: a valid archive, but not the one the manifest describes.
    forged = _rewritten(
        original.archive,
        tmp_path / "forged.zip",
        {"tables/registry.party.jsonl": table.replace(b"Kyrgyz", b"Kirgiz", 1)},
    )
    target = installations.empty(original.installation.vendor)
    done = target.accord("restore", str(forged), ok=False)
    assert done.returncode == 1
    assert "is damaged; nothing was restored" in done.stderr
    assert "tables/registry.party.jsonl: its content differs" in done.stderr
    assert target.state() == State(None, 0, True, [])
    assert target.stored_files() == []


@pytest.mark.parametrize(
    "key", ["", "the audit key of another installation"], ids=["no key", "another key"]
)
def test_a_backup_restored_without_its_audit_key_is_refused_and_nothing_is_written(
    original, installations, key
):
    # The archive holds no audit key: whoever restores brings the one it was written under.
    target = installations.empty(original.installation.vendor)
    target.environment["ACCORD_AUDIT_KEY"] = key
    done = target.accord("restore", str(original.archive), ok=False)
    assert done.returncode == 1
    assert "audit key" in done.stderr and "nothing was restored" in done.stderr
    assert "Traceback" not in done.stderr
    assert target.state() == State(None, 0, True, [])
    assert target.stored_files() == []


def test_every_kind_of_damage_is_found_before_anything_is_read_into_the_database(
    original, tmp_path
):
    data = original.archive.read_bytes()
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(BackupError, match=r"not an Accord backup, or cut short|not a readable"):
        Archive(truncated)

    # A byte flipped inside a stored document file: ZIP's CRC or the checksum finds it.
    with zipfile.ZipFile(original.archive) as archive:
        info = next(i for i in archive.infolist() if i.filename.startswith("files/"))
    flipped = bytearray(data)
    # The member's data follows its local header: 30 bytes, its name and its extra field.
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    flipped[info.header_offset + 30 + name_length + extra_length + 20] ^= 0xFF
    damaged = tmp_path / "flipped.zip"
    damaged.write_bytes(bytes(flipped))
    with pytest.raises(BackupError, match=re.escape(f"{info.filename}: ")):
        Archive(damaged).verify(lambda _: None)

    # A member added, a member removed.
    extra = _rewritten(original.archive, tmp_path / "extra.zip", {})
    with zipfile.ZipFile(extra, "a") as archive:
        archive.writestr("files/sco/extra.pdf", b"%PDF-1.4")
    with pytest.raises(BackupError, match=r"files/sco/extra\.pdf: is not listed"):
        Archive(extra).verify(lambda _: None)
    with (
        zipfile.ZipFile(original.archive) as source,
        zipfile.ZipFile(tmp_path / "less.zip", "w") as copy,
    ):
        for item in source.infolist():
            if item.filename != "tables/core.auditentry.jsonl":
                copy.writestr(item, source.read(item.filename))
    with pytest.raises(BackupError, match=r"tables/core\.auditentry\.jsonl: is missing"):
        Archive(tmp_path / "less.zip").verify(lambda _: None)

    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("not an archive")
    with pytest.raises(BackupError, match="not a readable backup archive"):
        Archive(not_zip)


# --- backup while writing --------------------------------------------------------------

WRITER = """
import io, pathlib, time
from django.db import transaction
from accord.core.audit import acting
from accord.documents import services as documents
from accord.documents.models import Document, DocumentFile
from accord.registry import services as registry
stop, data = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).read_bytes()
release = Document.objects.select_related("organization").get(slug=sys.argv[3])
count, deadline = 0, time.monotonic() + 60
while not stop.exists() and time.monotonic() < deadline:
    with acting("writer"):
        with transaction.atomic():
            registry.save_party(f"W{count}", "organization", name=f"Writer {count}")
        if count % 2 == 0:
            documents.attach_file(release, number=1, language="zh", kind="signed-original",
                                  name="plan.pdf", content=io.BytesIO(data))
        else:
            documents.remove_file(DocumentFile.objects.get(
                version__document=release, language="zh", kind="signed-original"))
    count += 1
    print(count, flush=True)
"""


def _rows(archive: Archive, label: str) -> list[list]:
    (table,) = [t for t in archive.manifest["tables"] if t["model"] == label]
    return list(archive.lines(table["member"]))


def test_a_backup_taken_while_another_process_writes_is_one_consistent_snapshot(
    original, installations, tmp_path
):
    source = installations.new(original.installation.vendor, like=original.installation)
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(samples.pdf("Anti-drug plan, as signed"))
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", SETUP + WRITER, str(stop), str(pdf), RELEASE],
        env=source.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        for _ in range(10):  # the writer is under way
            writer.stdout.readline()
        archive_path = tmp_path / "live.zip"
        backup = source.accord("backup", str(archive_path))
        time.sleep(0.2)  # ... and goes on after the backup
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    written = int(out.split()[-1])

    archive = Archive(archive_path)
    archive.verify(lambda _: None)
    audit = _rows(archive, "core.AuditEntry")
    (parties,) = [t for t in archive.manifest["tables"] if t["model"] == "registry.Party"]
    code = parties["columns"].index("code")
    snapshot_writes = sum(1 for row in _rows(archive, "registry.Party") if row[code][:1] == "W")
    assert 10 <= snapshot_writes < written, backup.stderr  # taken while the writer wrote

    # The trail in the archive is whole: each entry follows the one before it.
    from accord.core.audit import GENESIS, _digest

    (table,) = [t for t in archive.manifest["tables"] if t["model"] == "core.AuditEntry"]
    names = table["columns"]
    previous = GENESIS
    last: dict[tuple[str, str], str] = {}
    for row in sorted(audit, key=lambda r: r[names.index("seq")]):
        entry = dict(zip(names, row, strict=True))
        chained = {k: entry[k] for k in names if k not in ("id", "hash")}
        assert entry["previous_hash"] == previous
        assert _digest(chained, AUDIT_KEY.encode()) == entry["hash"]
        previous = entry["hash"]
        last[(entry["model"], entry["object_id"])] = entry["operation"]
    assert archive.manifest["audit"]["last_hash"] == previous

    # Every object the trail names is in the snapshot exactly when it was not removed.
    present: dict[str, set[str]] = {}
    for item in archive.manifest["tables"]:
        key = apps.get_model(item["model"])._meta.pk.attname
        at = item["columns"].index(key)
        present[item["model"]] = {str(row[at]) for row in archive.lines(item["member"])}
    checked = 0
    for (model, object_id), operation in last.items():
        if model in present:
            assert (object_id in present[model]) == (operation != "delete"), (model, object_id)
            checked += 1
    assert checked > 500
    files = _rows(archive, "documents.DocumentFile")
    assert len(files) == len(archive.manifest["files"]) in (2, 3)

    # Restored, the snapshot is an installation like any other.
    target = installations.empty(source.vendor)
    target.accord("restore", str(archive_path))
    restored = target.state()
    assert restored.intact and restored.entries == archive.manifest["audit"]["entries"]
    assert [status for _, status, _ in restored.downloads] == [200] * len(files)


# --- across databases ------------------------------------------------------------------

needs_postgresql = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="moves a record between SQLite and PostgreSQL"
)


@needs_postgresql
def test_a_sqlite_backup_restores_into_postgresql_and_back(originals, installations):
    assert_restored(originals["sqlite"], installations.empty("postgresql"))
    assert_restored(originals["postgresql"], installations.empty("sqlite"))


@needs_postgresql
def test_a_record_dumped_from_sqlite_loads_into_postgresql_and_dumps_the_same(
    originals, installations
):
    original = originals["sqlite"]
    record = original.installation.home / "sco.yaml"
    record.write_text(original.state.dump, encoding="utf-8")
    target = installations.empty("postgresql")
    target.accord("load", str(record))
    assert target.accord("dump", "sco").stdout == original.state.dump  # byte for byte


# --- object storage --------------------------------------------------------------------


@pytest.mark.skipif(ON_POSTGRESQL, reason="the files storage is the same on either database")
def test_files_come_back_from_and_go_back_to_s3_object_storage(original, installations, tmp_path):
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        s3 = {
            "ACCORD_FILES_STORAGE": "s3",
            "ACCORD_S3_BUCKET": "accord-backup",
            "ACCORD_S3_ENDPOINT_URL": f"http://{host}:{port}",
            "ACCORD_S3_REGION": "us-east-1",
            "ACCORD_S3_ACCESS_KEY_ID": "accord-test",
            "ACCORD_S3_SECRET_ACCESS_KEY": "accord-test-secret",
            "ACCORD_S3_ADDRESSING_STYLE": "path",
            "ACCORD_S3_PREFIX": "documents",
        }
        client = boto3.client(
            "s3",
            endpoint_url=s3["ACCORD_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="accord-test",
            aws_secret_access_key="accord-test-secret",
        )
        client.create_bucket(Bucket="accord-backup")
        # A backup of files kept in a directory, restored into object storage ...
        in_s3 = installations.empty()
        in_s3.environment = s3
        assert_restored(original, in_s3)
        keys = sorted(o["Key"] for o in client.list_objects_v2(Bucket="accord-backup")["Contents"])
        assert keys == sorted(f"documents/{name}" for name, _, _ in original.state.downloads)
        # ... and a backup read from object storage, restored into a directory.
        archive = tmp_path / "from-s3.zip"
        in_s3.accord("backup", str(archive))
        in_directory = installations.empty()
        in_directory.accord("restore", str(archive))
        assert in_directory.state() == original.state
        assert len(in_directory.stored_files()) == 2
    finally:
        server.stop()
