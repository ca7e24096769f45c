"""A meeting's plan history as a request gives it (PUT .../meetings/N/plan)."""

from __future__ import annotations

from pydantic import Field

from accord.api.schemas.common import In
from accord.api.schemas.meetings import MAX_ROWS, PartialDateText
from accord.meetings.models import Mode, PlanKind


class PlanChangeIn(In):
    """One change of the plan: what it did, the day it became known, its source, and
    the plan it set where it sets one (blank: as before)."""

    kind: PlanKind
    known_on: PartialDateText = Field(description="the day it became known (or its month, year)")
    date: PartialDateText | None = Field(None, description="the first day of the plan it set")
    end: PartialDateText | None = Field(None, description="its last day, same precision as date")
    city: str = Field("", max_length=120)
    city_names: dict[str, str] = {}
    country: str | None = Field(None, description="party code")
    mode: Mode | None = Field(None, description="left out: as before (moved online: by video)")
    source: str = Field("", max_length=300)
    note: str = ""


class PlanIn(In):
    """The meeting's plan history, in the order the changes became known (the whole
    list: those left out are removed)."""

    plan: list[PlanChangeIn] = Field(max_length=MAX_ROWS)
