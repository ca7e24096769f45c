"""accord chair ORG --on DATE [--body BODY] [--next]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.bodies import selectors as bodies
from accord.bodies.models import ChairTerm
from accord.cli.base import QueryCommand, date_argument, ordinal, party_json, today
from accord.core.errors import NotFound
from accord.registry import selectors


class Command(QueryCommand):
    help = (
        "Who chairs the organization (or one body, by its chair rule) on a date; with --next, "
        "the successor already decided by that date (with the decision), and what the "
        "rotation rule proposes after the current or last recorded term."
    )

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("--on", type=date_argument, default=None, metavar="DATE")
        parser.add_argument("--body", default=None, metavar="BODY")
        parser.add_argument(
            "--next", action="store_true", help="also who chairs next: decided, else proposed"
        )

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
            data["term"] = self.term_json(term)
        if next:
            found = bodies.next_chair(org, day, chaired)
            data["next"] = {
                "party": party_json(found.party),
                "decided": found.term is not None,
                "term": self.term_json(found.term) if found.term else None,
                "from": (
                    found.proposal.interval.start.isoformat()
                    if found.proposal and found.proposal.interval
                    else None
                ),
                "why": found.why,
            }
            try:
                proposal = found.proposal or bodies.propose_next_presidency(org, day)
            except NotFound as exc:
                data["proposed_next"] = {"party": None, "order": [], "from": None, "why": str(exc)}
                return data
            data["proposed_next"] = {
                "party": proposal.party,
                "order": proposal.order,
                "from": proposal.interval.start.isoformat() if proposal.interval else None,
            }
        return data

    @staticmethod
    def term_json(term: ChairTerm) -> dict:
        decided = term.decided_at
        return {
            "from": term.start.isoformat(),
            "to": term.end.isoformat() if term.end else None,
            "basis": term.basis,
            "decided_at": (
                {"body": decided.body.slug, "meeting": decided.number or decided.slug}
                if decided
                else None
            ),
            "decided_on": decided.end.isoformat() if decided else None,
        }

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
            if data["term"]:
                text += "\n  term " + self.term_text(data["term"])
        if "next" in data:
            upcoming = data["next"]
            if upcoming["decided"]:
                party = upcoming["party"]
                text += f"\n  next, already decided: {party['name']} ({party['code']}), term "
                text += self.term_text(upcoming["term"])
            elif upcoming["why"]:
                text += f"\n  next: not known ({upcoming['why']})"
        if "proposed_next" in data:
            proposal = data["proposed_next"]
            if proposal.get("why"):
                return text + f"\n  no proposal: {proposal['why']}"
            text += (
                f"\n  the rotation rule proposes next: {proposal['party'] or 'nobody'}"
                + (f" from {proposal['from']}" if proposal["from"] else "")
                + f" (order: {' '.join(proposal['order'])}); a decision fixes it"
            )
        return text

    @staticmethod
    def term_text(term: dict) -> str:
        text = f"{term['from']} to {term['to'] or 'now'}, basis: {term['basis']}"
        if term["decided_at"]:
            decided = term["decided_at"]
            number = decided["meeting"]
            label = f"{ordinal(number)} meeting" if isinstance(number, int) else number
            text += f" (decided at {decided['body']}, {label}, on {term['decided_on']})"
        return text
