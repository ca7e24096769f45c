"""Document files in S3-compatible object storage (django-storages' S3 backend, boto3).

The object store is moto's S3 server (`moto[server]`'s ThreadedMotoServer): a real
HTTP server that speaks the S3 REST protocol, started by this module on 127.0.0.1 on
a free port and stopped at its end. boto3 talks to it over HTTP exactly as to any S3
endpoint (signed requests, multipart uploads, ranged reads); what moto does not
reproduce is AWS's own behaviour beyond the protocol (durability, IAM policies).
The storage is configured from the same environment variables as in production.
"""

from __future__ import annotations

import hashlib
import io

import boto3
import pytest
from moto.server import ThreadedMotoServer

from accord.config import settings as accord_settings
from accord.documents.models import DocumentFile
from tests.api.conftest import Api
from tests.documents_files import samples

BUCKET = "accord-files"
RELEASE = "sco-press-release-2019-05-15"
FILES = f"/organizations/sco/documents/{RELEASE}/versions/1/files"


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_storage(s3_server, settings, monkeypatch):
    """The files storage as ACCORD_FILES_STORAGE=s3 and the ACCORD_S3_* variables make
    it, pointing at the local server; and a client to look into the bucket."""
    environment = {
        "ACCORD_FILES_STORAGE": "s3",
        "ACCORD_S3_BUCKET": BUCKET,
        "ACCORD_S3_ENDPOINT_URL": s3_server,
        "ACCORD_S3_REGION": "us-east-1",
        "ACCORD_S3_ACCESS_KEY_ID": "accord-test",
        "ACCORD_S3_SECRET_ACCESS_KEY": "accord-test-secret",
        "ACCORD_S3_ADDRESSING_STYLE": "path",
        "ACCORD_S3_PREFIX": "documents",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    configured = accord_settings._files_storage()
    assert configured["BACKEND"] == "storages.backends.s3.S3Storage"
    settings.STORAGES = {**settings.STORAGES, "documents": configured}
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id="accord-test",
        aws_secret_access_key="accord-test-secret",
    )
    client.create_bucket(Bucket=BUCKET)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_upload_download_and_removal_through_object_storage(
    s3_storage, secretariat, django_capture_on_commit_callbacks
):
    data = samples.pdf("Kept in object storage") + b"%" * 300_000  # beyond one read
    handle = io.BytesIO(data)
    handle.name = "signed.pdf"
    answer = secretariat.upload(FILES, {"file": handle, "language": "ru"})
    assert answer.status == 201, answer.body
    row = DocumentFile.objects.get()
    assert keys(s3_storage) == [f"documents/{row.storage_name}"]
    stored = s3_storage.get_object(Bucket=BUCKET, Key=f"documents/{row.storage_name}")
    assert stored["Body"].read() == data

    url = answer.body["url"].removeprefix("/api/v1")
    got, body = Api().download(url)
    assert got.status == 200
    assert hashlib.sha256(body).hexdigest() == row.sha256 == hashlib.sha256(data).hexdigest()
    assert got.headers["ETag"] == f'"{row.sha256}"'

    with django_capture_on_commit_callbacks(execute=True):
        assert secretariat.delete(url, **{"If-Match": answer.etag}).status == 204
    assert keys(s3_storage) == []


def test_a_refused_upload_leaves_the_bucket_empty(s3_storage, secretariat):
    handle = io.BytesIO(samples.EXE)
    handle.name = "plan.pdf"
    answer = secretariat.upload(FILES, {"file": handle, "language": "ru"})
    assert answer.status == 422
    assert keys(s3_storage) == []


@pytest.mark.database_independent
def test_s3_needs_a_bucket(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("ACCORD_FILES_STORAGE", "s3")
    monkeypatch.delenv("ACCORD_S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="ACCORD_S3_BUCKET: must be set"):
        accord_settings._files_storage()
    monkeypatch.setenv("ACCORD_FILES_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="ACCORD_FILES_STORAGE: expected local or s3"):
        accord_settings._files_storage()
