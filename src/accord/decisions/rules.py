"""Pure rules about what bodies do: powers, referrals, document status, consensus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from accord.decisions.verbs import DEFAULT, Verbs

# What each verb does is the organization's data (`verbs.Verbs`, read through
# `selectors.verbs_of`); these are the default set's answers, for readers of the
# default vocabulary.
SETTLING_VERBS = DEFAULT.settling
CLOSING_VERBS = DEFAULT.closing
STATUS_AFTER = {s.key: s.status for s in DEFAULT if s.status}


@dataclass(frozen=True)
class Act:
    """An action reduced to what the rules need."""

    key: str
    body: str
    verb: str
    date: dt.date
    subject: str
    target_body: str | None = None
    order: int = 0
    target_post: str | None = None


def power_allows(
    powers: Iterable[tuple[str, str | None]], verb: str, document_type: str | None
) -> bool:
    """Whether (verb, document type) powers admit `verb` on a subject of `document_type`.

    A power with no document type admits the verb on any subject.
    """
    for power_verb, power_type in powers:
        if power_verb == verb and (power_type is None or power_type == document_type):
            return True
    return False


def document_status(acts: Iterable[Act], verbs: Verbs = DEFAULT) -> str | None:
    """A document's status, derived from its actions in date order (None: no actions)."""
    return lifecycle(acts, verbs)[0]


def lifecycle(acts: Iterable[Act], verbs: Verbs = DEFAULT) -> tuple[str | None, Act | None]:
    """A document's status and the action that gave it (None, None: no actions).

    Each verb gives the status `verbs` says (none: the status stays); of two actions on
    one day the verb further along the lifecycle wins; a final status (adopted, signed
    ...) stands against later verbs whose status is not final."""
    status: str | None = None
    deciding: Act | None = None

    def after(act: Act) -> str | None:
        return verbs.status_after(act.verb, act.target_body is not None or bool(act.target_post))

    for act in sorted(acts, key=lambda a: (a.date, verbs.rank(after(a)), a.order)):
        given = after(act)
        if given is None:
            continue
        if status in verbs.final and given not in verbs.final:
            continue
        status, deciding = given, act
    return status, deciding


def pending_referrals(
    acts: Sequence[Act], body: str, on: dt.date, verbs: Verbs = DEFAULT
) -> list[Act]:
    """Referrals to `body` made by `on` that `body` has not settled by `on`.

    A referral (an action whose verb refers, naming `body`) is settled when `body` takes
    a settling verb on the same subject on or after the day of the referral, and closed
    when an action withdraws it or marks it lapsed (a closing verb, naming `body`) on or
    after that day.
    """
    # The acts that could settle or close a referral to `body`, by subject: each
    # referral looks at its own subject's (a body's history of thousands of acts is
    # read once, not once per referral).
    answering: dict[str, list[Act]] = {}
    for act in acts:
        if (act.body == body and act.verb in verbs.settling) or (
            act.verb in verbs.closing and act.target_body == body
        ):
            answering.setdefault(act.subject, []).append(act)
    pending = []
    for referral in acts:
        if (
            referral.verb not in verbs.referring
            or referral.target_body != body
            or referral.date > on
        ):
            continue
        settled = any(
            referral.date <= act.date <= on for act in answering.get(referral.subject, ())
        )
        if not settled:
            pending.append(referral)
    # One subject referred twice (by two bodies) is one pending item.
    seen: set[str] = set()
    unique = []
    for referral in sorted(pending, key=lambda a: (a.date, a.order, a.key)):
        if referral.subject not in seen:
            seen.add(referral.subject)
            unique.append(referral)
    return unique


def overdue(last_day: dt.date | None, on: dt.date) -> bool:
    """A referral still pending on `on` is overdue when the meeting it was to be taken up
    at ended (`last_day`, its last possible day as far as its dates are known) before
    `on`. One with no target meeting is never overdue."""
    return last_day is not None and last_day < on


class Outcome(StrEnum):
    OPEN = "open"
    TAKEN = "taken"
    NOT_TAKEN = "not taken"


CONSENSUS_STANCES = frozenset({"concurs", "concurs-with-statement", "objects", "absent"})
VOTE_STANCES = frozenset({"yes", "no", "abstains", "absent"})


def consensus_outcome(stances: Mapping[str, str], *, is_open: bool) -> Outcome:
    """A consensus decision is taken when no member present objects.

    One objection blocks it. A statement attached to a concurrence does not. A
    decision nobody present concurred with is not taken either.
    """
    if is_open:
        return Outcome.OPEN
    if any(stance == "objects" for stance in stances.values()):
        return Outcome.NOT_TAKEN
    if any(stance in {"concurs", "concurs-with-statement"} for stance in stances.values()):
        return Outcome.TAKEN
    return Outcome.NOT_TAKEN


def vote_outcome(stances: Mapping[str, str], *, is_open: bool) -> Outcome:
    """A voting decision is taken by a simple majority of votes cast."""
    if is_open:
        return Outcome.OPEN
    yes = sum(1 for s in stances.values() if s == "yes")
    no = sum(1 for s in stances.values() if s == "no")
    return Outcome.TAKEN if yes > no else Outcome.NOT_TAKEN


def decision_outcome(decision_rule: str, stances: Mapping[str, str], *, is_open: bool) -> Outcome:
    """The outcome under the body's decision rule: `consensus` or `vote`."""
    if decision_rule == "vote":
        return vote_outcome(stances, is_open=is_open)
    return consensus_outcome(stances, is_open=is_open)


# --- a decision's recorded outcome ---------------------------------------------------
#
# A decision carries its outcome as the record gives it; positions are optional and,
# where recorded, must agree with it under the decision's procedure.


class Recorded(StrEnum):
    """The outcome of a decision, as recorded (the values of `Decision.outcome`)."""

    ADOPTED = "adopted"
    NOT_ADOPTED = "not-adopted"
    OPEN = "open"
    DEFERRED = "deferred"
    WITHDRAWN = "withdrawn"


class Procedure(StrEnum):
    """How a decision was taken (the values of `Decision.procedure`; blank: the body's
    decision rule)."""

    CONSENSUS = "consensus"
    NO_OBJECTION = "no-objection"
    SILENCE = "silence"
    VOTE = "vote"


@dataclass(frozen=True)
class Votes:
    """The counts of a vote, where the record gives them (None: not given)."""

    in_favour: int | None = None
    against: int | None = None
    abstaining: int | None = None

    @property
    def given(self) -> bool:
        return any(n is not None for n in (self.in_favour, self.against, self.abstaining))


def procedure_of(procedure: str, decision_rule: str) -> str:
    """The procedure a decision was taken by: its own, else the body's decision rule."""
    return procedure or decision_rule


@dataclass(frozen=True)
class Taken:
    """A decision's outcome as recorded and how it was taken: `procedure` as recorded
    ("" when the record names none), `taken_by` the procedure it was taken by (its
    own, else the body's decision rule), and the counts of a vote where recorded."""

    outcome: str
    procedure: str
    taken_by: str
    votes: Votes

    @property
    def is_open(self) -> bool:
        return self.outcome == Recorded.OPEN


def taken(outcome: str, procedure: str, decision_rule: str, votes: Votes) -> Taken:
    """A decision's outcome (`Recorded`) under its own `procedure`, else the body's
    effective `decision_rule`."""
    return Taken(outcome, procedure, procedure_of(procedure, decision_rule), votes)


def stances_under(procedure: str) -> frozenset[str]:
    """The stances a position may take under `procedure` (a vote's, or consensus's)."""
    return VOTE_STANCES if procedure == Procedure.VOTE else CONSENSUS_STANCES


def outcome_from_positions(procedure: str, stances: Mapping[str, str]) -> Recorded:
    """The outcome the positions alone give (what a record without an outcome means):
    under a vote a simple majority of votes cast, otherwise no objection and at least
    one concurrence."""
    if procedure == Procedure.VOTE:
        taken = vote_outcome(stances, is_open=False)
    else:
        taken = consensus_outcome(stances, is_open=False)
    return Recorded.ADOPTED if taken is Outcome.TAKEN else Recorded.NOT_ADOPTED


def outcome_problems(
    outcome: str, procedure: str, stances: Mapping[str, str], votes: Votes = Votes()
) -> list[tuple[str, str]]:
    """Why `outcome` cannot stand beside the positions `stances` (party code -> stance)
    and the `votes` counts under `procedure`, as (field, reason); empty when it can.

    Under consensus, no objection or silence procedure, a recorded objection
    contradicts adoption. Counts belong to a vote only; each count is at least the
    positions recorded with that stance (positions may be fewer than the votes), and a
    decision adopted by vote had more votes in favour than against.
    """
    problems: list[tuple[str, str]] = []
    if outcome not in set(Recorded):
        known = ", ".join(r.value for r in Recorded)
        return [("outcome", f"{outcome!r} is not an outcome (use one of: {known})")]
    if procedure and procedure not in set(Procedure):
        known = ", ".join(p.value for p in Procedure)
        return [("procedure", f"{procedure!r} is not a procedure (use one of: {known})")]
    objecting = sorted(code for code, stance in stances.items() if stance == "objects")
    if procedure != Procedure.VOTE:
        if votes.given:
            problems.append(("votes", f"counts of votes belong to a vote, not to {procedure}"))
        if outcome == Recorded.ADOPTED and objecting:
            problems.append(
                (
                    "outcome",
                    f"adopted by {procedure}, yet {', '.join(objecting)} recorded an objection",
                )
            )
        return problems
    return problems + _vote_problems(outcome, stances, votes)


def _vote_problems(outcome: str, stances: Mapping[str, str], votes: Votes) -> list[tuple[str, str]]:
    problems = []
    counted = (
        ("votes.in_favour", votes.in_favour, "yes", "in favour"),
        ("votes.against", votes.against, "no", "against"),
        ("votes.abstaining", votes.abstaining, "abstains", "abstaining"),
    )
    for field, count, stance, said in counted:
        recorded = sorted(code for code, s in stances.items() if s == stance)
        if count is not None and count < len(recorded):
            problems.append(
                (
                    field,
                    f"{count} {said}, yet {len(recorded)} positions are recorded {said}"
                    f" ({', '.join(recorded)})",
                )
            )
    in_favour, against = votes.in_favour, votes.against
    outvoted = in_favour is not None and against is not None and in_favour <= against
    if outcome == Recorded.ADOPTED and outvoted:
        problems.append(
            ("outcome", f"adopted by vote, yet {in_favour} voted in favour and {against} against")
        )
    return problems


def date_problem(day: dt.date, first: dt.date, last: dt.date) -> str | None:
    """Why a decision cannot be dated `day` at a meeting held from `first` to `last`."""
    if not first <= day <= last:
        return f"{day} is outside the meeting ({first}..{last})"
    return None
