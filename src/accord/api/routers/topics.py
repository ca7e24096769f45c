"""Topics of an organization, named by agenda items (POST /organizations/{org}/topics)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from pydantic import Field

from accord.accounts import access, refs
from accord.api import security
from accord.api.errors import WRITE_ERRORS, Conflict
from accord.api.etags import etag_of
from accord.api.schemas.common import In, Out, slug_field
from accord.meetings import services as meeting_services
from accord.meetings.inputs import TopicFields

router = Router(tags=["meetings"], auth=security.READ)


class TopicIn(In):
    id: str = slug_field(description="the topic's slug in the organization")
    name: str = Field(min_length=1, max_length=300)
    names: dict[str, str] = {}


class TopicDetail(Out):
    organization: str
    id: str
    name: str
    names: dict[str, str]


@router.post(
    "/organizations/{org}/topics",
    response={201: TopicDetail, **WRITE_ERRORS},
    auth=security.WRITE,
    openapi_extra=security.CREATED,
    summary="Record a topic agenda items can name",
    description="Only the organization's secretariat; 409 when the id is taken.",
)
def create_topic(
    request: HttpRequest, response: HttpResponse, org: str, payload: TopicIn
) -> object:
    viewer = security.viewer(request)
    with security.writing(request):
        found_org = refs.organization(org)
        access.require_edit(viewer, found_org)
        if taken := meeting_services.claim_topic_slug(found_org, payload.id):
            raise Conflict(taken)
        topic = meeting_services.save_topic(
            found_org, payload.id, TopicFields(name=payload.name, names=payload.names)
        )
        answer = TopicDetail(
            organization=found_org.slug, id=topic.slug, name=topic.name, names=topic.names
        )
    response["ETag"] = etag_of(answer)
    return Status(201, answer)
