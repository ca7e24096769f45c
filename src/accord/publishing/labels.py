"""Words the pages show for values of the record, in the reader's language."""

from __future__ import annotations

import datetime as dt
import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accord.core.dates import PartialDate, Precision
from accord.core.languages import interface_language, translated
from accord.decisions.models import Verb
from accord.decisions.verbs import Verbs
from accord.meetings.models import Meeting

# A document's derived status (decisions.rules.STATUS_AFTER), as readers see it.
STATUSES = {
    "draft": gettext_lazy("draft"),
    "under consideration": gettext_lazy("under consideration"),
    "approved": gettext_lazy("approved"),
    "endorsed": gettext_lazy("endorsed"),
    "submitted": gettext_lazy("submitted"),
    "examined": gettext_lazy("examined"),
    "adopted": gettext_lazy("adopted"),
    "signed": gettext_lazy("signed"),
    "noted": gettext_lazy("noted"),
    "deferred": gettext_lazy("deferred"),
    "rejected": gettext_lazy("rejected"),
    "nominated": gettext_lazy("nominated"),
    "recommended": gettext_lazy("recommended"),
    "welcomed": gettext_lazy("welcomed"),
    "circulated": gettext_lazy("circulated"),
    "extended": gettext_lazy("extended"),
}
# A decision's outcome: as recorded (decisions.rules.Recorded), or as positions alone
# give it (decisions.rules.Outcome).
OUTCOMES = {
    "open": gettext_lazy("open"),
    "taken": gettext_lazy("taken"),
    "not taken": gettext_lazy("not taken"),
    "adopted": gettext_lazy("adopted"),
    "not-adopted": gettext_lazy("not adopted"),
    "deferred": gettext_lazy("deferred"),
    "withdrawn": gettext_lazy("withdrawn"),
}


# A referral's purpose: the words the record uses for the usual ones; any other purpose
# is the record's own text, shown as recorded.
PURPOSES = {
    "approval": gettext_lazy("approval"),
    "adoption": gettext_lazy("adoption"),
    "examination": gettext_lazy("examination"),
    "signing": gettext_lazy("signing"),
    "consideration": gettext_lazy("consideration"),
    "endorsement": gettext_lazy("endorsement"),
    "information": gettext_lazy("information"),
}


def purpose_label(purpose: str) -> str:
    return str(PURPOSES.get(purpose, purpose))


def status_label(status: str | None, verbs: Verbs | None = None, language: str = "") -> str:
    """A document's status in the reader's language (or `language`): the name the
    organization's `verbs` give it there, else Accord's word for one of its own
    statuses, else the status as recorded, said to be not translated (never a name in
    another language)."""
    if language:
        with translation.override(interface_language(language)):
            return status_label(status, verbs)
    if not status:
        return _("no action recorded")
    names = verbs.status_names(status) if verbs is not None else {}
    name = translated(names, get_language() or "en")
    if name:
        return name
    if status in STATUSES:
        return str(STATUSES[status])
    return _("%(status)s (not translated)") % {"status": status}


def outcome_label(outcome: str) -> str:
    return str(OUTCOMES.get(outcome, outcome))


def verb_label(verb: str, verbs: Verbs | None = None, language: str = "") -> str:
    """A verb in the reader's language (or `language`): its name in the organization's
    `verbs` where they are its own and name it, else Accord's word for a default verb,
    else the key."""
    if language:
        with translation.override(interface_language(language)):
            return verb_label(verb, verbs)
    spec = verbs.get(verb) if verbs is not None and not verbs.default else None
    if spec is not None:
        name = spec.name_in((get_language() or "en").lower()) or spec.name_in("en")
        if name:
            return name
    try:
        return str(Verb(verb).label)
    except ValueError:
        return verb


def meeting_label(meeting: Meeting, language: str) -> str:
    """A meeting's title in `language`, else its body's name and its number (or date)."""
    title = translated(meeting.titles, language) or meeting.title
    if title:
        return title
    body = meeting.body.name_in(language)
    if meeting.number:
        return _("%(body)s, meeting no. %(number)s") % {"body": body, "number": meeting.number}
    return _("%(body)s, %(date)s") % {"body": body, "date": when(meeting.partial_date)}


@functools.lru_cache(maxsize=4096)
def _formatted(day: dt.date, format_name: str, language: str | None) -> str:
    """`date_format(day, format_name)` in `language`, the active language: a page or a
    calendar names the same days again and again (written once a day, format and
    language)."""
    return date_format(day, format_name)


@receiver(setting_changed)
def _formats_changed(**kwargs: object) -> None:
    _formatted.cache_clear()  # (a test's settings may name other formats)


def _date_format(day: dt.date, format_name: str, language: str | None) -> str:
    if type(day) is not dt.date:  # (a datetime, or a date of another kind: as given)
        return date_format(day, format_name)
    return _formatted(day, format_name, get_language() if language == "" else language)


def when(value: PartialDate | dt.date | None, language: str | None = "") -> str:
    """A date in the reader's locale, to the precision the record knows it. `language`
    is the active language (given by a caller that names many dates)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return _date_format(value, "DATE_FORMAT", language)
    if value.precision is Precision.DAY:
        return _date_format(value.value, "DATE_FORMAT", language)
    if value.precision is Precision.MONTH:
        return _date_format(value.value, "YEAR_MONTH_FORMAT", language)
    return str(value.value.year)


def span(
    start: PartialDate | dt.date | None,
    end: PartialDate | dt.date | None,
    language: str | None = "",
) -> str:
    """A period in the reader's locale: one date, or the first and last (`language`:
    the active language, as `when`)."""
    if start is None:
        return ""
    if end is None or end == start:
        return when(start, language)
    return _("%(start)s – %(end)s") % {"start": when(start, language), "end": when(end, language)}
