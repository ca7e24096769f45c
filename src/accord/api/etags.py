"""ETags in HTTP: an answer tagged with the version of what it shows, 304 for a client
that holds it already, and the If-Match a change must send (`accord.core.etags` says
what a version is and checks it).

Changes (PATCH, PUT) must name the ETag of the object as read in If-Match: none is
refused with 428, an outdated one with 412, and in both cases nothing is written.
"""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from ninja.responses import NinjaJSONEncoder
from pydantic import BaseModel

from accord.core.errors import VersionRequired
from accord.core.etags import check_version, etag_of, etag_of_data, names, tags

__all__ = [
    "check_if_match",
    "etag_of",
    "names",
    "require_if_match",
    "tagged",
    "tagged_answer",
    "written",
]


def _per_viewer(response: HttpResponse) -> None:
    # What a response holds depends on who asks: caches must keep it per viewer, and
    # ask again (If-None-Match) before reusing it.
    patch_vary_headers(response, ["Authorization", "Cookie"])
    response["Cache-Control"] = "private, no-cache"


def tagged(
    request: HttpRequest,
    response: HttpResponse,
    representation: BaseModel,
    *,
    version: BaseModel | None = None,
) -> object:
    """Return `representation` with its ETag (the one of `version`, when the domain says
    what the object's version is); 304 when the client already holds it."""
    not_modified = _not_modified_or_tag(
        request, response, etag_of(representation if version is None else version)
    )
    return representation if not_modified is None else not_modified


def _not_modified_or_tag(
    request: HttpRequest, response: HttpResponse, tag: str
) -> HttpResponseNotModified | None:
    """304 with `tag` when the client already holds it; else `response` tagged (None)."""
    held = request.headers.get("If-None-Match")
    if request.method == "GET" and held and (tag in tags(held) or held.strip() == "*"):
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = tag
        _per_viewer(not_modified)
        return not_modified
    response["ETag"] = tag
    _per_viewer(response)
    return None


def tagged_answer(
    request: HttpRequest, response: HttpResponse, representation: BaseModel
) -> HttpResponse:
    """`tagged`, for a representation whose fields are all JSON's own types (texts,
    numbers, booleans, null, lists and objects of them), with the answer's body written
    here: from one dump of the representation, both the same bytes as the API's
    renderer writes for it (`response` is the operation's, whose status and content
    type the API set) and its ETag (`_tag_of` the body)."""
    data = representation.model_dump(mode="json")
    body = _BODY.encode(data).encode("utf-8")
    not_modified = _not_modified_or_tag(request, response, _tag_of(body, data))
    if not_modified is not None:
        return not_modified
    response.content = body
    return response


# The renderer's encoder (`json.dumps(data, cls=NinjaJSONEncoder)`), made once (a
# dump is a tree, never circular: not checked for cycles).
_BODY = NinjaJSONEncoder(check_circular=False)

# ETags of the bodies written before, by their bytes' hash. A body is its
# representation's JSON as the renderer writes it (its keys in their order), so equal
# bodies are equal representations, whose ETag is one: a record read again as it was
# (by another standing or language seeing the same, or after a write that did not
# change it) is tagged without its canonical JSON written again. Emptied when full.
_tags: dict[bytes, str] = {}
MAX_TAGS = 4096


def _tag_of(body: bytes, data: object) -> str:
    """`etag_of_data(data)`, for `data` whose body (as the renderer writes it) is `body`."""
    key = hashlib.sha256(body).digest()
    tag = _tags.get(key)
    if tag is None:
        tag = etag_of_data(data)
        if len(_tags) >= MAX_TAGS:
            _tags.clear()
        _tags[key] = tag
    return tag


def written(
    response: HttpResponse, representation: BaseModel, *, version: BaseModel | None = None
) -> BaseModel:
    """Return what a write made (`representation`) with the ETag a later change sends
    back as If-Match (the one of `version`, when the domain says what it is)."""
    response["ETag"] = etag_of(representation if version is None else version)
    _per_viewer(response)
    return representation


def require_if_match(if_match: str | None) -> str:
    """The If-Match header, which a change must send (428 without it)."""
    if not if_match or not if_match.strip():
        raise VersionRequired.at(
            "If-Match", "send the ETag of the object as you read it (GET it first)"
        )
    if if_match.strip() == "*":
        raise VersionRequired.at(
            "If-Match", "name the ETag you read; '*' would overwrite changes you have not seen"
        )
    return if_match


def check_if_match(if_match: str, current: BaseModel) -> None:
    """412 unless `if_match` names the current ETag (as sent, compressed or not)."""
    check_version(if_match, current)
