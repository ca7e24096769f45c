"""accord verbs ORG"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from accord.cli.base import QueryCommand
from accord.decisions.selectors import verbs_of
from accord.registry import selectors


class Command(QueryCommand):
    help = (
        "The organization's verbs in lifecycle order: the status each gives a document,"
        " whether it settles or closes a referral, what it names."
    )

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")

    def query(self, *, organization: str, **_: Any) -> dict:
        org = selectors.organization(organization)
        verbs = verbs_of(org)
        return {
            "organization": org.slug,
            "default": verbs.default,
            "verbs": [
                {
                    "id": s.key,
                    "names": dict(s.names),
                    "status": s.status or None,
                    "status_names": dict(s.status_names),
                    "final": s.final,
                    "settles": s.settles,
                    "closes": s.closes,
                    "target": s.target or None,
                    "target_required": s.target_required,
                    "reference": s.reference,
                    "reported": s.reported,
                }
                for s in verbs
            ],
        }

    def as_text(self, data: dict) -> str:
        whose = "Accord's default set" if data["default"] else "declared by its record"
        lines = [f"{data['organization']}: {len(data['verbs'])} verbs ({whose})"]
        for v in data["verbs"]:
            said = []
            if v["status"]:
                named = ", ".join(f"{k}: {n}" for k, n in sorted(v["status_names"].items()))
                said.append(
                    f"gives {v['status']}"
                    + (f" [{named}]" if named else "")
                    + (" (final)" if v["final"] else "")
                )
            if v["settles"]:
                said.append("settles a referral")
            if v["closes"]:
                said.append("closes a referral")
            if v["target"]:
                needed = "names" if v["target_required"] else "may name"
                what = "a body or office" if v["target"] == "body" else "an outside organization"
                said.append(f"{needed} {what}")
            if v["reference"]:
                said.append("takes a reference number")
            lines.append(f"  {v['id']:<16} {'; '.join(said)}")
        return "\n".join(lines)
