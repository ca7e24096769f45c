"""What the ways in give the bodies' writers: a body's own fields, typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from accord.core.fields import KEEP, Fields, Keep

if TYPE_CHECKING:
    from accord.bodies.models import Body


@dataclasses.dataclass(frozen=True, kw_only=True)
class BodyFields(Fields):
    """A body's own fields (its slug names it; its powers are written apart). Each left
    out (`KEEP`) keeps a recorded body's value, or takes a new one's default."""

    name: str | Keep = KEEP
    names: Mapping[str, str] | Keep = KEEP
    short_name: str | Keep = KEEP
    reports_to: Body | Keep | None = KEEP
    founded_on: dt.date | Keep | None = KEEP
    meets_since: int | Keep | None = KEEP
    chair_rule: str | Keep = KEEP
    decision_rule: str | Keep = KEEP
    function: str | Keep = KEEP
    described_as: Mapping[str, str] | Keep = KEEP
    rank: int | Keep = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP
