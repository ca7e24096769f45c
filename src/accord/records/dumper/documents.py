"""The documents section of a dump."""

from __future__ import annotations

from accord.documents import selectors as document_selectors
from accord.documents.models import Document
from accord.records import document_parties
from accord.records.defaults import unless_default
from accord.records.dumper.values import _clean, _day, _meeting_ref, _nulls_first, _partial
from accord.registry.models import Organization


def _documents(org: Organization) -> list[Document]:
    return list(
        Document.objects.filter(organization=org)
        .select_related("type", "author_body", "author_party", "restricted_to_body")
        .prefetch_related(
            "shared_with",
            "relations__target",
            "versions",
            "measures__responsible_body",
            "measures__responsible_party",
            "progress_reports__measure",
            "progress_reports__report",
            "progress_reports__meeting__body",
            "progress_reports__reported_by",
            *document_selectors.parties_prefetch(),
        )
        .order_by(_nulls_first("date"), "slug")
    )


def _document(d: Document) -> dict:
    named = document_parties.values_of(d)
    return _clean(
        {
            "id": d.slug,
            "type": d.type.slug,
            "title": d.title,
            "titles": d.titles,
            "date": _partial(d.date, d.date_precision),
            "period": d.period,
            "purpose": d.purpose,
            "purposes": d.purposes,
            "author_body": d.author_body.slug if d.author_body else None,
            "author_party": (
                d.author_party.code if d.author_party and "author_parties" not in named else None
            ),
            **named,
            "classification": unless_default("documents", "classification", d.classification),
            "restricted_to": d.restricted_to_body.slug if d.restricted_to_body else None,
            "shared_with": sorted(p.code for p in d.shared_with.all()),
            "relations": [
                _clean({"kind": r.kind, "target": r.target.slug, "source": r.source})
                for r in d.relations.all()
            ],
            "versions": [
                _clean(
                    {
                        "number": v.number,
                        "language": v.language,
                        "date": _day(v.date),
                        "text": v.text,
                        "source": v.source,
                    }
                )
                for v in d.versions.all()
            ],
            "measures": [
                _clean(
                    {
                        "id": m.slug,
                        "text": m.text,
                        "texts": m.texts,
                        "responsible_body": m.responsible_body.slug if m.responsible_body else None,
                        "responsible_party": m.responsible_party.code
                        if m.responsible_party
                        else None,
                        "due": _day(m.due),
                        "source": m.source,
                    }
                )
                for m in d.measures.all()
            ],
            "progress": [
                _clean(
                    {
                        "date": _day(r.date),
                        "status": r.status,
                        "measure": r.measure.slug if r.measure else None,
                        "report": r.report.slug if r.report else None,
                        "meeting": _meeting_ref(r.meeting),
                        "reported_by": r.reported_by.slug if r.reported_by else None,
                        "source": r.source,
                        "note": r.note,
                    }
                )
                for r in d.progress_reports.all()
            ],
            "source": d.source,
            "note": d.note,
        }
    )
