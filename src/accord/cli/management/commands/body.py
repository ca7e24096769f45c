"""accord body ORG BODY"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.bodies import selectors as bodies
from accord.cli.base import QueryCommand, ordinal
from accord.meetings import joint
from accord.meetings.models import Meeting
from accord.registry import selectors


class Command(QueryCommand):
    help = "A body: its place in the hierarchy, chair rule, powers and meeting series."

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("body", metavar="BODY")

    def query(self, *, organization: str, body: str, **_: Any) -> dict:
        org = selectors.organization(organization)
        found = bodies.body(org, body)
        series = list(
            Meeting.objects.filter(joint.of_body(found))
            .select_related("body", "country")
            .prefetch_related(joint.joint_rows())
            .order_by("start", "number")
        )
        numbers = sorted(n for m in series if (n := joint.number_in(m, found)) is not None)
        gaps = [n for n in range(1, numbers[-1]) if n not in set(numbers)] if numbers else []
        powers: dict[str, list[str]] = {}
        for power in found.powers.select_related("document_type"):
            kind = power.document_type.slug if power.document_type else "any subject"
            powers.setdefault(power.verb, []).append(kind)
        return {
            "organization": org.slug,
            "body": found.slug,
            "name": found.name,
            "short_name": found.short_name or None,
            "reports_to": found.reports_to.slug if found.reports_to else None,
            "subordinates": list(found.subordinates.values_list("slug", flat=True)),
            "founded": found.founded_on.isoformat() if found.founded_on else None,
            "meets_since": found.meets_since,
            "function": found.function or None,
            "chair_rule": found.chair_rule,
            "decision_rule": found.effective_decision_rule,
            "powers": powers,
            "meetings": [
                {
                    "number": joint.number_in(m, found),
                    "id": m.slug,
                    "body": m.body.slug,
                    "joint_with": [b.slug for b in joint.others(m, found)],
                    "kind": m.kind,
                    "date": m.partial_date.isoformat(),
                    "city": m.city or None,
                    "mode": m.mode,
                }
                for m in series
            ],
            "missing_numbers": gaps,
        }

    def as_text(self, data: dict) -> str:
        lines = [data["name"] + (f" ({data['short_name']})" if data["short_name"] else "")]
        if data["function"]:
            lines.append(f"  {data['function']}")
        lines.append(f"reports to:   {data['reports_to'] or '-'}")
        if data["meets_since"]:
            lines.append(f"meeting since {data['meets_since']}")
        lines.append(f"chair:        {data['chair_rule']}; decisions by {data['decision_rule']}")
        if data["powers"]:
            lines.append("powers (action: on what):")
        for verb, kinds in sorted(data["powers"].items()):
            lines.append(f"  {verb}: {', '.join(kinds)}")
        if data["meetings"]:
            lines.append(f"meetings recorded: {len(data['meetings'])}")
            for m in data["meetings"]:
                label = (
                    f"{ordinal(m['number'])}"
                    if m["number"]
                    else f"{m['kind'].replace('-', ' ')} ({m['id']})"
                )
                line = f"  {label:<18} {m['date']:<10} {m['city'] or m['mode']}"
                if m["joint_with"]:
                    line += f" (joint meeting with {', '.join(m['joint_with'])})"
                lines.append(line)
        if data["missing_numbers"]:
            missing = ", ".join(map(str, data["missing_numbers"]))
            lines.append(f"not recorded: meetings {missing}")
        return "\n".join(lines)
