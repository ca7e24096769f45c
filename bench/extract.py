"""Reading the text of files that cost far more than their size: time and peak memory
of the process that received the file (a web worker, `accord attach`) and of the
child that reads it.

Each case is written to a temporary directory first (as an upload is spooled to
disk), then read in a fresh process of its own, as `attach_file` reads it, with the
default limits (ACCORD_EXTRACT_*). Its figures: the seconds it took; the parent's
peak resident memory and what it holds once done (memory not returned to the system
stays with a worker until it is restarted); the child's peak (read from /proc while
it runs; none when the parent reads the file itself, as Accord did before the child
process). Peaks are VmHWM, since the process started its program.

    .venv/bin/python bench/extract.py [--cases docx-60mb-text ...] [--src DIR]

`--src DIR` runs the cases against another checkout's `src` (for example the code
before the child process: `git archive main src | tar -x -C /tmp/before`); when
that code has no accord.documents.extract, the file is read in the parent.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 1024 * 1024


def _cases() -> dict[str, Callable[[], bytes]]:
    from tests.documents_files import samples

    lines = b" ".join(
        b"(Line %d of the page, as a report would have it.) Tj 0 -14 Td" % n for n in range(3)
    )
    operations = b"BT /F1 12 Tf 72 720 Td " + b"(x) Tj " * 300_000 + b"ET"
    return {
        # As the finding: about 200 kB of DEFLATE expanding to 60 MB of XML.
        "docx-60mb-text": lambda: samples.docx_expanding(60_000_000),
        "docx-60mb-markup": lambda: samples.docx_expanding(60_000_000, paragraph="<w:p/>"),
        "odt-60mb-text": lambda: samples.odt_expanding(60_000_000),
        # Just under the default limit of 20 MB of XML: the most a package may cost.
        "docx-19mb-markup": lambda: samples.docx_expanding(19 * MB, paragraph="<w:p/>"),
        "docx-19mb-text": lambda: samples.docx_expanding(19 * MB),
        # As the finding: 20,000 pages (8 MB here).
        "pdf-20000-pages": lambda: samples.pdf_pages(
            20_000, content=b"BT /F1 10 Tf 50 780 Td " + lines + b" ET"
        ),
        "pdf-inflates-to-60mb": lambda: samples.pdf_inflating(60_000_000),
        # One page of 300,000 text operations, 4 kB compressed.
        "pdf-300000-operations": lambda: _one_page(operations),
    }


def _one_page(stream: bytes) -> bytes:
    import zlib

    from tests.documents_files import samples

    packed = zlib.compress(stream, 9)
    return samples._pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + packed
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]
    )


def _memory(field: str, pid: int | str = "self") -> int:
    """VmRSS (resident now) or VmHWM (the peak since the process started its program;
    ru_maxrss would count what it had before, as a fork of its parent)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    return 0


class _Watched(subprocess.Popen):
    """A child whose peak memory is read while it runs (by its VmHWM, every 5 ms)."""

    peaks: list[int] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.peaks.append(0)
        index = len(self.peaks) - 1

        def watch() -> None:
            while self.poll() is None:
                self.peaks[index] = max(self.peaks[index], _memory("VmHWM", self.pid))
                time.sleep(0.005)

        threading.Thread(target=watch, daemon=True).start()


def one(path: Path, src: str) -> dict:
    """Read `path` as attach_file does (in this process: the parent) and measure."""
    sys.path.insert(0, src)
    from accord.core.errors import DomainError
    from accord.documents import content

    try:
        from accord.documents import extract
    except ImportError:  # before the child process: the parent reads the file itself
        extract = None
    import lxml.etree  # noqa: F401  (loaded by both, before measuring)
    import pypdf  # noqa: F401

    if extract is not None:
        extract.subprocess.Popen = _Watched
    before = _memory("VmRSS")
    started = time.perf_counter()
    with path.open("rb") as handle:
        try:
            if extract is None:
                found = content.inspect(handle)
                note = ""
            else:
                found = extract.inspect(handle, content.Limits())
                note = found.note
            result = f"read: {len(found.text)} characters" + (f"; {note}" if note else "")
        except DomainError as exc:
            result = f"refused: {exc}"
    seconds = time.perf_counter() - started
    found = None  # what a worker holds once the request is answered
    gc.collect()
    return {
        "result": result,
        "seconds": seconds,
        "parent_start": before,
        "parent_peak": _memory("VmHWM"),
        "parent_after": _memory("VmRSS"),
        "child_peak": max(_Watched.peaks) if _Watched.peaks else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    cases = _cases()
    parser.add_argument("--cases", nargs="+", choices=sorted(cases), default=list(cases))
    parser.add_argument("--src", default=str(ROOT / "src"))
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(Path(args.one), str(Path(args.src).resolve()))))
        return 0
    print(f"code: {args.src}")
    print(
        f"{'case':<24} {'file':>9} {'seconds':>8} {'parent peak':>12} {'after':>8}"
        f" {'child peak':>11}  result"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.cases:
            path = Path(tmp) / name
            path.write_bytes(cases[name]())
            run = subprocess.run(
                [sys.executable, __file__, "--one", str(path), "--src", args.src],
                capture_output=True,
                text=True,
                check=True,
            )
            f = json.loads(run.stdout)
            child = (
                f"{f['child_peak'] / MB:8.0f} MB" if f["child_peak"] is not None else "    (none)"
            )
            print(
                f"{name:<24} {path.stat().st_size / 1024:>6.0f} kB {f['seconds']:>8.2f}"
                f" {f['parent_peak'] / MB:>9.0f} MB {f['parent_after'] / MB:>5.0f} MB {child:>11}"
                f"  {f['result'][:90]}"
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
