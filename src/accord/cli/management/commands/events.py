"""accord events ORG [--partner PARTY]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.cli.base import QueryCommand, party_json
from accord.meetings import selectors as meetings
from accord.registry import selectors


class Command(QueryCommand):
    help = "Events of an organization (exercises, joint events), optionally with one party."

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument(
            "--partner", default=None, metavar="PARTY", help="a party code, e.g. UN"
        )

    def query(self, *, organization: str, partner: str | None, **_: Any) -> dict:
        org = selectors.organization(organization)
        if partner is not None:
            selectors.party(partner)
        return {
            "organization": org.slug,
            "partner": partner,
            "events": [
                {
                    "id": e.slug,
                    "name": e.name,
                    "kind": e.kind,
                    "date": e.partial_date.isoformat() if e.partial_date is not None else None,
                    "end": e.end.isoformat() if e.end and e.end != e.start else None,
                    "place": e.place or None,
                    "city": e.city or None,
                    "country": party_json(e.country),
                    "organiser": party_json(e.organiser),
                    "host_body": e.host_body.slug if e.host_body is not None else None,
                    "participants": [
                        {
                            "party": party_json(p.party),
                            "role": p.role,
                            "first_participation": p.first_participation,
                            "detail": p.detail or None,
                        }
                        for p in e.participants.all()
                    ],
                }
                for e in meetings.events(org, partner)
            ],
        }

    def as_text(self, data: dict) -> str:
        lines = [
            f"{data['organization']} events"
            + (f" with {data['partner']}" if data["partner"] else "")
        ]
        for e in data["events"]:
            date = (e["date"] or "date unknown") + (f"..{e['end']}" if e["end"] else "")
            place = ", ".join(x for x in (e["place"], e["city"]) if x)
            lines.append(f"  {date:<22} {e['name']} ({e['kind']}){' — ' + place if place else ''}")
            if e["organiser"]:
                lines.append(f"      organised by {e['organiser']['name']}")
            firsts = [p["party"]["code"] for p in e["participants"] if p["first_participation"]]
            others = [p["party"]["code"] for p in e["participants"]]
            if others:
                lines.append(f"      with {', '.join(others)}")
            if firsts:
                lines.append(f"      first participation: {', '.join(firsts)}")
        return "\n".join(lines)
