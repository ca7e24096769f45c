"""How a refusal names a record it speaks of, in the active language: in English (what
the API and the command line answer in, unless asked otherwise) by its key, quoted
('MN'), as programs and record-keepers read it; in another language by its name in that
language (Монголия), as a reader of that page knows it. A day and a choice are said
alike: in English as the record writes them (2019-01-01, 'not-adopted'), in another
language as the pages do (1 января 2019 г., «не принято»); a date known only to the
month or the year to that precision (2019-05, май 2019 г.), a period as its first and
last day (2019-05-01..2019-05-03, 1 мая 2019 г. – 3 мая 2019 г.)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext

from accord.core.languages import record_language

if TYPE_CHECKING:  # core.dates refuses in these words (`range_problem`)
    from accord.core.dates import PartialDate


class HasNames(Protocol):
    def name_in(self, language: str) -> str: ...


def in_english() -> bool:
    return record_language(get_language() or "en") == "en"


def named(record: HasNames | None, key: str) -> str:
    """`record` (whose key is `key`) as a refusal in the active language names it."""
    if record is None or in_english():
        return repr(key)
    return record.name_in(record_language(get_language() or "en"))


def day(value: dt.date | PartialDate) -> str:
    """`value` (a day, or a date known only to the month or the year) as a refusal in the
    active language gives it: in English as the record writes it (2019-01-01, 2019-01),
    else as the pages write a date (`DATE_FORMAT`, `YEAR_MONTH_FORMAT`, the year)."""
    if in_english():
        return value.isoformat()
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    if value.precision == "day":
        return date_format(value.value, "DATE_FORMAT")
    if value.precision == "month":
        # Inside a sentence, as a refusal puts it: a month's name is no proper noun there
        # (заканчивается январь 2019 г., not Январь as a page's heading writes it).
        month = date_format(value.value, "YEAR_MONTH_FORMAT")
        return month[:1].lower() + month[1:]
    return str(value.value.year)


def days(first: dt.date | PartialDate, last: dt.date | PartialDate) -> str:
    """The period from `first` to `last` as a refusal in the active language gives it: in
    English as the record writes a span (2019-05-01..2019-05-03), else as the pages do."""
    if in_english():
        return f"{first.isoformat()}..{last.isoformat()}"
    if first == last:
        return day(first)
    return gettext("%(start)s – %(end)s") % {"start": day(first), "end": day(last)}


def said(value: str, label: object) -> str:
    """A choice (`value`, shown to readers as `label`) as a refusal in the active language
    says it: its value in English, its label (translated) otherwise."""
    return value if in_english() else str(label)
