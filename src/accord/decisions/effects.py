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

from django.utils.translation import gettext as _

from accord.core import wording

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
    telling two records apart; `label` how a reason names it (in the active language);
    `ours` whether it belongs to the decision's organization (or is a national office
    the organization declares); `chair` whether it is a chair term (else a term in a
    post); `basis` and `decided_elsewhere` a chair term's basis and whether its record
    names another meeting as the one that decided it; `basis_said` the basis as a reason
    says it (blank: its value, quoted)."""

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
    basis_said: str = ""


def problems(
    outcome: str, day: dt.date, named: Sequence[Named], outcome_said: str = ""
) -> list[tuple[str, str]]:
    """Why a decision with `outcome` (as a reason says it: `outcome_said`), taken on
    `day`, cannot decide the records `named`, as (field, reason); empty when it can.
    The reasons are in the active language."""
    found: list[tuple[str, str]] = []
    if named and outcome != "adopted":
        reason = _(
            "the decision is %(outcome)s: only an adopted decision appoints, extends a term"
            " or fixes a chair term"
        )
        found.append(("decides", reason % {"outcome": outcome_said or outcome}))
    seen: set[tuple[str, str]] = set()
    for n in named:
        found += [(n.where, reason) for reason in _problems_of(n, day)]
        if (n.kind, n.record) in seen:
            found.append((n.where, _("%(term)s is named twice") % {"term": n.label}))
        seen.add((n.kind, n.record))
    return found


def _problems_of(n: Named, day: dt.date) -> list[str]:
    reasons = []
    if n.kind not in set(Kind):
        known = ", ".join(k.value for k in Kind)
        reason = _("%(kind)s is not what a decision does to a record (use one of: %(known)s)")
        return [reason % {"kind": repr(n.kind), "known": known}]
    term = {"term": n.label}
    if not n.ours:
        reasons.append(_("%(term)s belongs to another organization") % term)
    if n.kind == Kind.APPOINTS and n.chair:
        reasons.append(_("a decision appoints to posts; a chair term is fixed (fixes_chair)"))
    if n.kind == Kind.FIXES_CHAIR and not n.chair:
        reasons.append(_("only a chair term is fixed; a term in a post is appointed (appoints)"))
    if n.chair and n.kind != Kind.EXTENDS and n.basis and n.basis != "decision":
        reason = _(
            "%(term)s is recorded with basis %(basis)s: a chair term a decision fixes has"
            " basis 'decision'"
        )
        reasons.append(reason % {**term, "basis": n.basis_said or repr(n.basis)})
    if n.chair and n.decided_elsewhere and n.kind != Kind.EXTENDS:
        reasons.append(_("%(term)s is recorded as decided at another meeting") % term)
    if n.kind != Kind.EXTENDS and n.end is not None and n.end < day:
        reason = _("%(term)s ended on %(end)s, before the decision (%(day)s)")
        reasons.append(reason % {**term, "end": wording.day(n.end), "day": wording.day(day)})
    if n.kind == Kind.EXTENDS:
        reasons += extension_problems(n.label, n.start, n.previous_end, n.end)
    elif n.previous_end is not None:
        reasons.append(_("only an extension names the end before it (previous_end)"))
    return reasons


def extension_problems(
    label: str, start: dt.date, previous_end: dt.date | None, end: dt.date | None
) -> list[str]:
    """Why a term (`label`) from `start` cannot have been extended from `previous_end`
    to `end` (None: open-ended), in the active language."""
    if previous_end is None:
        return [_("an extension names the end the term had before it (previous_end)")]
    said = {
        "term": label,
        "start": wording.day(start),
        "previous_end": wording.day(previous_end),
        "end": wording.day(end) if end is not None else "",
    }
    if previous_end < start:
        return [
            _("%(term)s cannot have ended on %(previous_end)s, before it began (%(start)s)") % said
        ]
    if end is not None and end <= previous_end:
        reason = _(
            "%(term)s ends on %(end)s: an extension from %(previous_end)s moves the end later"
        )
        return [reason % said]
    return []
