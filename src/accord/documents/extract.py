"""Reading an uploaded file's text in a process of its own, bounded in time and memory.

The process that received the file (a web worker, `accord attach`) never parses it: it
starts a child, `python -I -c ... accord.documents.extract.main`, with the file as the
child's standard input, waits at most ACCORD_EXTRACT_TIMEOUT seconds, kills it if it is
still running, and gets back on a pipe only the type, the text (at most
ACCORD_EXTRACT_MAX_TEXT characters) and a note, or the reason the file is refused.
Whatever reading the file costs is the child's, and is returned to the system when it
ends.

The child bounds itself before it reads a byte: its address space to
ACCORD_EXTRACT_MEMORY_MB, its processor time to the timeout, no file written, no core
dump. It runs isolated (`-I`: no environment variable, user site or current directory
read) with an empty environment, so none of the parent's secrets reach the code that
parses hostile input. It reads its input by position (pread), leaving the offset it
shares with the parent's file where the parent left it.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import math
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from accord.core.errors import DomainError, Problem
from accord.documents import content
from accord.documents.content import MB, Inspected, Limits

logger = logging.getLogger(__name__)

# The directory holding the `accord` package, put first on the child's path so that
# it runs the same code as its parent.
_ROOT = str(Path(content.__file__).resolve().parents[2])
_START = (
    "import sys; root = sys.argv[1]; sys.path[:0] = [] if root in sys.path else [root]; "
    "from accord.documents.extract import main; sys.exit(main(sys.argv[2:]))"
)
_OUT_OF_MEMORY = 3  # the child's exit status when it ran out of memory


def limits() -> Limits:
    """The limits the settings give (ACCORD_EXTRACT_*)."""
    from django.conf import settings

    return Limits(
        seconds=settings.ACCORD_EXTRACT_TIMEOUT,
        memory_mb=settings.ACCORD_EXTRACT_MEMORY_MB,
        max_pages=settings.ACCORD_EXTRACT_MAX_PAGES,
        max_text=settings.ACCORD_EXTRACT_MAX_TEXT,
        max_xml=settings.ACCORD_EXTRACT_MAX_XML_MB * MB,
    )


# --- the parent -----------------------------------------------------------------------


def inspect(stream: BinaryIO, limits: Limits) -> Inspected:
    """content.inspect(stream, limits), run in a child process bounded by `limits`.

    DomainError on `file` for what content.inspect refuses, and when reading takes
    longer than `limits.seconds` (the child is killed) or more memory than
    `limits.memory_mb`; RuntimeError when the child fails otherwise (a fault of
    Accord's, with its error in the log).
    """
    with _regular_file(stream) as source:
        process = subprocess.Popen(
            [sys.executable, "-I", "-c", _START, _ROOT, json.dumps(dataclasses.asdict(limits))],
            stdin=source,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={"LC_ALL": "C.UTF-8"},
        )
        try:
            out, err = process.communicate(timeout=limits.seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise _took_too_long(limits) from None
        finally:
            if process.poll() is None:  # the wait was interrupted otherwise
                process.kill()
                process.wait()
    return _answer(process.returncode, out, err, limits)


def _took_too_long(limits: Limits) -> DomainError:
    return DomainError.at("file", f"reading its text took longer than {limits.seconds:g} seconds")


def _answer(status: int, out: bytes, err: bytes, limits: Limits) -> Inspected:
    if status == 0:
        answer = json.loads(out)
        if "refused" in answer:
            raise DomainError(Problem(field, reason) for field, reason in answer["refused"])
        (filetype,) = [t for t in content.TYPES if t.content_type == answer["type"]]
        return Inspected(filetype, answer["text"], answer["note"])
    if status in (-signal.SIGKILL, -signal.SIGXCPU):  # stopped at its CPU limit
        raise _took_too_long(limits)
    if status == _OUT_OF_MEMORY:
        raise DomainError.at(
            "file", f"reading its text needs more than {limits.memory_mb} MB of memory"
        )
    detail = err.decode(errors="replace").strip()[-2000:]
    if status < 0:  # a reader's own fault, on this file: the file cannot be read
        logger.warning("reading a file's text stopped on signal %d: %s", -status, detail)
        raise DomainError.at("file", f"its text cannot be read (the reader stopped: {-status})")
    logger.error("reading a file's text failed (exit status %d): %s", status, detail)
    raise RuntimeError(f"reading a file's text failed (exit status {status})")


@contextmanager
def _regular_file(stream: BinaryIO) -> Iterator[int]:
    """A descriptor of a regular file holding `stream`'s bytes: its own when it has
    one (an upload spooled to disk, a file named to `accord attach`), else a
    temporary copy."""
    try:
        descriptor = stream.fileno()
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
    except (AttributeError, OSError, io.UnsupportedOperation):
        regular = False
    if regular:
        stream.flush()
        yield descriptor
        return
    with tempfile.TemporaryFile() as copy:
        stream.seek(0)
        shutil.copyfileobj(stream, copy, content.CHUNK)
        copy.flush()
        yield copy.fileno()


# --- the child ------------------------------------------------------------------------


class _ByPosition(io.RawIOBase):
    """A file descriptor read at positions of this reader's own (pread), never moving
    the offset it shares with the parent's open file."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor
        self.position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = os.pread(self.descriptor, len(buffer), self.position)
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_END:
            offset += os.fstat(self.descriptor).st_size
        elif whence == io.SEEK_CUR:
            offset += self.position
        self.position = max(0, offset)
        return self.position

    def tell(self) -> int:
        return self.position


def _bound(limits: Limits) -> None:
    import resource

    memory = limits.memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    seconds = math.ceil(limits.seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> int:
    """The child: read standard input within the limits in argv[0] (JSON), write the
    answer to standard output (JSON)."""
    import warnings

    import pypdf  # noqa: F401  (loaded before the limits, as lxml is)

    logging.disable(logging.CRITICAL)  # pypdf's warnings about damaged files
    warnings.simplefilter("ignore")
    limits = Limits(**json.loads(argv[0]))
    _bound(limits)
    try:
        source = io.BufferedReader(_ByPosition(sys.stdin.fileno()), content.CHUNK)
        try:
            found = content.inspect(source, limits)
            answer: dict = {"type": found.type.content_type, "text": found.text, "note": found.note}
        except DomainError as exc:
            answer = {"refused": [[p.field, p.reason] for p in exc.problems]}
        sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode())
        sys.stdout.flush()
    except MemoryError:
        return _OUT_OF_MEMORY
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
