"""What the ways in give the bodies' writers: the own fields of a body, of a rotation
rule and of a chair term, typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from accord.core.fields import KEEP, Fields, Keep

if TYPE_CHECKING:
    from accord.bodies.models import Body
    from accord.meetings.models import Meeting


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


@dataclasses.dataclass(frozen=True, kw_only=True)
class RotationRuleFields(Fields):
    """How an organization's chair rotates: the order of the turns (and the `sequence`
    of party codes it names), the term of each, the body at whose meeting the chair is
    handed over. Each left out (`KEEP`) keeps the recorded value, or the default."""

    order: str | Keep = KEEP
    sequence: Sequence[str] | Keep = KEEP
    term: str | Keep = KEEP
    handover_body: Body | Keep | None = KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class ChairTermFields(Fields):
    """A chair term's own fields besides its party and days: on what basis it is known,
    the meeting that decided it. Each left out (`KEEP`) keeps the recorded value, or the
    default."""

    basis: str | Keep = KEEP
    decided_at: Meeting | Keep | None = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP
