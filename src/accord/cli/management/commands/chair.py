"""accord chair ORG --on DATE [--body BODY] [--next]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.bodies import selectors as bodies
from accord.cli.base import QueryCommand, date_argument, ordinal, party_json, today
from accord.core.errors import NotFound
from accord.registry import selectors


class Command(QueryCommand):
    help = (
        "Who chairs the organization (or one body, by its chair rule) on a date; with --next, "
        "who the rotation rule proposes after the current term."
    )

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("--on", type=date_argument, default=None, metavar="DATE")
        parser.add_argument("--body", default=None, metavar="BODY")
        parser.add_argument("--next", action="store_true", help="show the rotation's proposal")

    def query(self, *, organization: str, on: Any, body: str | None, next: bool, **_: Any) -> dict:
        org = selectors.organization(organization)
        day = on or today()
        chaired = bodies.body(org, body) if body else None
        chair = bodies.chair_on(org, day, chaired)
        term = chair.term
        data: dict[str, Any] = {
            "organization": org.slug,
            "body": chaired.slug if chaired else None,
            "on": day.isoformat(),
            "chair": party_json(chair.party),
            "rule": chair.rule,
            "term": None,
        }
        if term is not None:
            decided = term.decided_at
            data["term"] = {
                "from": term.start.isoformat(),
                "to": term.end.isoformat() if term.end else None,
                "basis": term.basis,
                "decided_at": (
                    {"body": decided.body.slug, "meeting": decided.number or decided.slug}
                    if decided
                    else None
                ),
            }
        if next:
            try:
                proposal = bodies.propose_next_presidency(org, day)
            except NotFound as exc:
                data["proposed_next"] = {"party": None, "order": [], "from": None, "why": str(exc)}
                return data
            data["proposed_next"] = {
                "party": proposal.party,
                "order": proposal.order,
                "from": proposal.interval.start.isoformat() if proposal.interval else None,
            }
        return data

    def as_text(self, data: dict) -> str:
        what = data["body"] or data["organization"]
        if data["chair"] is None:
            if data["rule"] == "host":
                text = f"{what}: each meeting is chaired by its host; ask about a meeting"
            else:
                text = f"{what}: no chair term recorded for {data['on']}"
        else:
            chair = data["chair"]
            text = f"{chair['name']} ({chair['code']}) chairs {what} on {data['on']}"
            if data["body"] and data["rule"] == "presidency":
                text += " (the organization's presidency)"
            term = data["term"]
            if term:
                text += f"\n  term {term['from']} to {term['to'] or 'now'}, basis: {term['basis']}"
                if term["decided_at"]:
                    decided = term["decided_at"]
                    number = decided["meeting"]
                    label = f"{ordinal(number)} meeting" if isinstance(number, int) else number
                    text += f" (decided at {decided['body']}, {label})"
        if "proposed_next" in data:
            proposal = data["proposed_next"]
            if proposal.get("why"):
                return text + f"\n  no proposal: {proposal['why']}"
            text += (
                f"\n  the rotation rule proposes next: {proposal['party'] or 'nobody'}"
                f" (order: {' '.join(proposal['order'])}); a decision fixes it"
            )
        return text
