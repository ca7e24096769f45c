"""Making a backup of an installation, and restoring one into an empty installation.

A backup is the whole database, read in one snapshot while the server goes on
serving and writing, and every document file the snapshot's rows refer to, in one
archive (`accord.backup.archive`) with a manifest:

    format, format_version   "accord-backup", 1
    accord_version           the Accord that wrote it
    created_at               when the snapshot was taken (UTC)
    database                 vendor and server version it was read from
    migrations               the applied migrations, "app.name" (the schema of the rows)
    tables                   per table: model, member, columns, rows
    excluded                 tables left out, and why
    files                    per document file: its row's id, storage name, member,
                             size and SHA-256 (checked against the row when read)
    audit                    entries, the last entry's seq and hash
    members                  every member's size and SHA-256

Rows are written as JSON values, the same whichever database they were read from
(datetimes in UTC ISO 8601), and keep their keys: a backup of SQLite restores into
PostgreSQL and back, and the audit trail comes back entry for entry, so its hash
chain verifies under the audit key of the installation it came from (which the archive
does not hold: the restore is given it, as `ACCORD_AUDIT_KEY` or the key file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

from accord.backup import tables
from accord.backup.archive import (
    CHUNK,
    FORMAT,
    FORMAT_VERSION,
    Archive,
    ArchiveWriter,
    BackupError,
)
from accord.core import audit
from accord.core.models import AuditEntry
from accord.documents.models import DocumentFile

Progress = Callable[[str], None]
# A file removed while the backup read the database: the backup starts again, so many times.
ATTEMPTS = 3


@dataclass(frozen=True)
class Summary:
    path: Path
    size: int
    tables: int
    rows: int
    files: int
    file_bytes: int
    audit_entries: int
    audit_hash: str
    seconds: float

    def text(self, verb: str) -> str:
        return (
            f"{verb} {self.path}: {self.rows} rows in {self.tables} tables, {self.files} files"
            f" ({self.file_bytes / 1_000_000:.1f} MB); archive {self.size / 1_000_000:.1f} MB;"
            f" audit trail {self.audit_entries} entries, last {self.audit_hash[:16]};"
            f" {self.seconds:.1f} s"
        )


class _FileVanished(Exception):
    """A document file the snapshot refers to was removed (after the snapshot) while
    the backup ran."""


def _accord_version() -> str:
    try:
        return metadata.version("accord")
    except metadata.PackageNotFoundError:
        return "unknown"


def _applied_migrations(alias: str) -> list[str]:
    recorder = MigrationRecorder(connections[alias])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _storage() -> Storage:
    return storages["documents"]


def _say_nothing(_: str) -> None:
    pass


def _every_second(say: Progress) -> Progress:
    """`say`, but at most once a second (for a step that reports often)."""
    last = 0.0

    def throttled(message: str) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= 1.0:
            last = now
            say(message)

    return throttled


# --- backup --------------------------------------------------------------------------


def create_backup(path: Path, progress: Progress | None = None) -> Summary:
    """Write a backup of the installation (database and document files) to `path`."""
    say = progress or _say_nothing
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _create(path, say)
        except _FileVanished as exc:
            if attempt == ATTEMPTS:
                raise BackupError(
                    f"document files were removed while the backup ran, {ATTEMPTS} times"
                    f" (the last: {exc}); try again when fewer files are being removed"
                ) from None
            say(f"{exc} was removed while the backup ran; starting again")
    raise AssertionError("unreachable")


def _create(path: Path, say: Progress) -> Summary:
    started = time.perf_counter()
    alias = DEFAULT_DB_ALIAS
    connection = connections[alias]
    writer = ArchiveWriter(path)
    try:
        with tables.snapshot(connection):
            # The first read fixes the snapshot: everything below sees the same state.
            migrations = _applied_migrations(alias)
            if not migrations:
                raise BackupError("the database is not prepared: nothing to back up")
            created_at = dt.datetime.now(dt.UTC)
            # Files first: a file whose row a later transaction removes is deleted from
            # the storage once that removal commits, so the sooner it is read the better.
            files, file_bytes = _write_files(writer, _every_second(say))
            described, rows = [], 0
            often = _every_second(say)
            for model in tables.backed_up_models():
                described.append(_write_table(writer, model, often))
                rows += described[-1]["rows"]
            last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
            entries = AuditEntry.objects.count()
            database = {"vendor": connection.vendor, "version": _server_version(connection)}
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "accord_version": _accord_version(),
            "created_at": created_at.isoformat(),
            "database": database,
            "migrations": migrations,
            "tables": described,
            "excluded": tables.EXCLUDED,
            "files": files,
            "audit": {
                "entries": entries,
                "last_seq": last[0] if last else 0,
                "last_hash": last[1] if last else audit.GENESIS,
            },
        }
        size = writer.finish(manifest)
    except BaseException:
        writer.abandon()
        raise
    return Summary(
        path=path,
        size=size,
        tables=len(described),
        rows=rows,
        files=len(files),
        file_bytes=file_bytes,
        audit_entries=entries,
        audit_hash=manifest["audit"]["last_hash"],
        seconds=time.perf_counter() - started,
    )


def _server_version(connection: Any) -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    version = getattr(connection, "pg_version", None)
    return str(version) if version is not None else ""


def _write_table(writer: ArchiveWriter, model: type[Model], say: Progress) -> dict[str, Any]:
    label = model._meta.label
    total = model._base_manager.count()
    name = tables.member_name(model)
    count = 0
    with writer.member(name) as out:
        lines: list[bytes] = []
        for row in tables.read_rows(model):
            lines.append(_json_line(row))
            count += 1
            if len(lines) >= 1000:
                out.write(b"".join(lines))
                lines.clear()
            if count % 1000 == 0:
                say(f"{label}: {count}/{total} rows")
        out.write(b"".join(lines))
    return {
        "model": label,
        "table": model._meta.db_table,
        "member": name,
        "columns": [field.attname for field in tables.columns(model)],
        "rows": count,
    }


def _json_line(row: list[Any]) -> bytes:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _write_files(writer: ArchiveWriter, say: Progress) -> tuple[list[dict[str, Any]], int]:
    """Copy every document file the snapshot's rows name, checking each against its
    row's size and SHA-256. A file whose row is gone from the database by now was
    removed after the snapshot: the backup starts again (`_FileVanished`)."""
    storage = _storage()
    rows = list(
        DocumentFile.objects.order_by("pk").values_list("pk", "storage_name", "size", "sha256")
    )
    total = sum(row[2] for row in rows)
    described: list[dict[str, Any]] = []
    done = 0
    problems: list[str] = []
    for pk, storage_name, size, sha256 in rows:
        member = f"files/{storage_name}"
        try:
            source = storage.open(storage_name, "rb")
        except FileNotFoundError:
            if not _still_recorded(pk):
                raise _FileVanished(storage_name) from None
            problems.append(f"{storage_name} (document file {pk}): missing from the storage")
            continue
        with source, writer.member(member, compress=False) as out:
            while block := source.read(CHUNK):
                out.write(block)
        written = writer.members[member]
        if written["size"] != size or written["sha256"] != sha256:
            problems.append(
                f"{storage_name} (document file {pk}): its content differs from the checksum"
                " recorded when it was attached"
            )
        described.append(
            {
                "id": pk,
                "storage_name": storage_name,
                "member": member,
                "size": size,
                "sha256": sha256,
            }
        )
        done += size
        say(
            f"files: {len(described)}/{len(rows)} ({done / 1_000_000:.1f}"
            f" of {total / 1_000_000:.1f} MB)"
        )
    if problems:
        raise BackupError(
            "the document files do not match the database; no backup was written:\n  "
            + "\n  ".join(problems)
        )
    return described, done


def _still_recorded(pk: int) -> bool:
    """Whether the file's row exists now, outside the snapshot (on a connection of its
    own: the snapshot's transaction would still see it)."""
    alias = "accord-backup-check"
    settings = dict(connections.settings[DEFAULT_DB_ALIAS])
    connections.settings[alias] = settings
    try:
        return DocumentFile.objects.using(alias).filter(pk=pk).exists()
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


# --- restore -------------------------------------------------------------------------


def restore_backup(path: Path, progress: Progress | None = None) -> Summary:
    """Restore the backup at `path` into this installation, which must be empty (its
    database migrated to the backup's migrations, holding no record).

    Everything is checked before anything is written: the archive against its
    manifest (every member's SHA-256), the manifest against this installation (its
    migrations, tables and columns), the document files against their rows, that the
    database holds no record and that the storage holds no other file under a
    restored file's name. Then the rows are written in one transaction, the keys'
    sequences reset, the search index rebuilt and the audit trail verified (the
    transaction is rolled back if it does not end with the backup's last hash), and
    the files stored; a file stored before a failure is deleted again.
    """
    say = progress or _say_nothing
    started = time.perf_counter()
    archive = Archive(path)
    try:
        return _restore(archive, say, started)
    finally:
        archive.close()


def _restore(archive: Archive, say: Progress, started: float) -> Summary:
    alias = DEFAULT_DB_ALIAS
    connection = connections[alias]
    manifest = archive.manifest
    _check_migrations(manifest, alias)
    models = _check_tables(manifest)
    _check_empty()
    say(f"checking {archive.path} against its manifest")
    archive.verify(_every_second(say))
    files = _check_files(archive, models)
    storage = _storage()
    reused = _check_storage(storage, files)

    stored: list[str] = []
    rows = 0
    often = _every_second(say)
    try:
        say(f"writing {sum(item['rows'] for _, item in models.values())} rows")
        with transaction.atomic(using=alias, durable=True):
            tables.clear(connection, [_model(label) for label in tables.INSTALLATION])
            for label, (model, described) in models.items():
                written = 0
                for written in tables.write_rows(
                    connection, model, archive.lines(described["member"])
                ):
                    often(f"{label}: {written}/{described['rows']} rows")
                if written != described["rows"]:
                    raise BackupError(
                        f"{described['member']}: {written} rows, the manifest says"
                        f" {described['rows']}"
                    )
                rows += written
            tables.reset_sequences(connection, [model for model, _ in models.values()])
            say("rebuilding the search index")
            _rebuild_search_index(often)
            entries, last_hash = _verify_audit(manifest, say)
            if files:
                say(f"storing {len(files)} files")
            file_bytes = 0
            for index, item in enumerate(files, start=1):
                if item["storage_name"] not in reused:
                    _store(storage, archive, item)
                    stored.append(item["storage_name"])
                file_bytes += item["size"]
                often(f"files: {index}/{len(files)} ({file_bytes / 1_000_000:.1f} MB)")
    except DatabaseError as exc:
        _forget(storage, stored)
        raise BackupError(
            f"the database refused the backup's rows; nothing was restored ({exc})"
        ) from None
    except BaseException:
        _forget(storage, stored)
        raise
    ContentType.objects.clear_cache()
    return Summary(
        path=archive.path,
        size=archive.path.stat().st_size,
        tables=len(models),
        rows=rows,
        files=len(files),
        file_bytes=file_bytes,
        audit_entries=entries,
        audit_hash=last_hash,
        seconds=time.perf_counter() - started,
    )


def _model(label: str) -> type[Model]:
    return apps.get_model(label)


def _check_migrations(manifest: dict[str, Any], alias: str) -> None:
    theirs = set(manifest.get("migrations") or [])
    ours = set(_applied_migrations(alias))
    if theirs == ours:
        return
    missing, extra = sorted(theirs - ours), sorted(ours - theirs)
    detail = []
    if missing:
        detail.append(f"not applied here: {', '.join(missing)}")
    if extra:
        detail.append(f"applied here but not in the backup: {', '.join(extra)}")
    raise BackupError(
        f"the backup was made by Accord {manifest.get('accord_version')} with another"
        f" database schema ({'; '.join(detail)}); restore it with that version (then"
        " upgrade), or move the record with `accord dump` and `accord load`"
    )


def _check_tables(manifest: dict[str, Any]) -> dict[str, tuple[type[Model], dict[str, Any]]]:
    """The backup's tables, each with its model here: the same tables, the same columns."""
    ours = {model._meta.label: model for model in tables.backed_up_models()}
    theirs = {item["model"]: item for item in manifest.get("tables") or []}
    if set(theirs) != set(ours):
        raise BackupError(
            "the backup's tables differ from this installation's:"
            f" {', '.join(sorted(set(theirs) ^ set(ours)))}"
        )
    problems = []
    for label, item in theirs.items():
        names = [field.attname for field in tables.columns(ours[label])]
        if item.get("columns") != names or item.get("member") != tables.member_name(ours[label]):
            problems.append(f"{label}: columns {item.get('columns')}, here {names}")
    if problems:
        raise BackupError(
            "the backup's columns differ from this installation's: " + "; ".join(problems)
        )
    return {label: (ours[label], theirs[label]) for label in sorted(theirs)}


def _check_files(
    archive: Archive, models: dict[str, tuple[type[Model], dict[str, Any]]]
) -> list[dict[str, Any]]:
    """The manifest's files: exactly those the backup's document file rows name, with the
    same checksums, each a member of the archive."""
    _, described = models[DocumentFile._meta.label]
    columns = described["columns"]
    at = {name: columns.index(name) for name in ("id", "storage_name", "sha256", "size")}
    recorded = {
        row[at["storage_name"]]: (row[at["id"]], row[at["size"]], row[at["sha256"]])
        for row in archive.lines(described["member"])
    }
    files = archive.manifest.get("files") or []
    listed = {item["storage_name"]: (item["id"], item["size"], item["sha256"]) for item in files}
    if listed != recorded:
        raise BackupError(
            f"{archive.path} is damaged: its files differ from the document files its rows name"
        )
    for item in files:
        member = archive.members.get(item["member"])
        if member is None or (member["size"], member["sha256"]) != (item["size"], item["sha256"]):
            raise BackupError(
                f"{archive.path} is damaged: {item['member']} is not the file recorded"
            )
        name = PurePosixPath(item["storage_name"])
        if name.is_absolute() or ".." in name.parts:
            raise BackupError(f"{archive.path}: a file named {item['storage_name']!r} is refused")
    return files


def _check_empty() -> None:
    installation = set(tables.INSTALLATION)
    held = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in installation or not model._meta.managed or model._meta.proxy:
            continue
        if model._base_manager.exists():
            held.append(f"{model._base_manager.count()} {model._meta.verbose_name_plural}")
    if held:
        more = f" and {len(held) - 5} more kinds of row" if len(held) > 5 else ""
        raise BackupError(
            "this installation is not empty (it holds "
            + ", ".join(held[:5])
            + more
            + "); a backup is restored only into a new installation: an empty database"
            " prepared with `accord migrate`. Nothing was restored."
        )


def _check_storage(storage: Storage, files: list[dict[str, Any]]) -> set[str]:
    """Names already stored with the same content (kept); refused if another content is
    stored under a restored file's name."""
    same, taken = set(), []
    for item in files:
        name = item["storage_name"]
        if not storage.exists(name):
            continue
        if _digest_of(storage, name) == item["sha256"]:
            same.add(name)
        else:
            taken.append(name)
    if taken:
        raise BackupError(
            "the files storage already holds other files under the names of restored ones"
            f" ({', '.join(taken[:5])}{' ...' if len(taken) > 5 else ''}); nothing was restored"
        )
    return same


def _digest_of(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        while block := stored.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _store(storage: Storage, archive: Archive, item: dict[str, Any]) -> None:
    with archive.open(item["member"]) as content:
        saved = storage.save(item["storage_name"], File(content, name=item["storage_name"]))
    if saved != item["storage_name"]:
        storage.delete(saved)
        raise BackupError(f"the files storage stored {item['storage_name']} as {saved}")


def _forget(storage: Storage, names: list[str]) -> None:
    for name in names:
        # What can be removed is; the error that stopped the restore is the one raised.
        with contextlib.suppress(Exception):
            storage.delete(name)


def _rebuild_search_index(say: Progress) -> None:
    from accord.search import index

    index.rebuild(lambda message: say(f"search index: {message}"))


def _verify_audit(manifest: dict[str, Any], say: Progress) -> tuple[int, str]:
    say("verifying the audit trail")
    # The archive holds no audit key: the trail verifies under the key of the
    # installation the backup was made from, which the restore must be given.
    try:
        count, broken = audit.verify()
    except ImproperlyConfigured as exc:
        raise BackupError(
            f"the restored audit trail cannot be verified ({exc}); restore with the audit"
            " key of the installation the backup was made from; nothing was restored"
        ) from None
    if broken is not None:
        raise BackupError(
            f"the restored audit trail does not verify: entry {broken.seq} {broken.reason};"
            " nothing was restored"
        )
    expected = manifest.get("audit") or {}
    last = AuditEntry.objects.order_by("-seq").values_list("hash", flat=True).first()
    last = last or audit.GENESIS
    if count != expected.get("entries") or last != expected.get("last_hash"):
        raise BackupError(
            f"the restored audit trail ({count} entries, last {last[:16]}) is not the"
            f" backup's ({expected.get('entries')} entries, last"
            f" {str(expected.get('last_hash'))[:16]}); nothing was restored"
        )
    return count, last
