"""What a decision decides, as the API takes it (`DecisionIn.decides`)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from accord.api.days import Day
from accord.api.schemas.common import In
from accord.decisions.decides import Ref


class EffectKind(StrEnum):
    APPOINTS = "appoints"
    EXTENDS = "extends"
    FIXES_CHAIR = "fixes-chair"


class EffectIn(In):
    """A record the decision decides, by its natural key: a term in `post` (held by
    `person`, to be sure) from `start`, or a chair term of `party` (of `body`; left out:
    the organization's chair) from `start`. An extension names the term's end before it
    (`previous_end`); its new end is the term's own."""

    kind: EffectKind
    post: str = ""
    person: str = ""
    party: str = ""
    body: str = ""
    start: Day
    previous_end: Day | None = None


def refs_in(effects: list[EffectIn]) -> list[Ref]:
    """The domain's natural keys for what the payload names."""
    return [
        Ref(
            kind=e.kind.value,
            start=e.start,
            post=e.post,
            person=e.person,
            party=e.party,
            body=e.body,
            previous_end=e.previous_end,
            where=f"decides[{i}]",
        )
        for i, e in enumerate(effects)
    ]


DECIDES_HELP = (
    "what the decision decides: terms in posts it appoints, chair terms it fixes, terms it"
    " extends; only an adopted decision decides"
)
DECIDES: list[EffectIn] = Field(default_factory=list, description=DECIDES_HELP)
