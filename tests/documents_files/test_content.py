"""What a file is, by its content; its name made safe; its text. No database."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from accord.core.errors import DomainError, TooLarge
from accord.documents import content
from accord.documents.downloads import content_disposition
from tests.documents_files import samples

# No database: the answers are the same in both halves of `make test` (run in one).
pytestmark = pytest.mark.database_independent


def inspect(data: bytes) -> content.Inspected:
    return content.inspect(io.BytesIO(data))


def refusal(data: bytes) -> str:
    with pytest.raises(DomainError) as caught:
        inspect(data)
    (problem,) = caught.value.problems
    assert problem.field == "file"
    return problem.reason


def test_each_type_is_found_and_its_text_read():
    pdf = inspect(samples.pdf("Anti-drug action plan 2019-2020", "Approved in Bishkek"))
    assert pdf.type is content.PDF
    assert pdf.text == "Anti-drug action plan 2019-2020\nApproved in Bishkek"
    docx = inspect(samples.docx("План действий", "反毒品行动计划", "a < b & c"))
    assert docx.type is content.DOCX
    assert docx.text == "План действий\n反毒品行动计划\na < b & c"
    odt = inspect(samples.odt("Протокол", "第十四次会议", "two<s>spaces"))
    assert odt.type is content.ODT
    assert odt.text == "Протокол\n第十四次会议\ntwo spaces"


def test_what_is_not_a_pdf_docx_or_odt_is_refused_whatever_its_name():
    assert refusal(samples.EXE).endswith("(it is a Windows program)")
    assert refusal(b"plain text that claims to be a PDF").startswith("its content is not")
    assert refusal(b"%PDF-1.4\nnothing a reader could open").startswith(
        "starts like a PDF but cannot be read"
    )
    spreadsheet = samples.odt("x", mimetype="application/vnd.oasis.opendocument.spreadsheet")
    assert "only text documents (ODT)" in refusal(spreadsheet)
    macros = samples.docx("x", main="application/vnd.ms-word.document.macroEnabled.main+xml")
    assert "macro-enabled" in refusal(macros)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("payload.exe", samples.EXE)
    assert refusal(archive.getvalue()).endswith("(a ZIP archive of something else)")
    assert "damaged" in refusal(samples.docx("x")[:200])


def test_xml_with_a_dtd_is_refused_and_no_entity_is_expanded():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    reason = refusal(samples.docx(document_xml=laughs))
    assert reason == "its part word/document.xml declares a DTD, which a document never needs"
    external = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>"
    )
    assert "declares a DTD" in refusal(samples.docx(document_xml=external))


def test_a_part_that_expands_beyond_the_limit_is_refused():
    # 200 kB of text compress to a few hundred bytes: a small file, a large part.
    with pytest.raises(DomainError, match="expands to more than 10000 bytes of XML"):
        content.inspect(io.BytesIO(samples.docx("a" * 200_000)), content.Limits(max_xml=10_000))


def test_size_and_checksum_are_measured_in_one_pass():
    data = samples.pdf("Checksum")
    measured = content.measure(io.BytesIO(data), limit=len(data))
    assert measured == content.Measured(len(data), hashlib.sha256(data).hexdigest())
    with pytest.raises(TooLarge) as caught:
        content.measure(io.BytesIO(data), limit=len(data) - 1)
    assert str(caught.value) == f"file: larger than the limit of {len(data) - 1} bytes"
    with pytest.raises(DomainError, match="file: the file is empty"):
        content.measure(io.BytesIO(b""), limit=10)


@pytest.mark.parametrize(
    ("raw", "filetype", "safe"),
    [
        ("../../etc/passwd", content.PDF, "passwd.pdf"),
        ("/etc/cron.d/evil.pdf", content.PDF, "evil.pdf"),
        ("C:\\Windows\\..\\system32\\plan.PDF", content.PDF, "plan.pdf"),
        ("..", content.ODT, "document.odt"),
        ("", content.DOCX, "document.docx"),
        ("plan\x00.exe\x00.docx", content.DOCX, "plan.exe.docx"),
        ("a\x1b[31mred\x7f\u202eexe.odt", content.ODT, "a[31mredexe.odt"),
        ("line\nbreak\ttab.pdf", content.PDF, "line break tab.pdf"),
        ('quote"s <and> pipes|?*.pdf', content.PDF, "quote_s _and_ pipes___.pdf"),
        ("   .hidden.pdf", content.PDF, "hidden.pdf"),
        ("Протокол №14.odt", content.ODT, "Протокол №14.odt"),
        ("report.docx", content.PDF, "report.docx.pdf"),
        ("x" * 500 + ".pdf", content.PDF, "x" * 196 + ".pdf"),
    ],
)
def test_names_are_made_safe(raw, filetype, safe):
    assert content.safe_name(raw, filetype) == safe


def test_the_download_name_has_an_ascii_fallback():
    assert content_disposition("plan.pdf") == (
        "attachment; filename=\"plan.pdf\"; filename*=UTF-8''plan.pdf"
    )
    assert content_disposition("R\u00e9sum\u00e9 1.pdf") == (
        "attachment; filename=\"Resume 1.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%201.pdf"
    )
    assert content_disposition("会议.odt").startswith('attachment; filename="document.odt";')


def _with_method(package: bytes, method: int) -> bytes:
    """`package` with every entry saying it is compressed by `method` (in the local
    headers and in the central directory alike)."""
    data = bytearray(package)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(signature)
        while at != -1:
            data[at + offset : at + offset + 2] = method.to_bytes(2, "little")
            at = data.find(signature, at + 4)
    return bytes(data)


@pytest.mark.parametrize("sample", [samples.docx("text"), samples.odt("text")])
def test_a_part_compressed_by_a_method_accord_cannot_read_is_refused(sample):
    reason = refusal(_with_method(sample, 99))
    assert "is compressed by a method Accord cannot read (99)" in reason
