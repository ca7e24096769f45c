"""The only writers of document types, documents, versions, relations and files."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import BinaryIO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accord.core import audit
from accord.core.dates import check_range
from accord.core.errors import DomainError, InUse, NotFound, Problem
from accord.core.fields import KEEP
from accord.core.locks import hold
from accord.core.models import Classification
from accord.core.persist import Tally, delete, set_many, sync, upsert
from accord.decisions.models import Action, Decision
from accord.documents import content as content_rules
from accord.documents import extract
from accord.documents.inputs import DocumentFields, DocumentTypeFields
from accord.documents.models import (
    CoAuthor,
    Counterparty,
    Document,
    DocumentFile,
    DocumentRelation,
    DocumentType,
    DocumentVersion,
    FileKind,
    Signatory,
)
from accord.implementation.models import Measure, ProgressReport
from accord.registry.models import Organization, Party


def save_document_type(
    organization: Organization, slug: str, values: DocumentTypeFields, tally: Tally | None = None
) -> DocumentType:
    key = {"organization": organization, "slug": slug}
    kind, _ = upsert(DocumentType, key, values.given(), tally)
    return kind


def claim_document_slug(org: Organization, slug: str) -> Problem | None:
    """Claim `slug` for a new document of `org`: lock the organization's new documents
    until this transaction ends, then say why it cannot have it (one already has), or None."""
    hold(org)  # writers creating in the organization queue until this transaction ends
    if Document.objects.filter(organization=org, slug=slug).exists():
        return Problem("id", f"{org.slug} already has a document {slug!r}")
    return None


def save_document(
    organization: Organization,
    slug: str,
    fields: DocumentFields,
    *,
    shared_with: Iterable[Party] = (),
    tally: Tally | None = None,
) -> Document:
    """A document; its classification must say who may see it. Fields left out keep
    the document's recorded values (a new document's defaults)."""
    shared_with = list(shared_with)
    kind = fields.type
    if kind is KEEP:
        raise TypeError("a document is saved with its type")
    values = fields.given()
    check_range({"date": values.get("date")})
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
    """Make the document's relations exactly `relations` (kind, target, other values)."""
    rows = []
    seen: dict[tuple[str, int], int] = {}
    problems: list[Problem] = []
    for index, (kind, target, extra) in enumerate(relations):
        if target.pk == document.pk:
            problems.append(
                Problem(f"relations[{index}].target", "a document cannot relate to itself")
            )
        elif target.organization_id != document.organization_id:
            problems.append(
                Problem(f"relations[{index}].target", "is a document of another organization")
            )
        key = (kind, target.pk)
        if key in seen:
            problems.append(
                Problem(
                    f"relations[{index}]",
                    f"{kind} {target.slug} is already listed at relations[{seen[key]}]",
                )
            )
        seen.setdefault(key, index)
        rows.append({"kind": kind, "target": target, **extra})
    if problems:
        raise DomainError(problems)
    sync(DocumentRelation, {"document": document}, ["kind", "target"], rows, tally)


def set_versions(
    document: Document, versions: Iterable[Mapping], tally: Tally | None = None
) -> None:
    """Make the document's versions and translations exactly `versions`, one row per
    (number, language); a version left out goes with its files."""
    rows = [{"language": "", **item} for item in versions]
    check_range({f"versions[{index}].date": row.get("date") for index, row in enumerate(rows)})
    problems: list[Problem] = []
    seen: dict[tuple[int, str], int] = {}
    for index, row in enumerate(rows):
        key = (row["number"], row["language"])
        if key in seen:
            what = f"version {key[0]}" + (f" in {key[1]!r}" if key[1] else "")
            problems.append(
                Problem(f"versions[{index}]", f"{what} is already listed at versions[{seen[key]}]")
            )
        seen.setdefault(key, index)
    if problems:
        raise DomainError(problems)
    sync(DocumentVersion, {"document": document}, ["number", "language"], rows, tally)


def set_parties(
    document: Document,
    *,
    co_authors: Iterable[Party] = (),
    signatories: Iterable[Mapping] = (),
    counterparties: Iterable[Mapping] = (),
    tally: Tally | None = None,
) -> None:
    """Make the document's authors after the first (`author_party`), its signatories
    (party, organization, agency, person, signer, date, date_precision, source) and its
    counterparties (organization or name, source) exactly those given, in order."""
    problems: list[Problem] = []
    authors = list(co_authors)
    first = document.author_party_id
    seen: dict[int, int] = {}
    for index, party in enumerate(authors):
        where = f"author_parties[{index + 1}]"
        if party.pk == first or party.pk in seen:
            problems.append(Problem(where, f"{party.code} is already an author"))
        seen.setdefault(party.pk, index)
    if authors and first is None:
        problems.append(Problem("author_parties", "the first author is the author party"))
    signed = [dict(row) for row in signatories]
    for index, row in enumerate(signed):
        if not (row.get("party") or row.get("organization") or row.get("agency")):
            problems.append(
                Problem(f"signatories[{index}]", "name the party, agency or organization")
            )
        if row.get("person") and row.get("signer"):
            problems.append(
                Problem(f"signatories[{index}].signer", "name a recorded person or a signer")
            )
    sides = [dict(row) for row in counterparties]
    for index, row in enumerate(sides):
        if bool(row.get("organization")) == bool(row.get("name")):
            problems.append(
                Problem(f"counterparties[{index}]", "name an organization or give its name")
            )
        elif row.get("organization") and row["organization"].pk == document.organization_id:
            problems.append(
                Problem(
                    f"counterparties[{index}].organization",
                    "is the document's own organization",
                )
            )
    check_range({f"signatories[{i}].date": row.get("date") for i, row in enumerate(signed)})
    if problems:
        raise DomainError(problems)
    sync(
        CoAuthor,
        {"document": document},
        ["party"],
        [{"party": p, "position": i} for i, p in enumerate(authors, start=1)],
        tally,
    )
    sync(
        Signatory,
        {"document": document},
        ["position"],
        [
            {
                "party": None,
                "organization": None,
                "agency": "",
                "person": None,
                "signer": "",
                "date": None,
                "date_precision": "day",
                "source": "",
                **row,
                "position": i,
            }
            for i, row in enumerate(signed)
        ],
        tally,
    )
    sync(
        Counterparty,
        {"document": document},
        ["position"],
        [
            {"organization": None, "name": "", "source": "", **row, "position": i}
            for i, row in enumerate(sides)
        ],
        tally,
    )


def set_authors_and_signing(
    document: Document,
    authors: Sequence[Party],
    signatories: Iterable[Mapping] = (),
    counterparties: Iterable[Mapping] = (),
    tally: Tally | None = None,
) -> None:
    """Make the document's authors exactly `authors` (the first is its author party,
    none when empty), and its signatories and counterparties those given."""
    first = authors[0] if authors else None
    if document.author_party_id != (first.pk if first else None):
        upsert(Document, {}, {"author_party": first}, tally, instance=document)
    set_parties(
        document,
        co_authors=authors[1:],
        signatories=signatories,
        counterparties=counterparties,
        tally=tally,
    )


def references_to(document: Document) -> list[str]:
    """What in the record refers to `document` (empty when nothing does)."""
    counts = {
        "action": Action.objects.filter(document=document).count(),
        "decision": Decision.objects.filter(document=document).count(),
        "relation from another document": DocumentRelation.objects.filter(target=document).count(),
        "measure": Measure.objects.filter(document=document).count(),
        "progress report": ProgressReport.objects.filter(
            Q(document=document) | Q(report=document)
        ).count(),
    }
    return [f"{n} {what}{'s' if n > 1 else ''}" for what, n in counts.items() if n]


def remove_document(document: Document) -> None:
    """Remove a document with its versions, files and own relations; refused while
    anything else in the record refers to it (actions, decisions, relations of other
    documents, measures, progress reports): remove or change those first."""
    referring = references_to(document)
    if referring:
        raise InUse.at(
            "document",
            f"{document.slug} is referred to by {', '.join(referring)}; remove those first",
        )
    delete(Document.objects.filter(pk=document.pk))


# --- files ---------------------------------------------------------------------------

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


class AlreadyAttached(DomainError):
    """The version already has a file of that kind in that language."""


def version_for(document: Document, number: int, language: str) -> DocumentVersion:
    """The version numbered `number` that a file in `language` belongs to: the row in
    that language, else the one in no particular language, else the first recorded."""
    rows = list(DocumentVersion.objects.filter(document=document, number=number).order_by("pk"))
    if not rows:
        raise NotFound.at("version", f"{document.slug} has no version {number}")
    for wanted in (language, ""):
        for row in rows:
            if row.language == wanted:
                return row
    return rows[0]


def _check_language(organization: Organization, language: str) -> None:
    if not LANGUAGE_CODE.match(language):
        raise DomainError.at(
            "language", f"{language!r} is not a language code (such as ru, zh, en)"
        )
    known = [*organization.official_languages, *organization.working_languages]
    known = list(dict.fromkeys(code.lower() for code in known))
    if known and language not in known and language.split("-")[0] not in known:
        raise DomainError.at(
            "language",
            f"{language!r} is not a language of {organization.slug} ({', '.join(known)})",
        )


def attach_file(
    document: Document,
    *,
    number: int,
    language: str,
    kind: str,
    name: str,
    content: BinaryIO,
) -> DocumentFile:
    """Attach the file in `content` (seekable, binary) to version `number` of `document`.

    Checked before anything is written: the kind, the language, that the version has
    no such file yet, the size (ACCORD_MAX_UPLOAD_BYTES), and the type by the content
    (PDF, DOCX or ODT); the checksum is computed in the pass that counts the size, the
    text read from the file in a process of its own, within the limits ACCORD_EXTRACT_*
    (extract.py: refused when reading takes longer or more memory than they allow, or
    a package's XML expands beyond them; the text of a PDF's first pages only, and the
    text cut at its limit, with a note saying so). Only then is the file stored, under
    a name of Accord's own, and the row written in a transaction of its own (never
    inside another: a caller's rollback could not remove the stored file); if the row
    cannot be written or committed, the stored file is deleted again.
    """
    if kind not in FileKind.values:
        raise DomainError.at("kind", f"{kind!r} is not a kind of file ({', '.join(FileKind)})")
    language = (language or "").strip().lower()
    _check_language(document.organization, language)
    version = version_for(document, number, language)
    taken = DocumentFile.objects.filter(
        version__document=document, version__number=number, kind=kind, language=language
    )
    if taken.exists():
        raise AlreadyAttached.at(
            "kind",
            f"version {number} already has a {FileKind(kind).label} in {language}; remove it first",
        )
    measured = content_rules.measure(content, settings.ACCORD_MAX_UPLOAD_BYTES)
    inspected = extract.inspect(content, extract.limits())
    safe = content_rules.safe_name(name, inspected.type)
    storage = storages["documents"]
    key = f"{document.organization.slug}/{document.slug}/{uuid.uuid4().hex}"
    content.seek(0)
    stored = storage.save(key + inspected.type.extension, File(content))
    try:
        with transaction.atomic(durable=True):
            row, _ = upsert(
                DocumentFile,
                {"version": version, "kind": kind, "language": language},
                {
                    "name": safe,
                    "content_type": inspected.type.content_type,
                    "size": measured.size,
                    "sha256": measured.sha256,
                    "storage_name": stored,
                    "text": inspected.text,
                    "text_note": inspected.note,
                    "added_by": audit.current_actor().name,
                    "added_at": timezone.now(),
                },
                missing=True,
            )
    except BaseException:
        storage.delete(stored)
        raise
    return row


def remove_file(file: DocumentFile) -> None:
    """Remove the file's row (audited) and, once that is committed, the stored file."""
    with transaction.atomic(durable=True):
        delete(DocumentFile.objects.filter(pk=file.pk))


def forget_stored_file(sender: type, instance: DocumentFile, **kwargs: object) -> None:
    """When a file's row goes (removed, or with its version or document), its stored
    file goes too, after the deletion is committed (never if it is rolled back)."""
    name = instance.storage_name
    transaction.on_commit(lambda: storages["documents"].delete(name))
