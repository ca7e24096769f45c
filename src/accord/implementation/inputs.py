"""What the ways in give the implementation's writers: a measure's own fields, typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from accord.core.fields import KEEP, Fields, Keep

if TYPE_CHECKING:
    from accord.bodies.models import Body
    from accord.registry.models import Party


@dataclasses.dataclass(frozen=True, kw_only=True)
class MeasureFields(Fields):
    """A measure of a document's implementation (its slug names it): what is to be done,
    by whom (a body, a party, or both) and by when. Each left out (`KEEP`) keeps a
    recorded measure's value, or takes a new one's default."""

    text: str | Keep = KEEP
    texts: Mapping[str, str] | Keep = KEEP
    responsible_body: Body | Keep | None = KEEP
    responsible_party: Party | Keep | None = KEEP
    due: dt.date | Keep | None = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP
