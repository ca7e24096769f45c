"""What an uploaded document file is: its type read from its content, its size and
checksum, a safe name for it, and its text.

Pure functions on a binary stream (seekable, read in chunks, never whole into
memory) and on strings; no database. Every refusal is a DomainError on the field
`file` (or `name`) with the reason.

The type is decided by the bytes, never by the name or the content type the client
sent: a PDF starts with `%PDF-` and opens in pypdf; a DOCX is a ZIP package whose
`[Content_Types].xml` declares a Word document's main part; an ODT is a ZIP package
whose first member, `mimetype`, says `application/vnd.oasis.opendocument.text`.
XML inside the packages is read with a parser that loads no DTD, expands no entity
and fetches nothing; a part that declares a DTD is refused.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, BinaryIO

from lxml import etree

from accord.core import inputs
from accord.core.errors import DomainError, TooLarge

CHUNK = 64 * 1024
# The most text kept from one file (characters), and the most one XML part of a
# package may expand to (bytes): a small ZIP can hold a very large part.
MAX_TEXT = 1_000_000
MAX_PART = 64 * 1024 * 1024
MAX_NAME = 200


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str


PDF = FileType("application/pdf", ".pdf", "PDF")
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "DOCX"
)
ODT = FileType("application/vnd.oasis.opendocument.text", ".odt", "ODT")
TYPES = (PDF, DOCX, ODT)

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
NOT_A_DOCUMENT = "its content is not a PDF, DOCX or ODT document"


@dataclass(frozen=True)
class Measured:
    size: int
    sha256: str


def measure(stream: BinaryIO, limit: int, field: str = "file") -> Measured:
    """Size and SHA-256 of `stream`, read once in chunks from the start; TooLarge (on
    `field`) as soon as more than `limit` bytes have been read."""
    stream.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise TooLarge.at(field, f"larger than the limit of {limit} bytes")
        digest.update(chunk)
    if size == 0:
        raise DomainError.at(field, "the file is empty")
    return Measured(size, digest.hexdigest())


# --- names ---------------------------------------------------------------------------

_UNSAFE = re.compile(r'[<>:"|?*\\/]')
# Names Windows keeps for devices, with any extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}


def safe_name(raw: str, filetype: FileType) -> str:
    """The uploaded name made safe to show and to offer as a download's name.

    Only the last path component is kept (`../../etc/passwd` -> `passwd.pdf`, `C:\\x\\y`
    -> `y.pdf`); NUL, control and format characters go; characters that mean
    something to a file system or a shell quoting become `_`; leading dots and spaces
    go (no hidden or relative names); the name ends with the type's extension and is
    at most 200 characters; a name Windows keeps for a device (`CON`, `nul.txt`) gets a
    leading `_`. Nothing is left: `document.pdf` (or .docx, .odt).
    """
    text = unicodedata.normalize("NFC", inputs.without_refused(raw or ""))
    text = "".join(" " if c in "\t\n\r" else c for c in text)
    text = "".join(c for c in text if unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co"})
    text = PurePosixPath(text.replace("\\", "/")).name
    text = _UNSAFE.sub("_", text)
    text = " ".join(text.split()).lstrip(". ").rstrip(". ")
    stem = text
    if text.lower().endswith(filetype.extension):
        stem = text[: -len(filetype.extension)].rstrip(". ")
    stem = stem[: MAX_NAME - len(filetype.extension)].rstrip(". ") or "document"
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem  # Windows will not save `CON.pdf`, `nul.txt.pdf`...
    return stem + filetype.extension


# --- types ---------------------------------------------------------------------------


def _refuse(reason: str) -> DomainError:
    return DomainError.at("file", reason)


# The compression methods a document package may use (Office and OpenDocument write the
# first two); any other (an unusual or crafted package) is refused before it is read.
READABLE = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)


def _open_part(package: zipfile.ZipFile, name: str) -> IO[bytes]:
    method = package.getinfo(name).compress_type
    if method not in READABLE:
        raise _refuse(f"its part {name} is compressed by a method Accord cannot read ({method})")
    return package.open(name)


def _read_part(package: zipfile.ZipFile, name: str) -> bytes:
    with _open_part(package, name) as part:
        data = part.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise _refuse(f"its part {name} expands to more than {MAX_PART} bytes")
    return data


def _parse(data: bytes, name: str) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _refuse(f"its part {name} is not well-formed XML ({exc})") from None
    if root.getroottree().docinfo.doctype:
        raise _refuse(f"its part {name} declares a DTD, which a document never needs")
    return root


def _package_type(stream: BinaryIO) -> tuple[FileType, zipfile.ZipFile]:
    try:
        package = zipfile.ZipFile(stream)
        names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(f"{NOT_A_DOCUMENT} (a damaged ZIP archive)") from None
    if names and names[0] == "mimetype" and "content.xml" in names:
        with _open_part(package, "mimetype") as part:
            declared = part.read(100).strip()
        if declared == ODT.content_type.encode():
            return ODT, package
        raise _refuse(
            f"an OpenDocument package of another kind ({declared.decode(errors='replace')});"
            " only text documents (ODT) are taken"
        )
    if "[Content_Types].xml" in names:
        types = _parse(_read_part(package, "[Content_Types].xml"), "[Content_Types].xml")
        declared = {
            element.get("ContentType", "")
            for element in types
            if isinstance(element.tag, str) and element.tag.endswith("Override")
        }
        if DOCX_MAIN in declared and "word/document.xml" in names:
            return DOCX, package
        raise _refuse(
            "an Office package that is not a Word document (DOCX); macro-enabled"
            " documents, spreadsheets and presentations are not taken"
        )
    raise _refuse(f"{NOT_A_DOCUMENT} (a ZIP archive of something else)")


# --- text ------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _docx_text(root: etree._Element) -> str:
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        pieces = []
        for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
            if element.tag == f"{W}t":
                pieces.append(element.text or "")
            else:
                pieces.append("\t" if element.tag == f"{W}tab" else "\n")
        paragraphs.append("".join(pieces))
    return "\n".join(paragraphs)


def _odt_inline(element: etree._Element) -> str:
    """The text of a paragraph (or a span in it): spaces, tabs and line breaks written
    out; notes and nested paragraphs are left to be read as paragraphs of their own."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag == f"{TEXT}s":
            # One space, whatever its count says (`c="999999999"` would build a string
            # of that length): `_clean` reduces every run of spaces to one anyway.
            pieces.append(" ")
        elif child.tag == f"{TEXT}tab":
            pieces.append("\t")
        elif child.tag == f"{TEXT}line-break":
            pieces.append("\n")
        elif child.tag not in {f"{TEXT}note", f"{TEXT}p", f"{TEXT}h"}:
            pieces.append(_odt_inline(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _odt_text(root: etree._Element) -> str:
    return "\n".join(_odt_inline(p) for p in root.iter(f"{TEXT}p", f"{TEXT}h"))


def _pdf(stream: BinaryIO) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    stream.seek(0)
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")  # many signed PDFs are encrypted with an empty password
        pages = list(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _refuse(f"starts like a PDF but cannot be read as one ({exc})") from None
    if not pages:
        raise _refuse("a PDF without pages")
    texts, length = [], 0
    for page in pages:
        try:
            text = page.extract_text() or ""
        except Exception:  # a page pypdf cannot read keeps no text; the file stays
            text = ""
        texts.append(text)
        length += len(text)
        if length > MAX_TEXT:
            break
    return "\n\n".join(texts)


def _clean(text: str) -> str:
    # What no text in Accord may hold (NUL, controls, overrides) is left out.
    text = inputs.without_refused(text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)[:MAX_TEXT]


@dataclass(frozen=True)
class Inspected:
    type: FileType
    text: str


def inspect(stream: BinaryIO) -> Inspected:
    """The type of the document in `stream` (by its content) and its text.

    DomainError on `file` when it is none of PDF, DOCX, ODT, or is damaged.
    """
    stream.seek(0)
    head = stream.read(8)
    if head.startswith(b"%PDF-"):
        return Inspected(PDF, _clean(_pdf(stream)))
    if head.startswith(b"PK\x03\x04"):
        stream.seek(0)
        try:
            filetype, package = _package_type(stream)
            part = "word/document.xml" if filetype is DOCX else "content.xml"
            root = _parse(_read_part(package, part), part)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise _refuse(f"a damaged package ({exc})") from None
        text = _docx_text(root) if filetype is DOCX else _odt_text(root)
        return Inspected(filetype, _clean(text))
    if head.startswith(b"MZ"):
        raise _refuse(f"{NOT_A_DOCUMENT} (it is a Windows program)")
    raise _refuse(NOT_A_DOCUMENT)
