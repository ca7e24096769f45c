"""accord posts ORG [--on DATE]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.cli.base import QueryCommand, date_argument, today
from accord.registry import selectors
from accord.registry.turns import PostTurns, TurnAnswer


class Command(QueryCommand):
    help = (
        "Who held each post of an organization on a date (appointed or acting), since when a "
        "post is vacant, and the next holder once appointed."
    )

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("--on", type=date_argument, default=None, metavar="DATE")

    def query(self, *, organization: str, on: Any, **_: Any) -> dict:
        org = selectors.organization(organization)
        day = on or today()
        return {
            "organization": org.slug,
            "on": day.isoformat(),
            "posts": [self.post_json(p) for p in selectors.post_holders_on(org, day)],
        }

    @staticmethod
    def post_json(answer: selectors.PostAnswer) -> dict:
        holding, upcoming = answer.holder, answer.next
        rotation = {"rotation": turns_json(answer.turns)} if answer.turns else {}
        return rotation | {
            "post": answer.post.slug,
            "name": answer.post.name,
            "holder": holding.person.name if holding else None,
            "from": holding.start.isoformat() if holding else None,
            "to": holding.end.isoformat() if holding and holding.end else None,
            "acting": holding.acting if holding else False,
            "vacant_since": answer.vacant_since.isoformat() if answer.vacant_since else None,
            "next": (
                {"holder": upcoming.person.name, "from": upcoming.start.isoformat()}
                | ({"acting": True} if upcoming.acting else {})
                if upcoming
                else None
            ),
        }

    def as_text(self, data: dict) -> str:
        lines = [f"{data['organization']} posts on {data['on']}"]
        for p in data["posts"]:
            if p["vacant_since"]:
                holder = f"vacant since {p['vacant_since']}"
            elif p["holder"] is None or p["acting"]:
                holder = "vacant (none recorded)"
            else:
                holder = ""
            if p["holder"]:
                term = f"{p['holder']} ({p['from']} to {p['to'] or 'now'})"
                holder = f"{holder}; acting: {term}" if p["acting"] else term
            lines.append(f"  {p['name']}: {holder}")
            if p["next"]:
                upcoming = p["next"]
                acting = " (acting)" if upcoming.get("acting") else ""
                lines.append(
                    f"      next (appointed): {upcoming['holder']}{acting} from {upcoming['from']}"
                )
            if p.get("rotation"):
                lines += turns_text(p["rotation"])
        return "\n".join(lines)


def turn_json(turn: TurnAnswer | None) -> dict | None:
    if turn is None:
        return None
    return {
        "party": turn.party.code if turn.party else None,
        "from": turn.start.isoformat(),
        "to": turn.end.isoformat() if turn.end else None,
        "decided": turn.decided,
        "holders": [h.person.name for h in turn.holders],
        "cut_short": turn.cut_short,
        "held_until": turn.held_until.isoformat() if turn.held_until else None,
        "overdue": turn.overdue,
    }


def turns_json(turns: PostTurns) -> dict:
    """A rotating post's turns on the date: whose turn it is, and whose comes next."""
    rule = turns.rotation
    return {
        "order": rule.order,
        "language": rule.language or None,
        "sequence": rule.sequence,
        "term_years": rule.term_years,
        "turn": turn_json(turns.current),
        "next_turn": turn_json(turns.next),
    }


def turns_text(rotation: dict) -> list[str]:
    lines = []
    turn, upcoming = rotation["turn"], rotation["next_turn"]
    if turn:
        basis = "decided" if turn["decided"] else "proposed by the rotation"
        line = f"      turn: {turn['party']} ({turn['from']} to {turn['to'] or 'open'}, {basis})"
        if turn["cut_short"]:
            line += f"; cut short: held until {turn['held_until']}"
        lines.append(line)
    else:
        lines.append("      turn: none")
    if upcoming:
        basis = (
            f"decided: {', '.join(upcoming['holders'])}"
            if upcoming["decided"]
            else "proposed by the rotation"
        )
        if upcoming["overdue"]:
            lines.append(
                f"      next turn: {upcoming['party']}, overdue: due from {upcoming['from']},"
                " pending a decision (the post is still held or left unfilled)"
            )
        else:
            lines.append(f"      next turn: {upcoming['party']} from {upcoming['from']} ({basis})")
    return lines
