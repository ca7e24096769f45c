"""Query words, and snippets with the matched words marked, safe to put in a page.

Every piece of recorded text is HTML-escaped before the `<mark>` elements are put
around the matches, so a title holding markup is shown as text, never as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_WORDS = 8


def words(query: str) -> list[str]:
    """The distinct words of a query (case-insensitively), in their order, at most 8."""
    seen: set[str] = set()
    found = []
    for word in query.split():
        key = word.casefold()
        if key not in seen:
            seen.add(key)
            found.append(word)
    return found[:MAX_WORDS]


def _pattern(terms: Sequence[str]) -> re.Pattern[str]:
    # Longer words first, so that "Bishkek" wins over "Bish" at the same place.
    alternatives = sorted({t.casefold() for t in terms if t}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in alternatives), re.IGNORECASE)


def matches(text: str, terms: Sequence[str]) -> int:
    """How many of `terms` occur in `text` (case-insensitively)."""
    folded = text.casefold()
    return sum(1 for t in terms if t.casefold() in folded)


def excerpt(text: str, terms: Sequence[str], width: int = 220) -> str:
    """About `width` characters of `text` around the first matched word (whole words)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    found = _pattern(terms).search(text) if terms else None
    at = found.start() if found else 0
    start = max(0, at - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > (found.end() if found else start) else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


def highlight(text: str, terms: Iterable[str]) -> SafeString:
    """`text` escaped, each occurrence of a term wrapped in <mark>."""
    terms = [t for t in terms if t]
    if not terms:
        return mark_safe(escape(text))  # escaped just now
    parts = []
    last = 0
    for found in _pattern(terms).finditer(text):
        parts.append(escape(text[last : found.start()]))
        parts.append(f"<mark>{escape(found.group())}</mark>")
        last = found.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # every piece of text was escaped
