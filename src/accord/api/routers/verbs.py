"""An organization's verbs (GET /organizations/{org}/verbs): what each action does to a
document and to a referral, as its record declares them (else Accord's default set)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router
from pydantic import Field

from accord.accounts import refs
from accord.api import security
from accord.api.errors import READ_ERRORS
from accord.api.etags import tagged
from accord.api.schemas.common import Out
from accord.decisions import selectors as decisions

router = Router(tags=["bodies"], auth=security.READ)


class VerbOut(Out):
    id: str
    names: dict[str, str] = Field(description="the past tense in each language, where declared")
    status: str | None = Field(description="the status it gives a document (null: it stays)")
    status_names: dict[str, str] = Field(
        default_factory=dict,
        description="the status's names by language, for a status of the organization's own",
    )
    final: bool
    settles: bool = Field(description="taken by a referral's target body, it settles it")
    closes: bool = Field(description="it closes a referral without the target acting")
    target: str | None = Field(description="body (a referral) or organization (outside)")
    target_required: bool
    reference: bool = Field(description="it takes a reference number")
    reported: bool = Field(description="a release reports it as an outcome of the meeting")


class VerbsOut(Out):
    organization: str
    default: bool = Field(description="the organization declares none: Accord's default set")
    items: list[VerbOut]


@router.get(
    "/organizations/{org}/verbs",
    response={200: VerbsOut, **READ_ERRORS},
    openapi_extra=security.ANONYMOUS_ALLOWED,
    summary="The organization's verbs, in the order of a document's lifecycle",
)
def list_verbs(request: HttpRequest, response: HttpResponse, org: str) -> object:
    found = refs.organization(org)
    verbs = decisions.verbs_of(found)
    answer = VerbsOut(
        organization=found.slug,
        default=verbs.default,
        items=[
            VerbOut(
                id=s.key,
                names=dict(s.names),
                status=s.status or None,
                status_names=dict(s.status_names),
                final=s.final,
                settles=s.settles,
                closes=s.closes,
                target=s.target or None,
                target_required=s.target_required,
                reference=s.reference,
                reported=s.reported,
            )
            for s in verbs
        ],
    )
    return tagged(request, response, answer)
