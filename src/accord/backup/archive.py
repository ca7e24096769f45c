"""The backup archive: a ZIP file whose members are listed, with their SHA-256, in its
manifest.

    manifest.json                 what the backup holds (see `accord.backup.service`)
    tables/APP.MODEL.jsonl        one table's rows, a JSON array per line, in the
                                  order of the manifest's `columns`
    files/STORAGE-NAME            a document file, byte for byte

ZIP rather than tar: each member is compressed on its own (the tables with deflate,
the document files, mostly compressed already, stored as they are), members are
written as they are read, without knowing their size first, and a restore reads the
manifest and then any member directly. ZIP's own CRC-32 catches most damage; the
manifest's SHA-256 of every member catches the rest, and is checked for the whole
archive before a restore writes anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

FORMAT = "accord-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore that cannot be made; the message says why (nothing was
    written, or what was written was removed again)."""


class _Hashing:
    """A writable stream that counts and hashes what goes through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.size = 0
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.raw.write(data)
        self.size += len(data)
        self.digest.update(data)
        return len(data)


class ArchiveWriter:
    """Writes an archive next to `path` and puts it in place only when it is complete,
    so a backup that fails leaves nothing behind (and never half a file at `path`)."""

    def __init__(self, path: Path) -> None:
        if path.exists():
            raise BackupError(f"{path} already exists; give the backup a new name")
        if not path.parent.is_dir():
            raise BackupError(f"{path.parent} is not a directory")
        self.path = path
        self.partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
        # Level 1: the tables shrink almost as much as at the default 6, several times faster.
        self.zip = zipfile.ZipFile(
            self.partial, "x", compression=zipfile.ZIP_DEFLATED, compresslevel=1, allowZip64=True
        )
        self.members: dict[str, dict[str, Any]] = {}

    @contextmanager
    def member(self, name: str, *, compress: bool = True) -> Iterator[_Hashing]:
        target: str | zipfile.ZipInfo = name  # compressed as the archive says
        if not compress:
            target = zipfile.ZipInfo(name, date_time=time.gmtime()[:6])
            target.compress_type = zipfile.ZIP_STORED
            target.external_attr = 0o600 << 16
        with self.zip.open(target, "w", force_zip64=True) as raw:
            stream = _Hashing(raw)
            yield stream
        self.members[name] = {"size": stream.size, "sha256": stream.digest.hexdigest()}

    def finish(self, manifest: dict[str, Any]) -> int:
        """Write the manifest, close, put the archive at its path; its size in bytes."""
        manifest = {**manifest, "members": self.members}
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        self.zip.writestr(MANIFEST, data)
        self.zip.close()
        with self.partial.open("rb") as written:
            os.fsync(written.fileno())
        if self.path.exists():
            raise BackupError(f"{self.path} was created while the backup ran; nothing replaced")
        self.partial.rename(self.path)
        return self.path.stat().st_size

    def abandon(self) -> None:
        self.zip.close()
        self.partial.unlink(missing_ok=True)


class Archive:
    """An archive opened for restoring: the manifest read, members read on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except FileNotFoundError:
            raise BackupError(f"{path}: no such file") from None
        except (zipfile.BadZipFile, OSError) as exc:
            raise BackupError(f"{path}: not a readable backup archive ({exc})") from None
        try:
            manifest = json.loads(self.zip.read(MANIFEST))
        except KeyError:
            raise BackupError(
                f"{path}: has no {MANIFEST}: not an Accord backup, or cut short"
            ) from None
        except (zipfile.BadZipFile, zlib.error, ValueError, OSError) as exc:
            raise BackupError(f"{path}: its manifest is damaged ({exc})") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(f"{path}: not an Accord backup")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"{path}: backup format version {manifest.get('format_version')!r}; this"
                f" Accord reads version {FORMAT_VERSION}"
            )
        self.manifest: dict[str, Any] = manifest
        self.members: dict[str, dict[str, Any]] = manifest.get("members") or {}

    def close(self) -> None:
        self.zip.close()

    def verify(self, progress: Callable[[str], None]) -> None:
        """Read every member and check its size and SHA-256 against the manifest; and
        that the archive holds nothing the manifest does not list."""
        present = set(self.zip.namelist()) - {MANIFEST}
        listed = set(self.members)
        problems = [f"{name}: is missing" for name in sorted(listed - present)]
        problems += [f"{name}: is not listed in the manifest" for name in sorted(present - listed)]
        total = sum(int(m.get("size", 0)) for m in self.members.values())
        done = 0
        for name in sorted(listed & present):
            expected = self.members[name]
            digest, size = hashlib.sha256(), 0
            try:
                with self.zip.open(name) as member:
                    while block := member.read(CHUNK):
                        digest.update(block)
                        size += len(block)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
                problems.append(f"{name}: cannot be read ({exc})")
                continue
            if size != expected.get("size") or digest.hexdigest() != expected.get("sha256"):
                problems.append(f"{name}: its content differs from the manifest's checksum")
            done += size
            progress(f"checked {name} ({_megabytes(done)} of {_megabytes(total)})")
        if problems:
            raise BackupError(
                f"{self.path} is damaged; nothing was restored:\n  " + "\n  ".join(problems)
            )

    def lines(self, name: str) -> Iterator[list[Any]]:
        """The rows of a table member, one JSON array a line."""
        with self.zip.open(name) as member:
            for line in member:
                yield json.loads(line)

    def open(self, name: str) -> IO[bytes]:
        return self.zip.open(name)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
