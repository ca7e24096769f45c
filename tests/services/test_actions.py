"""Actions within a body's powers, referrals, what is pending, and document histories."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.accounts.access import ANONYMOUS
from accord.core.errors import DomainError
from accord.decisions import selectors
from accord.decisions.inputs import ActionFields
from accord.decisions.models import Action
from accord.decisions.services import record_action, set_actions
from accord.meetings.services import Item, set_agenda
from tests.services.build import D, hold, only_problem, refused

MAY_15 = D(2019, 5, 15)
JUNE_14 = D(2019, 6, 14)


def act(body, verb: str, day: dt.date, subject=None, **values: object) -> Action:
    return record_action(body, ActionFields(verb=verb, date=day, document=subject, **values))


def refer(world, day: dt.date = MAY_15, subject=None, by=None, **values: object) -> Action:
    return act(
        by or world.committee,
        "submitted",
        day,
        subject or world.plan,
        target_body=world.council,
        **values,
    )


# -- powers and referrals ----------------------------------------------------------------


def test_a_verb_outside_the_bodys_powers_is_refused_and_nothing_written(world):
    before = Action.objects.count()
    error = refused(lambda: act(world.committee, "adopted", MAY_15, world.plan))
    field, reason = only_problem(error)
    assert field == "verb"
    assert "no power" in reason
    assert reason == "test-committee has no power to take the action 'adopted' on a test-plan"
    assert Action.objects.count() == before


def test_a_typed_power_does_not_extend_to_another_document_type(world):
    error = refused(lambda: act(world.committee, "approved", MAY_15, world.report))
    assert only_problem(error) == (
        "verb",
        "test-committee has no power to take the action 'approved' on a test-report",
    )


def test_a_verb_within_the_bodys_powers_is_recorded(world):
    action = act(world.committee, "approved", MAY_15, world.plan)
    assert (action.verb, action.body, action.document) == ("approved", world.committee, world.plan)


def test_an_unknown_verb_is_refused(world):
    error = refused(lambda: act(world.committee, "blessed", MAY_15, world.plan))
    field, reason = only_problem(error)
    assert field == "verb"
    assert reason.startswith("'blessed' is not a verb of the organization (one of: drafted,")


def test_an_action_without_a_subject_is_refused(world):
    error = refused(lambda: act(world.committee, "took-note", MAY_15))
    assert only_problem(error)[0] == "document"


def test_a_referral_without_a_target_body_is_refused(world):
    before = Action.objects.count()
    error = refused(lambda: act(world.committee, "submitted", MAY_15, world.plan))
    assert only_problem(error) == ("to", "a referral must name the body it goes to")
    assert Action.objects.count() == before


def test_a_body_cannot_refer_a_subject_to_itself(world):
    error = refused(
        lambda: act(world.committee, "submitted", MAY_15, world.plan, target_body=world.committee)
    )
    assert only_problem(error)[0] == "to"


def test_a_referral_goes_only_to_a_body_with_the_power_to_settle_it(world):
    """The stateful test's rule: the forum has no powers, so nothing referred to it
    could ever be settled; the council adopts plans, so a plan may go there."""
    before = Action.objects.count()
    error = refused(
        lambda: act(world.committee, "submitted", MAY_15, world.plan, target_body=world.forum)
    )
    field, reason = only_problem(error)
    assert field == "to" and reason.startswith("test-forum has no power to settle a test-plan")
    assert Action.objects.count() == before
    assert refer(world).target_body == world.council


def test_only_a_referral_names_a_target(world):
    error = refused(
        lambda: act(world.committee, "approved", MAY_15, world.plan, target_body=world.council)
    )
    assert only_problem(error)[0] == "to"


def test_a_referral_to_a_meeting_of_another_body_than_its_target_is_refused(world):
    other = hold(world.committee, "test-15", D(2019, 9, 1), number=15)
    before = Action.objects.count()
    error = refused(lambda: refer(world, target_meeting=other))
    assert only_problem(error) == ("to_meeting", "is not a meeting of test-council")
    assert Action.objects.count() == before


def test_a_referral_to_a_meeting_held_before_it_is_refused(world):
    past = hold(world.council, "test-18", D(2018, 6, 10), number=18)
    error = refused(lambda: refer(world, target_meeting=past))
    assert only_problem(error) == ("to_meeting", "was held before the referral (2018-06-10)")


def test_a_referral_to_a_named_later_meeting_of_the_target_is_recorded(world):
    summit = hold(world.council, "test-19", JUNE_14, number=19)
    action = refer(world, target_meeting=summit)
    assert (action.target_body, action.target_meeting) == (world.council, summit)


def test_an_action_at_a_meeting_of_another_body_is_refused(world):
    summit = hold(world.council, "test-19", JUNE_14, number=19)
    error = refused(lambda: act(world.committee, "took-note", JUNE_14, world.plan, meeting=summit))
    assert only_problem(error) == ("body", "the meeting is one of test-council, not test-committee")


def test_an_action_dated_outside_its_meeting_is_refused(world):
    meeting = hold(world.committee, "test-14", MAY_15, number=14)
    error = refused(lambda: act(world.committee, "took-note", JUNE_14, world.plan, meeting=meeting))
    assert only_problem(error) == (
        "date",
        "2019-06-14 is outside the meeting (2019-05-15..2019-05-15)",
    )


def test_set_actions_reports_every_refused_action_by_index_and_writes_nothing(world):
    meeting = hold(world.committee, "test-14", MAY_15, number=14)
    before = Action.objects.count()
    error = refused(
        lambda: set_actions(
            world.committee,
            meeting,
            [
                ActionFields(verb="approved", date=MAY_15, document=world.plan),
                ActionFields(verb="adopted", date=MAY_15, document=world.plan),
                ActionFields(verb="submitted", date=MAY_15, document=world.plan),
            ],
        )
    )
    assert [p.field for p in error.problems] == ["[1].verb", "[2].to"]
    assert Action.objects.count() == before


# -- pending -----------------------------------------------------------------------------


def pending(world, on: dt.date, body=None) -> list[Action]:
    return selectors.pending_for(ANONYMOUS, world.org, body or world.council, on)


def test_a_referral_is_pending_for_its_target_from_its_day(world):
    sent = refer(world)
    assert pending(world, MAY_15 - dt.timedelta(days=1)) == []
    assert pending(world, MAY_15) == [sent]


def test_a_referral_is_not_pending_for_the_body_that_made_it(world):
    refer(world)
    assert pending(world, JUNE_14, body=world.committee) == []


def test_a_referral_stays_pending_until_the_target_body_acts(world):
    sent = refer(world)
    act(world.council, "adopted", JUNE_14, world.plan)
    assert pending(world, JUNE_14 - dt.timedelta(days=1)) == [sent]
    assert pending(world, JUNE_14) == []
    assert pending(world, D(2020, 1, 1)) == []


def test_considering_or_deferring_a_referral_keeps_it_pending(world):
    sent = refer(world)
    act(world.council, "considered", JUNE_14, world.plan)
    act(world.council, "deferred", JUNE_14, world.plan)
    assert pending(world, D(2020, 1, 1)) == [sent]


def test_another_bodys_act_does_not_settle_a_referral(world):
    sent = refer(world)
    act(world.committee, "took-note", JUNE_14, world.plan)
    assert pending(world, D(2020, 1, 1)) == [sent]


def test_an_act_of_the_target_before_the_referral_does_not_settle_it(world):
    act(world.council, "took-note", D(2019, 5, 1), world.plan)
    sent = refer(world)
    assert pending(world, D(2020, 1, 1)) == [sent]


def test_a_subject_referred_by_two_bodies_is_pending_once(world):
    first = refer(world, D(2019, 5, 10), by=world.working_group)
    refer(world)
    assert pending(world, D(2020, 1, 1)) == [first]


def test_a_referred_agenda_item_is_settled_when_the_target_takes_note_of_it(world):
    meeting = hold(world.committee, "test-14", MAY_15, number=14)
    (item,) = set_agenda(meeting, [Item("security", "Regional security")])
    sent = record_action(
        world.committee,
        ActionFields(
            verb="submitted",
            date=MAY_15,
            meeting=meeting,
            agenda_item=item,
            target_body=world.council,
        ),
    )
    assert pending(world, JUNE_14) == [sent]
    record_action(world.council, ActionFields(verb="took-note", date=JUNE_14, agenda_item=item))
    assert pending(world, JUNE_14) == []


# -- history -----------------------------------------------------------------------------


def test_a_documents_history_lists_its_actions_in_date_order_across_bodies(world):
    adopted = act(world.council, "adopted", JUNE_14, world.plan)
    drafted = act(world.committee, "drafted", D(2019, 2, 1), world.plan)
    approved = act(world.committee, "approved", MAY_15, world.plan)
    noted = act(world.council, "took-note", D(2019, 9, 1), world.plan)
    history = selectors.history(ANONYMOUS, world.plan)
    assert history.actions == [drafted, approved, adopted, noted]


def test_a_documents_status_is_derived_from_its_history(world):
    act(world.committee, "drafted", D(2019, 2, 1), world.plan)
    assert selectors.history(ANONYMOUS, world.plan).status == "draft"
    act(world.committee, "approved", MAY_15, world.plan)
    refer(world)
    assert selectors.history(ANONYMOUS, world.plan).status == "submitted"
    adopted = act(world.council, "adopted", JUNE_14, world.plan)
    act(world.council, "took-note", D(2019, 9, 1), world.plan)
    history = selectors.history(ANONYMOUS, world.plan)
    assert (history.status, history.status_by) == ("adopted", adopted)


def test_a_document_without_actions_has_no_status(world):
    history = selectors.history(ANONYMOUS, world.report)
    assert (history.actions, history.status, history.status_by) == ([], None, None)


# -- recording one more action -----------------------------------------------------------


def test_recording_actions_one_by_one_keeps_each(world):
    meeting = hold(world.committee, "test-14", MAY_15, number=14)
    first = act(world.committee, "approved", MAY_15, world.plan, meeting=meeting)
    second = act(world.committee, "took-note", MAY_15, world.report, meeting=meeting)
    assert list(meeting.actions.order_by("position")) == [first, second]
    assert (first.position, second.position) == (0, 1)


def test_recording_an_action_never_overwrites_another(world):
    meeting = hold(world.committee, "test-14", MAY_15, number=14)
    first, second = set_agenda(meeting, [Item("first", "First"), Item("second", "Second")])
    for item in (first, second):
        record_action(
            world.committee,
            ActionFields(verb="took-note", date=MAY_15, meeting=meeting, agenda_item=item),
        )
    set_agenda(meeting, [Item("second", "Second")])  # the first item, and its action, go
    act(world.committee, "approved", MAY_15, world.plan, meeting=meeting)
    assert sorted(meeting.actions.values_list("verb", flat=True)) == ["approved", "took-note"]


def test_an_action_within_the_month_of_a_meeting_known_to_the_month_is_accepted(world):
    april = hold(world.committee, "test-april", D(2019, 4, 1), precision="month")
    with pytest.raises(DomainError):
        act(world.committee, "took-note", D(2019, 5, 2), world.plan, meeting=april)
    act(world.committee, "took-note", D(2019, 4, 15), world.plan, meeting=april)
    assert april.actions.count() == 1
