"""The documents of a record file: documents, their details (versions, relations,
parties, files) and the publishing section."""

from __future__ import annotations

from accord.core import persist
from accord.core.errors import DomainError
from accord.documents import services as documents
from accord.documents.inputs import DocumentFields
from accord.implementation import services as implementation
from accord.implementation.inputs import MeasureFields
from accord.implementation.models import Measure
from accord.publishing import services as publishing
from accord.publishing.inputs import ProfileFields
from accord.records import document_parties
from accord.records.defaults import given
from accord.records.loader.base import _LoaderBase
from accord.records.loader.values import _day, _logo, _partial


class _Documents(_LoaderBase):
    """Documents, their details, and what is published."""

    def load_documents(self, files: list[tuple[str, dict]]) -> None:
        for e in self.entries(files, "documents"):
            d = e.data
            with self.entry(e.file, e.path, ("document", d["id"])):
                when = _partial(d["date"], "date") if d.get("date") else None
                document = documents.save_document(
                    self.org,
                    d["id"],
                    DocumentFields(
                        type=self.document_type(d["type"], "type"),
                        title=d["title"],
                        titles=d.get("titles", {}),
                        date=when.value if when else None,
                        date_precision=when.precision.value if when else "day",
                        period=d.get("period", ""),
                        purpose=d.get("purpose", ""),
                        purposes=d.get("purposes", {}),
                        author_body=self.body(d.get("author_body"), "author_body"),
                        author_party=self.party(document_parties.first_author(d), "author_party"),
                        classification=given(d, "documents", "classification"),
                        restricted_to_body=self.body(d.get("restricted_to"), "restricted_to"),
                        source=d.get("source", ""),
                        note=d.get("note", ""),
                    ),
                    shared_with=[
                        self.party(code, f"shared_with[{i}]")
                        for i, code in enumerate(d.get("shared_with", []))
                    ],
                    tally=self.tally,
                )
                self.remember("document", d["id"], document)

    def load_document_details(self, files: list[tuple[str, dict]]) -> None:
        for e in self.entries(files, "documents"):
            d = e.data
            if ("document", d["id"]) in self.failed:
                continue
            with self.entry(e.file, e.path):
                document = self.document(d["id"], "id")
                relations = [
                    (
                        r["kind"],
                        self.document(r["target"], f"relations[{i}].target"),
                        {"source": r.get("source", "")},
                    )
                    for i, r in enumerate(d.get("relations", []))
                ]
                documents.set_relations(document, relations, self.tally)
                documents.set_parties(
                    document, **document_parties.parties(self, d), tally=self.tally
                )
                documents.set_versions(
                    document,
                    [
                        {
                            "number": v["number"],
                            "language": v.get("language", ""),
                            "date": _day(v.get("date"), f"versions[{i}].date"),
                            "text": v.get("text", ""),
                            "source": v.get("source", ""),
                        }
                        for i, v in enumerate(d.get("versions", []))
                    ],
                    self.tally,
                )
                keep = []
                for i, m in enumerate(d.get("measures", [])):
                    where = f"measures[{i}]"
                    try:
                        measure = implementation.save_measure(
                            document,
                            m["id"],
                            MeasureFields(
                                text=m["text"],
                                texts=m.get("texts", {}),
                                responsible_body=self.body(
                                    m.get("responsible_body"), "responsible_body"
                                ),
                                responsible_party=self.party(
                                    m.get("responsible_party"), "responsible_party"
                                ),
                                due=_day(m.get("due"), "due"),
                                source=m.get("source", ""),
                            ),
                            self.tally,
                        )
                    except DomainError as exc:
                        raise exc.under(where) from None
                    keep.append(measure.pk)
                persist.prune_under(Measure, {"document": document}, keep, self.tally)
                reports = []
                for i, p in enumerate(d.get("progress", [])):
                    where = f"progress[{i}]"
                    try:
                        reports.append(
                            {
                                "date": _day(p["date"], "date"),
                                "status": p["status"],
                                "measure": document.measures.filter(slug=p["measure"]).first()
                                if p.get("measure")
                                else None,
                                "report": self.document(p.get("report"), "report"),
                                "meeting": self.meeting_ref(p.get("meeting"), "meeting"),
                                "reported_by": self.body(p.get("reported_by"), "reported_by"),
                                "source": p.get("source", ""),
                                "note": p.get("note", ""),
                            }
                        )
                    except DomainError as exc:
                        raise exc.under(where) from None
                    if p.get("measure") and reports[-1]["measure"] is None:
                        raise DomainError.at(
                            f"{where}.measure", f"unknown measure {p['measure']!r}"
                        )
                try:
                    implementation.set_progress_reports(document, reports, self.tally)
                except DomainError as exc:
                    raise exc.under("progress") from None

    def load_publishing(self, files: list[tuple[str, dict]]) -> None:
        for name, data in files:
            d = data.get("publishing")
            if d is None:
                continue
            with self.entry(name, "publishing"):
                publishing.save_profile(
                    self.org,
                    ProfileFields(
                        languages=d.get("languages", []),
                        record_language=given(d, "publishing", "record_language"),
                        issuer=self.body(d.get("issuer"), "issuer"),
                        timezone=d.get("timezone", ""),
                        press_release_style=d.get("press_release", "news"),
                        information_report_style=d.get("information_report", "formal"),
                        terms=d.get("terms", {}),
                        listing_order=d.get("listing_order", {}).get("by", "name"),
                        listing_language=d.get("listing_order", {}).get("language", ""),
                        protocol_order=d.get("listing_order", {}).get("parties", []),
                        house_style=d.get("house_style", {}),
                        letterhead=d.get("letterhead", {}),
                        letterhead_logo=_logo(name, d.get("letterhead", {}).get("logo")),
                    ),
                    self.tally,
                )
