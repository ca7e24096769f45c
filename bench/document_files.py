"""Document files: time to attach a large PDF (`accord attach`: checks, checksum, text,
storing) and download throughput from `accord serve`.

A new SQLite file with the seed scenario, in a temporary directory with its own files
directory. The PDF is written here: PAGES pages of text and an unreferenced stream of
random bytes that brings it to --megabytes (random: nothing compresses it). The
download is made DOWNLOADS times, one after another, by the public (the file is
attached to the public press release); each is checked against the checksum.

    .venv/bin/python bench/document_files.py [--megabytes 40] [--pages 200]
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_pages import ACCORD, HOST, SEED, accord, free_port, wait_until_up

DOWNLOADS = 5
PATH = (
    "/organizations/sco/documents/sco-press-release-2019-05-15/versions/1/files/ru/signed-original/"
)


def big_pdf(megabytes: int, pages: int) -> bytes:
    """Objects: 1 catalog, 2 page tree, 3 font, then each page's content and page, and
    last the padding."""
    kids = [5 + 2 * page for page in range(pages)]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % k for k in kids), pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for page in range(pages):
        lines = " ".join(
            f"(Page {page + 1}, line {n + 1} of the signed original) Tj 0 -14 Td" for n in range(40)
        )
        stream = f"BT /F1 10 Tf 50 780 Td {lines} ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>" % (4 + 2 * page)
        )
    padding = os.urandom(megabytes * 1024 * 1024)
    objects.append(b"<< /Length %d >>\nstream\n" % len(padding) + padding + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=40)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "ACCORD_VAR_DIR": tmp,
            "ACCORD_DEBUG": "false",
            "ACCORD_HTTPS": "false",
            "ACCORD_SECRET_KEY": "bench-only-not-a-secret",
            "ACCORD_LOG_LEVEL": "ERROR",
            "ACCORD_MAX_UPLOAD_BYTES": str((args.megabytes + 10) * 1024 * 1024),
        }
        accord(env, "migrate", "--noinput", "-v0")
        accord(env, "load", *map(str, SEED))
        data = big_pdf(args.megabytes, args.pages)
        path = Path(tmp, "signed.pdf")
        path.write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        started = time.perf_counter()
        done = subprocess.run(
            [str(ACCORD), "attach", "sco", "sco-press-release-2019-05-15", "--version", "1",
             "--language", "ru", str(path), "--format", "json"],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        attach = time.perf_counter() - started
        attached = json.loads(done.stdout)
        assert attached["sha256"] == digest, attached
        print(f"accord attach of a {len(data) / 1e6:.1f} MB PDF ({args.pages} pages of text):"
              f" {attach:.2f} s for the whole command;"
              f" {attached['text_characters']} characters of text read")  # fmt: skip
        port = free_port()
        with Path(tmp, "server.log").open("w") as log:
            server = subprocess.Popen(
                [str(ACCORD), "serve", "--host", HOST, "--port", str(port), "--workers", "1"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_up(port, server)
                times = []
                for _ in range(DOWNLOADS):
                    started = time.perf_counter()
                    conn = http.client.HTTPConnection(HOST, port, timeout=120)
                    conn.request("GET", PATH, headers={"Accept-Encoding": "gzip"})
                    response = conn.getresponse()
                    body = response.read()
                    times.append(time.perf_counter() - started)
                    conn.close()
                    if response.status != 200 or hashlib.sha256(body).hexdigest() != digest:
                        print(f"download failed: {response.status}, {len(body)} bytes")
                        return 1
                median = statistics.median(times)
                print(f"download (accord serve, 1 worker), median of {DOWNLOADS}: {median:.2f} s,"
                      f" {len(data) / 1e6 / median:.0f} MB/s; checksum verified")  # fmt: skip
            finally:
                server.terminate()
                server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
