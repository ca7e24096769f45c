"""accord history ORG DOCUMENT [--on DATE] [--language L] [--user NAME]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.accounts import access
from accord.cli.base import (
    QueryCommand,
    add_user_argument,
    date_argument,
    meeting_label,
    referral_text,
    viewer_named,
)
from accord.core.models import as_recorded
from accord.decisions import selectors as decisions
from accord.documents import selectors as documents
from accord.documents.models import RelationKind
from accord.meetings.models import Meeting
from accord.publishing import labels
from accord.publishing.models import LANGUAGES
from accord.registry import selectors


class Command(QueryCommand):
    help = (
        "A document's actions in date order, with bodies and meetings, its status, its"
        " relations to other documents, its authors, signatories and counterparties, as the"
        " public (or --user) may read them; with --on DATE, as they stood that day."
    )

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("document", metavar="DOCUMENT")
        parser.add_argument(
            "--on",
            type=date_argument,
            default=None,
            metavar="DATE",
            help="the status and relations as they stood on this day (default: all recorded)",
        )
        parser.add_argument(
            "--language",
            "--lang",
            dest="language",
            choices=LANGUAGES,
            default="en",
            help="the language the status is named in (the organization's name for it there)",
        )
        add_user_argument(parser)

    def query(
        self,
        *,
        organization: str,
        document: str,
        on: Any,
        user: str | None,
        language: str = "en",
        **_: Any,
    ) -> dict:
        viewer = viewer_named(user)
        org = selectors.organization(organization)
        found = decisions.history(viewer, access.document(viewer, org, document), on)
        doc = found.document
        named = documents.parties_of(doc)
        visible = set(
            access.meetings(
                viewer,
                Meeting.objects.filter(pk__in=[a.target_meeting_id for a in found.actions]),
            ).values_list("pk", flat=True)
        )
        return {
            "organization": org.slug,
            "document": doc.slug,
            "title": doc.title,
            "type": doc.type.slug,
            "date": as_recorded(doc),
            "on": on.isoformat() if on else None,
            "language": language,
            "authors": named.authors,
            "signatories": named.signatories,
            "counterparties": named.counterparties,
            "relations": [
                {
                    "kind": r.kind,
                    "direction": "inbound" if r.inbound else "outbound",
                    "document": r.other.slug,
                    "title": r.other.title,
                    "date": as_recorded(r.other),
                }
                for r in found.relations
            ],
            "status": found.status,
            "status_name": (
                labels.status_label(found.status, decisions.verbs_of(org), language)
                if found.status
                else None
            ),
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
                    "meeting": (
                        (a.meeting.number or a.meeting.slug) if a.meeting is not None else None
                    ),
                    "verb": a.verb,
                    "to": (
                        a.target_body.slug
                        if a.target_body is not None
                        else (a.target_post.slug if a.target_post is not None else None)
                    ),
                    "to_meeting": (
                        (a.target_meeting.number or a.target_meeting.slug)
                        if a.target_meeting_id in visible and a.target_meeting is not None
                        else None
                    ),
                    "to_organization": a.target_organization or None,
                    "reference": a.reference or None,
                    "for": a.purpose or None,
                    "by": a.by_person.name if a.by_person is not None else None,
                    "source": a.source or None,
                }
                for a in found.actions
            ],
        }

    def as_text(self, data: dict) -> str:
        status = data["status"] or "no actions"
        if data["status"] and data["status_name"] != data["status"]:
            status = f"{data['status_name']} ({data['status']})"
        if data["status_by"]:
            status += f" (by {data['status_by']['body']} on {data['status_by']['date']})"
        if data["on"]:
            status += f" on {data['on']}"
        lines = [f"{data['title']} ({data['type']}{', ' + data['date'] if data['date'] else ''})"]
        lines.append(f"status: {status}")
        if data["authors"]:
            lines.append(f"authors: {', '.join(data['authors'])}")
        for s in data["signatories"]:
            lines.append(f"signed by: {s['text']}")
        if data["counterparties"]:
            lines.append(f"counterparties: {', '.join(data['counterparties'])}")
        for r in data["relations"]:
            kind = RelationKind(r["kind"]).label
            said = (
                f"{r['document']} {kind} this"
                if r["direction"] == "inbound"
                else f"{kind} {r['document']}"
            )
            lines.append(f"  {said} ({r['title']})")
        for a in data["actions"]:
            where = a["body_name"]
            if a["meeting"] is not None:
                where += f", {meeting_label(a['meeting'])}"
            lines.append(f"  {a['date']:<10}  {a['verb']:<10} {where}{referral_text(a)}")
        return "\n".join(lines)
