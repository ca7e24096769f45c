"""What a decision decides, in a meeting's record (`record.DecisionOut.decides`)."""

from __future__ import annotations

from pydantic import Field

from accord.decisions.models import Decision, Effect
from accord.meetings.references import Out, PartyRef, PersonRef, iso, party_ref, person_ref


class EffectOut(Out):
    """A record the decision decides: a term in a post (`post`, `person`) or a chair
    term (`party`, `body` null: the organization's chair), from `start` to `end`."""

    kind: str = Field(description="appoints, extends or fixes-chair")
    post: str | None = Field(description="the post's id, for a term in a post")
    post_name: str | None
    person: PersonRef | None
    party: PartyRef | None = Field(description="the chairing party, for a chair term")
    body: str | None = Field(description="the body chaired (null: the organization)")
    start: str
    end: str | None = Field(
        description="the end as this decision set it (before any later extension)"
    )
    term_end: str | None = Field(description="the term's end as recorded now")
    acting: bool
    previous_end: str | None = Field(description="an extension's: the end before it")


def effect_out(e: Effect) -> EffectOut:
    if e.holding is not None:
        h = e.holding
        return EffectOut(
            kind=e.kind,
            post=h.post.slug,
            post_name=h.post.name,
            person=person_ref(h.person),
            party=None,
            body=None,
            start=h.start.isoformat(),
            end=iso(e.decided_end),
            term_end=iso(h.end),
            acting=h.acting,
            previous_end=iso(e.previous_end),
        )
    term = e.chair_term
    assert term is not None  # (the constraint effect_names_one_record)
    return EffectOut(
        kind=e.kind,
        post=None,
        post_name=None,
        person=None,
        party=party_ref(term.party),
        body=term.body.slug if term.body else None,
        start=term.start.isoformat(),
        end=iso(e.decided_end),
        term_end=iso(term.end),
        acting=False,
        previous_end=iso(e.previous_end),
    )


def effects_out(decision: Decision) -> list[EffectOut]:
    """What `decision` decides (its effects prefetched: `decides.effects_prefetch`)."""
    return [effect_out(e) for e in decision.effects.all()]
