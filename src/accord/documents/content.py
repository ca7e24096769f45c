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

Reading the text is bounded by `Limits`: the XML read from a package (refused beyond
it), the pages of a PDF and the characters of text (the rest left unread, with a
note). The time and the memory it may take bound the process that runs `inspect`
(extract.py runs it in a child process of its own).
"""

from __future__ import annotations

import hashlib
import lzma
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, TYPE_CHECKING, BinaryIO

from lxml import etree

from accord.core import inputs
from accord.core.errors import DomainError, TooLarge

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

CHUNK = 64 * 1024
MAX_NAME = 200
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What reading one file's text may take (the settings ACCORD_EXTRACT_*).

    `seconds` and `memory_mb` bound the process that reads it (extract.py); the others
    what is read: the bytes of XML read from a package, all its parts together (a
    small ZIP can hold a very large part); the pages of a PDF whose text is read; the
    characters of text kept.
    """

    seconds: float = 20
    memory_mb: int = 512
    max_pages: int = 2_000
    max_text: int = 1_000_000
    max_xml: int = 20 * MB


def _amount(size: int) -> str:
    return f"{size // MB} MB" if size % MB == 0 else f"{size} bytes"


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


class _Budget:
    """The bytes of XML still to be read from one package (all its parts together)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit


def _declared_size(info: zipfile.ZipInfo) -> int:
    return info.file_size


def _chunks(package: zipfile.ZipFile, name: str, budget: _Budget) -> Iterator[bytes]:
    """The bytes of part `name`, in chunks: refused before a byte is read when the size
    the package declares for it is over what is left of `budget`, and as soon as the
    bytes actually read are (a size in a package's headers is only a claim)."""

    def too_large() -> DomainError:
        return _refuse(f"its part {name} expands to more than {_amount(budget.limit)} of XML")

    if _declared_size(package.getinfo(name)) > budget.left:
        raise too_large()
    with _open_part(package, name) as part:
        while chunk := part.read(CHUNK):
            budget.left -= len(chunk)
            if budget.left < 0:
                raise too_large()
            yield chunk


class _DocumentTypeFound(Exception):
    """A part declares a DTD: the parser stops there, before it reads the DTD."""


class _Reader:
    """What a part's XML is read into: the parser's events, as they come (no tree is
    built, so reading costs memory for the text kept, not for the size of the XML).
    `full` is true when enough has been read."""

    full = False

    def doctype(self, *args: object) -> None:
        raise _DocumentTypeFound

    def start(self, tag: str, attrib: dict) -> None:
        pass

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        return None


def _read(package: zipfile.ZipFile, name: str, reader: _Reader, budget: _Budget) -> None:
    """Read part `name` into `reader`, with a parser that loads no DTD, expands no
    entity and fetches nothing, until the part ends or the reader is full."""
    parser = etree.XMLParser(
        target=reader, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        for chunk in _chunks(package, name, budget):
            parser.feed(chunk)
            if reader.full:
                return
        parser.close()
    except _DocumentTypeFound:
        raise _refuse(f"its part {name} declares a DTD, which a document never needs") from None
    except etree.XMLSyntaxError as exc:
        raise _refuse(f"its part {name} is not well-formed XML ({exc})") from None


class _ContentTypes(_Reader):
    def __init__(self) -> None:
        self.declared: set[str] = set()

    def start(self, tag: str, attrib: dict) -> None:
        if tag.endswith("Override"):
            self.declared.add(attrib.get("ContentType", ""))


def _package_type(stream: BinaryIO, budget: _Budget) -> tuple[FileType, zipfile.ZipFile]:
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
        types = _ContentTypes()
        _read(package, "[Content_Types].xml", types, budget)
        if DOCX_MAIN in types.declared and "word/document.xml" in names:
            return DOCX, package
        raise _refuse(
            "an Office package that is not a Word document (DOCX); macro-enabled"
            " documents, spreadsheets and presentations are not taken"
        )
    raise _refuse(f"{NOT_A_DOCUMENT} (a ZIP archive of something else)")


# --- text ------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class _Paragraphs(_Reader):
    """Paragraphs of text, each kept when it ends (a paragraph inside another, such as
    a text box or a note, comes before the one it is in), until `budget` characters.

    `open` holds the pieces of the paragraphs begun and not yet ended, innermost last;
    None for an element whose text belongs to no paragraph (an ODT note's citation)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.length = 0
        self.paragraphs: list[str] = []
        self.open: list[list[str] | None] = []

    @property
    def full(self) -> bool:  # type: ignore[override]
        return self.length > self.budget

    def add(self, text: str) -> None:
        if self.open and (pieces := self.open[-1]) is not None:
            pieces.append(text)
            self.length += len(text)

    def begin(self) -> None:
        self.open.append([])

    def finish(self) -> None:
        if pieces := self.open.pop():
            self.paragraphs.append("".join(pieces))

    def text(self) -> str:
        unfinished = ["".join(pieces) for pieces in self.open if pieces]
        return "\n".join([*self.paragraphs, *unfinished])


class _DocxText(_Paragraphs):
    """A Word document's text: its runs' text (`w:t`), tabs and line breaks."""

    in_text = 0

    def start(self, tag: str, attrib: dict) -> None:
        if tag == f"{W}p":
            self.begin()
        elif tag == f"{W}t":
            self.in_text += 1
        elif tag == f"{W}tab":
            self.add("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            self.add("\n")

    def end(self, tag: str) -> None:
        if tag == f"{W}p":
            self.finish()
        elif tag == f"{W}t":
            self.in_text -= 1

    def data(self, text: str) -> None:
        if self.in_text:
            self.add(text)


class _OdtText(_Paragraphs):
    """An OpenDocument text's paragraphs and headings: spaces, tabs and line breaks
    written out; a note's paragraphs read as paragraphs of their own."""

    def start(self, tag: str, attrib: dict) -> None:
        if tag in (f"{TEXT}p", f"{TEXT}h"):
            self.begin()
        elif tag == f"{TEXT}note":
            self.open.append(None)
        elif tag == f"{TEXT}s":
            # One space, whatever its count says (`c="999999999"` would make a string
            # of that length): `_clean` reduces every run of spaces to one anyway.
            self.add(" ")
        elif tag == f"{TEXT}tab":
            self.add("\t")
        elif tag == f"{TEXT}line-break":
            self.add("\n")

    def end(self, tag: str) -> None:
        if tag in (f"{TEXT}p", f"{TEXT}h", f"{TEXT}note"):
            self.finish()

    def data(self, text: str) -> None:
        self.add(text)


# The attributes a page takes from the nodes of the page tree above it.
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_MAX_DEPTH = 100


def _first_pages(reader: PdfReader, limit: int) -> tuple[list[PageObject], bool]:
    """The first `limit` pages of the document, in order, and whether it has more.

    The page tree is walked no further than that page (pypdf's own list of pages reads
    every page of the file first: seconds for tens of thousands). A node met again (a
    tree that refers back to itself) is passed over; a page is given the attributes it
    inherits from the nodes above it, as pypdf does.
    """
    from pypdf import PageObject
    from pypdf.errors import PdfReadError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    pages: list[PageObject] = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Iterator, dict]] = [(iter([reader.root_object.get("/Pages")]), {})]
    while stack:
        kids, inherited = stack[-1]
        kid = next(kids, None)
        if kid is None:
            stack.pop()
            continue
        reference = kid if isinstance(kid, IndirectObject) else None
        if reference is not None:
            if (reference.idnum, reference.generation) in seen:
                continue
            seen.add((reference.idnum, reference.generation))
        node = kid.get_object()
        if not isinstance(node, DictionaryObject):
            continue
        kind = node.get("/Type", "/Pages" if "/Kids" in node else "/Page")
        if kind == "/Pages":
            if len(stack) > _MAX_DEPTH:
                raise PdfReadError(f"its page tree is deeper than {_MAX_DEPTH} levels")
            below = node.get("/Kids")
            below = below.get_object() if below is not None else None
            if isinstance(below, ArrayObject):
                own = {key: node[key] for key in _INHERITED if key in node}
                stack.append((iter(below), {**inherited, **own}))
        elif kind == "/Page":
            if len(pages) == limit:
                return pages, True
            page = PageObject(reader, reference)
            if reference is None:
                page.update(node)
            for key, value in inherited.items():
                if key not in page:
                    page[NameObject(key)] = value
            pages.append(page)
    return pages, False


def _pdf(stream: BinaryIO, limits: Limits) -> tuple[str, bool, str]:
    """The text of the PDF's first pages (at most `max_pages`), whether reading
    stopped at the text's budget, and a note when pages were left unread."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    stream.seek(0)
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")  # many signed PDFs are encrypted with an empty password
        pages, more = _first_pages(reader, limits.max_pages)
        tree = reader.root_object.get("/Pages")
        declared = tree.get_object().get("/Count") if tree is not None else None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise _refuse(f"starts like a PDF but cannot be read as one ({exc})") from None
    if not pages:
        raise _refuse("a PDF without pages")
    texts, length = [], 0
    for page in pages:
        try:
            text = page.extract_text() or ""
        except MemoryError:
            raise
        except Exception:  # a page pypdf cannot read keeps no text; the file stays
            text = ""
        texts.append(text)
        length += len(text)
        if length > 2 * limits.max_text:
            return "\n\n".join(texts), True, ""
    note = ""
    if more:
        note = f"the text of its first {len(pages)} pages only"
        if isinstance(declared, int) and declared > len(pages):
            note += f" (of {declared})"
    return "\n\n".join(texts), False, note


def _clean(text: str) -> str:
    # What no text in Accord may hold (NUL, controls, overrides) is left out.
    text = inputs.without_refused(text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Inspected:
    type: FileType
    text: str
    note: str = ""  # why `text` is not the whole text of the file; empty when it is


def _kept(filetype: FileType, raw: str, cut: bool, note: str, limits: Limits) -> Inspected:
    text = _clean(raw)
    if cut or len(text) > limits.max_text:
        note = f"its text is cut at {limits.max_text} characters"
        return Inspected(filetype, text[: limits.max_text], note)
    return Inspected(filetype, text, note)


def inspect(stream: BinaryIO, limits: Limits = Limits()) -> Inspected:
    """The type of the document in `stream` (by its content) and its text, read within
    `limits` (all but the time and the memory, which bound the process that runs
    this: extract.py).

    DomainError on `file` when it is none of PDF, DOCX, ODT, is damaged, or its
    packaged XML expands to more than `max_xml` bytes. Read more than twice
    `max_text` characters (before spaces are reduced), or text longer than
    `max_text`, and the text is cut, with a note; so it is when the PDF has more
    pages than `max_pages`. The text is read for search: the file is kept whole.
    """
    stream.seek(0)
    head = stream.read(8)
    if head.startswith(b"%PDF-"):
        text, cut, note = _pdf(stream, limits)
        return _kept(PDF, text, cut, note, limits)
    if head.startswith(b"PK\x03\x04"):
        stream.seek(0)
        budget = _Budget(limits.max_xml)
        try:
            filetype, package = _package_type(stream, budget)
            reader = (_DocxText if filetype is DOCX else _OdtText)(2 * limits.max_text)
            _read(
                package, "word/document.xml" if filetype is DOCX else "content.xml", reader, budget
            )
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError) as exc:
            raise _refuse(f"a damaged package ({exc})") from None
        return _kept(filetype, reader.text(), reader.full, "", limits)
    if head.startswith(b"MZ"):
        raise _refuse(f"{NOT_A_DOCUMENT} (it is a Windows program)")
    raise _refuse(NOT_A_DOCUMENT)
