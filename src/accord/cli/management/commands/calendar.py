"""accord calendar ORG --from DATE [--to DATE] [--known-on DATE]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.cli.base import QueryCommand, date_argument
from accord.core.dates import PartialDate, Precision
from accord.meetings import selectors as meetings
from accord.registry import selectors


class Command(QueryCommand):
    help = "Meetings and events of an organization between two dates."

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument(
            "--from", dest="start", type=date_argument, required=True, metavar="DATE"
        )
        parser.add_argument("--to", dest="end", type=date_argument, default=None, metavar="DATE")
        parser.add_argument(
            "--known-on",
            dest="known_on",
            type=date_argument,
            default=None,
            metavar="DATE",
            help="the calendar as it was known on DATE: each meeting with the plan then in"
            " force, those not yet announced left out",
        )

    def query(
        self, *, organization: str, start: Any, end: Any, known_on: Any = None, **_: Any
    ) -> dict:
        org = selectors.organization(organization)
        if end is not None and end < start:
            raise selectors.NotFound.at("to", f"{end} is before --from {start}")
        entries = []
        for e in meetings.calendar(org, start, end, known_on=known_on):
            when = PartialDate(e.start, Precision(e.precision)).isoformat()
            entry: dict[str, str | int | None] = {
                "kind": e.kind,
                "date": when,
                "end": e.end.isoformat() if e.end != e.start else None,
                "title": e.title,
                "place": e.place or None,
            }
            if e.meeting is not None:
                entry["body"] = e.meeting.body.slug
                entry["number"] = e.meeting.number
                entry["id"] = e.meeting.slug
                entry["status"] = e.meeting.status or None
            elif e.event is not None:  # an entry is a meeting or an event
                entry["id"] = e.event.slug
            entries.append(entry)
        return {
            "organization": org.slug,
            "from": start.isoformat(),
            "to": end.isoformat() if end else None,
            "known_on": known_on.isoformat() if known_on else None,
            "entries": entries,
        }

    def as_text(self, data: dict) -> str:
        span = f"{data['from']} to {data['to'] or 'the end of the record'}"
        known = f" (as known on {data['known_on']})" if data.get("known_on") else ""
        lines = [f"{data['organization']} calendar, {span}{known}: {len(data['entries'])} entries"]
        for e in data["entries"]:
            date = e["date"] + (f"..{e['end']}" if e["end"] else "")
            place = f" — {e['place']}" if e["place"] else ""
            status = f" [{e['status']}]" if e.get("status") else ""
            lines.append(f"  {date:<22} {e['kind']:<8} {e['title']}{place}{status}")
        return "\n".join(lines)
