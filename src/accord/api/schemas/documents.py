"""Documents: the list, the detail (versions, relations, measures, progress), the history."""

from __future__ import annotations

from pydantic import Field

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


class FileOut(Out):
    """A file of a version: its signed original or an official language version."""

    language: str
    kind: str = Field(description="signed-original or language-version")
    name: str = Field(description="the uploaded name, made safe; the download's name")
    content_type: str = Field(description="found in the content: PDF, DOCX or ODT")
    size: int
    sha256: str = Field(description="checksum of the bytes; the download's ETag")
    added_at: str
    url: str = Field(description="where the file is downloaded (by its readers only)")


class VersionOut(Out):
    number: int
    language: str
    date: str | None
    text: str
    files: list[FileOut] = []


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
