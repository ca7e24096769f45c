"""The writers of what a decision decides: the posts it fills, the chair terms it
fixes, the terms it extends (`models.Effect`; the rules: `effects`).

Every way in names the records by their natural keys (`Ref`): a term in a post by its
post and first day (and, to be sure, its holder), a chair term by its body (none: the
organization's chair), its first day and party. `resolve` finds them, `set_effects`
checks and writes them, `refs_of` gives the keys back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from accord.bodies.models import ChairTerm, TermBasis
from accord.core import wording
from accord.core.errors import DomainError, Problem
from accord.core.persist import Tally, sync
from accord.decisions import effects
from accord.decisions.models import Decision, DecisionOutcome, Effect
from accord.meetings.models import Meeting
from accord.registry.models import Declaration, Organization, Post, PostHolding


@dataclass(frozen=True)
class Ref:
    """One record a decision names, by its natural key: a term in `post` (held by
    `person`) from `start`, or (with `party`) a chair term of `body` (blank: the
    organization's) from `start`; an extension's `previous_end`."""

    kind: str
    start: dt.date
    post: str = ""
    person: str = ""
    party: str = ""
    body: str = ""
    previous_end: dt.date | None = None
    where: str = ""  # the entry's field path, as the way in names it

    @property
    def section(self) -> str:
        return next(s for s, k in effects.SECTIONS.items() if k == self.kind)


@dataclass(frozen=True)
class Resolved:
    """A `Ref` with the record it names; `where` its field path."""

    ref: Ref
    where: str
    holding: PostHolding | None = None
    chair_term: ChairTerm | None = None


def where_of(refs: Sequence[Ref]) -> list[str]:
    """Each ref's field path: its own, else `decides.<section>[i]`, counted within its
    section."""
    counts: dict[str, int] = {}
    paths = []
    for ref in refs:
        if ref.where:
            paths.append(ref.where)
            continue
        section = ref.section if ref.kind in effects.SECTIONS.values() else ref.kind
        paths.append(f"decides.{section}[{counts.get(section, 0)}]")
        counts[section] = counts.get(section, 0) + 1
    return paths


def _post(organization: Organization, slug: str) -> Post | None:
    return (
        Post.objects.filter(organization=organization, slug=slug).first()
        or Post.objects.filter(organization__isnull=True, slug=slug).first()
    )


def resolve(organization: Organization, refs: Sequence[Ref]) -> list[Resolved]:
    """The records `refs` name in `organization`; refused, naming the field, when one
    is not recorded or its holder or party is not the one named."""
    problems: list[Problem] = []
    found: list[Resolved] = []
    for ref, where in zip(refs, where_of(refs), strict=True):
        if ref.kind not in effects.SECTIONS.values():
            said = {"kind": repr(ref.kind), "known": ", ".join(effects.SECTIONS)}
            problems.append(Problem("decides", _("%(kind)s is not one of: %(known)s") % said))
        elif ref.post:
            holding, problem = _holding(organization, ref)
            if problem:
                problems.append(problem.under(where))
            else:
                found.append(Resolved(ref, where, holding=holding))
        elif ref.party:
            term, problem = _chair_term(organization, ref)
            if problem:
                problems.append(problem.under(where))
            else:
                found.append(Resolved(ref, where, chair_term=term))
        else:
            reason = _("name a term in a post (post) or a chair term (party)")
            problems.append(Problem(where, reason))
    if problems:
        raise DomainError(problems)
    return found


def _holding(organization: Organization, ref: Ref) -> tuple[PostHolding | None, Problem | None]:
    post = _post(organization, ref.post)
    if post is None:
        return None, Problem("post", _("no post %(post)s is recorded") % {"post": repr(ref.post)})
    holding = (
        PostHolding.objects.filter(post=post, start=ref.start).select_related("person").first()
    )
    said = {"post": wording.named(post, ref.post), "start": wording.day(ref.start)}
    if holding is None:
        return None, Problem("from", _("no term in %(post)s from %(start)s is recorded") % said)
    if ref.person and holding.person.slug != ref.person:
        said["person"] = wording.named(holding.person, holding.person.slug)
        return None, Problem(
            "person", _("the term in %(post)s from %(start)s is %(person)s's") % said
        )
    return holding, None


def _chair_term(organization: Organization, ref: Ref) -> tuple[ChairTerm | None, Problem | None]:
    terms = ChairTerm.objects.filter(organization=organization, start=ref.start)
    terms = terms.filter(body__slug=ref.body) if ref.body else terms.filter(body__isnull=True)
    term = terms.select_related("party", "body").first()
    said = {"start": wording.day(ref.start), "body": repr(ref.body)}
    if term is None:
        if ref.body:
            reason = _("no chair term of %(body)s from %(start)s is recorded")
        else:
            reason = _("no chair term of the organization from %(start)s is recorded")
        return None, Problem("from", reason % said)
    if term.party.code != ref.party:
        party = wording.named(term.party, term.party.code).strip("'")
        said |= {"body": wording.named(term.body, ref.body), "party": party}
        if ref.body:
            reason = _("the chair term of %(body)s from %(start)s is %(party)s's")
        else:
            reason = _("the chair term of the organization from %(start)s is %(party)s's")
        return None, Problem("party", reason % said)
    return term, None


def _named(meeting: Meeting, r: Resolved) -> effects.Named:
    org_id = meeting.body.organization_id
    if r.holding is not None:
        h = r.holding
        post = h.post
        ours = post.organization_id == org_id or (
            post.organization_id is None
            and Declaration.objects.filter(organization_id=org_id, post=post).exists()
        )
        said = {
            "person": wording.named(h.person, h.person.slug).strip("'"),
            "post": wording.named(post, post.slug).strip("'"),
            "start": wording.day(h.start),
        }
        return effects.Named(
            where=r.where,
            kind=r.ref.kind,
            record=f"holding:{h.pk}",
            label=_("the term of %(person)s as %(post)s from %(start)s") % said,
            start=h.start,
            end=h.end,
            ours=ours,
            previous_end=r.ref.previous_end,
        )
    term = r.chair_term
    assert term is not None  # (a Resolved names a holding or a chair term)
    said = {
        "party": wording.named(term.party, term.party.code).strip("'"),
        "start": wording.day(term.start),
    }
    if term.body is None:
        label = _("the chair term of %(party)s from %(start)s") % said
    else:
        said["body"] = wording.named(term.body, term.body.slug).strip("'")
        label = _("the chair term of %(party)s in %(body)s from %(start)s") % said
    return effects.Named(
        where=r.where,
        kind=r.ref.kind,
        record=f"chair:{term.pk}",
        label=label,
        start=term.start,
        end=term.end,
        ours=term.organization_id == org_id,
        chair=True,
        previous_end=r.ref.previous_end,
        basis=term.basis,
        basis_said=wording.said(repr(term.basis), _basis_label(term.basis)),
        decided_elsewhere=term.decided_at_id is not None and term.decided_at_id != meeting.pk,
    )


def check(decision: Decision, outcome: str, day: dt.date, resolved: Sequence[Resolved]) -> None:
    """Refuse (naming the field) what a decision with `outcome` taken on `day` cannot
    decide (`effects.problems`)."""
    named = [_named(decision.meeting, r) for r in resolved]
    found = effects.problems(outcome, day, named, _outcome_said(outcome))
    if found:
        raise DomainError(Problem(field, reason) for field, reason in found)


def set_effects(
    decision: Decision, refs: Sequence[Ref], day: dt.date, tally: Tally | None = None
) -> list[Effect]:
    """Make what `decision` (taken on `day`) decides exactly `refs`: refused, nothing
    written, when a record is not found or the rules refuse it."""
    resolved = resolve(decision.meeting.body.organization, refs)
    check(decision, decision.outcome, day, resolved)
    rows = [
        {
            "kind": r.ref.kind,
            "holding": r.holding,
            "chair_term": r.chair_term,
            "previous_end": r.ref.previous_end,
            "order": index,
        }
        for index, r in enumerate(resolved)
    ]
    return sync(Effect, {"decision": decision}, ["kind", "holding", "chair_term"], rows, tally)


def outcome_problems(decision: Decision, outcome: str) -> list[Problem]:
    """Why `decision` cannot take `outcome` beside what it decides (a decision that
    appoints must stay adopted)."""
    if outcome == "adopted" or not decision.effects.exists():
        return []
    return [Problem("outcome", _cannot_be(outcome))]


def outcome_problems_at(meeting: Meeting, slug: str, outcome: str) -> list[Problem]:
    """`outcome_problems` of the decision `slug` of `meeting`, if it is recorded."""
    if outcome == "adopted":
        return []
    decides = Effect.objects.filter(decision__meeting=meeting, decision__slug=slug).exists()
    return [Problem("outcome", _cannot_be(outcome))] if decides else []


def _cannot_be(outcome: str) -> str:
    reason = _(
        "the decision decides records (decides): it cannot be %(outcome)s; remove what it"
        " decides first"
    )
    return reason % {"outcome": _outcome_said(outcome)}


def _outcome_said(outcome: str) -> str:
    """An outcome as a refusal in the active language says it."""
    known = {o.value: o.label for o in DecisionOutcome}
    return wording.said(outcome, known.get(outcome, outcome))


def _basis_label(basis: str) -> object:
    return {b.value: b.label for b in TermBasis}.get(basis, basis)


def ref_of(effect: Effect) -> Ref:
    """The natural key of what `effect` names (its holding and chair term read)."""
    if effect.holding is not None:
        h = effect.holding
        return Ref(
            kind=effect.kind,
            start=h.start,
            post=h.post.slug,
            person=h.person.slug,
            previous_end=effect.previous_end,
        )
    term = effect.chair_term
    assert term is not None  # (the constraint effect_names_one_record)
    return Ref(
        kind=effect.kind,
        start=term.start,
        party=term.party.code,
        body=term.body.slug if term.body else "",
        previous_end=effect.previous_end,
    )


def refs_of(effects_: Iterable[Effect]) -> list[Ref]:
    return [ref_of(e) for e in effects_]


EFFECT_RELATED = ("holding__post", "holding__person", "chair_term__party", "chair_term__body")


def _next_extension(field: str) -> Subquery:
    """The end a term had before its first extension after the effect's own (one
    extended from a later end than the effect's `previous_end`, if any)."""
    return Subquery(
        Effect.objects.filter(
            **{field: OuterRef(field)},
            kind=effects.Kind.EXTENDS,
            previous_end__gt=Coalesce(OuterRef("previous_end"), Value(dt.date(1, 1, 1))),
        )
        .order_by("previous_end")
        .values("previous_end")[:1]
    )


def effects_prefetch() -> Prefetch:
    """What a list of decisions prefetches to show what each decides, each with the
    end its decision set (`Effect.decided_end`), in one query."""
    return Prefetch(
        "effects",
        queryset=Effect.objects.select_related(*EFFECT_RELATED).annotate(
            next_extended_from=Coalesce(_next_extension("holding"), _next_extension("chair_term"))
        ),
    )
