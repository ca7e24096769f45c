"""The document page lists each version's files with links; the links download the
file for the document's readers and answer 404 (the not-found page) to the others."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from accord.documents.models import Document
from accord.documents.services import attach_file, set_versions
from tests.accounts.people import RoleSpec
from tests.documents_files import samples
from tests.web.conftest import sign_in

RELEASE = "sco-press-release-2019-05-15"
REPORT = "scsc-14-information-report"


def attach(slug: str, data: bytes, name: str, language: str = "ru"):
    document = Document.objects.select_related("organization").get(slug=slug)
    if not document.versions.exists():
        set_versions(document, [{"number": 1, "language": "ru", "text": ""}])
    return attach_file(
        document,
        number=1,
        language=language,
        kind="language-version",
        name=name,
        content=io.BytesIO(data),
    )


@pytest.fixture
def client(db, no_response_cache) -> Client:
    return Client(HTTP_HOST="127.0.0.1")


def test_the_page_lists_the_files_of_each_version_with_links(client):
    attach(RELEASE, samples.odt("Пресс-релиз"), "Пресс-релиз <14>.odt")
    attach(RELEASE, samples.docx("新闻稿"), "新闻稿.docx", language="zh")
    page = client.get(f"/organizations/sco/documents/{RELEASE}/").content.decode()
    ru = f"/organizations/sco/documents/{RELEASE}/versions/1/files/ru/language-version/"
    zh = f"/organizations/sco/documents/{RELEASE}/versions/1/files/zh/language-version/"
    assert f'href="{ru}"' in page and f'href="{zh}"' in page
    assert "Пресс-релиз _14_.odt</a> — official language version, ru" in page
    assert "新闻稿.docx</a>" in page
    russian = client.get(
        f"/organizations/sco/documents/{RELEASE}/", HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert "официальная языковая версия" in russian


def test_the_link_downloads_the_file(client):
    data = samples.odt("Пресс-релиз")
    row = attach(RELEASE, data, "press.odt")
    answer = client.get(
        f"/organizations/sco/documents/{RELEASE}/versions/1/files/ru/language-version/"
    )
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == data
    assert answer["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert answer["ETag"] == f'"{row.sha256}"'
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Content-Disposition"].startswith('attachment; filename="press.odt"')


def test_a_restricted_documents_files_are_not_found_by_others(client):
    attach(REPORT, samples.pdf("Information report"), "report.pdf")
    url = f"/organizations/sco/documents/{REPORT}/versions/1/files/ru/language-version/"
    hidden = client.get(url)
    missing = client.get(url.replace(REPORT, "no-such-report"))
    assert hidden.status_code == missing.status_code == 404
    assert b"report.pdf" not in hidden.content
    observer = sign_in(Client(HTTP_HOST="127.0.0.1"), RoleSpec("web-files-observer-mn",
        observers=frozenset({("sco", "MN")})))  # fmt: skip
    assert observer.get(url).status_code == 404
    delegation = sign_in(
        Client(HTTP_HOST="127.0.0.1"),
        RoleSpec("web-files-delegation-ru", delegations=frozenset({("sco", "RU")})),
    )
    answer = delegation.get(url)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content).startswith(b"%PDF-")
    page = delegation.get(f"/organizations/sco/documents/{REPORT}/").content.decode()
    assert "report.pdf</a>" in page
