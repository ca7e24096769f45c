"""The only writers of document types, documents, versions and relations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from accord.core.errors import DomainError
from accord.core.models import Classification
from accord.core.persist import Tally, set_many, sync, upsert
from accord.documents.models import Document, DocumentRelation, DocumentType, DocumentVersion
from accord.registry.models import Organization, Party


def save_document_type(
    organization: Organization, slug: str, values: Mapping, tally: Tally | None = None
) -> DocumentType:
    kind, _ = upsert(DocumentType, {"organization": organization, "slug": slug}, values, tally)
    return kind


def save_document(
    organization: Organization,
    slug: str,
    values: Mapping,
    *,
    shared_with: Iterable[Party] = (),
    tally: Tally | None = None,
) -> Document:
    """A document; its classification must say who may see it."""
    shared_with = list(shared_with)
    kind = values["type"]
    if kind.organization_id != organization.pk:
        raise DomainError.at("type", f"{kind.slug!r} is a document type of another organization")
    classification = values.get("classification", Classification.PUBLIC)
    restricted = values.get("restricted_to_body")
    if classification == Classification.BODY and restricted is None:
        raise DomainError.at("restricted_to", "a body-restricted document must name its body")
    if classification != Classification.BODY and restricted is not None:
        raise DomainError.at("restricted_to", "only a body-restricted document names a body")
    if classification == Classification.PARTIES and not shared_with:
        raise DomainError.at("shared_with", "a document shared with named parties must name them")
    document, outcome = upsert(
        Document, {"organization": organization, "slug": slug}, values, tally
    )
    set_many(document, "shared_with", shared_with, tally, created=outcome == "created")
    return document


def set_relations(
    document: Document,
    relations: Iterable[tuple[str, Document, Mapping]],
    tally: Tally | None = None,
) -> None:
    rows = []
    for index, (kind, target, extra) in enumerate(relations):
        if target.pk == document.pk:
            raise DomainError.at(f"relations[{index}].target", "a document cannot relate to itself")
        rows.append({"kind": kind, "target": target, **extra})
    sync(DocumentRelation, {"document": document}, ["kind", "target"], rows, tally)


def set_versions(
    document: Document, versions: Iterable[Mapping], tally: Tally | None = None
) -> None:
    rows = [{"language": "", **item} for item in versions]
    sync(DocumentVersion, {"document": document}, ["number", "language"], rows, tally)
