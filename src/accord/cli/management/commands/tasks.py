"""accord tasks --user NAME [--on DATE]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.cli.base import QueryCommand, add_user_argument, date_argument, today, viewer_named
from accord.core.models import as_recorded
from accord.decisions import selectors as decisions
from accord.tasks import selectors as tasks


def _meeting(m: Any) -> dict:
    return {"body": m.body.slug, "number": m.number, "id": m.slug, "date": as_recorded(m)}


class Command(QueryCommand):
    help = (
        "What a user's roles ask of it on a day: decisions awaiting its state's position,"
        " measures its state is responsible for, meetings its state chairs next; for the"
        " secretariat, releases not yet published, referrals overdue, meetings missing data."
    )

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", type=date_argument, default=None, metavar="DATE")
        add_user_argument(parser)

    def query(self, *, on: Any, user: str | None, **_: Any) -> dict:
        found = tasks.tasks_for(viewer_named(user), on or today())
        return {
            "on": found.on.isoformat(),
            "parties": [
                {
                    "organization": t.organization.slug,
                    "party": t.party.code,
                    "role": t.role,
                    "awaiting_position": [
                        {"decision": d.slug, "title": d.title, "meeting": _meeting(d.meeting)}
                        for d in t.awaiting
                    ],
                    "measures": [
                        {
                            "document": s.measure.document.slug,
                            "measure": s.measure.slug,
                            "text": s.measure.text,
                            "due": s.measure.due.isoformat() if s.measure.due else None,
                            "status": s.status,
                            "overdue": s.overdue,
                        }
                        for s in t.measures
                    ],
                    "chairing": [_meeting(m) for m in t.chairing],
                }
                for t in found.parties
            ],
            "secretariat": [
                {
                    "organization": t.organization.slug,
                    "releases_to_publish": [
                        {
                            "release": r.slug,
                            "meeting": _meeting(r.meeting),
                            "state": r.newest_state,
                        }
                        for r in t.drafts
                    ],
                    "overdue_referrals": [
                        {
                            "subject": decisions.subject_label(a),
                            "referred_by": a.body.slug,
                            "referred_on": as_recorded(a),
                            "target_meeting": _meeting(a.target_meeting),
                        }
                        for a in t.overdue
                    ],
                    "meetings_missing_data": [
                        {"meeting": _meeting(row.meeting), "missing": row.missing}
                        for row in t.incomplete
                    ],
                }
                for t in found.secretariat
            ],
        }

    def as_text(self, data: dict) -> str:
        lines = [f"Tasks on {data['on']}"]
        if not data["parties"] and not data["secretariat"]:
            lines.append("  none: no role in any organization")
        for t in data["parties"]:
            lines.append(f"{t['party']} in {t['organization']} ({t['role']})")
            if t["role"] == "observer":
                lines.append("  reads as an observer; records no positions")
                continue
            lines.append(f"  decisions awaiting a position: {len(t['awaiting_position'])}")
            lines += [
                f"    {d['meeting']['date']}  {d['title']} ({d['meeting']['body']})"
                for d in t["awaiting_position"]
            ]
            lines.append(f"  measures to carry out: {len(t['measures'])}")
            lines += [
                f"    due {m['due'] or '—'}  {m['text']} [{m['status']}"
                + (", overdue]" if m["overdue"] else "]")
                for m in t["measures"]
            ]
            if t["chairing"]:
                lines.append(f"  chairs next: {len(t['chairing'])}")
                lines += [f"    {m['date']}  {m['body']}" for m in t["chairing"]]
        for t in data["secretariat"]:
            lines.append(f"{t['organization']} (secretariat)")
            lines.append(f"  releases not yet published: {len(t['releases_to_publish'])}")
            lines += [f"    {r['release']} [{r['state']}]" for r in t["releases_to_publish"]]
            lines.append(f"  referrals overdue: {len(t['overdue_referrals'])}")
            lines += [
                f"    {r['referred_on']}  {r['subject']} (to {r['target_meeting']['body']},"
                f" {r['target_meeting']['date']})"
                for r in t["overdue_referrals"]
            ]
            lines.append(f"  meetings missing data: {len(t['meetings_missing_data'])}")
            lines += [
                f"    {r['meeting']['date']}  {r['meeting']['body']}: {', '.join(r['missing'])}"
                for r in t["meetings_missing_data"]
            ]
        return "\n".join(lines)
