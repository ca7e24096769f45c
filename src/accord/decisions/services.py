"""The only writers of actions, referrals, decisions and positions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

from django.db.models import Max
from django.utils.translation import gettext

from accord.bodies.models import Body, Power
from accord.core import identity
from accord.core.dates import PartialDate, Precision, range_problem
from accord.core.errors import DomainError, Problem
from accord.core.fields import KEEP, Keep
from accord.core.locks import hold
from accord.core.persist import Tally, delete, sync, upsert
from accord.core.wording import day as said_day
from accord.core.wording import days, in_english, named
from accord.decisions import decides, rules, selectors
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.decisions.models import Action, Decision, Position, Stance, VerbDefinition
from accord.decisions.rules import power_allows
from accord.decisions.verbs import BODY, OUTSIDE, Verbs, VerbSpec
from accord.decisions.verbs import problems as verb_problems
from accord.documents.models import DocumentType
from accord.meetings.models import Meeting
from accord.registry.models import Organization, Party, Post
from accord.registry.selectors import decision_takers_on, standing_of


def powers_of(body: Body) -> list[tuple[str, str | None]]:
    """The body's powers as (verb, document type slug or None for any subject)."""

    def read() -> tuple[tuple[str, str | None], ...]:
        return tuple(body.powers.values_list("verb", "document_type__slug"))

    return list(identity.remembered(("powers", body.pk), (Power, DocumentType), read))


def last_day(meeting: Meeting) -> dt.date:
    """The last day a meeting may have run to, as far as its dates are known."""
    return PartialDate(meeting.end, Precision(meeting.date_precision)).latest


def check_action(
    body: Body,
    fields: ActionFields,
    powers: list[tuple[str, str | None]] | None = None,
    targets: dict[int, list[tuple[str, str | None]]] | None = None,
    verbs: Verbs | None = None,
) -> list[Problem]:
    """Why an action cannot be recorded (empty when it can).

    The verb is one of the organization's (`selectors.verbs_of`); the body's powers
    must admit it on the subject's document type; a referral names a target body of
    the same organization whose powers let it settle the subject (and, optionally, a
    meeting of that body no earlier than the referral); a verb that names an outside
    organization or a reference number is one that takes them; an action at a meeting
    is the act of the meeting's body, on the meeting's dates. `targets` keeps the
    powers of target bodies across calls.
    """
    problems = []
    values = fields.given()
    verb = values["verb"]
    document = values.get("document")
    meeting = values.get("meeting")
    date: dt.date = values["date"]
    if reason := range_problem(date):
        return [Problem("date", reason)]
    if verbs is None:
        verbs = selectors.verbs_of(body.organization_id)
    spec = verbs.get(verb)
    if spec is None:
        known = ", ".join(verbs.keys)
        return [Problem("verb", f"{verb!r} is not a verb of the organization (one of: {known})")]
    subjects = [values.get(k) for k in ("document", "agenda_item", "event")]
    if not any(subjects):
        problems.append(
            Problem("document", "an action needs a subject: a document, an item or an event")
        )
    if powers is None:
        powers = powers_of(body)
    kind = document.type.slug if document is not None else None
    # Withdrawing a referral or marking it lapsed is about the referral, not the
    # subject: no power over the subject is needed.
    if not spec.closes and not power_allows(powers, verb, kind):
        what = gettext("a %(kind)s") % {"kind": kind} if kind else gettext("this subject")
        reason = gettext("%(body)s has no power to take the action %(verb)s on %(what)s")
        said = {"body": named(body, body.slug).strip("'"), "verb": repr(verb), "what": what}
        problems.append(Problem("verb", reason % said))
    if document is not None and document.organization_id != body.organization_id:
        problems.append(Problem("document", f"{document.slug!r} belongs to another organization"))
    if meeting is not None:
        if meeting.body_id != body.pk:
            problems.append(
                Problem("body", f"the meeting is one of {meeting.body.slug}, not {body.slug}")
            )
        elif not meeting.start <= date <= last_day(meeting):
            span = days(meeting.partial_date, last_day(meeting))
            reason = gettext("%(date)s is outside the meeting (%(span)s)")
            problems.append(Problem("date", reason % {"date": said_day(date), "span": span}))
    return problems + _body_target_problems(body, spec, fields, kind, targets, verbs)


def _body_target_problems(
    body: Body,
    spec: VerbSpec,
    fields: ActionFields,
    kind: str | None,
    targets: dict[int, list[tuple[str, str | None]]] | None,
    verbs: Verbs,
) -> list[Problem]:
    """Why what the action names besides its subject does not fit its verb: a body or
    an office (with a meeting), an outside organization, a reference number."""
    problems = []
    verb = spec.key
    values = fields.given()
    date = fields.date
    target = values.get("target_body")
    post = values.get("target_post")
    target_meeting: Meeting | None = values.get("target_meeting")
    names_one = target is not None or post is not None
    if spec.target == BODY and (names_one or target_meeting is not None or spec.target_required):
        problems += _target_problems(body, spec, target, post, kind, targets, verbs)
        if target_meeting is not None:
            if target is None:
                if post is not None:
                    problems.append(
                        Problem("to_meeting", "a referral to an office names no meeting")
                    )
            elif target_meeting.body_id != target.pk:
                reason = gettext("is not a meeting of %(body)s")
                said = {"body": named(target, target.slug).strip("'")}
                problems.append(Problem("to_meeting", reason % said))
            elif spec.refers and target_meeting.end < date:
                reason = gettext("was held before the referral (%(date)s)")
                said = {"date": said_day(target_meeting.start)}
                problems.append(Problem("to_meeting", reason % said))
    elif spec.target != BODY and (names_one or target_meeting is not None):
        problems.append(
            Problem(
                "to",
                "only a referral ('submitted'), its withdrawal or its lapse names a target,"
                f" not {verb!r}",
            )
        )
    outside = values.get("target_organization") or ""
    if spec.target == OUTSIDE and not outside and spec.target_required:
        problems.append(
            Problem("to_organization", f"{verb!r} names the outside organization it goes to")
        )
    elif spec.target != OUTSIDE and outside:
        problems.append(Problem("to_organization", f"{verb!r} names no outside organization"))
    if values.get("reference") and not spec.reference:
        problems.append(Problem("reference", f"{verb!r} takes no reference number"))
    return problems


def _target_problems(
    body: Body,
    spec: VerbSpec,
    target: Body | None,
    post: Post | None,
    kind: str | None,
    targets: dict[int, list[tuple[str, str | None]]] | None,
    verbs: Verbs,
) -> list[Problem]:
    """Why the target of a referral (or of the withdrawal or lapse that closes one) is
    wrong: it names a body or an office of the organization, one of the two; a body
    that is not the referring one and whose powers let it settle the subject."""
    verb = spec.key
    if target is None and post is None:
        if spec.refers:  # or an office it goes to (`to_post`)
            return [Problem("to", gettext("a referral must name the body it goes to"))]
        return [Problem("to", f"{verb!r} names the body or office of the referral it closes")]
    if target is not None and post is not None:
        return [Problem("to_post", "name the body or the office, not both")]
    if post is not None:
        if post.organization_id != body.organization_id:
            return [Problem("to_post", f"{post.slug!r} is an office of another organization")]
        return []
    assert target is not None
    if target.organization_id != body.organization_id:
        return [Problem("to", f"{target.slug!r} is a body of another organization")]
    if not spec.refers:
        return []
    if target.pk == body.pk:
        return [Problem("to", gettext("a body cannot refer a subject to itself"))]
    if targets is None:
        targets = {}
    if target.pk not in targets:
        targets[target.pk] = powers_of(target)
    if not any(power_allows(targets[target.pk], v, kind) for v in verbs.settling):
        subject = gettext("a %(kind)s") % {"kind": kind} if kind else gettext("this subject")
        reason = gettext(
            "%(body)s has no power to settle %(subject)s (to approve, adopt,"
            " take note of, reject it or pass it on)"
        )
        said = {"body": named(target, target.slug).strip("'"), "subject": subject}
        return [Problem("to", reason % said)]
    return []


def set_actions(
    body: Body,
    meeting: Meeting | None,
    actions: Sequence[ActionFields],
    tally: Tally | None = None,
) -> list[Action]:
    """Make the actions recorded at `meeting` (by `body`) exactly `actions`."""
    problems = []
    powers = powers_of(body) if actions else []
    verbs = selectors.verbs_of(body.organization_id)
    targets: dict[int, list[tuple[str, str | None]]] = {}
    for index, fields in enumerate(actions):
        at_meeting = dataclasses.replace(fields, meeting=meeting)
        problems += [
            p.under(f"[{index}]") for p in check_action(body, at_meeting, powers, targets, verbs)
        ]
    if problems:
        raise DomainError(problems)
    rows = [{"position": index, **fields.written()} for index, fields in enumerate(actions)]
    return sync(Action, {"body": body, "meeting": meeting}, ["position"], rows, tally)


def record_action(body: Body, fields: ActionFields, tally: Tally | None = None) -> Action:
    """One more action by `body` (at `fields.meeting` or outside a meeting)."""
    problems = check_action(body, fields)
    if problems:
        raise DomainError(problems)
    meeting = fields.meeting if fields.meeting is not KEEP else None
    # After the last position in use, never on one: positions can have gaps.
    last = Action.objects.filter(body=body, meeting=meeting).aggregate(last=Max("position"))
    position = 0 if last["last"] is None else last["last"] + 1
    key = {"body": body, "meeting": meeting, "position": position}
    row, _ = upsert(Action, key, fields.written(), tally)
    return row


def decided_on(meeting: Meeting, day: dt.date | None) -> dt.date:
    """The day a decision at `meeting` was taken: its own `day`, else the meeting's last
    day (a decision of a summit is taken by the end of it, so a party that became a
    member on its second day holds a position on a decision not dated otherwise)."""
    return day or last_day(meeting)


def _check_stance(
    meeting: Meeting, party: Party, stance: str, members: set[str], day: dt.date, procedure: str
) -> Problem | None:
    allowed = rules.stances_under(procedure)
    if stance not in allowed:
        reason = gettext(
            "%(stance)s is not a position under %(procedure)s (use one of: %(allowed)s)"
        )
        said: dict[str, object] = {
            "stance": repr(stance),
            "procedure": procedure,
            "allowed": ", ".join(sorted(allowed)),
        }
        return Problem("stance", reason % said)
    if party.code not in members:
        status = standing_of(meeting.body.organization, party.code, day)
        if not in_english():
            held = (
                gettext("its status: %(status)s") % {"status": gettext(status)}
                if status
                else gettext("it holds no status")
            )
        else:
            held = (
                f"it is {'an ' if (status or '')[:1] in 'aeiou' else 'a '}{status}"
                if status
                else "it holds no status"
            )
        reason = gettext(
            "%(party)s cannot hold a position: only members on %(date)s can (%(held)s)"
        )
        said = {"party": named(party, party.code), "date": said_day(day), "held": held}
        return Problem("party", reason % said)
    return None


def claim_decision_slug(meeting: Meeting, slug: str) -> Problem | None:
    """Claim `slug` for a new decision at `meeting`: lock the meeting's new decisions
    until this transaction ends, then say why it cannot (one there already has), or None."""
    hold(meeting)  # writers creating at the meeting queue until this transaction ends
    if Decision.objects.filter(meeting=meeting, slug=slug).exists():
        reason = gettext("the meeting already has a decision %(id)s")
        return Problem("id", reason % {"id": repr(slug)})
    return None


def _votes(fields: DecisionFields) -> rules.Votes:
    def count(given: int | Keep | None) -> int | None:
        return None if given is KEEP else given

    return rules.Votes(
        count(fields.votes_in_favour),
        count(fields.votes_against),
        count(fields.votes_abstaining),
    )


def _check_decision(
    meeting: Meeting, fields: DecisionFields, positions: Sequence[tuple[Party, str, str]]
) -> list[Problem]:
    """Why a decision with `fields` (all of them, its outcome given) and `positions`
    cannot stand at `meeting`: its date is outside the meeting, a position is held by a
    party that takes no decisions on its date or is not of its procedure, or the
    positions and counts contradict its outcome."""
    problems = []
    values = fields.given()
    day = decided_on(meeting, values.get("date"))
    given = values.get("date") is not None
    if given and (reason := rules.date_problem(day, meeting.start, last_day(meeting))):
        problems.append(Problem("date", reason))
    procedure = rules.procedure_of(
        values.get("procedure") or "", meeting.body.effective_decision_rule
    )
    members = decision_takers_on(meeting.body.organization, day)
    seen: set[str] = set()
    for index, (party, stance, _statement) in enumerate(positions):
        problem = _check_stance(meeting, party, stance, members, day, procedure)
        if problem:
            problems.append(problem.under(f"positions[{index}]"))
        if party.code in seen:
            problems.append(Problem(f"positions[{index}].party", f"{party.code} has two positions"))
        seen.add(party.code)
    stances = {party.code: stance for party, stance, _ in positions}
    problems += [
        Problem(field, reason)
        for field, reason in rules.outcome_problems(
            values["outcome"], procedure, stances, _votes(fields)
        )
    ]
    return problems


def _with_outcome(
    meeting: Meeting, fields: DecisionFields, stances: Mapping[str, str]
) -> tuple[DecisionFields, str]:
    """`fields` with an outcome, and that outcome: the one given, else what the
    positions give."""
    if fields.outcome is not KEEP and fields.outcome:
        return fields, fields.outcome
    procedure = rules.procedure_of(
        fields.procedure if fields.procedure is not KEEP else "",
        meeting.body.effective_decision_rule,
    )
    outcome = rules.outcome_from_positions(procedure, stances).value
    return dataclasses.replace(fields, outcome=outcome), outcome


def save_decision(
    meeting: Meeting,
    slug: str,
    values: DecisionFields,
    positions: Sequence[tuple[Party, str, str]],
    tally: Tally | None = None,
    *,
    effects_follow: bool = False,
) -> Decision:
    """A decision at `meeting` with the positions recorded on it (party, stance,
    statement), which may be none.

    A recorded decision that decides records (`decides`) keeps an adopted outcome,
    unless the caller writes what it decides next (`effects_follow`: then
    `decides.set_effects` checks the outcome against it).

    Its outcome is the one given (else what the positions give under its procedure:
    see `rules.outcome_from_positions`). Only members on the decision's date hold a
    position; observers never do; positions and vote counts agree with the outcome.
    """
    stances = {p.code: stance for p, stance, _ in positions}
    fields, outcome = _with_outcome(meeting, values, stances)
    problems = _check_decision(meeting, fields, positions)
    if not effects_follow:
        problems += decides.outcome_problems_at(meeting, slug, outcome)
    if problems:
        raise DomainError(problems)
    decision, _ = upsert(Decision, {"meeting": meeting, "slug": slug}, fields.given(), tally)
    rows = [
        {"party": party, "stance": stance, "statement": statement}
        for party, stance, statement in positions
    ]
    sync(Position, {"decision": decision}, ["party"], rows, tally)
    return decision


_DECISION_FIELDS = (
    "outcome", "procedure", "votes_in_favour", "votes_against", "votes_abstaining", "date",
)  # fmt: skip


def _recorded(decision: Decision) -> list[tuple[Party, str, str]]:
    return [
        (p.party, p.stance, p.statement)
        for p in decision.positions.select_related("party").order_by("party__code")
    ]


def record_position(
    decision: Decision, party: Party, stance: str, statement: str = "", tally: Tally | None = None
) -> Position:
    """A delegation records its state's position while the decision is open: the party
    takes decisions on the decision's date, the stance is one of its procedure."""
    if not decision.is_open:
        raise DomainError.at(
            "decision", gettext("the decision is closed; positions can no longer change")
        )
    meeting = decision.meeting
    day = decided_on(meeting, decision.date)
    procedure = rules.procedure_of(decision.procedure, meeting.body.effective_decision_rule)
    members = decision_takers_on(meeting.body.organization, day)
    problem = _check_stance(meeting, party, stance, members, day, procedure)
    if problem:
        raise DomainError(problem)
    if stance == Stance.CONCURS_WITH_STATEMENT and not statement.strip():
        raise DomainError.at("statement", "a concurrence with a statement needs the statement")
    others = [p for p in _recorded(decision) if p[0].pk != party.pk] + [(party, stance, statement)]
    problems = _check_decision(meeting, DecisionFields.of(decision, _DECISION_FIELDS), others)
    if problems:
        raise DomainError(problems)
    row, _ = upsert(
        Position,
        {"decision": decision, "party": party},
        {"stance": stance, "statement": statement},
        tally,
    )
    return row


def close_decision_outcome(decision: Decision) -> str:
    """The outcome a decision closed without one gets: what its positions give."""
    meeting = decision.meeting
    procedure = rules.procedure_of(decision.procedure, meeting.body.effective_decision_rule)
    stances = {p.code: stance for p, stance, _ in _recorded(decision)}
    return rules.outcome_from_positions(procedure, stances).value


def change_decision(
    decision: Decision, fields: DecisionFields, tally: Tally | None = None
) -> Decision:
    """Change a decision's own fields (title, document, outcome, procedure, counts, date,
    order, classification); its positions are recorded one by one (`record_position`).
    The positions already recorded must still agree with the changed outcome, procedure,
    counts and date."""
    values = fields.given()
    document = values.get("document")
    organization_id = decision.meeting.body.organization_id
    if document is not None and document.organization_id != organization_id:
        raise DomainError.at("document", f"{document.slug!r} belongs to another organization")
    if any(name in values for name in _DECISION_FIELDS):
        after = {name: values.get(name, getattr(decision, name)) for name in _DECISION_FIELDS}
        if not after["outcome"]:
            after["outcome"] = close_decision_outcome(decision)
        problems = _check_decision(decision.meeting, DecisionFields(**after), _recorded(decision))
        problems += decides.outcome_problems(decision, after["outcome"])
        if problems:
            raise DomainError(problems)
        values = {**values, "outcome": after["outcome"]}
    row, _ = upsert(Decision, {}, values, tally, instance=decision)
    return row


def remove_decision(decision: Decision, tally: Tally | None = None) -> None:
    """Remove a decision put to a meeting, with the positions recorded on it."""
    delete(Decision.objects.filter(pk=decision.pk), tally)


def remove_action(action: Action, tally: Tally | None = None) -> None:
    """Remove an action; the positions of the others do not move (gaps are allowed)."""
    delete(Action.objects.filter(pk=action.pk), tally)


def set_verbs(
    organization: Organization, specs: Sequence[VerbSpec], tally: Tally | None = None
) -> list[VerbDefinition]:
    """Make `organization`'s verbs exactly `specs`, in lifecycle order (none: Accord's
    default set). Refused, naming the field, when a verb is declared twice, names a
    target Accord does not know, or both settles and closes a referral. Powers and
    actions are checked against the verbs where they are written (a load writes the
    verbs first)."""
    problems = [Problem(f, reason) for f, reason in verb_problems(specs)]
    if problems:
        raise DomainError(problems)
    rows = [
        {
            "key": s.key,
            "names": dict(s.names),
            "status": s.status,
            "status_names": dict(s.status_names),
            "final": s.final,
            "settles": s.settles,
            "closes": s.closes,
            "target": s.target,
            "target_required": s.target_required,
            "reference": s.reference,
            "reported": s.reported,
            "order": index,
        }
        for index, s in enumerate(specs)
    ]
    return sync(VerbDefinition, {"organization": organization}, ["key"], rows, tally)
