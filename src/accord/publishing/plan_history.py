"""A meeting's plan history in one sentence of the reader's language: "Originally
planned for 2020, Chelyabinsk (Russia); scheduled on 25 December 2019, for 22–23 July
2020; postponed on 27 May 2020; moved online on 21 October 2020, for 10 November
2020 (by video); held on 10 November 2020." The meeting page and `accord meeting`
say it; the changes are the record's (`meetings.lifecycle.PlanChange`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.core.languages import record_language
from accord.meetings.lifecycle import PlanChange
from accord.meetings.models import Mode
from accord.publishing.wording import Language


def _said(kind: str) -> str:
    """What a change did, on a day (`%(on)s`), in the active language."""
    return {
        "announced": _("announced on %(on)s"),
        "scheduled": _("scheduled on %(on)s"),
        "postponed": _("postponed on %(on)s"),
        "rescheduled": _("rescheduled on %(on)s"),
        "moved-online": _("moved online on %(on)s"),
        "held": _("held on %(on)s"),
        "cancelled": _("cancelled on %(on)s"),
    }[kind]


def language() -> Language:
    return Language(record_language(get_language() or "en"))


def plan_text(c: PlanChange, lang: Language) -> str:
    """The plan one change set: its dates, place and mode, where it gave them."""
    code = lang.code
    parts = []
    if c.start is not None:
        parts.append(lang.span(c.start, c.end, c.date_precision))
    country = c.country.name_in(code) if c.country_id and c.country else ""
    place = lang.place(c.city_names.get(code) or c.city, country)
    if place:
        parts.append(place)
    text = ", ".join(parts) if code != "zh" else "，".join(parts)
    if c.mode and c.mode != Mode.IN_PERSON:
        text += lang.paren(str(Mode(c.mode).label))
    return text.strip()


def history(changes: Sequence[PlanChange], lang: Language | None = None) -> str:
    """The sentence (empty for a meeting without a plan history), in the active
    language (or `lang`'s words for dates and places)."""
    if not changes:
        return ""
    lang = lang or language()
    first, *later = changes
    parts = [_("Originally planned for %(plan)s") % {"plan": plan_text(first, lang)}]
    for c in later:
        day = (
            lang.span(c.start, c.end, c.date_precision)
            if c.kind == "held" and c.start is not None
            else lang.date(c.known)
        )
        said = _said(c.kind) % {"on": day}
        if c.kind == "held" and c.mode and c.mode != Mode.IN_PERSON:
            said += lang.paren(str(Mode(c.mode).label))
        plan = "" if c.kind == "held" else plan_text(c, lang)
        parts.append(
            _("%(change)s, for %(plan)s") % {"change": said, "plan": plan} if plan else said
        )
    return lang.sentence(lang.sep.join(parts))
