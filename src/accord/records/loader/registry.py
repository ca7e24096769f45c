"""The registry sections of a record file: parties, membership statuses, memberships,
vocabularies (document types, topics), people and posts."""

from __future__ import annotations

from accord.core.dates import parse_date
from accord.core.errors import DomainError
from accord.core.persist import prune
from accord.documents import services as documents
from accord.documents.inputs import DocumentTypeFields
from accord.meetings import services as meetings
from accord.meetings.inputs import TopicFields
from accord.records.loader.rotation import _PostRotation
from accord.records.loader.values import _day, _from_iso, _said_over
from accord.records.merge import (
    national,
)
from accord.registry import services as registry
from accord.registry.inputs import HoldingFields, PersonFields, PostFields, StatusFields
from accord.registry.models import (
    Membership,
    Party,
    Person,
)


class _Registry(_PostRotation):
    """Parties, statuses, memberships, vocabularies, people and posts."""

    def load_parties(self, files: list[tuple[str, dict]]) -> None:
        items = {e.data["code"]: e for e in self.entries(files, "parties")}
        done: set[str] = set()

        def visit(code: str, trail: tuple[str, ...]) -> None:
            # Parents first, however deep: PARIS-PACT is part of UNODC, part of the UN.
            if code in done or code not in items:
                return
            e = items[code]
            parent = e.data.get("parent")
            if parent and parent not in trail:
                visit(parent, (*trail, code))
            done.add(code)
            d = e.data
            with self.entry(e.file, e.path, ("party", code)):
                if parent in trail:
                    raise DomainError.at("parent", f"{parent!r} is part of {code!r}: a loop")
                held = Party.objects.filter(code=code).select_related("parent").first()
                if held is not None and _from_iso(held):
                    held = None  # named by reference only, never defined
                said = _said_over(
                    held,
                    d,
                    {
                        "kind": lambda p: p.kind,
                        "name": lambda p: p.name,
                        "parent": lambda p: p.parent.code if p.parent else None,
                        "source": lambda p: p.source,
                    },
                )
                self._parties[code] = registry.save_party(
                    code,
                    said["kind"],
                    name=said.get("name", ""),
                    names=said.get("names"),
                    text_names=said.get("text_names"),
                    side_names=said.get("side_names"),
                    parent=self.party(said.get("parent"), "parent"),
                    source=said.get("source", ""),
                    tally=self.tally,
                )

        for code in items:
            visit(code, ())

    def load_statuses(self, files: list[tuple[str, dict]]) -> None:
        for rank, e in enumerate(self.entries(files, "statuses")):
            d = e.data
            with self.entry(e.file, e.path, ("status", d["id"])):
                status = registry.save_status(
                    self.org,
                    d["id"],
                    StatusFields(
                        name=d["name"],
                        names=d.get("names", {}),
                        takes_decisions=d.get("takes_decisions", False),
                        valid_from=_day(d.get("from"), "from"),
                        valid_until=_day(d.get("until"), "until"),
                        rank=rank,
                    ),
                    self.tally,
                )
                self.remember("status", d["id"], status)

    def load_memberships(self, files: list[tuple[str, dict]]) -> None:
        items = list(self.entries(files, "memberships"))
        # The files hold each named party's whole standing: drop what they no longer say.
        starts: dict[str, set] = {}
        for e in items:
            try:
                starts.setdefault(e.data["party"], set()).add(parse_date(e.data["from"]))
            except ValueError:
                continue
        for code, days in starts.items():
            stale = Membership.objects.filter(organization=self.org, party__code=code).exclude(
                start__in=days
            )
            prune(stale, [], self.tally)
        for e in sorted(items, key=lambda e: e.data["from"]):
            d = e.data
            with self.entry(e.file, e.path):
                registry.save_membership(
                    self.org,
                    self.party(d["party"], "party"),
                    self.status(d["status"], "status"),
                    _day(d["from"], "from"),
                    _day(d.get("to"), "to"),
                    source=d.get("source", ""),
                    note=d.get("note", ""),
                    tally=self.tally,
                )

    def load_vocabularies(self, files: list[tuple[str, dict]]) -> None:
        for e in self.entries(files, "document_types"):
            d = e.data
            with self.entry(e.file, e.path, ("document type", d["id"])):
                kind = documents.save_document_type(
                    self.org,
                    d["id"],
                    DocumentTypeFields(name=d["name"], names=d.get("names", {})),
                    self.tally,
                )
                self.remember("document type", d["id"], kind)
        for e in self.entries(files, "topics"):
            d = e.data
            with self.entry(e.file, e.path, ("topic", d["id"])):
                topic = meetings.save_topic(
                    self.org,
                    d["id"],
                    TopicFields(name=d["name"], names=d.get("names", {})),
                    self.tally,
                )
                self.remember("topic", d["id"], topic)

    def load_people_and_posts(self, files: list[tuple[str, dict]]) -> None:
        for e in self.entries(files, "people"):
            d = e.data
            with self.entry(e.file, e.path, ("person", d["id"])):
                held = Person.objects.filter(slug=d["id"]).select_related("party").first()
                said = _said_over(
                    held,
                    d,
                    {
                        "name": lambda p: p.name,
                        "party": lambda p: p.party.code if p.party else None,
                        "source": lambda p: p.source,
                    },
                )
                person = registry.save_person(
                    d["id"],
                    PersonFields(
                        name=said["name"],
                        names=said.get("names", {}),
                        party=self.party(said.get("party"), "party"),
                        source=said.get("source", ""),
                    ),
                    self.tally,
                )
                self.remember("person", d["id"], person)
        for e in self.entries(files, "posts"):
            d = e.data
            if national("posts", d):
                continue  # global: see `records.offices`
            with self.entry(e.file, e.path, ("post", d["id"])):
                post = registry.save_post(
                    self.org,
                    d["id"],
                    PostFields(
                        name=d["name"],
                        names=d.get("names", {}),
                        party=self.party(d.get("party"), "party"),
                        body=self.body(d.get("body"), "body"),
                        source=d.get("source", ""),
                    ),
                    self.tally,
                )
                self.load_post_rotation(post, d.get("rotation"))
                holders = d.get("holders", [])
                days = [_day(h["from"], f"holders[{i}].from") for i, h in enumerate(holders)]
                prune(post.holdings.exclude(start__in=days), [], self.tally)
                for i, h in sorted(enumerate(holders), key=lambda pair: pair[1]["from"]):
                    try:
                        registry.save_holding(
                            post,
                            self.person(h["person"], "person"),
                            days[i],
                            _day(h.get("to"), "to"),
                            HoldingFields(
                                appointed_on=_day(h.get("appointed"), "appointed"),
                                acting=h.get("acting", False),
                                source=h.get("source", ""),
                                note=h.get("note", ""),
                            ),
                            self.tally,
                        )
                    except DomainError as exc:
                        raise exc.under(f"holders[{i}]") from None
