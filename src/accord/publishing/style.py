"""An organization's house style for its press releases, as record data.

`house_style` of the publishing profile says which headline a press release has —
the meeting held ("held": "The 19th meeting of X held in Bishkek"), or the issuer's
head attending it ("attends": "Secretary-General Y attends the 19th meeting of X") —
for every body or for some bodies by their ids, and whether the dateline gives the
meeting's first day or its last (a two-day summit whose decisions were taken on the
second day is dated on the second). An organization that says nothing keeps the
defaults: the headline of its press release style, dated on the first day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

HELD = "held"
ATTENDS = "attends"
HEADLINES = (HELD, ATTENDS)
FIRST_DAY = "first-day"
LAST_DAY = "last-day"
DATELINES = (FIRST_DAY, LAST_DAY)
KEYS = ("headline", "headlines", "dateline")


def style_problems(style: Any, bodies: Iterable[str] = ()) -> list[tuple[str, str]]:
    """What is wrong with a house style, as (field, reason) pairs; `bodies`: the ids
    of the organization's bodies, which `headlines` may name."""
    if not isinstance(style, Mapping):
        return [("house_style", "a mapping of headline, headlines and dateline")]
    problems = []
    for key in style:
        if key not in KEYS:
            problems.append(
                (f"house_style.{key}", f"not part of a house style ({', '.join(KEYS)})")
            )
    if "headline" in style and style["headline"] not in HEADLINES:
        problems.append(("house_style.headline", f"{style['headline']!r}: held or attends"))
    known = set(bodies)
    headlines = style.get("headlines", {})
    if not isinstance(headlines, Mapping):
        problems.append(("house_style.headlines", "a mapping of body id to headline"))
        headlines = {}
    for body, kind in headlines.items():
        if body not in known:
            problems.append((f"house_style.headlines.{body}", "not a body of the organization"))
        if kind not in HEADLINES:
            problems.append((f"house_style.headlines.{body}", f"{kind!r}: held or attends"))
    if "dateline" in style and style["dateline"] not in DATELINES:
        problems.append(("house_style.dateline", f"{style['dateline']!r}: first-day or last-day"))
    return problems


def headline_of(style: Mapping[str, Any], body: str, press_release_style: str) -> str:
    """The headline kind of a press release of `body`'s meeting: the body's own, else
    the organization's, else that of its press release style (attendance: attends)."""
    kind = (style.get("headlines") or {}).get(body) or style.get("headline")
    if kind in HEADLINES:
        return str(kind)
    return ATTENDS if press_release_style == "attendance" else HELD


def dateline_on_last_day(style: Mapping[str, Any]) -> bool:
    return style.get("dateline") == LAST_DAY
