"""How a refusal names a record it speaks of, in the active language: in English (what
the API and the command line answer in, unless asked otherwise) by its key, quoted
('MN'), as programs and record-keepers read it; in another language by its name in that
language (Монголия), as a reader of that page knows it."""

from __future__ import annotations

from typing import Protocol

from django.utils.translation import get_language

from accord.core.languages import record_language


class HasNames(Protocol):
    def name_in(self, language: str) -> str: ...


def in_english() -> bool:
    return record_language(get_language() or "en") == "en"


def named(record: HasNames | None, key: str) -> str:
    """`record` (whose key is `key`) as a refusal in the active language names it."""
    if record is None or in_english():
        return repr(key)
    return record.name_in(record_language(get_language() or "en"))
