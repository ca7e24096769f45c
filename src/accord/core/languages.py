"""The two ways Accord names a language: the interface's (Django's `LANGUAGES`: `en`,
`ru`, `zh-hans`) and the record's (the keys of names and titles, and the languages
releases are written in: `en`, `ru`, `zh`). One mapping, both ways."""

from __future__ import annotations

from collections.abc import Mapping

# Where the interface's code differs from the record's.
_INTERFACE = {"zh": "zh-hans"}


def record_language(interface: str) -> str:
    """The record's code for an interface language: `zh-hans` → `zh`, `ru` → `ru`."""
    return interface.lower().replace("_", "-").split("-")[0]


def interface_language(record: str) -> str:
    """The interface's code for a record language: `zh` → `zh-hans`."""
    return _INTERFACE.get(record, record)


def translated(names: Mapping[str, str] | None, language: str) -> str | None:
    """The translation in `language` (either kind of code) that `names` holds, if any."""
    if not names:
        return None
    return names.get(language) or names.get(record_language(language)) or None
