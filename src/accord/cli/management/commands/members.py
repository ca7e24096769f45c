"""accord members ORG --on DATE [--status STATUS]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.cli.base import QueryCommand, date_argument, today
from accord.registry import selectors


class Command(QueryCommand):
    help = "The parties of an organization by status, as of a date (default: today)."

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("--on", type=date_argument, default=None, metavar="DATE")
        parser.add_argument("--status", default=None, help="only this status (e.g. member)")

    def query(self, *, organization: str, on: Any, status: str | None, **_: Any) -> dict:
        org = selectors.organization(organization)
        day = on or today()
        if status is not None:
            selectors.status_type(org, status)
        rows = list(selectors.memberships_on(org, day, status))
        counts: dict[str, int] = {}
        for m in rows:
            counts[m.status.slug] = counts.get(m.status.slug, 0) + 1
        return {
            "organization": org.slug,
            "on": day.isoformat(),
            "counts": counts,
            "parties": [
                {
                    "code": m.party.code,
                    "name": m.party.name,
                    "status": m.status.slug,
                    "status_name": m.status.name,
                    "since": m.start.isoformat(),
                    "until": m.end.isoformat() if m.end else None,
                }
                for m in rows
            ],
        }

    def as_text(self, data: dict) -> str:
        if not data["parties"]:
            return f"{data['organization']} on {data['on']}: no party holds such a status"
        summary = ", ".join(f"{status} {n}" for status, n in data["counts"].items())
        lines = [f"{data['organization']} on {data['on']}: {summary}"]
        current = None
        for p in data["parties"]:
            if p["status"] != current:
                current = p["status"]
                lines.append(f"\n{p['status_name']} ({data['counts'][current]})")
            until = f" until {p['until']}" if p["until"] else ""
            lines.append(f"  {p['code']:<4} {p['name']:<32} since {p['since']}{until}")
        return "\n".join(lines)
