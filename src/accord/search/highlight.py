"""Query words, and snippets with the matched words marked, safe to put in a page.

Every piece of recorded text is HTML-escaped before the `<mark>` elements are put
around the matches, so a title holding markup is shown as text, never as markup.
What counts as a match is a regular expression per query word and text
(`accord.search.text.Term.pattern`: the words of the text having one of the query
word's forms, as the index matches them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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


def literal(terms: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern matching any of `terms` as typed (case-insensitively), longest first."""
    alternatives = sorted({t.casefold() for t in terms if t}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile("|".join(re.escape(t) for t in alternatives), re.IGNORECASE)


def combined(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern matching any of `patterns` (regular expressions), case-insensitively."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def excerpt(text: str, found: re.Pattern[str] | None, width: int = 220) -> str:
    """About `width` characters of `text` around the first match (whole words)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    first = found.search(text) if found is not None else None
    at = first.start() if first else 0
    start = max(0, at - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > (first.end() if first else start) else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


def highlight(text: str, found: re.Pattern[str] | None) -> SafeString:
    """`text` escaped, each match of `found` wrapped in <mark>."""
    if found is None:
        return mark_safe(escape(text))  # escaped just now
    parts: list[str] = []
    last = 0
    for match in found.finditer(text):
        if not match.group():
            continue
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # every piece of text was escaped
