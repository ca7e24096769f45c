"""Names and titles a page shows without a translation into the page's language.

The record keeps a name in its main language and its translations by language; a page
in another language shows the translation where the record has one and the name as
recorded otherwise. That fallback is never silent: every name or title a page shows in
another script than the page's language (Latin letters on a Russian or Chinese page,
Cyrillic or Chinese characters on an English page) is noted while the page is rendered,
and the page ends its content with the list ("shown as recorded, without a
translation"), so the reader knows, and the secretariat sees what to translate.

`UntranslatedMiddleware` opens the list for each request, `note` adds to it (the `tr`
and `tr_field` filters call it), and the `untranslated` context processor hands it to
the page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from accord.core.languages import record_language

_NOTED: ContextVar[list[str] | None] = ContextVar("accord_untranslated", default=None)

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_HAN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


@functools.lru_cache(maxsize=8192)
def in_script_of(text: str, language: str) -> bool:
    """Whether `text` is written in the script of `language` (or has no letters)."""
    code = record_language(language)
    if code == "ru":
        return bool(_CYRILLIC.search(text)) or not (_LATIN.search(text) or _HAN.search(text))
    if code == "zh":
        return bool(_HAN.search(text)) or not (_LATIN.search(text) or _CYRILLIC.search(text))
    return not (_CYRILLIC.search(text) or _HAN.search(text))


def note(text: str) -> None:
    """Note `text`, shown on the page being rendered, if it is not in the page's
    language's script. Outside a request (the command line, tests of templates), a no-op."""
    noted = _NOTED.get()
    if noted is None or not text or text in noted:
        return
    if not in_script_of(text, get_language() or "en"):
        noted.append(text)


class UntranslatedMiddleware:
    """Opens the page's list of untranslated names for each request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _NOTED.set([])
        try:
            return self.get_response(request)
        finally:
            _NOTED.reset(token)


def untranslated(request: HttpRequest) -> dict[str, list[str]]:
    """The page's list itself (empty now, filled while the page renders, and shown
    after its content: the very list, never a copy)."""
    noted = _NOTED.get()
    return {"untranslated": noted if noted is not None else []}
