"""Implementation, written: the measures of a programme or plan, and progress reports."""

from __future__ import annotations

from pydantic import Field

from accord.api.days import Day
from accord.api.schemas.common import In, slug_field
from accord.api.schemas.meetings import MAX_ROWS, MeetingPointer
from accord.implementation.models import Progress


class MeasureIn(In):
    id: str = slug_field(description="the measure's id in the document")
    text: str = Field(min_length=1)
    texts: dict[str, str] = {}
    responsible_body: str | None = Field(None, description="body slug")
    responsible_party: str | None = Field(None, description="party code")
    due: Day | None = None
    source: str = Field("", max_length=300)
    note: str = ""


class MeasuresIn(In):
    """Every measure of the document (those left out are removed)."""

    measures: list[MeasureIn] = Field(max_length=MAX_ROWS)


class ProgressIn(In):
    date: Day
    status: Progress
    measure: str | None = Field(None, description="a measure of the document; null: as a whole")
    report: str | None = Field(None, description="the report it was heard in (document slug)")
    meeting: MeetingPointer | None = Field(None, description="the meeting it was heard at")
    reported_by: str | None = Field(None, description="body slug")
    source: str = Field("", max_length=300)
    note: str = ""


class ProgressListIn(In):
    """Every progress report on the document (those left out are removed); one per day
    and measure."""

    progress: list[ProgressIn] = Field(max_length=MAX_ROWS)
