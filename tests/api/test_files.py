"""Files of document versions through the API: upload (multipart, the secretariat only),
download (to the document's readers only, 404 to the others), removal, and the
document's representation listing them."""

from __future__ import annotations

import hashlib
import io

import pytest

from accord.documents.inputs import DocumentFields
from accord.documents.models import Document, DocumentFile
from accord.documents.services import save_document, set_versions
from accord.registry.models import Organization, Party
from tests.api.conftest import ROLES
from tests.documents_files import samples

SCO = "/organizations/sco"
RELEASE = "sco-press-release-2019-05-15"  # public, version 1 in English
REPORT = "scsc-14-information-report"  # organization-restricted
ROADMAP = "observer-states-roadmap"  # restricted to the Security Council Secretaries
SHARED = "shared-with-mongolia"  # named parties: Mongolia (an observer)

READERS = {
    RELEASE: set(ROLES),
    REPORT: {"admin", "secretariat", "delegation-scs", "delegation", "chair-team"},
    ROADMAP: {"admin", "secretariat", "delegation-scs"},
    SHARED: {"admin", "secretariat", "observer"},
}


def upload_fields(content: bytes, name: str, language: str = "ru", kind: str | None = None):
    handle = io.BytesIO(content)
    handle.name = name
    fields = {"file": handle, "language": language}
    if kind is not None:
        fields["kind"] = kind
    return fields


@pytest.fixture
def documents(db):
    """Version 1 of each restricted document (the seed records none), and a document
    shared with Mongolia by name."""
    sco = Organization.objects.get(slug="sco")
    shared = save_document(
        sco,
        SHARED,
        DocumentFields(
            type=Document.objects.get(organization=sco, slug=REPORT).type,
            title="A note shared with Mongolia",
            classification="parties",
        ),
        shared_with=[Party.objects.get(code="MN")],
    )
    for document in [*Document.objects.filter(slug__in=[REPORT, ROADMAP]), shared]:
        set_versions(document, [{"number": 1, "language": "ru", "text": ""}])
    return READERS


def files_of(slug: str) -> str:
    return f"{SCO}/documents/{slug}/versions/1/files"


def test_upload_and_download_give_back_the_same_bytes(secretariat, anonymous):
    content = samples.pdf("Press release of the 14th meeting", "Bishkek, 15 May 2019")
    answer = secretariat.upload(files_of(RELEASE), upload_fields(content, "Пресс-релиз.pdf"))
    assert answer.status == 201, answer.body
    digest = hashlib.sha256(content).hexdigest()
    assert answer.body["sha256"] == digest
    assert answer.body["size"] == len(content)
    assert answer.body["content_type"] == "application/pdf"
    assert answer.body["kind"] == "signed-original"
    assert answer.body["name"] == "Пресс-релиз.pdf"
    assert answer.etag == f'"{digest}"'
    url = answer.body["url"].removeprefix("/api/v1")
    assert url == f"{files_of(RELEASE)}/ru/signed-original"
    assert answer.headers["Location"].endswith(answer.body["url"])

    got, body = anonymous.download(url)
    assert got.status == 200
    assert body == content
    assert hashlib.sha256(body).hexdigest() == digest
    assert got.headers["Content-Type"] == "application/pdf"
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.headers["ETag"] == f'"{digest}"'
    assert got.headers["Content-Length"] == str(len(content))
    assert got.headers["Content-Disposition"] == (
        "attachment; filename=\"document.pdf\"; filename*=UTF-8''"
        + "%D0%9F%D1%80%D0%B5%D1%81%D1%81-%D1%80%D0%B5%D0%BB%D0%B8%D0%B7.pdf"
    )

    again, body = anonymous.download(url, **{"If-None-Match": f'"{digest}"'})
    assert again.status == 304 and body == b""

    detail = anonymous.get(f"{SCO}/documents/{RELEASE}").body
    (version,) = detail["versions"]
    assert [f["sha256"] for f in version["files"]] == [digest]
    assert version["files"][0]["url"] == answer.body["url"]


def test_a_compressing_client_gets_the_bytes_as_stored(secretariat, anonymous):
    content = samples.docx("A plan " * 200)
    answer = secretariat.upload(files_of(RELEASE), upload_fields(content, "plan.docx", "zh"))
    assert answer.status == 201, answer.body
    got, body = anonymous.download(
        answer.body["url"].removeprefix("/api/v1"), **{"Accept-Encoding": "gzip"}
    )
    assert body == content
    assert "Content-Encoding" not in got.headers
    assert got.headers["ETag"] == f'"{hashlib.sha256(content).hexdigest()}"'


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("slug", [RELEASE, REPORT, ROADMAP, SHARED])
def test_only_readers_of_the_document_download_its_files(
    as_role, secretariat, documents, role, slug
):
    content = samples.odt("Протокол заседания")
    uploaded = secretariat.upload(files_of(slug), upload_fields(content, "protocol.odt"))
    assert uploaded.status == 201, uploaded.body
    url = uploaded.body["url"].removeprefix("/api/v1")
    got, body = as_role(role).download(url)
    if role in documents[slug]:
        assert got.status == 200
        assert body == content
        return
    # Exactly as for a document that does not exist.
    assert got.status == 404
    assert got.body == {"detail": [{"field": "document", "reason": "not found"}]}
    missing, _ = as_role(role).download(url.replace(slug, "no-such-document"))
    assert (missing.status, missing.body) == (got.status, got.body)
    assert uploaded.body["sha256"].encode() not in body


@pytest.mark.parametrize("role", list(ROLES))
def test_only_the_secretariat_uploads(as_role, documents, role):
    answer = as_role(role).upload(
        files_of(REPORT), upload_fields(samples.pdf("Report"), "report.pdf")
    )
    if role in {"admin", "secretariat"}:
        assert answer.status == 201, answer.body
    elif role == "anonymous":
        assert answer.status == 401
    elif role in documents[REPORT]:
        assert answer.status == 403
        assert answer.fields == ["permission"]
    else:  # may not even read the document
        assert answer.status == 404
        assert answer.body == {"detail": [{"field": "document", "reason": "not found"}]}
    if answer.status != 201:
        assert not DocumentFile.objects.exists()


def test_a_renamed_program_is_refused_by_its_content(secretariat, files_storage):
    answer = secretariat.upload(files_of(RELEASE), upload_fields(samples.EXE, "report.pdf"))
    assert answer.status == 422
    assert answer.body["detail"] == [
        {
            "field": "file",
            "reason": "its content is not a PDF, DOCX or ODT document (it is a Windows program)",
        }
    ]
    assert not DocumentFile.objects.exists()
    assert not files_storage.exists() or not any(files_storage.rglob("*.*"))


def test_an_oversized_file_is_refused_with_413_and_nothing_stored(
    secretariat, settings, files_storage
):
    content = samples.pdf("x" * 2000)
    settings.ACCORD_MAX_UPLOAD_BYTES = len(content) - 1
    answer = secretariat.upload(files_of(RELEASE), upload_fields(content, "big.pdf"))
    assert answer.status == 413
    assert answer.body["detail"] == [
        {"field": "file", "reason": f"larger than the limit of {len(content) - 1} bytes"}
    ]
    assert not DocumentFile.objects.exists()
    assert not files_storage.exists() or not any(files_storage.rglob("*.*"))
    settings.ACCORD_MAX_UPLOAD_BYTES = len(content)
    assert secretariat.upload(files_of(RELEASE), upload_fields(content, "big.pdf")).status == 201


def test_bad_fields_are_named(secretariat):
    content = samples.pdf("Text")
    cases = [
        (upload_fields(content, "a.pdf", language="xx"), 422, "language"),
        (upload_fields(content, "a.pdf", language="Russian!"), 422, "language"),
        (upload_fields(content, "a.pdf", kind="scan"), 422, "kind"),
        ({"language": "ru"}, 422, "file"),
    ]
    for fields, status, field in cases:
        answer = secretariat.upload(files_of(RELEASE), fields)
        assert (answer.status, answer.fields) == (status, [field]), answer.body
    missing = secretariat.upload(
        f"{SCO}/documents/{RELEASE}/versions/7/files", upload_fields(content, "a.pdf")
    )
    assert (missing.status, missing.fields) == (404, ["version"])
    assert not DocumentFile.objects.exists()


def test_a_second_file_of_the_same_kind_and_language_is_a_conflict(secretariat):
    first = secretariat.upload(files_of(RELEASE), upload_fields(samples.pdf("One"), "one.pdf"))
    assert first.status == 201
    second = secretariat.upload(files_of(RELEASE), upload_fields(samples.pdf("Two"), "two.pdf"))
    assert (second.status, second.fields) == (409, ["kind"])
    other_kind = secretariat.upload(
        files_of(RELEASE), upload_fields(samples.pdf("Two"), "two.pdf", kind="language-version")
    )
    assert other_kind.status == 201
    assert DocumentFile.objects.count() == 2


def test_removal_needs_the_files_etag(
    secretariat, files_storage, django_capture_on_commit_callbacks
):
    uploaded = secretariat.upload(
        files_of(RELEASE), upload_fields(samples.pdf("Gone soon"), "gone.pdf")
    )
    url = uploaded.body["url"].removeprefix("/api/v1")
    stored = files_storage / DocumentFile.objects.get().storage_name
    assert stored.exists()
    assert secretariat.delete(url).status == 428
    assert secretariat.delete(url, **{"If-Match": '"' + "0" * 64 + '"'}).status == 412
    with django_capture_on_commit_callbacks(execute=True):
        answer = secretariat.delete(url, **{"If-Match": uploaded.etag})
    assert answer.status == 204
    assert not DocumentFile.objects.exists()
    assert not stored.exists()
    assert secretariat.download(url)[0].status == 404


def test_a_reader_who_is_not_the_secretariat_cannot_remove(as_role, secretariat, documents):
    uploaded = secretariat.upload(files_of(REPORT), upload_fields(samples.pdf("Kept"), "k.pdf"))
    url = uploaded.body["url"].removeprefix("/api/v1")
    refused = as_role("delegation").delete(url, **{"If-Match": uploaded.etag})
    assert (refused.status, refused.fields) == (403, ["permission"])
    hidden = as_role("observer").delete(url, **{"If-Match": uploaded.etag})
    assert (hidden.status, hidden.fields) == (404, ["document"])
    assert DocumentFile.objects.count() == 1


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../../etc/passwd", "passwd.pdf"),
        ("..\\..\\windows\\system32\\plan.pdf", "plan.pdf"),
        ("/srv/accord/var/files/sco/x.pdf", "x.pdf"),
        (".hidden.pdf", "hidden.pdf"),
    ],
)
def test_uploaded_names_with_paths_are_made_safe(secretariat, files_storage, sent, kept):
    answer = secretariat.upload(files_of(RELEASE), upload_fields(samples.pdf("x"), sent))
    assert answer.status == 201, answer.body
    assert answer.body["name"] == kept
    (stored,) = [p for p in files_storage.rglob("*") if p.is_file()]
    assert stored.parent == files_storage / "sco" / RELEASE
    assert kept.removesuffix(".pdf") not in stored.name
