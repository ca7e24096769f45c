"""What the ways in give the publishing writers: an organization's publishing profile,
typed."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from accord.core.fields import KEEP, Fields, Keep

if TYPE_CHECKING:
    from accord.bodies.models import Body


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProfileFields(Fields):
    """How an organization publishes: its languages and record language, the body that
    issues its releases, its time zone, the style of each kind of release, its terms,
    the order states are listed in, its house style and letterhead. Each left out
    (`KEEP`) keeps the recorded value, or takes the default."""

    languages: Sequence[str] | Keep = KEEP
    record_language: str | Keep = KEEP
    issuer: Body | Keep | None = KEEP
    timezone: str | Keep = KEEP
    press_release_style: str | Keep = KEEP
    information_report_style: str | Keep = KEEP
    # by kind of term, by language: the words releases use (`publishing.terms`)
    terms: Mapping[str, Any] | Keep = KEEP
    listing_order: str | Keep = KEEP
    listing_language: str | Keep = KEEP
    protocol_order: Sequence[str] | Keep = KEEP
    # checked by `publishing.style` and `publishing.letterhead`
    house_style: Mapping[str, Any] | Keep = KEEP
    letterhead: Mapping[str, Any] | Keep = KEEP
    letterhead_logo: str | Keep = KEEP
