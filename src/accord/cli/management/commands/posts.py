"""accord posts ORG [--on DATE]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.cli.base import QueryCommand, date_argument, today
from accord.registry import selectors


class Command(QueryCommand):
    help = "Who held each post of an organization on a date (appointed or acting)."

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("--on", type=date_argument, default=None, metavar="DATE")

    def query(self, *, organization: str, on: Any, **_: Any) -> dict:
        org = selectors.organization(organization)
        day = on or today()
        return {
            "organization": org.slug,
            "on": day.isoformat(),
            "posts": [
                {
                    "post": post.slug,
                    "name": post.name,
                    "holder": holding.person.name if holding else None,
                    "from": holding.start.isoformat() if holding else None,
                    "to": holding.end.isoformat() if holding and holding.end else None,
                    "acting": holding.acting if holding else False,
                    "next": (
                        {"holder": upcoming.person.name, "from": upcoming.start.isoformat()}
                        if upcoming
                        else None
                    ),
                }
                for post, holding, upcoming in selectors.post_holders_on(org, day)
            ],
        }

    def as_text(self, data: dict) -> str:
        lines = [f"{data['organization']} posts on {data['on']}"]
        for p in data["posts"]:
            holder = p["holder"] or "vacant (none recorded)"
            if p["holder"]:
                holder += f" ({p['from']} to {p['to'] or 'now'})" + (
                    ", acting" if p["acting"] else ""
                )
            lines.append(f"  {p['name']}: {holder}")
            if p["next"]:
                lines.append(f"      next: {p['next']['holder']} from {p['next']['from']}")
        return "\n".join(lines)
