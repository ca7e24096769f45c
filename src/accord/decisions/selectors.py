"""Reads about what bodies did: pending referrals, document histories and status, each
derived from the actions one viewer may read (never settled by what they may not)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Value
from django.utils import timezone
from pydantic import BaseModel, ConfigDict

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.core import compiled, identity
from accord.core.errors import NotFound
from accord.core.keys import AmongKeys, AmongListed
from accord.decisions import rules, services
from accord.decisions.models import Action, Decision, Effect, Position, VerbDefinition
from accord.decisions.verbs import DEFAULT, Verbs, VerbSpec
from accord.documents.models import Document, DocumentRelation
from accord.registry.models import Organization, Party

_RELATED = (
    "body",
    "meeting__body",
    "document__type",
    "agenda_item__meeting__body",
    "event",
    "target_body",
    "target_meeting",
    "target_post",
    "by_person",
)


def verbs_of(org: Organization | int | None) -> Verbs:
    """The verbs of `org` (an organization or its id): those its record declares, in
    lifecycle order, else Accord's default set. The one place the rules, services,
    loader, API, pages, commands and releases learn what a verb does."""
    org_id = org.pk if isinstance(org, Organization) else org
    if org_id is None:
        return DEFAULT

    def read() -> Verbs:
        rows = compiled.rows(
            ("verbs",), lambda pk: VerbDefinition.objects.filter(organization_id=pk), org_id
        )
        if not rows:
            return DEFAULT
        return Verbs(spec_of(row) for row in rows)

    return identity.remembered(("verbs", org_id), (VerbDefinition,), read)


def spec_of(row: VerbDefinition) -> VerbSpec:
    return VerbSpec(
        row.key,
        names=dict(row.names),
        status=row.status,
        status_names=dict(row.status_names),
        final=row.final,
        settles=row.settles,
        closes=row.closes,
        target=row.target,
        target_required=row.target_required,
        reference=row.reference,
        reported=row.reported,
    )


def subject_key(action: Action) -> str:
    """What an action is about, as one comparable key."""
    return _subject(action.document_id, action.agenda_item_id, action.event_id)


def _subject(document_id: int | None, agenda_item_id: int | None, event_id: int | None) -> str:
    if document_id:
        return f"document:{document_id}"
    if agenda_item_id:
        return f"item:{agenda_item_id}"
    return f"event:{event_id}"


def subject_label(action: Action) -> str:
    if action.document is not None:
        return action.document.title
    if action.agenda_item is not None:
        return action.agenda_item.title
    if action.event is not None:
        return action.event.name
    return ""


def _act(action: Action) -> rules.Act:
    return rules.Act(
        key=str(action.pk),
        body=action.body.slug,
        verb=action.verb,
        date=action.date,
        subject=subject_key(action),
        target_body=action.target_body.slug if action.target_body is not None else None,
        order=action.position,
        target_post=action.target_post.slug if action.target_post is not None else None,
    )


# What the rules read of an act, as `_act` reads it from an action (`_act_of` a row).
_ACT_COLUMNS = (
    "pk",
    "body__slug",
    "verb",
    "date",
    "document_id",
    "agenda_item_id",
    "event_id",
    "target_body__slug",
    "position",
    "target_post__slug",
)
_TARGET_AT = _ACT_COLUMNS.index("target_body__slug")


def _act_of(row: tuple[Any, ...]) -> rules.Act:
    """`_act` of an action read as the values of `_ACT_COLUMNS`."""
    pk, body, verb, day, document, item, event, target_body, position, target_post = row
    return rules.Act(
        key=str(pk),
        body=body,
        verb=verb,
        date=day,
        subject=_subject(document, item, event),
        target_body=target_body,
        order=position,
        target_post=target_post,
    )


def pending_for(viewer: Viewer, org: Organization, body: Body, on: dt.date) -> list[Action]:
    """What was referred to `body` by `on` and that `body` had not acted on by `on`, as
    `viewer` may read it: the referrals and the answers that settle them are both those
    the viewer may read, so a referral settled where the viewer cannot look stays
    pending for them (and nothing tells them when it was settled)."""
    return pending_in(viewer, org, on, body=body)


def pending_in(
    viewer: Viewer, org: Organization, on: dt.date, *, body: Body | None = None
) -> list[Action]:
    """`pending_for` over every body of `org` (or one `body`), in a fixed number of
    queries: each referral still pending for its target body on `on`."""
    verbs = verbs_of(org)
    referring, closing = sorted(verbs.referring), sorted(verbs.closing)

    def referring_by(organization_id: int, *body_id: int) -> Q:
        """The referrals of the organization's bodies (to `body_id`) made by `on`."""
        wanted = {"target_body_id": body_id[0]} if body_id else {"target_body__isnull": False}
        return Q(body__organization_id=organization_id, verb__in=referring, date__lte=on, **wanted)

    def acts_of(*values: int) -> QuerySet[Action, tuple[Any, ...]]:
        # The referrals, and the acts that could answer them: the targets' own acts and
        # the withdrawals and lapses that name a target, on the referrals' subjects; all
        # as the viewer may read them, each row saying whether it is one of the
        # referrals. The subjects and targets are those of every referral of the
        # organization's bodies, not only those the viewer may read: an act on another
        # subject, or by a body no referral read names, answers none of those read, and
        # the subquery runs without the access rules' joins (four times in the statement).
        referral = referring_by(*values)
        found = Action.objects.filter(referral)
        targets = found.values("target_body_id")
        answering = Q(body_id__in=targets) | Q(verb__in=closing, target_body_id__in=targets)
        # The acts on each kind of subject, each kind read by its own index, as one list
        # of keys looked up first (`AmongKeys`): "on one of these documents OR agenda
        # items OR events" made PostgreSQL read every act of every organization, and
        # join them to their documents and meetings, to keep the few (250 ms at 100,000
        # meetings).
        on_subject = [
            Action.objects.filter(**{
                f"{key}__in": found.filter(**{f"{key}__isnull": False}).values(key)
            }).order_by().values("pk")
            for key in ("document_id", "agenda_item_id", "event_id")
        ]  # fmt: skip
        subjects = AmongKeys("pk", on_subject[0].union(*on_subject[1:], all=True))
        # Read as the rules read them (no action is made of a row, in no order), the
        # referrals and the answers each by its own statement's plan (one condition
        # "answering or a referral" had PostgreSQL read every act of every organization).
        answers = Action.objects.filter(subjects, answering, date__lte=on)
        return (
            access.actions(viewer, answers)
            .annotate(is_referral=Value(False))
            .order_by()
            .values_list(*_ACT_COLUMNS, "is_referral")
            .union(
                access.actions(viewer, found)
                .annotate(is_referral=Value(True))
                .order_by()
                .values_list(*_ACT_COLUMNS, "is_referral"),
                all=True,
            )
        )

    # Built once per standing, day, verbs and kind (one body's or every body's) and run
    # again for each organization and body (`core.compiled`).
    shape = (access.standing(viewer), on.isoformat(), tuple(referring), tuple(closing))
    values = (org.pk,) if body is None else (org.pk, body.pk)
    read = compiled.tuples(("pending acts", body is None, *shape), acts_of, *values)
    referrals = {str(row[0]): row for row in read if row[-1]}
    acts = [_act_of(row[:-1]) for row in read]
    pending = sorted({
        int(a.key)
        for slug in {row[_TARGET_AT] for row in referrals.values()}
        for a in rules.pending_referrals(acts, slug, on, verbs)
        if a.key in referrals
    })  # fmt: skip
    if not pending:
        return []
    # Only the referrals found pending are read whole (with what a page shows of them),
    # in the order of the record.
    return compiled.rows(
        ("pending referrals", body is None, *shape),
        lambda *v: (
            access.actions(viewer, Action.objects.filter(referring_by(*v[:-1])))
            .filter(AmongListed("pk", v[-1]))
            .select_related(*_RELATED)
        ),
        *values,
        json.dumps(pending),
    )


def overdue(referral: Action, on: dt.date, *, target_visible: bool = True) -> bool:
    """Whether `referral`, still pending on `on`, is overdue: the meeting it was to be
    taken up at ended before `on` (said only of a target meeting the reader may see)."""
    target = referral.target_meeting
    if target is None or not target_visible:
        return False
    return rules.overdue(services.last_day(target), on)


@dataclass(frozen=True)
class Related:
    """A relation of the document: `kind` (implements, amends ...) and the other
    document; `inbound` when the other document names this one (it is amended by ...)."""

    kind: str
    other: Document
    inbound: bool


@dataclass(frozen=True)
class History:
    document: Document
    actions: list[Action]
    status: str | None
    status_by: Action | None = None
    relations: list[Related] = field(default_factory=list)
    on: dt.date | None = None


def history(viewer: Viewer, document: Document, on: dt.date | None = None) -> History:
    """A document's actions in date order, across bodies and meetings, with its status
    and its relations: the actions and documents `viewer` may read, the status derived
    from those alone. With `on`, as they stood that day: the actions taken by then, and
    the relations to documents dated by then (or undated)."""
    rows = access.actions(viewer, Action.objects.filter(document=document))
    if on is not None:
        rows = rows.filter(date__lte=on)
    actions = list(
        rows.select_related(*_RELATED).order_by("date", "meeting__start", "position", "id")
    )
    status, act = rules.lifecycle((_act(a) for a in actions), verbs_of(document.organization_id))
    by = next((a for a in actions if act is not None and str(a.pk) == act.key), None)
    return History(document, actions, status, by, _relations(viewer, document, on), on)


def _relations(viewer: Viewer, document: Document, on: dt.date | None) -> list[Related]:
    outbound = DocumentRelation.objects.filter(document=document).values_list("kind", "target")
    inbound = DocumentRelation.objects.filter(target=document).values_list("kind", "document")
    pairs = [(k, pk, False) for k, pk in outbound] + [(k, pk, True) for k, pk in inbound]
    if not pairs:
        return []
    others = access.documents(viewer, Document.objects.filter(pk__in=[p for _, p, _ in pairs]))
    if on is not None:
        others = others.filter(Q(date__isnull=True) | Q(date__lte=on))
    found = {d.pk: d for d in others.select_related("type")}
    return [Related(kind, found[pk], inbound) for kind, pk, inbound in pairs if pk in found]


def status_from(
    actions: Iterable[Action], verbs: Verbs | None = None
) -> tuple[str | None, Action | None]:
    """A document's status derived from `actions` (for a reader: those it may see), and
    the action that gave it, under `verbs` (default: the verbs of the first action's
    organization). Each action needs its `body` and `target_body` loaded."""
    rows = list(actions)
    if verbs is None:
        verbs = verbs_of(rows[0].body.organization_id) if rows else DEFAULT
    status, act = rules.lifecycle((_act(a) for a in rows), verbs)
    by = next((a for a in rows if act is not None and str(a.pk) == act.key), None)
    return status, by


def outcome_of(decision: Decision, body: Body | None = None) -> rules.Taken:
    """`decision`'s outcome as recorded, how it was taken (its own procedure, else the
    effective decision rule of its meeting's body: the body's own, else its
    organization's) and the counts of a vote where recorded: the one reading of a
    decision's outcome for every page, export and command.

    `body` is the body of the decision's meeting, given where it is already loaded
    (with its organization) to spare reading it again."""
    if body is None:
        body = decision.meeting.body
    votes = rules.Votes(decision.votes_in_favour, decision.votes_against, decision.votes_abstaining)
    return rules.taken(decision.outcome, decision.procedure, body.effective_decision_rule, votes)


class PositionSeen(BaseModel):
    """A party's position on a decision as one viewer sees it (stance None: none is
    recorded yet). Its ETag (`accord.core.etags.etag_of`) is the position's version: the
    API sends it as the ETag, the web page as the form's `version`, and a change that
    names an older one is refused."""

    model_config = ConfigDict(frozen=True)

    decision: str
    meeting: int
    party: str
    stance: str | None
    statement: str
    recorded: bool


def position_seen(viewer: Viewer, decision: Decision, party: Party) -> PositionSeen:
    """`party`'s position on `decision` as `viewer` sees it; not found when it is recorded
    but not for the viewer's eyes (as unknown as a missing decision)."""
    row = access.positions(viewer, Position.objects.filter(decision=decision, party=party)).first()
    if row is None and Position.objects.filter(decision=decision, party=party).exists():
        raise NotFound.at("party", f"no position of {party.code!r}")
    return PositionSeen(
        decision=decision.slug,
        meeting=decision.meeting_id,
        party=party.code,
        stance=row.stance if row else None,
        statement=row.statement if row else "",
        recorded=row is not None,
    )


@dataclass(frozen=True)
class DecidedBy:
    """The decisions (those a viewer may read) that decided terms in posts and chair
    terms, by the term's id: `holdings[id]`, `chair_terms[id]`, each effect with its
    decision and meeting read."""

    holdings: dict[int, list[Effect]]
    chair_terms: dict[int, list[Effect]]


def decided_by(
    viewer: Viewer, holdings: Iterable[int] = (), chair_terms: Iterable[int] = ()
) -> DecidedBy:
    """What decided the terms in posts `holdings` and the chair terms `chair_terms`
    (ids), as `viewer` may read it, in one query (its SQL built once for the viewer's
    standing, the day and how many terms of each kind: `accord.core.compiled`)."""
    held, chaired = list(holdings), list(chair_terms)
    found = DecidedBy({}, {})
    if not held and not chaired:
        return found

    def build(*keys: int) -> QuerySet[Effect]:
        return (
            Effect.objects.filter(
                Q(holding_id__in=keys[: len(held)]) | Q(chair_term_id__in=keys[len(held) :])
            )
            .filter(decision__in=access.decisions(viewer, Decision.objects.all()))
            .select_related("decision__meeting__body__organization")
            .order_by("decision__meeting__start", "decision__order", "order")
        )

    shape = ("decided by", access.standing(viewer), timezone.localdate(), len(held), len(chaired))
    for e in compiled.rows(shape, build, *held, *chaired):
        if e.holding_id is not None:
            found.holdings.setdefault(e.holding_id, []).append(e)
        elif e.chair_term_id is not None:
            found.chair_terms.setdefault(e.chair_term_id, []).append(e)
    return found
