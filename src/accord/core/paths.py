"""Paths of pages named many times in one answer (a meeting's page in a long series,
a calendar's entries), without resolving the URL pattern for each: the path is
reversed once per organization, body and script prefix with a stand-in for the
meeting, and each meeting's reference put in its place. A reference the pattern's
slug would not take is reversed as Django reverses it (and refused as it refuses it).
"""

from __future__ import annotations

import functools
import re

from django.urls import get_script_prefix, reverse

_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_STAND_IN = "accord-meeting-stand-in"


@functools.lru_cache(maxsize=256)
def _around(prefix: str, org: str, body: str) -> tuple[str, str]:
    path = reverse("web:meeting", args=[org, body, _STAND_IN])
    before, found, after = path.partition(_STAND_IN)
    if not found or _STAND_IN in after:
        raise ValueError("the meeting's path names its reference once")
    return before, after


def meeting_path(org: str, body: str, ref: str) -> str:
    """`reverse("web:meeting", args=[org, body, ref])`."""
    if _SLUG.fullmatch(org) and _SLUG.fullmatch(body) and _SLUG.fullmatch(ref):
        before, after = _around(get_script_prefix(), org, body)
        return before + ref + after
    return reverse("web:meeting", args=[org, body, ref])
