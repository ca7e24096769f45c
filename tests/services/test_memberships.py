"""Memberships through the registry services, and standing read as of a date."""

from __future__ import annotations

import datetime as dt

from accord.decisions.inputs import DecisionFields
from accord.meetings.inputs import MeetingFields
from accord.registry import selectors, services
from accord.registry.inputs import OrganizationFields, StatusFields
from accord.registry.models import Membership
from tests.services.build import FOUNDERS, INDIA_JOINS, D, only_problem, refused


def test_an_overlapping_standing_of_one_party_is_refused_on_its_start(world):
    before = Membership.objects.count()
    error = refused(
        lambda: services.save_membership(
            world.org, world.party("IN"), world.member, D(2017, 1, 1), None
        )
    )
    field, reason = only_problem(error)
    assert field == "from"
    assert "IN already holds 'observer' from 2005-07-05 to 2017-06-08" in reason
    assert "one status at a time" in reason
    assert Membership.objects.count() == before


def test_a_standing_overlapping_an_open_one_is_refused(world):
    before = Membership.objects.count()
    error = refused(
        lambda: services.save_membership(
            world.org, world.party("KZ"), world.observer, D(2000, 1, 1), D(2001, 6, 15)
        )
    )
    assert only_problem(error)[0] == "from"
    assert "from 2001-06-15 to now" in error.problems[0].reason
    assert Membership.objects.count() == before


def test_a_standing_ending_the_day_before_the_next_one_is_accepted(world):
    services.save_membership(
        world.org, world.party("KZ"), world.observer, D(2000, 1, 1), D(2001, 6, 14)
    )
    assert selectors.standing_of(world.org, "KZ", D(2001, 6, 14)) == "observer"
    assert selectors.standing_of(world.org, "KZ", D(2001, 6, 15)) == "member"


def test_an_inverted_membership_interval_is_refused(world):
    before = Membership.objects.count()
    error = refused(
        lambda: services.save_membership(
            world.org, world.party("BR"), world.observer, D(2019, 12, 31), D(2019, 1, 1)
        )
    )
    assert only_problem(error) == ("to", "ends on 2019-01-01, before it starts on 2019-12-31")
    assert Membership.objects.count() == before


def test_a_status_merged_away_cannot_hold_an_open_ended_membership(world):
    before = Membership.objects.count()
    error = refused(
        lambda: services.save_membership(
            world.org, world.party("BR"), world.observer, D(2020, 1, 1), None
        )
    )
    field, reason = only_problem(error)
    assert field == "status"
    assert reason == "'observer' exists only until 2025-08-31; end the membership by then"
    assert Membership.objects.count() == before


def test_a_status_introduced_later_cannot_start_before_it_exists(world):
    before = Membership.objects.count()
    error = refused(
        lambda: services.save_membership(
            world.org, world.party("BR"), world.partner, D(2025, 8, 31), None
        )
    )
    assert only_problem(error) == ("status", "'partner' exists only from 2025-09-01")
    assert Membership.objects.count() == before


def test_a_status_of_another_organization_is_refused(world):
    other = services.save_organization("test-org-svc-other", OrganizationFields(name="Other"))
    foreign = services.save_status(
        other, "member", StatusFields(name="member", takes_decisions=True)
    )
    before = Membership.objects.count()
    error = refused(
        lambda: services.save_membership(world.org, world.party("BR"), foreign, D(2020, 1, 1), None)
    )
    assert only_problem(error)[0] == "status"
    assert Membership.objects.count() == before


def test_saving_the_same_membership_again_changes_nothing(world):
    before = list(Membership.objects.filter(organization=world.org).values())
    services.save_membership(world.org, world.party("IN"), world.member, INDIA_JOINS, None)
    assert list(Membership.objects.filter(organization=world.org).values()) == before


def test_a_member_joining_mid_year_takes_no_decisions_the_day_before(world):
    day_before = INDIA_JOINS - dt.timedelta(days=1)
    assert selectors.decision_takers_on(world.org, day_before) == set(FOUNDERS)
    assert selectors.standing_of(world.org, "IN", day_before) == "observer"


def test_a_member_joining_mid_year_takes_decisions_from_the_day_it_joins(world):
    assert selectors.decision_takers_on(world.org, INDIA_JOINS) == {*FOUNDERS, "IN"}
    assert selectors.standing_of(world.org, "IN", INDIA_JOINS) == "member"


def test_memberships_on_a_date_list_each_party_once_with_its_status_then(world):
    def standing(day: dt.date) -> dict[str, str]:
        return {m.party.code: m.status.slug for m in selectors.memberships_on(world.org, day)}

    assert standing(D(2017, 6, 8)) == {
        **dict.fromkeys(FOUNDERS, "member"),
        "IN": "observer",
        "MN": "observer",
    }
    assert standing(INDIA_JOINS) == {**dict.fromkeys([*FOUNDERS, "IN"], "member"), "MN": "observer"}


def test_memberships_on_a_date_can_be_limited_to_one_status(world):
    members = selectors.memberships_on(world.org, INDIA_JOINS, status="member")
    assert sorted(m.party.code for m in members) == sorted([*FOUNDERS, "IN"])


def test_counts_are_answered_as_of_the_date(world):
    def counts(day: dt.date) -> dict[str, int]:
        return {c.status: c.count for c in selectors.counts_on(world.org, day)}

    assert counts(D(2017, 6, 8)) == {"member": 5, "observer": 2}
    assert counts(INDIA_JOINS) == {"member": 6, "observer": 1}
    assert counts(D(2025, 9, 1)) == {"member": 6, "partner": 1}


def test_before_the_organization_existed_nobody_holds_a_status(world):
    assert selectors.decision_takers_on(world.org, D(2001, 6, 14)) == set()
    assert list(selectors.memberships_on(world.org, D(2001, 6, 14))) == []


def _chaired_and_decided(world):
    """A council meeting of 2019 chaired by Kazakhstan, where it concurred on a decision."""
    from accord.decisions import services as decisions
    from tests.services.build import hold

    kz = world.party("KZ")
    meeting = hold(world.council, "c-2019", D(2019, 5, 15), number=1, chair=kz)
    decisions.save_decision(meeting, "d", DecisionFields(title="D"), [(kz, "concurs", "")])
    return Membership.objects.get(organization=world.org, party=kz)


def test_a_standing_a_meeting_chair_relies_on_cannot_be_removed(world):
    """The stateful test found a standing removed under a meeting's named chair."""
    from accord.decisions import services as decisions
    from accord.meetings import services as meetings
    from accord.meetings.models import Meeting

    standing = _chaired_and_decided(world)
    field, reason = only_problem(refused(lambda: services.remove_membership(standing)))
    assert field == "membership"
    assert "1 position" in reason and "1 meeting chaired" in reason
    assert Membership.objects.filter(pk=standing.pk).exists()
    # Once the chair is the rule's again and the decision gone, it can go.
    meeting = Meeting.objects.get(slug="c-2019")
    meetings.save_meeting(
        world.council,
        "c-2019",
        MeetingFields(start=meeting.start, end=meeting.end, chair=None),
    )
    decisions.remove_decision(meeting.decisions.get())
    services.remove_membership(standing)


def test_a_standing_cannot_end_or_change_status_under_what_the_record_holds(world):
    """The stateful test found a membership shortened after its positions were recorded:
    the party then held a position without being a member."""
    standing = _chaired_and_decided(world)
    kz = standing.party
    shortened = refused(
        lambda: services.save_membership(
            world.org, kz, world.member, standing.start, D(2018, 12, 31)
        )
    )
    field, reason = only_problem(shortened)
    assert field == "to" and "from 2019-01-01 to now" in reason
    demoted = refused(
        lambda: services.save_membership(world.org, kz, world.observer, standing.start, None)
    )
    assert only_problem(demoted)[0] == "status"
    standing.refresh_from_db()
    assert standing.end is None and standing.status == world.member
    # Ending after the meeting is accepted.
    services.save_membership(world.org, kz, world.member, standing.start, D(2019, 12, 31))
    standing.refresh_from_db()
    assert standing.end == D(2019, 12, 31)


def _codes(rows) -> set[str]:
    return set(rows.values_list("party__code", flat=True))


def test_standings_on_a_day_include_both_ends_of_their_span(world):
    rows = Membership.objects.filter(organization=world.org)
    assert "IN" in _codes(rows.on(D(2005, 7, 5)))
    assert "IN" in _codes(rows.on(D(2017, 6, 8)).filter(status=world.observer))
    assert "IN" not in _codes(rows.on(D(2005, 7, 4)))
    assert _codes(rows.on(D(2001, 6, 14))) == set()


def test_deciding_standings_leave_observers_out(world):
    rows = Membership.objects.filter(organization=world.org).on(D(2010, 1, 1))
    assert _codes(rows) == {*FOUNDERS, "IN", "MN"}
    assert _codes(rows.deciding()) == set(FOUNDERS)
    assert _codes(rows.deciding()) == selectors.decision_takers_on(world.org, D(2010, 1, 1))


def test_standings_on_any_of_several_days(world):
    rows = Membership.objects.filter(organization=world.org).deciding()
    before, after = INDIA_JOINS - dt.timedelta(days=1), INDIA_JOINS
    assert "IN" not in _codes(rows.on(before))
    assert "IN" in _codes(rows.on(before, after))
