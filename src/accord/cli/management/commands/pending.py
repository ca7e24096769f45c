"""accord pending ORG BODY [--on DATE] [--only-overdue] [--user NAME]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.accounts import access
from accord.bodies import selectors as bodies
from accord.cli.base import (
    QueryCommand,
    add_user_argument,
    date_argument,
    meeting_label,
    today,
    viewer_named,
)
from accord.core.models import as_recorded
from accord.decisions import selectors as decisions
from accord.meetings.models import Meeting
from accord.registry import selectors


class Command(QueryCommand):
    help = (
        "What was referred to a body and not yet acted on by it (nor withdrawn, nor marked"
        " lapsed), as of a date, as the public (or --user) may read it; a referral whose"
        " meeting was held without acting on it is flagged overdue."
    )

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("body", metavar="BODY")
        parser.add_argument("--on", type=date_argument, default=None, metavar="DATE")
        parser.add_argument(
            "--only-overdue",
            action="store_true",
            help="only the overdue referrals: their meeting was held without acting on them",
        )
        add_user_argument(parser)

    def query(
        self,
        *,
        organization: str,
        body: str,
        on: Any,
        user: str | None,
        only_overdue: bool = False,
        **_: Any,
    ) -> dict:
        viewer = viewer_named(user)
        org = selectors.organization(organization)
        target = bodies.body(org, body)
        day = on or today()
        referrals = decisions.pending_for(viewer, org, target, day)
        visible = set(
            access.meetings(
                viewer, Meeting.objects.filter(pk__in=[a.target_meeting_id for a in referrals])
            ).values_list("pk", flat=True)
        )
        items = []
        for a in referrals:
            overdue = decisions.overdue(a, day, target_visible=a.target_meeting_id in visible)
            if only_overdue and not overdue:
                continue
            items.append(
                {
                    "subject": decisions.subject_label(a),
                    "document": a.document.slug if a.document is not None else None,
                    "item": a.agenda_item.slug if a.agenda_item is not None else None,
                    "referred_on": as_recorded(a),
                    "referred_by": a.body.slug,
                    "at_meeting": (
                        (a.meeting.number or a.meeting.slug) if a.meeting is not None else None
                    ),
                    "for": a.purpose or None,
                    "to_meeting": (
                        {
                            "number": a.target_meeting.number,
                            "id": a.target_meeting.slug,
                            "date": as_recorded(a.target_meeting),
                        }
                        if a.target_meeting_id in visible and a.target_meeting is not None
                        else None
                    ),
                    "overdue": overdue,
                    "note": a.note or None,
                }
            )
        return {
            "organization": org.slug,
            "body": target.slug,
            "on": day.isoformat(),
            "pending": items,
        }

    def as_text(self, data: dict) -> str:
        overdue = sum(p["overdue"] for p in data["pending"])
        head = f"Pending for {data['body']} on {data['on']}: {len(data['pending'])}"
        if overdue:
            head += f" ({overdue} overdue)"
        lines = [head]
        for p in data["pending"]:
            by = p["referred_by"]
            if p["at_meeting"]:
                by += f" ({meeting_label(p['at_meeting'])})"
            line = f"  {p['referred_on']}  {p['subject']}\n      submitted by {by}"
            if p["for"]:
                line += f" for {p['for']}"
            if p["to_meeting"]:
                target = p["to_meeting"]
                label = meeting_label(target["number"] or target["id"])
                line += f", to its {label} ({target['date']})"
            if p["overdue"]:
                line += " - OVERDUE: that meeting was held without acting on it"
            lines.append(line)
        return "\n".join(lines)
