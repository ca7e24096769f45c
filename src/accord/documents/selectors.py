"""Reads of document files, restricted to what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import storages
from django.db.models import Prefetch, prefetch_related_objects

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.core.errors import NotFound
from accord.documents.models import CoAuthor, Counterparty, Document, DocumentFile, Signatory
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


def parties_prefetch() -> list[Prefetch]:
    """What a query of documents prefetches for `parties_of` (three queries in all)."""
    return [
        Prefetch("co_authors", CoAuthor.objects.select_related("party")),
        Prefetch(
            "signatories", Signatory.objects.select_related("party", "organization", "person")
        ),
        Prefetch("counterparties", Counterparty.objects.select_related("organization")),
    ]


def parties_of(document: Document) -> Parties:
    """The document's authors, signatories and counterparties (prefetched with
    `parties_prefetch`, else three queries)."""
    if not hasattr(document, "_prefetched_objects_cache") or (
        "signatories" not in document._prefetched_objects_cache
    ):
        prefetch_related_objects([document], *parties_prefetch())
    authors = [document.author_party.code] if document.author_party is not None else []
    authors += [c.party.code for c in document.co_authors.all()]
    signed = []
    for s in document.signatories.all():
        who = s.person.name if s.person is not None else s.signer
        side = ", ".join(
            x
            for x in (
                s.party.code if s.party is not None else "",
                s.organization.name if s.organization is not None else "",
                s.agency,
            )
            if x
        )
        when = s.partial_date.isoformat() if s.partial_date else None
        text = " ".join(x for x in (who, f"({side})" if who else side) if x)
        signed.append(
            {
                "party": s.party.code if s.party is not None else None,
                "organization": s.organization.slug if s.organization is not None else None,
                "agency": s.agency or None,
                "person": s.person.slug if s.person is not None else None,
                "signer": who or None,
                "date": when,
                "text": text + (f" on {when}" if when else ""),
            }
        )
    sides = [str(c) for c in document.counterparties.all()]
    return Parties(authors, signed, sides)
