"""ETags: a hash of an object's representation, and the preconditions that use it.

A representation is what one viewer is shown, so the ETag a client holds is the one of
the object as it read it. Changes (PATCH, PUT) must name that ETag in If-Match: none
is refused with 428, an outdated one with 412, and in both cases nothing is written.

An answer compressed on the way out (`accord.core.compression`) carries the same tag
marked weak (`W/"..."`), as HTTP asks of a tag whose bytes were re-encoded. The tag
still names the representation the client read, so If-Match takes it back: `W/"t"`
names the object whose ETag is `"t"`, and nothing else does.
"""

from __future__ import annotations

import hashlib
import json

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from pydantic import BaseModel

from accord.api.errors import PreconditionFailed, PreconditionRequired


def etag_of(representation: BaseModel) -> str:
    """A strong ETag of `representation` (its JSON, keys sorted)."""
    data = representation.model_dump(mode="json")
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return '"' + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:40] + '"'


def _tags(header: str) -> list[str]:
    return [t.strip() for t in header.split(",") if t.strip()]


def _per_viewer(response: HttpResponse) -> None:
    # What a response holds depends on who asks: caches must keep it per viewer, and
    # ask again (If-None-Match) before reusing it.
    patch_vary_headers(response, ["Authorization", "Cookie"])
    response["Cache-Control"] = "private, no-cache"


def tagged(request: HttpRequest, response: HttpResponse, representation: BaseModel) -> object:
    """Return `representation` with its ETag; 304 when the client already holds it."""
    tag = etag_of(representation)
    held = request.headers.get("If-None-Match")
    if request.method == "GET" and held and (tag in _tags(held) or held.strip() == "*"):
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = tag
        _per_viewer(not_modified)
        return not_modified
    response["ETag"] = tag
    _per_viewer(response)
    return representation


def written(response: HttpResponse, representation: BaseModel) -> BaseModel:
    """Return what a write made (`representation`) with the ETag a later change sends
    back as If-Match."""
    response["ETag"] = etag_of(representation)
    _per_viewer(response)
    return representation


def require_if_match(if_match: str | None) -> str:
    """The If-Match header, which a change must send (428 without it)."""
    if not if_match or not if_match.strip():
        raise PreconditionRequired.at(
            "If-Match", "send the ETag of the object as you read it (GET it first)"
        )
    if if_match.strip() == "*":
        raise PreconditionRequired.at(
            "If-Match", "name the ETag you read; '*' would overwrite changes you have not seen"
        )
    return if_match


def names(if_match: str, tag: str) -> bool:
    """Whether the If-Match header `if_match` lists `tag` (a strong ETag), as sent or
    as compression marked it weak."""
    return any(held in (tag, "W/" + tag) for held in _tags(if_match))


def check_if_match(if_match: str, current: BaseModel) -> None:
    """412 unless `if_match` names the current ETag (as sent, compressed or not)."""
    if not names(if_match, etag_of(current)):
        raise PreconditionFailed.at(
            "If-Match", "the object has changed since you read it; GET it again and retry"
        )
