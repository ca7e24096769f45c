"""What the ways in give the registry's writers: the own fields of an organization, a
membership status, a person, a post, a term in a post and a post's rotation, typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from accord.core.fields import KEEP, Fields, Keep

if TYPE_CHECKING:
    from accord.bodies.models import Body
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


@dataclasses.dataclass(frozen=True, kw_only=True)
class PostFields(Fields):
    """A post (its slug names it): its name and translations, the state it is an office
    of (a national office), the body it serves. Each left out (`KEEP`) keeps the
    recorded value, or the default."""

    name: str | Keep = KEEP
    names: Mapping[str, str] | Keep = KEEP
    party: Party | Keep | None = KEEP
    body: Body | Keep | None = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class HoldingFields(Fields):
    """A term in a post besides its holder and days: the day the holder was appointed,
    whether they act in it. Each left out (`KEEP`) keeps the recorded value, or the
    default."""

    appointed_on: dt.date | Keep | None = KEEP
    acting: bool | Keep = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class PostRotationFields(Fields):
    """How a post rotates among its organization's members: the `order` of the turns,
    the `language` of an alphabetical one, the `sequence` of party codes of a sequence,
    the length of a term in years. Each left out (`KEEP`) keeps the recorded value, or
    the default."""

    order: str | Keep = KEEP
    language: str | Keep = KEEP
    sequence: Sequence[str] | Keep = KEEP
    term_years: int | Keep | None = KEEP
