"""Reads of document files, restricted to what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import storages

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.core.errors import NotFound
from accord.documents.models import Document, DocumentFile
from accord.registry.models import Organization


def document_file(
    viewer: Viewer,
    organization: Organization | str,
    slug: str,
    number: int,
    language: str,
    kind: str,
) -> DocumentFile:
    """The file of `kind` in `language` of version `number` of document `slug`, if the
    viewer may read the document (NotFound alike for missing and hidden)."""
    document = access.document(viewer, organization, slug)
    found = (
        DocumentFile.objects.filter(
            version__document=document,
            version__number=number,
            language=language.lower(),
            kind=kind,
        )
        .select_related("version__document__organization")
        .first()
    )
    if found is None:
        raise NotFound.at("file", f"version {number} of {slug} has no {kind} file in {language!r}")
    return found


def open_file(file: DocumentFile) -> File:
    """The stored bytes of `file`, opened for reading."""
    return storages["documents"].open(file.storage_name, "rb")


@dataclass(frozen=True)
class Parties:
    """Who wrote, signed and stands on the other side of a document, as plain data:
    `authors` (party codes, the author party first), `signatories` (each with its
    party, organization, agency, person, signer, date to its precision, and `text`:
    one line saying all of it), `counterparties` (the organizations' names)."""

    authors: list[str]
    signatories: list[dict]
    counterparties: list[str]


def parties_of(document: Document) -> Parties:
    """The document's authors, signatories and counterparties (three queries)."""
    authors = [document.author_party.code] if document.author_party_id else []
    authors += [c.party.code for c in document.co_authors.select_related("party")]
    signed = []
    for s in document.signatories.select_related("party", "organization", "person"):
        who = s.person.name if s.person_id else s.signer
        side = ", ".join(
            x
            for x in (
                s.party.code if s.party_id else "",
                s.organization.name if s.organization_id else "",
                s.agency,
            )
            if x
        )
        when = s.partial_date.isoformat() if s.partial_date else None
        text = " ".join(x for x in (who, f"({side})" if who else side) if x)
        signed.append(
            {
                "party": s.party.code if s.party_id else None,
                "organization": s.organization.slug if s.organization_id else None,
                "agency": s.agency or None,
                "person": s.person.slug if s.person_id else None,
                "signer": who or None,
                "date": when,
                "text": text + (f" on {when}" if when else ""),
            }
        )
    sides = [str(c) for c in document.counterparties.select_related("organization")]
    return Parties(authors, signed, sides)
