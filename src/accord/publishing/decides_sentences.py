"""The sentences of a release that say what a decision decided: the people it
appointed to posts, the terms it extended, the chair terms it fixed, in each language
of the release."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from accord.core.dates import PartialDate, Precision
from accord.decisions.models import Decision, Effect

if TYPE_CHECKING:
    from accord.publishing.naming import Names

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "appoints": "The {body} appointed {person} {post} for the period from {start} to {end}",
        "appoints_open": "The {body} appointed {person} {post} from {start}",
        "acting": " (acting)",
        "extends": "The {body} extended the term of {person} as {post} from {before} to {after}",
        "extends_open": "The {body} extended the term of {person} as {post}, which was to end"
        " on {before}, without an end",
        "fixes_chair": "The {body} decided that {party} holds the chair{of} from {start} to {end}",
        "fixes_chair_open": "The {body} decided that {party} holds the chair{of} from {start}",
        "extends_chair": "The {body} extended the chair term of {party}{of} from {before} to"
        " {after}",
        "of": " of the {body}",
    },
    "ru": {
        "appoints": "{body} — назначение: {person} — {post} на период с {start} по {end}",
        "appoints_open": "{body} — назначение: {person} — {post} с {start}",
        "acting": " (временно исполняющий обязанности)",
        "extends": "{body} — продление полномочий: {person} — {post}; срок продлён с {before}"
        " до {after}",
        "extends_open": "{body} — продление полномочий: {person} — {post}; срок, истекавший"
        " {before}, продлён без ограничения",
        "fixes_chair": "{body} — председательство{of}: {party}, с {start} по {end}",
        "fixes_chair_open": "{body} — председательство{of}: {party}, с {start}",
        "extends_chair": "{body} — продление председательства{of}: {party}; срок продлён с"
        " {before} до {after}",
        "of": " ({body})",
    },
    "zh": {
        "appoints": "{body}任命{person}为{post}，任期自{start}至{end}",
        "appoints_open": "{body}任命{person}为{post}，自{start}起任职",
        "acting": "（代理）",
        "extends": "{body}将{person}的{post}任期从{before}延长至{after}",
        "extends_open": "{body}将{person}原定于{before}届满的{post}任期延长，不设届满日期",
        "fixes_chair": "{body}决定{party}自{start}至{end}担任{of}主席",
        "fixes_chair_open": "{body}决定{party}自{start}起担任{of}主席",
        "extends_chair": "{body}将{party}担任{of}主席的任期从{before}延长至{after}",
        "of": "{body}",
    },
}


def _day(names: Names, day: dt.date | None) -> str:
    return names.lang.date(PartialDate(day, Precision.DAY)) if day is not None else ""


def effect_sentence(names: Names, decision: Decision, e: Effect) -> str:
    """One thing `decision` decided, said in the language of `names` (without the
    closing stop)."""
    p = PHRASES.get(names.lang.code, PHRASES["en"])
    body = names.body(decision.meeting.body)
    if e.holding is not None:
        h = e.holding
        said = {
            "body": body,
            "person": names.name(h.person),
            "post": names.name(h.post) + (p["acting"] if h.acting else ""),
            "start": _day(names, h.start),
            "end": _day(names, e.decided_end),
            "before": _day(names, e.previous_end),
            "after": _day(names, e.decided_end),
        }
        if e.kind == "extends":
            return p["extends" if e.decided_end else "extends_open"].format(**said)
        return p["appoints" if e.decided_end else "appoints_open"].format(**said)
    term = e.chair_term
    assert term is not None  # (the constraint effect_names_one_record)
    said = {
        "body": body,
        "party": names.party(term.party),
        "of": p["of"].format(body=names.body(term.body)) if term.body else "",
        "start": _day(names, term.start),
        "end": _day(names, e.decided_end),
        "before": _day(names, e.previous_end),
        "after": _day(names, e.decided_end),
    }
    if e.kind == "extends":
        return p["extends_chair"].format(**said)
    return p["fixes_chair" if e.decided_end else "fixes_chair_open"].format(**said)
