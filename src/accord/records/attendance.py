"""How a record file says a participant attended and who made a statement, read into
the values the meeting services take (and written back by the dumper). The rules on
these facts are the meetings' own (`meetings.rules`); here is only their spelling.

A participant may say `attendance` (present, absent, video, message, represented),
`absence_reason`, `level` with `level_text`/`level_names` (represented at another
level), and `joined` / `left` as `{item, time, reason}` (at an agenda item of the
meeting, at a time HH:MM, and why: protest or other). A statement names a `person`, a
`party` or both, and may say its `kind` and `verbatim: false` for reported speech.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from accord.core.errors import DomainError
from accord.meetings.models import AgendaItem, Participation, Statement

ItemLookup = Callable[[str | None, str], AgendaItem | None]


def _time(value: Any, where: str) -> dt.time | None:
    if value is None:
        return None
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        raise DomainError.at(where, f"{value!r} is not a time (HH:MM)") from None


def participant_attendance(p: dict, where: str, item: ItemLookup) -> dict[str, Any]:
    """The attendance fields of one participant of a record file."""
    joined, left = p.get("joined") or {}, p.get("left") or {}
    reasons = {x.get("reason") for x in (joined, left) if x.get("reason")}
    if len(reasons) > 1:
        raise DomainError.at(f"{where}.left.reason", "joined and left give different reasons")
    return {
        "attendance": p.get("attendance", "present"),
        "absence_reason": p.get("absence_reason", ""),
        "level": p.get("level", ""),
        "level_text": p.get("level_text", ""),
        "level_names": p.get("level_names", {}),
        "joined_at_item": item(joined.get("item"), f"{where}.joined.item"),
        "joined_at_time": _time(joined.get("time"), f"{where}.joined.time"),
        "left_at_item": item(left.get("item"), f"{where}.left.item"),
        "left_at_time": _time(left.get("time"), f"{where}.left.time"),
        "timing_reason": reasons.pop() if reasons else "",
    }


def _moment(item: AgendaItem | None, time: dt.time | None, reason: str) -> dict | None:
    found = {
        "item": item.slug if item is not None else None,
        "time": time.strftime("%H:%M") if time is not None else None,
    }
    found = {k: v for k, v in found.items() if v is not None}
    if not found:
        return None
    return {**found, "reason": reason} if reason else found


def attendance_record(p: Participation) -> dict[str, Any]:
    """The attendance fields of a participant as its record file says them (what goes
    without saying left out)."""
    joined = _moment(p.joined_at_item, p.joined_at_time, "" if p.left_early else p.timing_reason)
    left = _moment(p.left_at_item, p.left_at_time, p.timing_reason)
    return {
        "attendance": p.attendance if p.attendance != "present" else None,
        "absence_reason": p.absence_reason or None,
        "level": p.level or None,
        "level_text": p.level_text or None,
        "level_names": p.level_names or None,
        "joined": joined,
        "left": left,
    }


def statement_speaker(s: Statement) -> dict[str, Any]:
    """Who made a statement and of what kind, as its record file says it (whether it
    is verbatim is said apart: a false flag is not left out)."""
    return {
        "person": s.person.slug if s.person is not None else None,
        "party": s.party.code if s.party is not None else None,
        "kind": s.kind if s.kind != "statement" else None,
    }
