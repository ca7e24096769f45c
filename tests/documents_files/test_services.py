"""attach_file and remove_file: what is stored, what is refused (with nothing written),
the stored file removed when the row's transaction fails, the audit trail, search in
the files' text, and `accord attach`."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from accord.accounts import access
from accord.core import audit
from accord.core.errors import DomainError, NotFound, TooLarge
from accord.core.models import AuditEntry
from accord.documents import services
from accord.documents.models import Document, DocumentFile
from accord.documents.services import attach_file, remove_file, set_versions
from accord.search import search
from tests.documents_files import samples

RELEASE = "sco-press-release-2019-05-15"
REPORT = "scsc-14-information-report"


@pytest.fixture
def release(db) -> Document:
    return Document.objects.select_related("organization").get(slug=RELEASE)


def stored_files(location) -> list:
    return [p for p in location.rglob("*") if p.is_file()] if location.exists() else []


def attach(document: Document, data: bytes, name: str = "file.pdf", **options) -> DocumentFile:
    values = {"number": 1, "language": "ru", "kind": "signed-original", **options}
    return attach_file(document, name=name, content=io.BytesIO(data), **values)


def test_the_file_is_stored_with_its_checksum_and_text(release, files_storage):
    data = samples.docx("Пресс-релиз", "Бишкек, 15 мая 2019 года")
    with audit.acting("user:officer"):
        row = attach(release, data, name="../../пресс-релиз.docx", language="RU")
    row.refresh_from_db()
    assert row.version.number == 1 and row.version.language == "en"  # the only version 1
    assert (row.kind, row.language, row.name) == ("signed-original", "ru", "пресс-релиз.docx")
    assert (
        row.content_type
        == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert (row.size, row.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert row.text == "Пресс-релиз\nБишкек, 15 мая 2019 года"
    assert row.added_by == "user:officer"
    (stored,) = stored_files(files_storage)
    assert stored.read_bytes() == data
    assert stored.relative_to(files_storage).as_posix() == row.storage_name
    assert row.storage_name.startswith(f"sco/{RELEASE}/") and row.storage_name.endswith(".docx")
    assert "пресс" not in row.storage_name  # the uploaded name never names the stored file

    entry = AuditEntry.objects.get(model="documents.DocumentFile", object_id=str(row.pk))
    assert (entry.actor, entry.operation) == ("user:officer", "create")
    assert entry.after["sha256"] == row.sha256
    assert entry.after["text"] == f"({len(row.text)} characters)"
    assert audit.verify()[1] is None


def test_a_version_in_the_files_language_is_preferred(release):
    set_versions(
        release,
        [{"number": 1, "language": "en", "text": "x"}, {"number": 1, "language": "ru", "text": ""}],
    )
    row = attach(release, samples.pdf("ru"), language="ru")
    assert row.version.language == "ru"
    row = attach(release, samples.pdf("zh"), language="zh")
    assert row.version.language == "en"  # no version 1 in Chinese: the first recorded


@pytest.mark.parametrize(
    ("options", "data", "field", "error"),
    [
        ({"kind": "scan"}, samples.pdf("x"), "kind", DomainError),
        ({"language": "fr"}, samples.pdf("x"), "language", DomainError),
        ({"number": 2}, samples.pdf("x"), "version", NotFound),
        ({}, samples.EXE, "file", DomainError),
        ({}, b"", "file", DomainError),
    ],
)
def test_refusals_write_nothing(release, files_storage, options, data, field, error):
    before = AuditEntry.objects.count()
    with pytest.raises(error) as caught:
        attach(release, data, **options)
    assert [p.field for p in caught.value.problems] == [field]
    assert not DocumentFile.objects.exists()
    assert stored_files(files_storage) == []
    assert AuditEntry.objects.count() == before


def test_an_oversized_file_is_refused_before_anything_is_stored(release, files_storage, settings):
    data = samples.pdf("A long text " * 100)
    settings.ACCORD_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(TooLarge, match="file: larger than the limit of 1000 bytes"):
        attach(release, data)
    assert not DocumentFile.objects.exists()
    assert stored_files(files_storage) == []


def test_the_stored_file_goes_when_the_row_cannot_be_written(release, files_storage, monkeypatch):
    """The file is stored, then writing its row fails (here: the audit trail refuses):
    the transaction rolls back and the stored file is deleted again."""

    def broken(*args, **kwargs):
        raise RuntimeError("the audit trail cannot be written")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError, match="audit trail"):
        attach(release, samples.pdf("Rolled back"))
    assert not DocumentFile.objects.exists()
    assert stored_files(files_storage) == []


def test_attaching_inside_another_transaction_is_refused_and_leaves_no_file(release, files_storage):
    """Inside a caller's transaction a later rollback could not remove the stored file:
    attach_file owns its transaction and refuses to run inside another."""
    with pytest.raises(RuntimeError), transaction.atomic():
        attach(release, samples.pdf("Nested"))
    assert not DocumentFile.objects.exists()
    assert stored_files(files_storage) == []
    row = attach(release, samples.pdf("Alone"))  # in a transaction of its own: kept
    assert DocumentFile.objects.get() == row
    assert len(stored_files(files_storage)) == 1


def test_removal_deletes_the_stored_file_once_committed(
    release, files_storage, django_capture_on_commit_callbacks
):
    row = attach(release, samples.odt("Removed"), name="removed.odt")
    with django_capture_on_commit_callbacks(execute=True):
        remove_file(row)
    assert not DocumentFile.objects.exists()
    assert stored_files(files_storage) == []
    entry = AuditEntry.objects.filter(model="documents.DocumentFile").order_by("-seq").first()
    assert (entry.operation, entry.before["sha256"]) == ("delete", row.sha256)


def test_files_go_with_their_version(release, files_storage, django_capture_on_commit_callbacks):
    attach(release, samples.pdf("With the version"))
    with django_capture_on_commit_callbacks(execute=True):
        set_versions(release, [])
    assert not DocumentFile.objects.exists()
    assert stored_files(files_storage) == []


def test_one_file_of_a_kind_per_language_and_version(release):
    attach(release, samples.pdf("first"))
    with pytest.raises(services.AlreadyAttached, match="kind: version 1 already has"):
        attach(release, samples.pdf("second"))
    attach(release, samples.pdf("second"), kind="language-version")
    attach(release, samples.pdf("third"), language="zh")
    assert DocumentFile.objects.count() == 3


def test_search_finds_documents_by_their_files_text(db):
    report = Document.objects.select_related("organization").get(slug=REPORT)
    set_versions(report, [{"number": 1, "language": "ru", "text": ""}])
    attach(report, samples.odt("Информационный отчёт о противодействии наркотрафику"))
    secretariat = access.Viewer(
        None, False, frozenset({report.organization_id}), frozenset(), frozenset(), frozenset()
    )
    hits = search(secretariat, "наркотрафику", kinds=["document"])
    assert [h.object.slug for h in hits] == [REPORT]
    # The report is restricted: the public finds nothing, not even by its file.
    assert search(access.ANONYMOUS, "наркотрафику", kinds=["document"]) == []


def test_accord_attach(accord, release, files_storage, tmp_path):
    path = tmp_path / "Протокол.pdf"
    data = samples.pdf("Signed in Bishkek")
    path.write_bytes(data)
    answer = accord(
        "attach", "sco", RELEASE, "--version", "1", "--language", "ru", str(path),
        "--format", "json",
    )  # fmt: skip
    assert answer == {
        "document": RELEASE,
        "version": 1,
        "language": "ru",
        "kind": "signed-original",
        "name": "Протокол.pdf",
        "content_type": "application/pdf",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "text_characters": len("Signed in Bishkek"),
        "text_note": "",
    }
    row = DocumentFile.objects.get()
    assert AuditEntry.objects.get(model="documents.DocumentFile").actor == "cli:attach Протокол.pdf"
    text = accord(
        "attach", "sco", RELEASE, "--version", "1", "--language", "zh",
        "--kind", "language-version", str(path),
    )  # fmt: skip
    assert "as its language-version in zh" in text
    assert DocumentFile.objects.count() == 2 and row in DocumentFile.objects.all()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["no-such-document", "--version", "1", "--language", "ru"], "document: sco has no"),
        ([RELEASE, "--version", "9", "--language", "ru"], "version: sco-press-release"),
        ([RELEASE, "--version", "1", "--language", "fr"], "language: 'fr' is not a language"),
    ],
)
def test_accord_attach_refuses_with_the_field(accord, release, tmp_path, arguments, message):
    path = tmp_path / "a.pdf"
    path.write_bytes(samples.pdf("x"))
    with pytest.raises(CommandError, match=message) as caught:
        call_command("attach", "sco", *arguments, str(path))
    assert caught.value.returncode == 2
    assert not DocumentFile.objects.exists()


def test_accord_attach_names_an_unreadable_file(accord, release, tmp_path):
    with pytest.raises(CommandError, match="file: cannot be read"):
        call_command(
            "attach", "sco", RELEASE, "--version", "1", "--language", "ru",
            str(tmp_path / "missing.pdf"),
        )  # fmt: skip
    exe = tmp_path / "plan.pdf"
    exe.write_bytes(samples.EXE)
    with pytest.raises(CommandError, match="file: its content is not a PDF"):
        call_command("attach", "sco", RELEASE, "--version", "1", "--language", "ru", str(exe))
    assert not DocumentFile.objects.exists()
