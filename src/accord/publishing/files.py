"""A published release as the files a press office sends: PDF (HTML and CSS laid out by
WeasyPrint) and DOCX (python-docx), on the organization's letterhead, in the release's
language, with a footer of the organization's name and the page number.

The files are written from the published version's own text (headline, dateline,
paragraphs), never composed again from the record. They are made when first asked for
and kept in the files storage under the hash of everything they are made of (the
version's text, its language and kind, the letterhead, the layout's revision): a
published version never changes, so its file is made once; a letterhead changed in the
record gives new files, and the old ones are simply no longer asked for.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.template.loader import render_to_string
from django.utils import translation

from accord.accounts.access import Viewer
from accord.core.errors import DomainError, NotFound
from accord.core.languages import interface_language
from accord.publishing import letterhead as letterheads
from accord.publishing import selectors
from accord.publishing.letterhead import Letterhead
from accord.publishing.models import PressRelease, ReleaseKind, ReleaseState, ReleaseVersion
from accord.publishing.selectors import profile_of
from accord.registry.models import Organization

# Raised when the layout changes, so that no file of the old layout is served again.
LAYOUT = 1
FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# Fonts with Cyrillic and Chinese glyphs (Debian: fonts-dejavu-core, fonts-wqy-microhei);
# Chinese first for a Chinese release, so that its Latin and punctuation match.
LATIN = "DejaVu Sans"
CHINESE = "WenQuanYi Micro Hei"


@dataclass(frozen=True)
class Sheet:
    """What a release's file shows."""

    language: str
    kind: str  # "press release", in the release's language
    headline: str
    dateline: str
    paragraphs: tuple[str, ...]
    letterhead: Letterhead


@dataclass(frozen=True)
class ReleaseFile:
    content: bytes
    filename: str
    content_type: str


def sheet_of(release: PressRelease, version: ReleaseVersion) -> Sheet:
    """The sheet of a version of `release`, on its organization's letterhead."""
    org = release.organization
    with translation.override(interface_language(release.language)):
        kind = str(ReleaseKind(release.kind).label)
    return Sheet(
        language=release.language,
        kind=kind[:1].upper() + kind[1:],
        headline=version.headline,
        dateline=version.dateline,
        paragraphs=tuple(p.strip() for p in version.text.split("\n\n") if p.strip()),
        letterhead=letterheads.letterhead_of(org, profile_of(org), release.language),
    )


def content_hash(sheet: Sheet, fmt: str) -> str:
    """The hash of everything a file is made of."""
    made_of = {
        "layout": LAYOUT,
        "format": fmt,
        "language": sheet.language,
        "kind": sheet.kind,
        "headline": sheet.headline,
        "dateline": sheet.dateline,
        "paragraphs": sheet.paragraphs,
        "letterhead": letterheads.fingerprint(sheet.letterhead),
    }
    encoded = json.dumps(made_of, ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()


def file_of(
    viewer: Viewer, org: Organization, slug: str, fmt: str, number: int | None = None
) -> ReleaseFile:
    """The `fmt` (pdf or docx) file of release `slug`'s published version `number` (the
    newest published one by default), as the viewer may read it: a release the viewer
    may not read, a version not published and a missing one are all not found."""
    if fmt not in FORMATS:
        raise DomainError.at("format", f"{fmt!r}: a release's file is {' or '.join(FORMATS)}")
    release = selectors.release(viewer, org, slug)
    version = next(
        (
            v
            for v in release.versions.all()  # prefetched, newest first
            if v.state == ReleaseState.PUBLISHED and number in (None, v.number)
        ),
        None,
    )
    if version is None:
        which = "no published version" if number is None else f"no published version {number}"
        raise NotFound.at("version", f"release {slug!r} has {which}")
    return release_file(release, version, fmt)


def release_file(release: PressRelease, version: ReleaseVersion, fmt: str) -> ReleaseFile:
    """The `fmt` (pdf or docx) file of a version: kept in the files storage, made the
    first time it is asked for. Reads no permission: `file_of` does."""
    sheet = sheet_of(release, version)
    storage = storages["documents"]
    name = f"releases/{content_hash(sheet, fmt)}.{fmt}"
    if storage.exists(name):
        with storage.open(name, "rb") as kept:
            content = kept.read()
    else:
        content = render_pdf(sheet) if fmt == "pdf" else render_docx(sheet)
        if not storage.exists(name):  # made meanwhile by another request: same content
            storage.save(name, ContentFile(content))
    return ReleaseFile(content, f"{release.slug}-v{version.number}.{fmt}", FORMATS[fmt])


def _fonts(language: str) -> str:
    order = [CHINESE, LATIN] if language == "zh" else [LATIN, CHINESE]
    return ", ".join(f'"{f}"' for f in order) + ", sans-serif"


def html_of(sheet: Sheet) -> str:
    """The HTML page WeasyPrint lays out as the PDF (a browser shows it alike)."""
    head = sheet.letterhead
    logo = ""
    if head.logo:
        logo = f"data:{head.logo_type};base64,{base64.b64encode(head.logo).decode()}"
    return render_to_string(
        "publishing/release_file.html",
        {"sheet": sheet, "letterhead": head, "logo": logo, "fonts": _fonts(sheet.language)},
    )


def render_pdf(sheet: Sheet) -> bytes:
    """The sheet as PDF: its language in the document's /Lang, its headline the title,
    the fonts embedded."""
    # imported when needed: loading WeasyPrint takes a moment
    from weasyprint import HTML, URLFetcher

    # Nothing but the page's own data: URIs (the logo): laying a release out never
    # reads a file of the server or a URL.
    only_data = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return HTML(string=html_of(sheet), url_fetcher=only_data).write_pdf()


def render_docx(sheet: Sheet) -> bytes:
    """The sheet as DOCX: its language in the core properties and in the styles' run
    properties (Latin and East Asian), the letterhead in the page header, the
    organization's name and the page number in the footer."""
    from docx import Document
    from docx.shared import Mm, Pt, RGBColor

    head = sheet.letterhead
    accent = RGBColor.from_string(head.accent[1:].upper())
    text_colour = RGBColor.from_string(head.text[1:].upper())
    document = Document()
    properties = document.core_properties
    properties.title = sheet.headline
    properties.language = sheet.language
    properties.author = head.name
    properties.subject = sheet.kind
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = text_colour
    _fonts_and_language(normal, sheet.language)
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(22)

    top = section.header.paragraphs[0]
    if head.logo:
        top.add_run().add_picture(io.BytesIO(head.logo), height=Mm(14))
        top.add_run("  ")
    name = top.add_run(head.name)
    name.bold, name.font.size, name.font.color.rgb = True, Pt(13), accent
    if head.address:
        address = section.header.add_paragraph().add_run(head.address)
        address.font.size = Pt(8.5)

    footer = section.footer.paragraphs[0]
    footer.add_run(f"{head.name}\t\t").font.size = Pt(8)
    _page_number(footer)

    kind = document.add_paragraph().add_run(sheet.kind.upper())
    kind.font.size, kind.font.color.rgb = Pt(8.5), accent
    title = document.add_paragraph().add_run(sheet.headline)
    title.bold, title.font.size = True, Pt(15)
    if sheet.dateline:
        document.add_paragraph().add_run(sheet.dateline).bold = True
    for text in sheet.paragraphs:
        paragraph = document.add_paragraph()
        for i, line in enumerate(text.split("\n")):
            if i:
                paragraph.runs[-1].add_break()
            paragraph.add_run(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _fonts_and_language(style: Any, language: str) -> None:
    """The style's fonts (Latin and Cyrillic; East Asian) and its language, which Word
    reads for spelling, hyphenation and line breaking."""
    from docx.oxml.ns import qn

    style.font.name = LATIN
    properties = style.element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    fonts.set(qn("w:cs"), LATIN)
    fonts.set(qn("w:eastAsia"), CHINESE)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = properties.makeelement(qn("w:lang"), {})
        properties.append(lang)
    tag = {"en": "en-GB", "ru": "ru-RU", "zh": "zh-CN"}.get(language, language)
    lang.set(qn("w:val"), tag if language != "zh" else "en-GB")
    lang.set(qn("w:eastAsia"), "zh-CN" if language == "zh" else tag)


def _page_number(paragraph: Any) -> None:
    """A PAGE field at the end of `paragraph` (Word fills in the number)."""
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        if kind is not None:
            element = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        elif text == " PAGE ":
            element = run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            element.text = text
        else:
            element = run._r.makeelement(qn("w:t"), {})
            element.text = text
        run._r.append(element)
    end = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "end"})
    run._r.append(end)
