"""What the meetings routers share: the one router their operations are registered on
(`meetings`, `meeting_parts`, `meeting_decisions`), the meeting's address, and finding
the meeting a request names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from ninja import Header, Router

from accord.accounts import refs
from accord.accounts.access import Viewer
from accord.api import security
from accord.api.etags import etag_of, require_if_match
from accord.bodies.models import Body
from accord.core.errors import DomainError, Problem
from accord.meetings.models import Meeting
from accord.meetings.record import (
    MeetingRecord,
    record_of,
)
from accord.registry.models import Organization, Party

router = Router(tags=["meetings"], auth=security.READ)
OPEN = security.ANONYMOUS_ALLOWED
BASE = "/organizations/{org}/bodies/{body}/meetings"
IfMatch = Header(None, alias="If-Match", description="the ETag of the object as you read it")


def find(viewer: Viewer, org: str, body: str, ref: str) -> tuple[Organization, Body, Meeting]:
    found_org = refs.organization(org)
    found_body = refs.body(found_org, body)
    return found_org, found_body, refs.meeting(viewer, found_org, found_body, ref)


def found_or_moved(
    request: HttpRequest,
    viewer: Viewer,
    org: str,
    body: str,
    ref: str,
    joined: refs.Joined | None = None,
) -> tuple[Organization, Meeting] | HttpResponsePermanentRedirect:
    """The meeting a read names (`refs.meeting_addressed`); a joint meeting named at
    the address of a body that joins it: a permanent redirect to the same operation at
    its convening body's address (its one canonical address). `joined`: read with it
    (`refs.meeting_addressed`)."""
    found_org = refs.organization(org)
    found_body = refs.body(found_org, body)
    found = refs.meeting_addressed(viewer, found_org, found_body, ref, joined)
    if found.body_id == found_body.pk:
        return found_org, found
    here = f"/organizations/{org}/bodies/{body}/meetings/{ref}"
    there = f"/organizations/{org}/bodies/{found.body.slug}/meetings/{found.ref}"
    url = request.path.replace(here, there, 1)
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


# A read of a joint meeting at the address of a body that joins it (`found_or_moved`).
MOVED = {301: None}


def parties_named(codes: list[str], field: str) -> list[Party]:
    """The parties with `codes` (one query); `field` formats each one's path."""
    found = {p.code: p for p in Party.objects.filter(code__in=codes)}
    missing = [
        Problem(field.format(i), f"no party {c!r}") for i, c in enumerate(codes) if c not in found
    ]
    if missing:
        raise DomainError(missing)
    return [found[c] for c in codes]


def for_change(
    viewer: Viewer, org: str, body: str, ref: str, if_match: str | None
) -> tuple[Organization, Meeting, str]:
    """The meeting a change names (404 when not readable) and the version it names in
    If-Match (428 without one); the use case checks the rest."""
    found_org, _, found = find(viewer, org, body, ref)
    return found_org, found, require_if_match(if_match)


def gathered(*lookups: Callable[[], Any]) -> list[Any]:
    """Each lookup's result; when some refuse, every refusal together."""
    results, problems = [], []
    for lookup in lookups:
        try:
            results.append(lookup())
        except DomainError as exc:
            problems += exc.problems
            results.append(None)
    if problems:
        raise DomainError(problems)
    return results


def changed_record(response: HttpResponse, viewer: Viewer, meeting: Meeting) -> MeetingRecord:
    record = record_of(viewer, meeting)
    response["ETag"] = etag_of(record)
    return record


REPLACES = (
    " Send If-Match with the ETag of the meeting's record as you read it: without it 428,"
    " with an outdated one 412; nothing is written in either case."
)
