"""A document file as an HTTP answer, for the web page's links and the API alike.

The bytes are streamed from the files storage exactly as stored: the Content-Type is
the type Accord found in the content (never the one the uploader claimed), the
browser is told not to guess another (`nosniff`) and to save the file rather than
show it, under its name (RFC 6266: an ASCII `filename` and the exact UTF-8
`filename*`); the ETag is the SHA-256 of the bytes, so a client holding it gets 304.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from django.http import FileResponse, HttpRequest, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from accord.documents.models import DocumentFile
from accord.documents.selectors import open_file


def content_disposition(name: str) -> str:
    """`attachment; filename="..."; filename*=UTF-8''...` for `name` (RFC 6266, 8187).

    The plain `filename` is for clients that read no `filename*`: the name without
    its accents when that leaves it ASCII (Résumé -> Resume), else `document.pdf`.
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    if not plain.isascii() or not plain.isprintable():
        _, dot, extension = name.rpartition(".")
        plain = f"document.{extension}" if dot and extension.isascii() else "document"
    plain = plain.replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def _held(request: HttpRequest, tag: str) -> bool:
    held = request.headers.get("If-None-Match", "")
    tags = {t.strip().removeprefix("W/") for t in held.split(",")}
    return tag in tags or "*" in tags


def file_response(request: HttpRequest, file: DocumentFile) -> HttpResponseBase:
    """The file's bytes (or 304 when the client holds them), for a reader of it."""
    tag = f'"{file.sha256}"'
    if _held(request, tag):
        response: HttpResponseBase = HttpResponseNotModified()
    else:
        response = FileResponse(open_file(file), content_type=file.content_type)
        response["Content-Length"] = str(file.size)
        response["Content-Disposition"] = content_disposition(file.name)
    response["ETag"] = tag
    response["X-Content-Type-Options"] = "nosniff"
    # Who may read it depends on who asks: caches keep it per viewer and ask again.
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Authorization", "Cookie"])
    response.sent_as_stored = True  # type: ignore[attr-defined]
    return response
