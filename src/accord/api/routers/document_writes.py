"""Documents: the writes (a new document, a change, its removal; its versions,
relations and parties, each set whole), on the documents router."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Header, Status

from accord.accounts import access, refs
from accord.accounts.access import Viewer
from accord.api import security
from accord.api.errors import (
    UPDATE_ERRORS,
    WRITE_ERRORS,
    Conflict,
)
from accord.api.etags import check_if_match, etag_of, require_if_match
from accord.api.routers.documents import detail_of, router
from accord.api.schemas.documents import (
    DocumentDetail,
    DocumentIn,
    DocumentPatch,
    PartiesIn,
    RelationsIn,
    VersionsIn,
)
from accord.core.dates import PartialDate
from accord.core.models import Classification
from accord.documents import services as document_services
from accord.documents.inputs import DocumentFields
from accord.documents.models import (
    Document,
)
from accord.registry.models import Organization, Party

DOCUMENTS = "/organizations/{org}/documents"
DOCUMENT = DOCUMENTS + "/{slug}"
IfMatchDocument = Header(
    None, alias="If-Match", description="the ETag of the document as you read it"
)
_EDITABLE = [
    "type", "title", "titles", "date", "date_precision", "period", "purpose", "author_body",
    "author_party", "classification", "restricted_to_body", "source", "note",
]  # fmt: skip
_TEXTS = ("title", "titles", "period", "purpose", "source", "note")


def _values(org: Organization, changes: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """`values` (a document's stored fields) with `changes` (request fields) applied."""
    for name in _TEXTS:
        if name in changes:
            values[name] = changes[name] if changes[name] is not None else type(values[name])()
    if "type" in changes:
        values["type"] = refs.document_type_at(org, changes["type"], "type")
    if changes.get("classification") is not None:
        values["classification"] = Classification(changes["classification"]).value
    if "date" in changes:
        when = PartialDate.parse(changes["date"]) if changes["date"] is not None else None
        values["date"] = when.value if when else None
        values["date_precision"] = when.precision.value if when else "day"
    if "author_body" in changes:
        values["author_body"] = refs.body_at(org, changes["author_body"], "author_body")
    if "restricted_to" in changes:
        values["restricted_to_body"] = refs.body_at(org, changes["restricted_to"], "restricted_to")
    if "author_party" in changes:
        values["author_party"] = refs.party_at(changes["author_party"], "author_party")
    return values


def _shared_with(codes: list[str] | None) -> list[Party]:
    return [p for p in refs.parties_at(list(codes or []), "shared_with[{}]") if p is not None]


def _changed(response: HttpResponse, answer: DocumentDetail) -> DocumentDetail:
    response["ETag"] = etag_of(answer)
    return answer


def _for_change(
    request: HttpRequest, org: str, slug: str, if_match: str | None
) -> tuple[Viewer, Document]:
    """The document to change, locked, after the checks every change makes: readable
    (404), the viewer keeps the record (403), If-Match present (428) and current (412)."""
    viewer = security.viewer(request)
    found = refs.document(viewer, refs.organization(org), slug)
    access.require_edit(viewer, found.organization)
    held = require_if_match(if_match)
    found = (
        Document.objects.select_for_update(no_key=True, of=("self",))
        .select_related("organization", "type")
        .get(pk=found.pk)
    )
    check_if_match(held, detail_of(viewer, found))
    return viewer, found


@router.post(
    DOCUMENTS,
    response={201: DocumentDetail, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record a new document",
    description=(
        "Only the organization's secretariat; 409 when the id is taken, 422 when a rule"
        " refuses it (a body-restricted document names its body; one shared with named"
        " parties names them). Versions and relations are set with PUT afterwards."
    ),
)
def create_document(
    request: HttpRequest, response: HttpResponse, org: str, payload: DocumentIn
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org = refs.organization(org)
        access.require_edit(viewer, found_org)
        if taken := document_services.claim_document_slug(found_org, payload.id):
            raise Conflict(taken)
        changes = payload.model_dump(exclude={"id", "shared_with"})
        initial: dict[str, Any] = {
            **dict.fromkeys(_TEXTS, ""),
            "titles": {},
            "date": None,
            "date_precision": "day",
            "classification": Classification.PUBLIC.value,
            **dict.fromkeys(("author_body", "author_party", "restricted_to_body")),
        }
        created = document_services.save_document(
            found_org,
            payload.id,
            DocumentFields(**_values(found_org, changes, initial)),
            shared_with=_shared_with(payload.shared_with),
        )
        answer = detail_of(viewer, created)
    response["Location"] = request.build_absolute_uri(f"{request.path.rstrip('/')}/{payload.id}")
    return Status(201, _changed(response, answer))


@router.patch(
    DOCUMENT,
    response={200: DocumentDetail, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Change a document's title, type, date, authors or classification",
    description=(
        "Send If-Match with the ETag of the document as you read it: without it 428, with"
        " an outdated one 412; nothing is written in either case."
    ),
)
def update_document(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    slug: str,
    payload: DocumentPatch,
    if_match: str | None = IfMatchDocument,
) -> object:
    changes = payload.model_dump(exclude_unset=True)
    with security.writing(request):
        viewer, found = _for_change(request, org, slug, if_match)
        values = _values(
            found.organization, changes, {name: getattr(found, name) for name in _EDITABLE}
        )
        shared = (
            _shared_with(changes["shared_with"])
            if "shared_with" in changes
            else list(found.shared_with.all())
        )
        saved = document_services.save_document(
            found.organization, found.slug, DocumentFields(**values), shared_with=shared
        )
        answer = detail_of(viewer, saved)
    return _changed(response, answer)


@router.delete(
    DOCUMENT,
    response={204: None, **UPDATE_ERRORS},
    auth=security.WRITE,
    summary="Remove a document, with its versions, files and own relations",
    description=(
        "Refused (409) while anything in the record refers to it: actions, decisions,"
        " other documents' relations, measures, progress reports. Send If-Match with the"
        " document's ETag (428 without, 412 if outdated)."
    ),
)
def remove_document(
    request: HttpRequest, org: str, slug: str, if_match: str | None = IfMatchDocument
) -> object:
    with security.writing(request):
        _, found = _for_change(request, org, slug, if_match)
        document_services.remove_document(found)
    return Status(204, None)


@router.put(
    DOCUMENT + "/versions",
    response={200: DocumentDetail, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Set a document's versions and translations (the whole list)",
    description=(
        "One entry per version number and language; a version left out is removed with"
        " its files. If-Match: the document's ETag."
    ),
)
def put_versions(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    slug: str,
    payload: VersionsIn,
    if_match: str | None = IfMatchDocument,
) -> object:
    with security.writing(request):
        viewer, found = _for_change(request, org, slug, if_match)
        document_services.set_versions(found, [v.model_dump() for v in payload.versions])
        answer = detail_of(viewer, found)
    return _changed(response, answer)


@router.put(
    DOCUMENT + "/relations",
    response={200: DocumentDetail, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Set a document's relations to others (the whole list)",
    description=(
        "Each names a kind (implements, reports-on, amends, supersedes, accompanies) and"
        " the `target` document's slug; relations left out are removed. If-Match: the"
        " document's ETag."
    ),
)
def put_relations(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    slug: str,
    payload: RelationsIn,
    if_match: str | None = IfMatchDocument,
) -> object:
    with security.writing(request):
        viewer, found = _for_change(request, org, slug, if_match)
        targets = refs.documents_at(
            viewer,
            found.organization,
            [r.target for r in payload.relations],
            "relations[{}].target",
        )
        document_services.set_relations(
            found,
            [
                (r.kind.value, target, {"source": r.source})
                for r, target in zip(payload.relations, targets, strict=True)
            ],
        )
        answer = detail_of(viewer, found)
    return _changed(response, answer)


@router.put(
    DOCUMENT + "/parties",
    response={200: DocumentDetail, **UPDATE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CHANGED,
    summary="Set a document's authors, signatories and counterparties (the whole lists)",
    description=(
        "`authors`: party codes, the first being the author party. Each signatory names"
        " a party, an organization or an agency, and the person who signed (`person`, a"
        " recorded person's id, or `signer`, a name) and the date, as precise as known;"
        " each counterparty an organization of the record or a `name`. Those left out"
        " are removed. If-Match: the document's ETag."
    ),
)
def put_parties(
    request: HttpRequest,
    response: HttpResponse,
    org: str,
    slug: str,
    payload: PartiesIn,
    if_match: str | None = IfMatchDocument,
) -> object:
    with security.writing(request):
        viewer, found = _for_change(request, org, slug, if_match)
        authors = refs.parties_at(list(payload.authors), "authors[{}]")
        signed = []
        for i, s in enumerate(payload.signatories):
            when = PartialDate.parse(s.date) if s.date else None
            signed.append(
                {
                    "party": refs.party_at(s.party, f"signatories[{i}].party"),
                    "organization": refs.organization_at(
                        s.organization, f"signatories[{i}].organization"
                    ),
                    "agency": s.agency,
                    "person": refs.person_at(s.person, f"signatories[{i}].person"),
                    "signer": s.signer,
                    "date": when.value if when else None,
                    "date_precision": when.precision.value if when else "day",
                    "source": s.source,
                }
            )
        sides = [
            {
                "organization": refs.organization_at(
                    c.organization, f"counterparties[{i}].organization"
                ),
                "name": c.name,
                "source": c.source,
            }
            for i, c in enumerate(payload.counterparties)
        ]
        document_services.set_authors_and_signing(
            found, [a for a in authors if a is not None], signed, sides
        )
        answer = detail_of(viewer, found)
    return _changed(response, answer)
