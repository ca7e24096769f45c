"""accord history ORG DOCUMENT"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.cli.base import QueryCommand, meeting_label, referral_text
from accord.decisions import selectors as decisions
from accord.registry import selectors


class Command(QueryCommand):
    help = "A document's actions in date order, with bodies and meetings, and its status."

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("document", metavar="DOCUMENT")

    def query(self, *, organization: str, document: str, **_: Any) -> dict:
        org = selectors.organization(organization)
        found = decisions.history(decisions.document(org, document))
        doc = found.document
        return {
            "organization": org.slug,
            "document": doc.slug,
            "title": doc.title,
            "type": doc.type.slug,
            "status": found.status,
            "status_by": (
                {
                    "body": found.status_by.body.slug,
                    "date": found.status_by.partial_date.isoformat(),
                }
                if found.status_by
                else None
            ),
            "actions": [
                {
                    "date": a.partial_date.isoformat(),
                    "body": a.body.slug,
                    "body_name": a.body.name,
                    "meeting": (a.meeting.number or a.meeting.slug) if a.meeting_id else None,
                    "verb": a.verb,
                    "to": a.target_body.slug if a.target_body_id else None,
                    "to_meeting": (
                        (a.target_meeting.number or a.target_meeting.slug)
                        if a.target_meeting_id
                        else None
                    ),
                    "for": a.purpose or None,
                    "by": a.by_person.name if a.by_person_id else None,
                    "source": a.source or None,
                }
                for a in found.actions
            ],
        }

    def as_text(self, data: dict) -> str:
        status = data["status"] or "no actions"
        if data["status_by"]:
            status += f" (by {data['status_by']['body']} on {data['status_by']['date']})"
        lines = [f"{data['title']} ({data['type']})", f"status: {status}"]
        for a in data["actions"]:
            where = a["body_name"]
            if a["meeting"] is not None:
                where += f", {meeting_label(a['meeting'])}"
            lines.append(f"  {a['date']:<10}  {a['verb']:<10} {where}{referral_text(a)}")
        return "\n".join(lines)
