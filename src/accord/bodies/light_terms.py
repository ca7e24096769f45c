"""An organization's chair terms read once as light rows of the columns the pages that
list them use (`LightTerm`: no model instance made for the term, its party or the
meeting that decided it), by body id (None: the presidency), each body's terms in a
`selectors.TermRows` (the term covering a day found by its start).

A page that shows who chairs on a day, who chairs next and the chair of each meeting
of a series (a body's page) reads them here once and hands them to
`selectors.chair_on`, `selectors.next_chair` and `meetings.selectors.chair_by_rule`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from accord.bodies.models import ChairTerm
from accord.core import choices, compiled
from accord.core.models import name_in

if TYPE_CHECKING:
    from accord.bodies.selectors import TermRows


class PartyName:
    """A term's party as read: its id, code and names (what `tr` shows)."""

    __slots__ = ("code", "name", "names", "pk")

    def __init__(self, pk: int, code: str, name: str, names: dict[str, str] | None) -> None:
        self.pk, self.code, self.name, self.names = pk, code, name, names or {}

    def name_in(self, language: str) -> str:
        return name_in(self.name, self.names, language)

    def __str__(self) -> str:
        return self.name


class LightTerm:
    """A chair term as read: its own columns, its party (`PartyName`) and the last day
    of the meeting that decided it (`decided_on`, None where none is recorded)."""

    __slots__ = ("basis", "body_id", "decided_at_id", "decided_on", "end", "party", "pk", "start")

    pk: int
    body_id: int | None
    party: PartyName
    start: dt.date
    end: dt.date | None
    basis: str
    decided_at_id: int | None
    decided_on: dt.date | None

    def get_basis_display(self) -> Any:
        """As `ChairTerm.get_basis_display()`."""
        return choices.label(ChairTerm._meta.get_field("basis"), self.basis)


AnyTerm = ChairTerm | LightTerm

_COLUMNS = (
    *("pk", "body_id", "start", "end", "basis", "decided_at_id", "decided_at__end"),
    *("party_id", "party__code", "party__name", "party__names"),
)


def _read(organization_id: int) -> QuerySet[ChairTerm, tuple[Any, ...]]:
    return (
        ChairTerm.objects.filter(organization_id=organization_id)
        .order_by("start", "pk")
        .values_list(*_COLUMNS)
    )


def light_terms(organization_id: int) -> dict[int | None, TermRows[LightTerm]]:
    """The chair terms of the organization `organization_id` by body id (None: the
    presidency), each body's by start, in one query (its SQL built once)."""
    from accord.bodies.selectors import TermRows

    parties: dict[int, PartyName] = {}
    grouped: dict[int | None, list[LightTerm]] = {}
    for values in compiled.tuples(("light chair terms",), _read, organization_id, shared=True):
        t = LightTerm()
        (t.pk, t.body_id, t.start, t.end, t.basis, t.decided_at_id, t.decided_on) = values[:7]
        party, code, name, names = values[7:]
        found = parties.get(party)
        if found is None:
            found = parties[party] = PartyName(party, code, name, names)
        t.party = found
        grouped.setdefault(t.body_id, []).append(t)
    return {body: TermRows(found) for body, found in grouped.items()}
