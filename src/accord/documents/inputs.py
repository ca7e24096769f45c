"""What the ways in give the documents' writers: a document's and a document type's own
fields, typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from accord.core.fields import KEEP, Fields, Keep

if TYPE_CHECKING:
    from accord.bodies.models import Body
    from accord.documents.models import DocumentType
    from accord.registry.models import Party


@dataclasses.dataclass(frozen=True, kw_only=True)
class DocumentTypeFields(Fields):
    """A document type's name and its translations (`KEEP`: kept, or the default)."""

    name: str | Keep = KEEP
    names: Mapping[str, str] | Keep = KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class DocumentFields(Fields):
    """A document's own fields (its slug names it; the parties it is shared with, its
    versions, relations, authors and files are written apart). Each left out (`KEEP`)
    keeps a recorded document's value, or takes a new one's default; `type` is given,
    always."""

    type: DocumentType | Keep = KEEP
    title: str | Keep = KEEP
    titles: Mapping[str, str] | Keep = KEEP
    date: dt.date | Keep | None = KEEP
    date_precision: str | Keep = KEEP
    period: str | Keep = KEEP
    purpose: str | Keep = KEEP
    # the purpose's translations (a record file gives them; the API does not)
    purposes: Mapping[str, str] | Keep = KEEP
    author_body: Body | Keep | None = KEEP
    author_party: Party | Keep | None = KEEP
    classification: str | Keep = KEEP
    restricted_to_body: Body | Keep | None = KEEP
    source: str | Keep = KEEP
    note: str | Keep = KEEP
