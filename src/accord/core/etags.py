"""Versions of what a reader is shown: a hash of the representation, and the check a
change makes against the version its author read.

A representation is what one viewer is shown, so the version a client holds is the one
of the object as it read it. The API sends it as the ETag and takes it back in
If-Match; the web pages carry it in the form as `version`. A change that names a
version is refused (`Stale`) unless that version is still the current one, and then
nothing is written.

An answer compressed on the way out (`accord.core.compression`) carries the same tag
marked weak (`W/"..."`), as HTTP asks of a tag whose bytes were re-encoded. The tag
still names the representation the client read: `W/"t"` names the object whose ETag
is `"t"`, and nothing else does.
"""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel

from accord.core.errors import Stale


def etag_of(representation: BaseModel) -> str:
    """A strong ETag of `representation` (its JSON, keys sorted)."""
    return etag_of_data(representation.model_dump(mode="json"))


# The canonical JSON of a representation: its keys sorted, no spaces, texts as they are
# (a dump is a tree, never circular: not checked for cycles, as `json.dumps` would).
_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, check_circular=False
)


def etag_of_data(data: object) -> str:
    """`etag_of` a representation whose JSON dump (`model_dump(mode="json")`) is `data`."""
    canonical = _CANONICAL.encode(data)
    return '"' + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:40] + '"'


def tags(header: str) -> list[str]:
    """The tags an If-Match (or If-None-Match) header lists."""
    return [t.strip() for t in header.split(",") if t.strip()]


def names(held: str, tag: str) -> bool:
    """Whether `held` (an If-Match header, or a form's version) lists `tag` (a strong
    ETag), as sent or as compression marked it weak."""
    return any(one in (tag, "W/" + tag) for one in tags(held))


def check_version(held: str, current: BaseModel) -> None:
    """Refuse (`Stale`, field `version`) unless `held` names the current version of
    `current`."""
    if not names(held, etag_of(current)):
        raise Stale.at(
            "version", "the object has changed since you read it; read it again and retry"
        )
