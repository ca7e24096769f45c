"""Reads of document files, restricted to what the viewer may see."""

from __future__ import annotations

from django.core.files import File
from django.core.files.storage import storages

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.core.errors import NotFound
from accord.documents.models import DocumentFile
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
