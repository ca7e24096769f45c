"""What the ways in give the registry's writers: the own fields of an organization, a
membership status and a person, typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from accord.core.fields import KEEP, Fields, Keep

if TYPE_CHECKING:
    from accord.registry.models import Party


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrganizationFields(Fields):
    """An organization's own fields (its slug names it). Each left out (`KEEP`) keeps
    the recorded value, or takes a new organization's default."""

    name: str | Keep = KEEP
    names: Mapping[str, str] | Keep = KEEP
    short_name: str | Keep = KEEP
    short_names: Mapping[str, str] | Keep = KEEP
    # the short name inside a sentence, by language, where it differs
    text_names: Mapping[str, str] | Keep = KEEP
    founded_on: dt.date | Keep | None = KEEP
    official_languages: Sequence[str] | Keep = KEEP
    working_languages: Sequence[str] | Keep = KEEP
    decision_rule: str | Keep = KEEP
    description: str | Keep = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class StatusFields(Fields):
    """A membership status of an organization (its slug names it): whether its holders
    take decisions, and the days it exists. Each left out (`KEEP`) keeps the recorded
    value, or takes a new status's default."""

    name: str | Keep = KEEP
    names: Mapping[str, str] | Keep = KEEP
    takes_decisions: bool | Keep = KEEP
    valid_from: dt.date | Keep | None = KEEP
    valid_until: dt.date | Keep | None = KEEP
    rank: int | Keep = KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class PersonFields(Fields):
    """A person (its slug names them): name, translations, the state of which they are a
    national. Each left out (`KEEP`) keeps the recorded value, or the default."""

    name: str | Keep = KEEP
    names: Mapping[str, str] | Keep = KEEP
    party: Party | Keep | None = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP
