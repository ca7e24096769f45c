"""`accord serve` in the production profile: gunicorn workers, WhiteNoise static files
with far-future caching and compression, conditional GET, and a clean deploy check."""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ACCORD = Path(sys.executable).with_name("accord")

# The server runs on a SQLite file of its own whatever database the run has: the
# answers are the same in both halves of `make test`, so only the SQLite half runs it.
pytestmark = pytest.mark.database_independent


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DATABASE_"))}
    env.update(
        ACCORD_DEBUG="false",
        ACCORD_SECRET_KEY=secrets.token_urlsafe(50),
        ACCORD_VAR_DIR=str(tmp_path / "var"),
        **extra,
    )
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = production_env(tmp_path, ACCORD_HTTPS="false", WEB_CONCURRENCY="2")
    process = subprocess.Popen(
        [ACCORD, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"accord serve did not start: {process.stdout.read()}")
            time.sleep(0.2)
    yield port, process, tmp_path
    process.terminate()
    process.wait(timeout=20)


def test_the_production_server_runs_gunicorn_with_the_configured_workers(server):
    port, process, _ = server
    answer = get(port, "/")
    assert answer.status == 200
    assert answer.getheader("Server") == "gunicorn"
    workers = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    assert len(workers) == 2


def test_pages_answer_304_to_a_conditional_get(server):
    port, _, _ = server
    first = get(port, "/")
    etag = first.getheader("ETag")
    assert etag
    again = get(port, "/", **{"If-None-Match": etag})
    assert again.status == 304
    assert again.body == b""


def test_pages_are_compressed_for_clients_that_accept_it(server):
    port, _, _ = server
    answer = get(port, "/", **{"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert "Accept-Encoding" in answer.getheader("Vary")


def test_static_files_have_hashed_names_far_future_caching_and_gzip(server):
    port, _, tmp_path = server
    collected = sorted((tmp_path / "var" / "static" / "accord").glob("accord.*.css"))
    assert collected, "collectstatic wrote no hashed stylesheet"
    answer = get(port, f"/static/accord/{collected[0].name}", **{"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert "immutable" in answer.getheader("Cache-Control")
    assert answer.getheader("Content-Encoding") == "gzip"


def test_security_headers_in_production(server):
    port, _, _ = server
    answer = get(port, "/")
    assert answer.getheader("X-Frame-Options") == "DENY"
    assert answer.getheader("X-Content-Type-Options") == "nosniff"
    assert answer.getheader("Referrer-Policy") == "same-origin"
    assert answer.getheader("Cross-Origin-Opener-Policy") == "same-origin"
    assert "camera=()" in answer.getheader("Permissions-Policy")
    policy = answer.getheader("Content-Security-Policy")
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert answer.getheader("Strict-Transport-Security") is None  # ACCORD_HTTPS=false


def test_hsts_and_secure_cookies_over_tls_in_production(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SESSION_COOKIE_SAMESITE)"
    )
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="accord.config.settings")
    shown = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert shown.stdout.split() == ["31536000", "True", "True", "True", "True", "True", "Lax"]


def test_the_deploy_check_is_clean_in_the_production_profile(tmp_path):
    result = subprocess.run(
        [ACCORD, "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bad_worker_count_is_named(tmp_path):
    result = subprocess.run(
        [ACCORD, "serve", "--port", str(free_port())],
        env=production_env(tmp_path, WEB_CONCURRENCY="many"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "WEB_CONCURRENCY: expected a whole number, got 'many'" in result.stderr


def test_collecting_compresses_each_content_once_into_the_files_whitenoise_writes(
    tmp_path, monkeypatch
):
    from whitenoise.compress import Compressor
    from whitenoise.storage import CompressedManifestStaticFilesStorage as WhiteNoiseStorage

    from accord.core.static import CompressedManifestStaticFilesStorage

    script = b"window.accord = function () { return 'the same script, twice'; };\n" * 300
    files = {
        "docs/bundle.js": script,
        "docs/bundle.0123456789ab.js": script,  # its hashed copy: the same bytes
        "accord/accord.css": b"main { margin: 0 auto; max-width: 60rem; }\n" * 200,
        "accord/tiny.js": b"x",  # compressing it saves nothing: left alone
    }
    compressed: list[bytes] = []
    brotli = Compressor.compress_brotli
    monkeypatch.setattr(
        Compressor, "compress_brotli", staticmethod(lambda d: compressed.append(d) or brotli(d))
    )
    made = {}
    for name, storage_class in [("whitenoise", WhiteNoiseStorage), ("accord", None)]:
        root = tmp_path / name
        for n, (path, content) in enumerate(files.items()):
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(content)
            os.utime(root / path, (1_700_000_000 + n, 1_700_000_000 + n))
        storage = (storage_class or CompressedManifestStaticFilesStorage)(location=str(root))
        compressed.clear()
        answered = sorted(storage.compress_files(list(files)))
        made[name] = (
            answered,
            {
                p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted(root.rglob("*"))
                if p.is_file()
            },
            len(compressed),
        )
    assert made["accord"][:2] == made["whitenoise"][:2]
    assert ("docs/bundle.0123456789ab.js", "docs/bundle.0123456789ab.js.br") in made["accord"][0]
    assert (made["whitenoise"][2], made["accord"][2]) == (4, 3)
