"""A rotating post's turns as the open-format exports give them: the turn running on the
date and the turn after it, each with its party, dates and basis (decided, proposed by
the rotation, or overdue: proposed, due and not begun)."""

from __future__ import annotations

from typing import Any

from accord.registry.turns import PostTurns, TurnAnswer


def basis(turn: TurnAnswer) -> str:
    """decided, proposed, or overdue (a proposal due on or before the date)."""
    if turn.decided:
        return "decided"
    return "overdue" if turn.overdue else "proposed"


def turn_cells(turns: PostTurns | None) -> list[Any]:
    """The CSV columns: turn_party, turn_from, turn_to, turn_basis, next_turn_party,
    next_turn_from, next_turn_basis (blank for a post that does not rotate)."""
    cells: list[Any] = []
    current = turns.current if turns else None
    upcoming = turns.next if turns else None
    if current is not None:
        code = current.party.code if current.party else ""
        cells += [code, current.start, current.end or "", basis(current)]
    else:
        cells += ["", "", "", ""]
    if upcoming is not None:
        code = upcoming.party.code if upcoming.party else ""
        cells += [code, upcoming.start, basis(upcoming)]
    else:
        cells += ["", "", ""]
    return cells


TURN_COLUMNS = [
    "turn_party",
    "turn_from",
    "turn_to",
    "turn_basis",
    "next_turn_party",
    "next_turn_from",
    "next_turn_basis",
]


def _turn(turn: TurnAnswer | None, party_id: Any) -> dict[str, Any] | None:
    if turn is None:
        return None
    found = {
        "party_id": party_id(turn.party.code) if turn.party else None,
        "start_date": turn.start.isoformat(),
        "end_date": turn.end.isoformat() if turn.end else None,
        "basis": basis(turn),
        "person_ids": [h.person.slug for h in turn.holders] or None,
        "held_until": turn.held_until.isoformat() if turn.held_until else None,
    }
    return {k: v for k, v in found.items() if v is not None}


def popolo_rotation(turns: PostTurns, on: str, party_id: Any) -> dict[str, Any]:
    """A rotating post's `rotation` (an extension property of a Popolo post): its rule,
    and the turn running on `on` with the next one."""
    rule = turns.rotation
    found = {
        "order": rule.order,
        "language": rule.language or None,
        "sequence": rule.sequence or None,
        "term_years": rule.term_years,
        "on": on,
        "turn": _turn(turns.current, party_id),
        "next_turn": _turn(turns.next, party_id),
    }
    return {k: v for k, v in found.items() if v is not None}
