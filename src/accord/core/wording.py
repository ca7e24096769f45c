"""How a refusal names a record it speaks of, in the active language: in English (what
the API and the command line answer in, unless asked otherwise) by its key, quoted
('MN'), as programs and record-keepers read it; in another language by its name in that
language (Монголия), as a reader of that page knows it. A day and a choice are said
alike: in English as the record writes them (2019-01-01, 'not-adopted'), in another
language as the pages do (1 января 2019 г., «не принято»)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from django.utils.formats import date_format
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


def day(value: dt.date) -> str:
    """`value` as a refusal in the active language gives it: in English as the record
    writes it (2019-01-01), else as the pages write a date (`DATE_FORMAT`)."""
    if in_english():
        return value.isoformat()
    return date_format(value, "DATE_FORMAT")


def said(value: str, label: object) -> str:
    """A choice (`value`, shown to readers as `label`) as a refusal in the active language
    says it: its value in English, its label (translated) otherwise."""
    return value if in_english() else str(label)
