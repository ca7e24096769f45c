"""ISO 3166 country data (pycountry), with names in Accord's languages."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

_LOCALES = {"ru": "ru", "zh": "zh_CN"}


@cache
def _translation(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[_LOCALES[language]], fallback=True
    )


def lookup(code: str) -> pycountry.db.Country | None:
    if not isinstance(code, str) or len(code) != 2 or not code.isupper():
        return None
    return pycountry.countries.get(alpha_2=code)


@cache
def names(code: str) -> dict[str, str]:
    """The country's common English name and its Russian and Chinese names."""
    country = lookup(code)
    if country is None:
        return {}
    official = country.name
    english = getattr(country, "common_name", None) or official
    result = {"en": english}
    for language in _LOCALES:
        result[language] = _translation(language).gettext(official)
    return result
