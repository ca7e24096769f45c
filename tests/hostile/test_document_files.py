"""Hostile document files through both ways in (the API's multipart upload and
`accord attach`): XML tricks inside DOCX and ODT packages, files that cost far more to
read than their size (ZIP bombs, PDFs of many pages), hostile file names, files over
the size limit.

No entity is expanded and nothing is fetched (a local HTTP server stands ready and
must see no request); a part that declares a DTD is refused, quickly and in little
memory; whatever is refused leaves no row, no audit entry and no stored file; a name
is kept only as a safe name, and offered back in a Content-Disposition that cannot
be broken out of.
"""

from __future__ import annotations

import io
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accord.core.errors import DomainError
from accord.documents.content import PDF, inspect, safe_name
from accord.documents.models import Document, DocumentFile
from tests.documents_files import samples
from tests.hostile.conftest import CORPUS, corpus_json

RELEASE = "sco-press-release-2019-05-15"  # public, with a version 1
FILES = f"/organizations/sco/documents/{RELEASE}/versions/1/files"
XML = CORPUS / "xml"
# Parts that declare a DTD: refused whatever the DTD holds.
WITH_DTD = {
    "billion-laughs.xml": "docx",
    "external-file.xml": "docx",
    "external-http.xml": "docx",
    "dtd-fetch.xml": "docx",
    "parameter-entity.xml": "docx",
    "odt-external.xml": "odt",
}
# Parts read as text: (package, words the text must hold, words it must not).
READ = {
    "xinclude.xml": ("docx", ["before"], ["root:", "fetched"]),
    "script-text.xml": ("docx", ["<script>alert(1)</script>", "=cmd", "مجلس الأمن"], ["\u202e"]),
    "odt-space-bomb.xml": ("odt", ["a b c d"], []),
}
NAMES: list[tuple[str, str]] = [tuple(pair) for pair in corpus_json("filenames.json")]
# Files that expand when read (corpus/files, made by tests/documents_files/samples.py:
# docx_expanding and odt_expanding with BZIP2, pdf_inflating; the 1000 bytes that
# docx-says-1000-bytes.docx declares for its part of 10 MB were written into its headers).
BOMBS = {
    "docx-text-60mb.docx": "its part word/document.xml expands to more than 20 MB of XML",
    "docx-markup-60mb.docx": "its part word/document.xml expands to more than 20 MB of XML",
    "odt-text-60mb.odt": "its part content.xml expands to more than 20 MB of XML",
    "docx-says-1000-bytes.docx": "a damaged package (Bad CRC-32 for file 'word/document.xml')",
}


class _Listener(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"fetched")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server that notes every request it gets."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Listener)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server.server_address[1], _Listener.seen
    server.shutdown()


def package(kind: str, part: str) -> bytes:
    """A DOCX or ODT package whose main part is `part`."""
    if kind == "docx":
        return samples.docx(document_xml=part)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        odt.writestr(zipfile.ZipInfo("mimetype"), samples.ODT_MIMETYPE, zipfile.ZIP_STORED)
        odt.writestr("content.xml", part, zipfile.ZIP_DEFLATED)
        odt.writestr("META-INF/manifest.xml", samples.ODT_MANIFEST, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def corpus_file(name: str, port: int) -> bytes:
    kind = WITH_DTD.get(name) or READ[name][0]
    part = (XML / name).read_text(encoding="utf-8").replace("{port}", str(port))
    return package(kind, part)


def upload(api, content: bytes, name: str, language: str = "ru"):
    handle = io.BytesIO(content)
    handle.name = name
    return api.upload(FILES, {"file": handle, "language": language})


def attach(tmp_path: Path, content: bytes, name: str) -> str:
    """`accord attach` of `content` saved as `name`: its error, or "" when attached."""
    path = tmp_path / name
    path.write_bytes(content)
    try:
        call_command("attach", "sco", RELEASE, str(path), "--version", "1", "--language", "ru")
    except CommandError as exc:
        return str(exc)
    return ""


# --- XML inside the packages -------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(WITH_DTD))
def test_a_part_declaring_a_dtd_is_refused(secretariat, unchanged, listener, tmp_path, name):
    port, seen = listener
    content = corpus_file(name, port)
    started = time.perf_counter()
    answer = upload(secretariat, content, "report.docx")
    assert time.perf_counter() - started < 5.0  # an expansion would take minutes
    assert answer.status == 422, answer.body
    assert answer.fields == ["file"]
    # The parser stops at the DOCTYPE, before it reads a declaration of the DTD.
    reason = "its part word/document.xml declares a DTD, which a document never needs"
    if name.startswith("odt"):
        reason = reason.replace("word/document.xml", "content.xml")
    assert answer.body["detail"] == [{"field": "file", "reason": reason}]
    assert attach(tmp_path, content, "report.docx") == f"file: {reason}"
    assert seen == []
    unchanged()
    # Read in little memory: an expansion would take gigabytes.
    tracemalloc.start()
    with pytest.raises(DomainError):
        inspect(io.BytesIO(content))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


@pytest.mark.parametrize("name", sorted(READ))
def test_a_part_is_read_as_text_and_nothing_else(secretariat, listener, name):
    port, seen = listener
    _, present, absent = READ[name]
    answer = upload(secretariat, corpus_file(name, port), "report.docx")
    assert answer.status == 201, answer.body
    text = DocumentFile.objects.get(sha256=answer.body["sha256"]).text
    for words in present:
        assert words in text
    for words in absent:
        assert words not in text
    assert seen == []


def test_the_command_reads_the_same_way(db, listener, tmp_path):
    port, seen = listener
    assert attach(tmp_path, corpus_file("xinclude.xml", port), "x.docx") == ""
    assert "root:" not in DocumentFile.objects.get().text
    assert seen == []


# --- files that cost more to read than their size ----------------------------------------


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_package_expanding_beyond_the_limit_is_refused(secretariat, unchanged, tmp_path, name):
    content = (CORPUS / "files" / name).read_bytes()
    answer = upload(secretariat, content, name)
    assert answer.status == 422, answer.body
    assert answer.body["detail"] == [{"field": "file", "reason": BOMBS[name]}]
    assert attach(tmp_path, content, name) == f"file: {BOMBS[name]}"
    unchanged()


def test_a_docx_of_200_kb_and_60_mb_of_xml_is_refused(secretariat, unchanged):
    """As Word would compress it (DEFLATE)."""
    content = samples.docx_expanding(60_000_000)
    answer = upload(secretariat, content, "bomb.docx")
    assert answer.status == 422
    assert "expands to more than 20 MB" in answer.body["detail"][0]["reason"]
    unchanged()


def test_a_pdf_of_more_pages_than_the_limit_is_kept_with_the_text_of_its_first(
    secretariat, settings
):
    settings.ACCORD_EXTRACT_MAX_PAGES = 10
    answer = upload(secretariat, samples.pdf_pages(400), "long.pdf")
    assert answer.status == 201, answer.body
    assert answer.body["text_note"] == "the text of its first 10 pages only (of 400)"
    row = DocumentFile.objects.get(sha256=answer.body["sha256"])
    assert row.text.splitlines() == [f"Page {n}." for n in range(1, 11)]
    assert row.text_note == answer.body["text_note"]


def test_a_pdf_that_inflates_is_read_within_the_memory_limit(secretariat, settings, unchanged):
    content = (CORPUS / "files" / "pdf-inflates-to-60mb.pdf").read_bytes()
    settings.ACCORD_EXTRACT_MEMORY_MB = 128
    answer = upload(secretariat, content, "inflates.pdf")
    assert answer.status == 422
    assert answer.body["detail"] == [
        {"field": "file", "reason": "reading its text needs more than 128 MB of memory"}
    ]
    unchanged()
    settings.ACCORD_EXTRACT_MEMORY_MB = 512
    assert upload(secretariat, content, "inflates.pdf").status == 201


def test_reading_that_takes_too_long_is_stopped(secretariat, settings, unchanged, tmp_path):
    settings.ACCORD_EXTRACT_TIMEOUT = 0.05
    content = samples.pdf_pages(1_000)
    answer = upload(secretariat, content, "slow.pdf")
    assert answer.status == 422
    assert answer.body["detail"] == [
        {"field": "file", "reason": "reading its text took longer than 0.05 seconds"}
    ]
    assert attach(tmp_path, content, "slow.pdf") == (
        "file: reading its text took longer than 0.05 seconds"
    )
    unchanged()


# --- names ----------------------------------------------------------------------------------


@pytest.mark.database_independent
@pytest.mark.parametrize(
    ("raw", "safe"), NAMES, ids=[n[:30].encode("unicode_escape").decode() for n, _ in NAMES]
)
def test_a_hostile_name_is_kept_as_a_safe_one(raw, safe):
    assert safe_name(raw, PDF) == safe


def test_hostile_names_through_the_api_and_back(secretariat, anonymous, files_storage):
    """Each name through a real multipart upload (Django's parser takes the last path
    component first), then downloaded: the name is safe, the stored file is under a
    name of Accord's own, and the Content-Disposition cannot be broken out of."""
    content = samples.pdf("A file with a hostile name")
    for language, (raw, _) in zip(["ru", "en", "zh"] * 10, NAMES, strict=False):
        DocumentFile.objects.filter(version__document__slug=RELEASE).delete()
        answer = upload(secretariat, content, raw, language)
        if len(raw.encode()) > 1000:  # over the size Django reads of a part's headers
            assert answer.status == 400
            assert answer.fields == ["body"]
            assert "header size" in answer.body["detail"][0]["reason"]
            continue
        assert answer.status == 201, (raw, answer.body)
        name = answer.body["name"]
        assert name.endswith(".pdf") and not name.startswith(".")
        assert not set(name) & set('/\\\x00\r\n<>:"|?*\u202e')
        assert len(name) <= 200
        stored = DocumentFile.objects.get(version__document__slug=RELEASE).storage_name
        assert stored.startswith(f"sco/{RELEASE}/") and ".." not in stored
        assert (files_storage / stored).is_file()
        got, _ = anonymous.download(answer.body["url"].removeprefix("/api/v1"))
        disposition = got.headers["Content-Disposition"]
        assert disposition.isascii() and disposition.isprintable()
        plain = disposition.split('filename="', 1)[1].split('"', 1)[0]
        assert not set(plain) & set('/\\"')
    assert not any(p.is_file() for p in files_storage.rglob("*") if RELEASE not in str(p))


def test_a_hostile_name_through_the_command(db, tmp_path):
    assert attach(tmp_path, samples.pdf("x"), "CON .pdf") == ""
    assert DocumentFile.objects.get().name == "_CON.pdf"


# --- size -----------------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(
    secretariat, unchanged, settings, tmp_path
):
    settings.ACCORD_MAX_UPLOAD_BYTES = 20_000
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    unchanged.reset()
    content = samples.pdf("big") + b"%" * 50_000  # a PDF with a long comment
    answer = upload(secretariat, content, "big.pdf")
    # While it arrived, no more than the limit was kept, and that is gone too.
    assert list((tmp_path / "uploads").iterdir()) == []
    assert answer.status == 413, answer.body
    assert answer.fields == ["file"] or answer.fields == ["body"]
    assert "20000" in answer.body["detail"][0]["reason"]
    assert "20000 bytes" in attach(tmp_path, content, "big.pdf")
    unchanged()


def test_a_body_over_every_limit_is_refused_before_it_is_read(secretariat, unchanged, settings):
    """A Content-Length over the limits is refused at once (nothing is read)."""
    settings.ACCORD_MAX_UPLOAD_BYTES = 20_000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    unchanged.reset()
    answer = upload(secretariat, samples.pdf("big") + b"%" * 40_000, "big.pdf")
    assert answer.status == 413
    assert answer.body == {
        "detail": [
            {"field": "body", "reason": "the request is larger than the limit of 30000 bytes"}
        ]
    }
    unchanged()
    assert Document.objects.get(slug=RELEASE).versions.get().files.count() == 0
