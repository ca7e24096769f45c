"""Small real documents, written here byte by byte: a PDF with text (by hand: the
objects, the cross-reference table and the trailer), a DOCX and an ODT (ZIP packages
with the parts Word and LibreOffice write)."""

from __future__ import annotations

import io
import zipfile
import zlib


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(*lines: str) -> bytes:
    """A one-page PDF 1.4 showing `lines` in Helvetica (ASCII text)."""
    shown = " ".join(f"({_pdf_string(line)}) Tj 0 -16 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {shown} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n" % (len(objects) + 1))
    out.write(b"0000000000 65535 f \n")
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


DOCX_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{main}"/>
</Types>"""
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""  # noqa: E501


def docx(*paragraphs: str, main: str = DOCX_MAIN, document_xml: str | None = None) -> bytes:
    """A Word document of `paragraphs` (any script)."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{_escape(p)}</w:t></w:r></w:p>' for p in paragraphs
    )
    document_xml = document_xml or (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", DOCX_TYPES.format(main=main))
        package.writestr("_rels/.rels", DOCX_RELS)
        package.writestr("word/document.xml", document_xml)
    return out.getvalue()


ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""  # noqa: E501


def odt(*paragraphs: str, mimetype: str = ODT_MIMETYPE) -> bytes:
    """An OpenDocument text of `paragraphs`; `a<s>b` in one writes two spaces (text:s)."""
    body = "".join(
        "<text:p>" + _escape(p).replace("&lt;s&gt;", '<text:s text:c="2"/>') + "</text:p>"
        for p in paragraphs
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), mimetype, zipfile.ZIP_STORED)
        package.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        package.writestr("META-INF/manifest.xml", ODT_MANIFEST, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# The start of a Windows program: the MZ header and the DOS stub's message.
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 44
    + b"\x80\x00\x00\x00"
    + b"This program cannot be run in DOS mode.\r\r\n$"
    + b"\x00" * 200
)


# --- files that cost more to read than their size says -------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARAGRAPH = '<w:p><w:r><w:t xml:space="preserve">The Council approved the plan. </w:t></w:r></w:p>'


def _repeated(part: zipfile.ZipFile, name: str, head: str, unit: str, tail: str, size: int):
    """Write `name` into `part`: `head`, `unit` repeated to about `size` bytes, `tail`;
    streamed in pieces, so that a part of any size costs little memory here."""
    piece = (unit * max(1, 65_536 // len(unit))).encode()
    with part.open(name, "w", force_zip64=size > 2**31) as out:
        out.write(head.encode())
        for _ in range(max(1, size // len(piece))):
            out.write(piece)
        out.write(tail.encode())


def docx_expanding(
    size: int, paragraph: str = _PARAGRAPH, method: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """A Word document whose word/document.xml expands to about `size` bytes: the same
    paragraph over and over, which compresses to almost nothing (a ZIP bomb; 60 MB
    make 200 kB with DEFLATE, as Word compresses, and 20 kB with BZIP2)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", DOCX_TYPES.format(main=DOCX_MAIN))
        package.writestr("_rels/.rels", DOCX_RELS)
        head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        _repeated(package, "word/document.xml", head, paragraph, "</w:body></w:document>", size)
    return out.getvalue()


def odt_expanding(size: int, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """An OpenDocument text whose content.xml expands to about `size` bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method, compresslevel=9) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), ODT_MIMETYPE, zipfile.ZIP_STORED)
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            "<office:document-content"
            ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
            ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            "<office:body><office:text>"
        )
        unit = "<text:p>The Council approved the plan.</text:p>"
        tail = "</office:text></office:body></office:document-content>"
        _repeated(package, "content.xml", head, unit, tail, size)
        package.writestr("META-INF/manifest.xml", ODT_MANIFEST)
    return out.getvalue()


def pdf_pages(count: int, per_node: int = 100, content: bytes | None = None) -> bytes:
    """A PDF of `count` pages, page N showing `Page N.` (or all showing `content`, a
    content stream), in a page tree of two levels (`per_node` pages under each node):
    the font is given once, on the root, and inherited by every page."""
    nodes = -(-count // per_node)
    # Objects: 1 catalog, 2 root, 3 font, then the nodes, then each page and its content.
    first_page = 4 + nodes
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d /Resources << /Font << /F1 3 0 R >> >> >>"
        % (b" ".join(b"%d 0 R" % (4 + n) for n in range(nodes)), count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for n in range(nodes):
        kids = range(n * per_node, min(count, (n + 1) * per_node))
        objects.append(
            b"<< /Type /Pages /Parent 2 0 R /Kids [%s] /Count %d >>"
            % (b" ".join(b"%d 0 R" % (first_page + 2 * k) for k in kids), len(kids))
        )
    for k in range(count):
        parent = 4 + k // per_node
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>"
            % (parent, first_page + 2 * k + 1)
        )
        stream = content or b"BT /F1 12 Tf 72 720 Td (Page %d.) Tj ET" % (k + 1)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return _pdf_file(objects)


def pdf_inflating(size: int) -> bytes:
    """A one-page PDF whose content stream inflates to `size` bytes (of spaces): a few
    kilobytes that a reader must hold in memory to read."""
    stream = zlib.compress(b" " * size, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
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
