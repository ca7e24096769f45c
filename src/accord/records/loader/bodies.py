"""The bodies of a record file: bodies and their powers, the rotation, chair terms."""

from __future__ import annotations

from accord.bodies import services as bodies
from accord.bodies.inputs import BodyFields, ChairTermFields, RotationRuleFields
from accord.bodies.models import ChairTerm
from accord.core.dates import parse_date
from accord.core.errors import DomainError
from accord.core.persist import prune
from accord.documents.models import DocumentType
from accord.records.defaults import given
from accord.records.loader.base import _LoaderBase, _Skip
from accord.records.loader.values import _day


class _Bodies(_LoaderBase):
    """Bodies and powers, the rotation rule, chair terms."""

    def load_bodies(self, files: list[tuple[str, dict]]) -> None:
        items = {e.data["id"]: e for e in self.entries(files, "bodies")}
        done: set[str] = set()

        def visit(slug: str, trail: tuple[str, ...]) -> None:
            if slug in done or slug not in items:
                return
            e = items[slug]
            parent = e.data.get("reports_to")
            if parent and parent not in trail:
                visit(parent, (*trail, slug))
            done.add(slug)
            d = e.data
            with self.entry(e.file, e.path, ("body", slug)):
                if parent in trail:
                    raise DomainError.at(
                        "reports_to", f"{parent!r} reports back to {slug!r}: a loop"
                    )
                body = bodies.save_body(
                    self.org,
                    slug,
                    BodyFields(
                        name=d["name"],
                        names=d.get("names", {}),
                        short_name=d.get("short_name", ""),
                        reports_to=self.body(parent, "reports_to"),
                        founded_on=_day(d.get("founded"), "founded"),
                        meets_since=d.get("meets_since"),
                        chair_rule=d.get("chair_rule", "presidency"),
                        decision_rule=d.get("decision_rule", ""),
                        function=d.get("function", ""),
                        described_as=d.get("described_as", {}),
                        rank=list(items).index(slug),
                        source=d.get("source", ""),
                        note=d.get("note", ""),
                    ),
                    self.tally,
                )
                self.remember("body", slug, body)
                powers = []
                for i, power in enumerate(d.get("powers", [])):
                    kinds: list[DocumentType | None] = [
                        self.document_type(k, f"powers[{i}].document_types[{j}]")
                        for j, k in enumerate(power.get("document_types", []))
                    ] or [None]
                    powers += [(verb, kind) for verb in power["verbs"] for kind in kinds]
                bodies.set_powers(body, powers, self.tally)

        for slug in items:
            visit(slug, ())

    def load_rotation(self, files: list[tuple[str, dict]]) -> None:
        for name, data in files:
            d = data.get("rotation")
            if not d:
                continue
            with self.entry(name, "rotation"):
                for i, code in enumerate(d.get("sequence", [])):
                    self.party(code, f"sequence[{i}]")
                bodies.save_rotation_rule(
                    self.org,
                    RotationRuleFields(
                        order=d["order"],
                        sequence=d.get("sequence", []),
                        term=d["term"],
                        handover_body=self.body(d.get("handover_body"), "handover_body"),
                    ),
                    self.tally,
                )

    def load_chairmanships(self, files: list[tuple[str, dict]]) -> None:
        items = list(self.entries(files, "chairmanships"))
        starts: dict[str | None, set] = {}
        for e in items:
            try:
                starts.setdefault(e.data.get("body"), set()).add(parse_date(e.data["from"]))
            except ValueError:
                continue
        for body_slug, days in starts.items():
            try:
                body = self.body(body_slug, "body")
            except (DomainError, _Skip):
                continue
            stale = ChairTerm.objects.filter(organization=self.org, body=body).exclude(
                start__in=days
            )
            prune(stale, [], self.tally)
        for e in sorted(items, key=lambda e: e.data["from"]):
            d = e.data
            with self.entry(e.file, e.path):
                bodies.save_chair_term(
                    self.org,
                    self.body(d.get("body"), "body"),
                    self.party(d["party"], "party"),
                    _day(d["from"], "from"),
                    _day(d.get("to"), "to"),
                    ChairTermFields(
                        basis=given(d, "chairmanships", "basis"),
                        decided_at=self.meeting_ref(d.get("decided_at"), "decided_at"),
                        source=d.get("source", ""),
                        note=d.get("note", ""),
                    ),
                    self.tally,
                )
