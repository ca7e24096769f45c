"""What a decision decides where that is a record: the rules, on plain values.

A decision may appoint people to posts (several at once), fix a chair term, or extend
a term in a post or in the chair, keeping the end the term had before. Only an adopted
decision decides anything; what it names belongs to its organization (or is a
national office the organization's record declares); an extension moves the end of
the term later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

# The keys of a decision's `decides` (in record files and the API), with their kind.
SECTIONS: dict[str, str] = {
    "appoints": "appoints",
    "fixes_chair": "fixes-chair",
    "extends": "extends",
}


class Kind(StrEnum):
    """The values of `Effect.kind`."""

    APPOINTS = "appoints"
    EXTENDS = "extends"
    FIXES_CHAIR = "fixes-chair"


@dataclass(frozen=True)
class Named:
    """A record a decision names, as the rules see it.

    `where` is the field path of the entry (`decides.appoints[0]`); `record` a key
    telling two records apart; `label` how a reason names it; `ours` whether it belongs
    to the decision's organization (or is a national office the organization declares);
    `chair` whether it is a chair term (else a term in a post); `basis` and
    `decided_elsewhere` a chair term's basis and whether its record names another
    meeting as the one that decided it."""

    where: str
    kind: str
    record: str
    label: str
    start: dt.date
    end: dt.date | None
    ours: bool = True
    chair: bool = False
    previous_end: dt.date | None = None
    basis: str = ""
    decided_elsewhere: bool = False


def problems(outcome: str, day: dt.date, named: Sequence[Named]) -> list[tuple[str, str]]:
    """Why a decision with `outcome`, taken on `day`, cannot decide the records
    `named`, as (field, reason); empty when it can."""
    found: list[tuple[str, str]] = []
    if named and outcome != "adopted":
        found.append(
            (
                "decides",
                f"the decision is {outcome}: only an adopted decision appoints, extends a"
                " term or fixes a chair term",
            )
        )
    seen: set[tuple[str, str]] = set()
    for n in named:
        found += [(n.where, reason) for reason in _problems_of(n, day)]
        if (n.kind, n.record) in seen:
            found.append((n.where, f"{n.label} is named twice"))
        seen.add((n.kind, n.record))
    return found


def _problems_of(n: Named, day: dt.date) -> list[str]:
    reasons = []
    if n.kind not in set(Kind):
        known = ", ".join(k.value for k in Kind)
        return [f"{n.kind!r} is not what a decision does to a record (use one of: {known})"]
    if not n.ours:
        reasons.append(f"{n.label} belongs to another organization")
    if n.kind == Kind.APPOINTS and n.chair:
        reasons.append("a decision appoints to posts; a chair term is fixed (fixes_chair)")
    if n.kind == Kind.FIXES_CHAIR and not n.chair:
        reasons.append("only a chair term is fixed; a term in a post is appointed (appoints)")
    if n.chair and n.kind != Kind.EXTENDS and n.basis and n.basis != "decision":
        reasons.append(
            f"{n.label} is recorded with basis {n.basis!r}: a chair term a decision fixes"
            " has basis 'decision'"
        )
    if n.chair and n.decided_elsewhere and n.kind != Kind.EXTENDS:
        reasons.append(f"{n.label} is recorded as decided at another meeting")
    if n.kind != Kind.EXTENDS and n.end is not None and n.end < day:
        reasons.append(f"{n.label} ended on {n.end}, before the decision ({day})")
    if n.kind == Kind.EXTENDS:
        reasons += extension_problems(n.label, n.start, n.previous_end, n.end)
    elif n.previous_end is not None:
        reasons.append("only an extension names the end before it (previous_end)")
    return reasons


def extension_problems(
    label: str, start: dt.date, previous_end: dt.date | None, end: dt.date | None
) -> list[str]:
    """Why a term from `start` cannot have been extended from `previous_end` to `end`
    (None: open-ended)."""
    if previous_end is None:
        return ["an extension names the end the term had before it (previous_end)"]
    if previous_end < start:
        return [f"{label} cannot have ended on {previous_end}, before it began ({start})"]
    if end is not None and end <= previous_end:
        return [f"{label} ends on {end}: an extension from {previous_end} moves the end later"]
    return []
