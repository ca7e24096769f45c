"""Documents: the list, the detail (versions, relations, measures, progress), the history."""

from __future__ import annotations

from accord.api.schemas.common import DocumentRef, MeetingRef, Out, PartyRef
from accord.api.schemas.meetings import ActionOut


class DocumentOut(Out):
    slug: str
    title: str
    type: str
    date: str | None
    period: str | None
    author_body: str | None
    author_party: str | None
    classification: str
    status: str | None


class DocumentPage(Out):
    """Documents by date (undated first), then slug."""

    items: list[DocumentOut]
    next_cursor: str | None


class StatusBy(Out):
    body: str
    date: str


class VersionOut(Out):
    number: int
    language: str
    date: str | None
    text: str


class RelationOut(Out):
    kind: str
    document: DocumentRef


class MeasureOut(Out):
    id: str
    text: str
    texts: dict[str, str]
    responsible_body: str | None
    responsible_party: PartyRef | None
    due: str | None


class ProgressOut(Out):
    date: str
    status: str
    measure: str | None
    report: DocumentRef | None
    meeting: MeetingRef | None
    reported_by: str | None
    note: str


class DocumentDetail(DocumentOut):
    titles: dict[str, str]
    purpose: str
    restricted_to: str | None
    shared_with: list[str]
    status_by: StatusBy | None
    versions: list[VersionOut]
    relations: list[RelationOut]
    inbound: list[RelationOut]
    measures: list[MeasureOut]
    progress: list[ProgressOut]
    source: str
    note: str


class HistoryOut(Out):
    """A document's actions in date order, and the status they give it."""

    organization: str
    document: DocumentRef
    status: str | None
    status_by: StatusBy | None
    actions: list[ActionOut]
