"""Meetings of a body's series, and who may take part in them."""

from __future__ import annotations

from accord.decisions.inputs import DecisionFields
from accord.meetings.models import Meeting, Participation
from accord.meetings.services import Participant, set_participants
from accord.registry import services as registry
from tests.services.build import INDIA_JOINS, D, hold, only_problem, refused


def series(world) -> None:
    """Meetings 12 (2017-04-12) and 13 (2018-05-22) of the committee."""
    hold(world.committee, "test-12", D(2017, 4, 12), number=12)
    hold(world.committee, "test-13", D(2018, 5, 22), number=13)


# -- numbering ---------------------------------------------------------------------------


def test_a_number_already_taken_in_the_series_is_refused_and_nothing_written(world):
    series(world)
    before = Meeting.objects.count()
    error = refused(lambda: hold(world.committee, "test-dup", D(2019, 5, 15), number=13))
    field, reason = only_problem(error)
    assert field == "number"
    assert reason == "number 13 is already taken by the meeting of 2018-05-22"
    assert Meeting.objects.count() == before


def test_a_number_held_before_a_lower_one_is_refused(world):
    series(world)
    before = Meeting.objects.count()
    error = refused(lambda: hold(world.committee, "test-14", D(2018, 1, 10), number=14))
    assert only_problem(error) == (
        "number",
        "number 14 comes after 13, but 13 was held later (2018-05-22)",
    )
    assert Meeting.objects.count() == before


def test_the_same_number_in_another_bodys_series_is_fine(world):
    series(world)
    hold(world.council, "test-13", D(2010, 1, 1), number=13)
    assert Meeting.objects.filter(number=13, body__organization=world.org).count() == 2


def test_gaps_in_the_series_are_allowed(world):
    series(world)
    hold(world.committee, "test-20", D(2025, 6, 1), number=20)
    hold(world.committee, "test-1", D(2004, 6, 1), number=1)
    assert sorted(world.committee.meetings.values_list("number", flat=True)) == [1, 12, 13, 20]


def test_an_ad_hoc_meeting_without_a_number_may_fall_anywhere(world):
    series(world)
    hold(world.committee, "test-extra-2018", D(2018, 1, 10))
    hold(world.committee, "test-extra-2010", D(2010, 1, 10))
    hold(world.committee, "test-extra-2018-b", D(2018, 1, 10))
    assert world.committee.meetings.filter(number__isnull=True).count() == 3


def test_saving_a_meeting_again_does_not_conflict_with_itself(world):
    series(world)
    meeting = hold(world.committee, "test-13", D(2018, 5, 22), number=13, city="Moscow")
    assert meeting.city == "Moscow"
    assert world.committee.meetings.count() == 2


def test_a_meeting_ending_before_it_starts_is_refused(world):
    error = refused(
        lambda: hold(world.committee, "test-14", D(2019, 5, 15), end=D(2019, 5, 14), number=14)
    )
    assert only_problem(error)[0] == "date.to"


def test_a_meeting_known_to_the_month_keeps_its_precision(world):
    meeting = hold(
        world.committee, "test-april", D(2019, 4, 1), end=D(2019, 4, 1), precision="month"
    )
    assert meeting.partial_date.isoformat() == "2019-04"
    assert meeting.partial_date.latest == D(2019, 4, 30)


def test_a_month_only_meeting_numbered_after_a_day_in_that_month_is_allowed(world):
    hold(world.committee, "test-5", D(2019, 4, 19), number=5)
    hold(world.committee, "test-6", D(2019, 4, 1), number=6, precision="month")
    assert world.committee.meetings.count() == 2


def test_a_month_only_meeting_numbered_after_one_held_the_next_month_is_refused(world):
    hold(world.committee, "test-5", D(2019, 5, 2), number=5)
    error = refused(
        lambda: hold(world.committee, "test-6", D(2019, 4, 1), number=6, precision="month")
    )
    assert only_problem(error) == (
        "number",
        "number 6 comes after 5, but 5 was held later (2019-05-02)",
    )


def test_a_day_in_a_month_only_meetings_month_may_take_a_later_number(world):
    hold(world.committee, "test-5", D(2019, 4, 1), number=5, precision="month")
    hold(world.committee, "test-6", D(2019, 4, 2), number=6)
    error = refused(lambda: hold(world.committee, "test-7", D(2019, 3, 31), number=7))
    assert only_problem(error)[0] == "number"


# -- explicit chair ----------------------------------------------------------------------


def test_an_explicit_chair_who_is_not_a_member_on_the_date_is_refused(world):
    before = Meeting.objects.count()
    error = refused(
        lambda: hold(world.committee, "test-14", D(2017, 6, 8), number=14, chair=world.party("IN"))
    )
    field, reason = only_problem(error)
    assert field == "chair"
    assert "is not a member on" in reason
    assert reason == "'IN' is not a member on 2017-06-08"
    assert Meeting.objects.count() == before


def test_an_explicit_chair_who_is_a_member_on_the_date_is_accepted(world):
    meeting = hold(world.committee, "test-14", INDIA_JOINS, number=14, chair=world.party("IN"))
    assert meeting.chair.code == "IN"


def test_an_observer_cannot_be_the_explicit_chair(world):
    error = refused(
        lambda: hold(world.committee, "test-14", D(2019, 5, 15), chair=world.party("MN"))
    )
    assert only_problem(error)[0] == "chair"


# -- participants ------------------------------------------------------------------------


def delegation(world, code: str, *, head: bool = False) -> Participant:
    return Participant(party=world.party(code), head_of_delegation=head)


def observer(world, code: str) -> Participant:
    return Participant(party=world.party(code), role="observer")


def test_member_delegations_with_one_head_each_are_recorded(world):
    meeting = hold(world.committee, "test-14", D(2019, 5, 15), number=14)
    set_participants(
        meeting,
        [
            delegation(world, "KZ", head=True),
            delegation(world, "KZ"),
            delegation(world, "CN", head=True),
        ],
    )
    rows = list(meeting.participants.order_by("position"))
    assert [(p.party.code, p.head_of_delegation) for p in rows] == [
        ("KZ", True),
        ("KZ", False),
        ("CN", True),
    ]


def test_a_delegation_of_a_non_member_is_refused_and_nothing_written(world):
    meeting = hold(world.committee, "test-14", D(2017, 6, 8), number=14)
    before = Participation.objects.count()
    error = refused(
        lambda: set_participants(meeting, [delegation(world, "KZ"), delegation(world, "IN")])
    )
    field, reason = only_problem(error)
    assert field == "[1].party"
    assert reason.startswith("'IN' is not a member on 2017-06-08 (observer)")
    assert Participation.objects.count() == before


def test_a_delegation_of_a_party_without_any_status_is_refused(world):
    meeting = hold(world.committee, "test-14", D(2019, 5, 15), number=14)
    error = refused(lambda: set_participants(meeting, [delegation(world, "BR")]))
    field, reason = only_problem(error)
    assert field == "[0].party"
    assert reason == (
        "'BR' is not a member on 2019-05-15 and holds no status in test-org-svc;"
        " record it with role guest"
    )
    # The advice leads somewhere: as a guest it is recorded.
    set_participants(meeting, [Participant(party=world.party("BR"), role="guest")])


def test_a_non_member_at_a_restricted_meeting_is_advised_the_role_it_may_attend_with(world):
    meeting = hold(world.committee, "test-14", D(2019, 5, 15), number=14, format="restricted")
    error = refused(lambda: set_participants(meeting, [delegation(world, "MN")]))
    assert only_problem(error) == (
        "[0].party",
        "'MN' is not a member on 2019-05-15 (observer), and the meeting is restricted to"
        " members; record it with role guest",
    )
    set_participants(meeting, [Participant(party=world.party("MN"), role="guest")])
    assert [(p.party.code, p.role) for p in meeting.participants.all()] == [("MN", "guest")]


def test_an_observer_delegation_at_a_restricted_meeting_is_refused(world):
    meeting = hold(world.committee, "test-14", D(2019, 5, 15), number=14, format="restricted")
    before = Participation.objects.count()
    error = refused(
        lambda: set_participants(meeting, [delegation(world, "KZ"), observer(world, "MN")])
    )
    assert only_problem(error) == (
        "[1].role",
        "the meeting is restricted to members; 'MN' cannot attend it",
    )
    assert Participation.objects.count() == before


def test_an_observer_delegation_at_an_extended_meeting_is_recorded(world):
    meeting = hold(world.committee, "test-14", D(2019, 5, 15), number=14, format="extended")
    set_participants(meeting, [delegation(world, "KZ"), observer(world, "MN")])
    assert [(p.party.code, p.role) for p in meeting.participants.order_by("position")] == [
        ("KZ", "delegation"),
        ("MN", "observer"),
    ]


def test_a_member_cannot_be_recorded_as_an_observer(world):
    meeting = hold(world.committee, "test-14", D(2019, 5, 15), number=14, format="extended")
    error = refused(lambda: set_participants(meeting, [observer(world, "KZ")]))
    assert only_problem(error) == ("[0].role", "'KZ' is a member on 2019-05-15")


def test_two_heads_for_one_delegation_are_refused(world):
    meeting = hold(world.committee, "test-14", D(2019, 5, 15), number=14)
    before = Participation.objects.count()
    error = refused(
        lambda: set_participants(
            meeting,
            [
                delegation(world, "KZ", head=True),
                delegation(world, "CN"),
                delegation(world, "KZ", head=True),
            ],
        )
    )
    assert only_problem(error) == (
        "[2].head",
        "KZ already has a head of delegation at participants[0]",
    )
    assert Participation.objects.count() == before


def test_every_problem_with_the_participants_is_reported_at_once(world):
    meeting = hold(world.committee, "test-14", D(2017, 6, 8), number=14)
    error = refused(
        lambda: set_participants(
            meeting, [delegation(world, "IN"), delegation(world, "BR"), Participant()]
        )
    )
    assert [p.field for p in error.problems] == ["[0].party", "[1].party", "[2]"]


def test_an_observer_delegation_of_a_party_without_any_status_is_refused(world):
    meeting = hold(world.committee, "test-14", D(2019, 5, 15), number=14, format="extended")
    before = Participation.objects.count()
    error = refused(lambda: set_participants(meeting, [observer(world, "BR")]))
    assert only_problem(error)[0] == "[0].role"
    assert Participation.objects.count() == before


def test_a_former_observer_may_attend_an_extended_meeting_as_a_guest(world):
    registry.save_membership(
        world.org, world.party("BR"), world.observer, D(2010, 1, 1), D(2012, 12, 31)
    )
    meeting = hold(world.committee, "test-14", D(2019, 5, 15), number=14, format="extended")
    set_participants(meeting, [Participant(party=world.party("BR"), role="guest")])
    assert meeting.participants.get().role == "guest"


def test_a_meeting_cannot_move_to_a_day_its_members_were_not_members(world):
    """The stateful test found a meeting moved before India joined, keeping India's
    position on a decision taken there."""
    from accord.decisions import services as decisions

    india = world.party("IN")
    meeting = hold(world.council, "c-2019", D(2019, 5, 15), number=1)
    decisions.save_decision(meeting, "d", DecisionFields(title="D"), [(india, "concurs", "")])
    field, reason = only_problem(
        refused(lambda: hold(world.council, "c-2019", D(2016, 5, 15), number=1))
    )
    assert field == "date" and reason.startswith("IN would not be members on 2016-05-15")
    assert Meeting.objects.get(pk=meeting.pk).start == D(2019, 5, 15)
    hold(world.council, "c-2019", INDIA_JOINS, number=1)  # a day India was a member
    assert Meeting.objects.get(pk=meeting.pk).start == INDIA_JOINS
