"""Paths of pages named many times in one answer (a meeting's page in a long series,
a calendar's entries, the documents and people a meeting's record names), without
resolving the URL pattern for each: the path is reversed once per pattern, leading
arguments and script prefix with a stand-in for the last argument, and each value put
in its place. A value the pattern's slug would not take (or a pattern that takes no
slug there) is reversed as Django reverses it (and refused as it refuses it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, reverse

_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_STAND_IN = "accord-path-stand-in"


@functools.lru_cache(maxsize=1024)
def _around(prefix: str, name: str, leading: tuple[str, ...]) -> tuple[str, str] | None:
    try:
        path = reverse(name, args=[*leading, _STAND_IN])
    except NoReverseMatch:
        return None  # (the last argument is not a slug: each is reversed)
    before, found, after = path.partition(_STAND_IN)
    if not found or _STAND_IN in after:
        return None
    return before, after


@receiver(setting_changed)
def _urls_changed(setting: str = "", **kwargs: object) -> None:
    if setting == "ROOT_URLCONF":  # (a test's other URLs)
        _around.cache_clear()
        _page_path.cache_clear()


def page_path(name: str, *args: str) -> str:
    """`reverse(name, args=args)`, for a pattern whose arguments are slugs."""
    return _page_path(get_script_prefix(), name, args)


@functools.lru_cache(maxsize=8192)
def _page_path(prefix: str, name: str, args: tuple[str, ...]) -> str:
    # (kept per script prefix, pattern and arguments: a page names the same pages again)
    if args and all(_SLUG.fullmatch(a) for a in args):
        around = _around(prefix, name, args[:-1])
        if around is not None:
            return around[0] + args[-1] + around[1]
    return reverse(name, args=list(args))


def page_paths() -> Callable[..., str]:
    """`page_path`, the script prefix read once (for a page naming many pages)."""
    prefix = get_script_prefix()

    def path(name: str, *args: str) -> str:
        return _page_path(prefix, name, args)

    return path


def meeting_path(org: str, body: str, ref: str) -> str:
    """`reverse("web:meeting", args=[org, body, ref])`."""
    return page_path("web:meeting", org, body, ref)


def meeting_paths(org: str) -> Callable[[str, str], str]:
    """`meeting_path` of `org`'s meetings, by body and ref, the script prefix read once
    (for a list naming many meetings)."""
    prefix = get_script_prefix()

    def path(body: str, ref: str) -> str:
        return _page_path(prefix, "web:meeting", (org, body, ref))

    return path
