"""Random sequences of changes to the record, through the services only, and the rules
of the product checked after every step (a Hypothesis state machine).

The organization is the services tests' own (`tests.services.build`): members,
observers and a partner, a council, a committee that reports to it, a working group
chaired by its own terms, a forum without powers, an assembly that votes. Each step
adds, changes or removes a standing, a chair term, a meeting, an action (a referral
among them), a decision or a position, drawn among the rows that exist so that steps
collide: the same party's standings, the same body's numbers, the decisions of a
meeting whose date moves.

After every step:

- a party holds one standing at a time in the organization;
- chair terms of one chairmanship do not overlap, and each chair was a member when
  its term began; a meeting's explicit chair is a member on the meeting's date;
- numbers are unique in a body's series and increase with the date;
- every action is one its body's powers allow; a referral names another body of
  the same organization, one whose powers let it settle the subject;
- only members on the meeting's date hold a position, with a stance of the body's
  rule; a closed consensus decision is taken exactly when a member concurred and
  none objected;
- the audit trail verifies (from the entry found intact after the step before; the
  whole trail at the beginning and at the end of each run);
- a refused step (DomainError) changed nothing: the record's fingerprint (every row
  of the domain's tables, the audit trail) is the one before the step (the record
  at a savepoint taken before it, rolled back to).

Bounded for `make test`: `ACCORD_STATEFUL_EXAMPLES` (default 12) runs of up to 25 steps.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections import defaultdict

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from accord.bodies import services as bodies
from accord.bodies.inputs import ChairTermFields
from accord.bodies.models import ChairTerm
from accord.core import audit
from accord.core.errors import DomainError
from accord.core.fields import KEEP
from accord.decisions import services as decisions
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.decisions.models import Action, Decision, Position, Verb
from accord.decisions.rules import (
    CONSENSUS_STANCES,
    SETTLING_VERBS,
    VOTE_STANCES,
    Outcome,
    decision_outcome,
    power_allows,
)
from accord.decisions.selectors import verbs_of
from accord.decisions.services import powers_of
from accord.meetings import removal
from accord.meetings import services as meetings
from accord.meetings.inputs import MeetingFields
from accord.meetings.models import Meeting
from accord.registry import services as registry
from accord.registry.models import Membership
from accord.registry.selectors import decision_takers_on
from tests.reliability.fuzzing import fingerprint
from tests.services.build import FOUNDERS, build_world

EXAMPLES = int(os.environ.get("ACCORD_STATEFUL_EXAMPLES", "12"))
PARTIES = (*FOUNDERS[:3], "IN", "MN", "BR")
# Few dates, so that intervals, terms and meetings meet often.
DAYS = [dt.date(y, m, 1) for y in (2003, 2010, 2017, 2018, 2024, 2026) for m in (1, 7)]
ENDS = st.one_of(st.none(), st.sampled_from(DAYS))
STANCES = sorted(CONSENSUS_STANCES | VOTE_STANCES)
LIKELY_STANCES = [*sorted(CONSENSUS_STANCES), "concurs", "yes", "no"]
VOTERS = (*FOUNDERS[:3], "IN")
SLUGS = ["m1", "m2", "m3", "m4"]
TARGETS = ["test-council", "test-committee", "test-working-group", "test-forum"]


STEPS: dict[str, int] = defaultdict(int)  # what the runs did, for the summary


def days_of(row: Membership | ChairTerm) -> tuple[dt.date, dt.date]:
    return row.start, row.end or dt.date.max


class DomainMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        # Each run in a savepoint of its own, rolled back at the end.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.world = build_world()
        self.org = self.world.org
        self.statuses = {
            "member": self.world.member,
            "observer": self.world.observer,
            "partner": self.world.partner,
        }
        self.bodies = {
            b.slug: b
            for b in (
                self.world.council,
                self.world.committee,
                self.world.working_group,
                self.world.forum,
                self.world.assembly,
            )
        }
        self.documents = [self.world.plan, self.world.report]
        self.refused = 0
        self.done = 0
        # The newest audit entry found intact (None: nothing verified yet).
        self.verified: audit.Checkpoint | None = None

    def teardown(self) -> None:
        STEPS["done"] += self.done
        STEPS["refused"] += self.refused
        STEPS["runs"] += 1
        try:
            # No step changed an entry before the ones each step's check read (unless
            # a step's failure already ended the run's transaction).
            if not transaction.get_connection().needs_rollback:
                _, broken = audit.verify()
                assert broken is None, broken
        finally:
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    # --- one step: done, or refused and nothing changed ---------------------------

    def attempt(self, change) -> object | None:
        # The record before the step is the one at this savepoint: fingerprinted only
        # when the step is refused (rolled back to it after the record it left is).
        before = transaction.savepoint()
        try:
            result = change()
        except DomainError:
            left = fingerprint()
            transaction.savepoint_rollback(before)
            assert left == fingerprint(), "a refused change changed the record"
            self.refused += 1
            return None
        transaction.savepoint_commit(before)
        self.done += 1
        return result

    def party(self, code: str):
        return self.world.party(code)

    # --- standings -----------------------------------------------------------------

    @rule(
        code=st.sampled_from(PARTIES),
        status=st.sampled_from(["member", "member", "observer", "partner"]),
        start=st.sampled_from(DAYS),
        end=ENDS,
    )
    def add_membership(self, code, status, start, end) -> None:
        self.attempt(
            lambda: registry.save_membership(
                self.org, self.party(code), self.statuses[status], start, end
            )
        )

    @rule(data=st.data(), status=st.sampled_from(["member", "observer"]), end=ENDS)
    def change_membership(self, data, status, end) -> None:
        rows = list(Membership.objects.filter(organization=self.org).select_related("party"))
        if not rows:
            return
        row = data.draw(st.sampled_from(rows))
        self.attempt(
            lambda: registry.save_membership(
                self.org, row.party, self.statuses[status], row.start, end
            )
        )

    @rule(data=st.data())
    def remove_membership(self, data) -> None:
        rows = list(Membership.objects.filter(organization=self.org).select_related("party"))
        if rows:
            row = data.draw(st.sampled_from(rows))
            self.attempt(lambda: registry.remove_membership(row))

    # --- chair terms ------------------------------------------------------------------

    @rule(
        body=st.sampled_from([None, "test-working-group"]),
        code=st.sampled_from(PARTIES),
        start=st.sampled_from(DAYS),
        end=ENDS,
    )
    def add_chair_term(self, body, code, start, end) -> None:
        self.attempt(
            lambda: bodies.save_chair_term(
                self.org,
                self.bodies[body] if body else None,
                self.party(code),
                start,
                end,
                ChairTermFields(),
            )
        )

    # --- meetings ---------------------------------------------------------------------

    @rule(
        body=st.sampled_from(["test-council", "test-committee", "test-assembly"]),
        slug=st.sampled_from(SLUGS),
        number=st.one_of(st.none(), st.integers(1, 6)),
        day=st.sampled_from(DAYS),
        chair=st.one_of(st.none(), st.sampled_from(PARTIES)),
    )
    def save_meeting(self, body, slug, number, day, chair) -> None:
        values = {"number": number, "start": day, "end": day}
        if chair:
            values["chair"] = self.party(chair)
        self.attempt(
            lambda: meetings.save_meeting(self.bodies[body], slug, MeetingFields(**values))
        )

    @rule(data=st.data())
    def remove_meeting(self, data) -> None:
        rows = list(Meeting.objects.filter(body__organization=self.org))
        if rows:
            row = data.draw(st.sampled_from(rows))
            self.attempt(lambda: removal.remove_meeting(row))

    # --- actions and referrals ---------------------------------------------------------

    @rule(
        data=st.data(),
        verb=st.sampled_from([Verb.SUBMITTED, Verb.SUBMITTED, *Verb.values]),
        to=st.one_of(st.none(), st.sampled_from(TARGETS)),
        document=st.integers(0, 1),
    )
    def act(self, data, verb, to, document) -> None:
        rows = list(Meeting.objects.filter(body__organization=self.org).select_related("body"))
        if not rows:
            return
        meeting = data.draw(st.sampled_from(rows))
        values = ActionFields(
            verb=verb,
            document=self.documents[document],
            meeting=meeting,
            date=meeting.start,
            target_body=self.bodies[to] if to else KEEP,
        )
        self.attempt(lambda: decisions.record_action(meeting.body, values))

    @rule(data=st.data())
    def remove_action(self, data) -> None:
        rows = list(Action.objects.filter(body__organization=self.org))
        if rows:
            row = data.draw(st.sampled_from(rows))
            self.attempt(lambda: decisions.remove_action(row))

    # --- decisions and positions ------------------------------------------------------

    @rule(
        data=st.data(),
        slug=st.sampled_from(["d1", "d2"]),
        is_open=st.booleans(),
        # Mostly members with stances of consensus, so that decisions get recorded.
        positions=st.lists(
            st.tuples(st.sampled_from(VOTERS), st.sampled_from(LIKELY_STANCES)), max_size=3
        ),
    )
    def save_decision(self, data, slug, is_open, positions) -> None:
        rows = list(Meeting.objects.filter(body__organization=self.org))
        if not rows:
            return
        meeting = data.draw(st.sampled_from(rows))
        stated = [(self.party(code), stance, "") for code, stance in positions]
        self.attempt(
            lambda: decisions.save_decision(
                meeting,
                slug,
                DecisionFields(title=f"Decision {slug}", outcome="open" if is_open else ""),
                stated,
            )
        )

    @rule(data=st.data(), code=st.sampled_from(PARTIES), stance=st.sampled_from(LIKELY_STANCES))
    def record_position(self, data, code, stance) -> None:
        rows = list(Decision.objects.filter(meeting__body__organization=self.org))
        if rows:
            decision = data.draw(st.sampled_from(rows))
            statement = "with a statement" if stance == "concurs-with-statement" else ""
            self.attempt(
                lambda: decisions.record_position(decision, self.party(code), stance, statement)
            )

    @rule(data=st.data(), is_open=st.booleans())
    def open_or_close_decision(self, data, is_open) -> None:
        rows = list(Decision.objects.filter(meeting__body__organization=self.org))
        if rows:
            decision = data.draw(st.sampled_from(rows))
            self.attempt(
                lambda: decisions.change_decision(
                    decision, DecisionFields(outcome="open" if is_open else "")
                )
            )

    @rule(data=st.data())
    def remove_decision(self, data) -> None:
        rows = list(Decision.objects.filter(meeting__body__organization=self.org))
        if rows:
            decision = data.draw(st.sampled_from(rows))
            self.attempt(lambda: decisions.remove_decision(decision))

    # --- the rules ----------------------------------------------------------------------

    @invariant()
    def one_standing_at_a_time(self) -> None:
        by_party = defaultdict(list)
        for row in Membership.objects.filter(organization=self.org).select_related("party"):
            by_party[row.party.code].append(days_of(row))
        for code, spans in by_party.items():
            spans.sort()
            for (_, end), (start, _) in itertools.pairwise(spans):
                assert end < start, f"{code} holds two standings at once: {spans}"

    @invariant()
    def chair_terms_do_not_overlap_and_chairs_are_members(self) -> None:
        by_chair = defaultdict(list)
        terms = ChairTerm.objects.filter(organization=self.org).select_related("party")
        for term in terms:
            by_chair[term.body_id].append(days_of(term))
            members = decision_takers_on(self.org, term.start)
            assert term.party.code in members, f"{term.party.code} chairs from {term.start}"
        for spans in by_chair.values():
            spans.sort()
            for (_, end), (start, _) in itertools.pairwise(spans):
                assert end < start, f"chair terms overlap: {spans}"
        chaired = Meeting.objects.filter(body__organization=self.org, chair__isnull=False)
        for meeting in chaired.select_related("chair"):
            members = decision_takers_on(self.org, meeting.start)
            assert meeting.chair.code in members, f"{meeting.chair.code} chairs {meeting.slug}"

    @invariant()
    def numbers_are_unique_and_increase_with_the_date(self) -> None:
        numbered = Meeting.objects.filter(body__organization=self.org, number__isnull=False)
        by_body = defaultdict(list)
        for m in numbered:
            by_body[m.body_id].append((m.number, m.start, m.end))
        for series in by_body.values():
            numbers = [n for n, _, _ in series]
            assert len(numbers) == len(set(numbers)), f"a number twice: {sorted(series)}"
            series.sort()
            for (_, start, _), (_, _, end) in itertools.pairwise(series):
                assert start <= end, f"numbers against the dates: {series}"

    @invariant()
    def actions_are_within_powers(self) -> None:
        verbs = verbs_of(self.org)
        actions = Action.objects.filter(body__organization=self.org).select_related(
            "body", "document__type", "target_body"
        )
        for action in actions:
            body = action.body
            kind = action.document.type.slug if action.document else None
            spec = verbs.get(action.verb)
            assert spec is not None, (body.slug, action.verb)
            # A verb that closes a referral (withdrawn, lapsed) needs no power over
            # the subject: the body says the referral goes nowhere, it does not act.
            if not spec.closes:
                allowed = power_allows(powers_of(body), action.verb, kind)
                assert allowed, (body.slug, action.verb, kind)
            if action.verb == Verb.SUBMITTED:
                target = action.target_body
                assert target is not None and target.pk != body.pk
                assert target.organization_id == self.org.pk
                settles = powers_of(target)
                assert any(power_allows(settles, v, kind) for v in SETTLING_VERBS), (
                    f"{body.slug} referred {kind} to {target.slug}, which cannot settle it"
                )

    @invariant()
    def only_members_hold_positions_and_consensus_needs_no_objection(self) -> None:
        decided = Decision.objects.filter(meeting__body__organization=self.org)
        for decision in decided.select_related("meeting__body"):
            meeting = decision.meeting
            members = decision_takers_on(self.org, meeting.start)
            rule_ = meeting.body.effective_decision_rule
            allowed = CONSENSUS_STANCES if rule_ == "consensus" else VOTE_STANCES
            stances = {}
            for position in Position.objects.filter(decision=decision).select_related("party"):
                code = position.party.code
                assert code in members, f"{code} holds a position at {meeting.slug}"
                assert position.stance in allowed, (rule_, position.stance)
                stances[code] = position.stance
            outcome = decision_outcome(rule_, stances, is_open=decision.is_open)
            if rule_ == "consensus" and not decision.is_open:
                expected = "objects" not in stances.values() and bool(
                    {"concurs", "concurs-with-statement"} & set(stances.values())
                )
                assert (outcome == Outcome.TAKEN) is expected, (stances, outcome)

    @invariant()
    def the_audit_trail_verifies(self) -> None:
        # The whole trail once (the seed and the world), then from the entry found
        # intact last: that entry, unchanged, and the steps' entries after it.
        _, broken = audit.verify(since=self.verified)
        assert broken is None, broken
        self.verified = audit.checkpoint()


def test_the_rules_hold_after_every_step(db):
    started = time.monotonic()
    run_state_machine_as_test(
        DomainMachine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=25,
            deadline=None,
            database=None,
            derandomize=os.environ.get("ACCORD_STATEFUL_RANDOM") != "1",
            suppress_health_check=list(HealthCheck),
        ),
    )
    print(f"\nstateful: {dict(STEPS)} in {time.monotonic() - started:.1f} s")
    # The steps reach the services: some are done, some refused (both are checked).
    assert STEPS["done"] > 3 * STEPS["runs"] and STEPS["refused"] > STEPS["runs"]
