"""Documents: the list, the detail (versions, relations, measures, progress), the history."""

from __future__ import annotations

from pydantic import Field

from accord.api.days import Day
from accord.api.schemas.common import DocumentRef, In, MeetingRef, Out, PartyRef, slug_field
from accord.api.schemas.meetings import PartialDateText
from accord.core.models import Classification
from accord.documents.models import RelationKind
from accord.meetings.record import ActionOut
from accord.records.defaults import DEFAULTS


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
    status_name: str | None = Field(
        None,
        description="the status in the language asked: as the organization's verbs name it, "
        "else Accord's word; a status of the organization's own with no name in that "
        "language is said to be not translated",
    )


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
    text_note: str = Field(
        description=(
            "why the text read from the file (for search) is not its whole text: only"
            " its first pages, or cut at the limit; empty when it is whole"
        )
    )
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


class SignatoryOut(Out):
    """Who signed: a party, an organization or an agency, the person, the day."""

    party: str | None
    organization: str | None
    agency: str | None
    person: str | None = Field(description="the person's id, when recorded")
    signer: str | None = Field(description="the name of the person who signed")
    date: str | None = Field(description="as precise as recorded: 2005-04-21, 2005-04, 2005")
    text: str = Field(description="all of it in one line")


class DocumentDetail(DocumentOut):
    authors: list[str] = Field(description="party codes, the author party first")
    signatories: list[SignatoryOut]
    counterparties: list[str] = Field(description="the other organizations' names")
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
    """A document's actions in date order, and the status they give it (with `on`: as
    they stood that day)."""

    organization: str
    document: DocumentRef
    on: str | None = None
    status: str | None
    status_by: StatusBy | None
    actions: list[ActionOut]


# --- writes ----------------------------------------------------------------------------


class DocumentIn(In):
    """A new document of the organization. Its classification says who may read it: a
    body-restricted document names its body (`restricted_to`), one shared with named
    parties names them (`shared_with`)."""

    id: str = slug_field(description="the document's slug, unique in the organization")
    type: str = Field(description="document type slug, e.g. roadmap")
    title: str = Field(min_length=1, max_length=500)
    titles: dict[str, str] = {}
    date: PartialDateText | None = None
    period: str = Field("", max_length=20, description="e.g. 2019-2021")
    purpose: str = ""
    author_body: str | None = Field(None, description="body slug")
    author_party: str | None = Field(None, description="party code")
    classification: Classification = Classification(DEFAULTS["documents"]["classification"])
    restricted_to: str | None = Field(None, description="body slug (body classification)")
    shared_with: list[str] = Field([], description="party codes (parties classification)")
    source: str = Field("", max_length=300)
    note: str = ""


class DocumentPatch(In):
    """The fields to change; fields left out keep their value (null clears one)."""

    type: str | None = None
    title: str | None = Field(None, min_length=1, max_length=500)
    titles: dict[str, str] | None = None
    date: PartialDateText | None = None
    period: str | None = Field(None, max_length=20)
    purpose: str | None = None
    author_body: str | None = None
    author_party: str | None = None
    classification: Classification | None = None
    restricted_to: str | None = None
    shared_with: list[str] | None = None
    source: str | None = Field(None, max_length=300)
    note: str | None = None


class VersionIn(In):
    number: int = Field(ge=1, le=32767)
    language: str = Field(
        "", pattern=r"^([a-z]{2,3}(-[a-z0-9]{2,8})*)?$", description="empty: no particular one"
    )
    date: Day | None = None
    text: str = ""
    source: str = Field("", max_length=300)


class VersionsIn(In):
    """Every version and translation of the document (those left out are removed)."""

    versions: list[VersionIn]


class RelationIn(In):
    kind: RelationKind
    target: str = Field(description="slug of the document it relates to")
    source: str = Field("", max_length=300)


class SignatoryIn(In):
    party: str | None = Field(None, description="party code")
    organization: str | None = Field(None, description="an organization of the record (slug)")
    agency: str = Field("", max_length=300, description="a ministry, a secretariat ...")
    person: str | None = Field(None, description="id of the person who signed, if recorded")
    signer: str = Field("", max_length=200, description="the person who signed, by name")
    date: PartialDateText | None = None
    source: str = Field("", max_length=300)


class CounterpartyIn(In):
    organization: str | None = Field(None, description="an organization of the record (slug)")
    name: str = Field("", max_length=300, description="one not in the record, by name")
    source: str = Field("", max_length=300)


class PartiesIn(In):
    """Every author (the first is the author party), signatory and counterparty of the
    document; those left out are removed."""

    authors: list[str] = Field([], description="party codes, the author party first")
    signatories: list[SignatoryIn] = []
    counterparties: list[CounterpartyIn] = []


class RelationsIn(In):
    """Every relation of the document to others (those left out are removed)."""

    relations: list[RelationIn]
