"""Chair terms, who chairs a body or a meeting, and what the rotation proposes."""

from __future__ import annotations

import datetime as dt

from accord.bodies import selectors as bodies
from accord.bodies import services
from accord.bodies.inputs import ChairTermFields, RotationRuleFields
from accord.bodies.models import ChairTerm
from accord.meetings import selectors as meetings
from accord.registry import services as registry
from tests.services.build import INDIA_JOINS, D, hold, only_problem, refused

KG_TERM = (D(2018, 6, 11), D(2019, 6, 14))
RU_TERM = (D(2019, 6, 15), D(2020, 11, 10))


def presidency(world, code: str, start: dt.date, end: dt.date | None, **values: object):
    return services.save_chair_term(
        world.org, None, world.party(code), start, end, ChairTermFields(**values)
    )


def with_presidencies(world) -> None:
    presidency(world, "KG", *KG_TERM)
    presidency(world, "RU", *RU_TERM)


def test_an_overlapping_chair_term_is_refused_and_nothing_is_written(world):
    with_presidencies(world)
    before = ChairTerm.objects.count()
    error = refused(lambda: presidency(world, "KZ", D(2020, 11, 10), D(2021, 9, 17)))
    assert only_problem(error) == ("from", "overlaps the term of RU from 2019-06-15 to 2020-11-10")
    assert ChairTerm.objects.count() == before


def test_a_term_overlapping_an_open_term_is_refused(world):
    presidency(world, "KG", D(2018, 6, 11), None)
    error = refused(lambda: presidency(world, "RU", D(2030, 1, 1), None))
    assert only_problem(error) == ("from", "overlaps the term of KG from 2018-06-11 to now")


def test_terms_of_a_body_do_not_clash_with_the_presidency(world):
    with_presidencies(world)
    services.save_chair_term(
        world.org,
        world.working_group,
        world.party("KZ"),
        D(2019, 1, 1),
        D(2019, 12, 31),
        ChairTermFields(),
    )
    assert ChairTerm.objects.filter(organization=world.org).count() == 3


def test_an_inverted_chair_term_is_refused(world):
    error = refused(lambda: presidency(world, "KG", D(2019, 6, 14), D(2018, 6, 11)))
    assert only_problem(error)[0] == "to"


def test_a_party_not_a_member_when_its_term_starts_is_refused(world):
    before = ChairTerm.objects.count()
    error = refused(lambda: presidency(world, "IN", INDIA_JOINS - dt.timedelta(days=1), None))
    assert only_problem(error) == ("party", "'IN' is not a member on 2017-06-08")
    assert ChairTerm.objects.count() == before


def test_a_party_may_chair_from_the_day_it_becomes_a_member(world):
    term = presidency(world, "IN", INDIA_JOINS, None)
    assert term.party.code == "IN"


def test_an_observer_cannot_chair(world):
    error = refused(lambda: presidency(world, "MN", D(2019, 1, 1), D(2019, 12, 31)))
    assert only_problem(error)[0] == "party"


def test_the_presidency_chairs_on_the_first_and_last_day_of_its_term(world):
    with_presidencies(world)
    assert bodies.chair_on(world.org, D(2018, 6, 11)).party.code == "KG"
    assert bodies.chair_on(world.org, D(2019, 6, 14)).party.code == "KG"
    assert bodies.chair_on(world.org, D(2019, 6, 15)).party.code == "RU"


def test_nobody_chairs_outside_the_recorded_terms(world):
    with_presidencies(world)
    chair = bodies.chair_on(world.org, D(2018, 6, 10))
    assert chair.party is None
    assert chair.rule == "presidency"
    assert bodies.chair_on(world.org, D(2020, 11, 11)).party is None


def test_a_body_chaired_by_the_presidency_follows_the_presidency(world):
    with_presidencies(world)
    chair = bodies.chair_on(world.org, D(2019, 5, 15), of=world.committee)
    assert (chair.party.code, chair.rule) == ("KG", "presidency")


def test_a_body_with_its_own_terms_is_chaired_by_them_not_by_the_presidency(world):
    with_presidencies(world)
    services.save_chair_term(
        world.org,
        world.working_group,
        world.party("KZ"),
        D(2019, 1, 1),
        D(2019, 12, 31),
        ChairTermFields(),
    )
    chair = bodies.chair_on(world.org, D(2019, 5, 15), of=world.working_group)
    assert (chair.party.code, chair.rule) == ("KZ", "own-terms")
    assert chair.term.start == D(2019, 1, 1)


def test_a_body_with_its_own_terms_has_no_chair_outside_them(world):
    with_presidencies(world)
    chair = bodies.chair_on(world.org, D(2020, 5, 15), of=world.working_group)
    assert (chair.party, chair.rule) == (None, "own-terms")


def test_a_body_chaired_by_the_host_names_no_chair_by_date(world):
    with_presidencies(world)
    chair = bodies.chair_on(world.org, D(2019, 5, 15), of=world.forum)
    assert (chair.party, chair.rule) == (None, "host")


def test_a_meeting_is_chaired_by_the_presidency_on_its_date_by_default(world):
    with_presidencies(world)
    meeting = hold(world.committee, "test-14", D(2019, 5, 15), number=14)
    chair = meetings.chair_of(meeting)
    assert (chair.party.code, chair.rule) == ("KG", "presidency")
    assert chair.term.start == KG_TERM[0]


def test_a_meeting_the_day_after_a_term_ends_is_chaired_by_the_next_term(world):
    with_presidencies(world)
    meeting = hold(world.committee, "test-15", D(2019, 6, 15), number=15)
    assert meetings.chair_of(meeting).party.code == "RU"


def test_a_meeting_of_a_host_chaired_body_is_chaired_by_its_host(world):
    with_presidencies(world)
    meeting = hold(world.forum, "test-forum-1", D(2019, 5, 15), host=world.party("KZ"))
    chair = meetings.chair_of(meeting)
    assert (chair.party.code, chair.rule) == ("KZ", "host")


def test_a_meeting_of_a_body_with_own_terms_is_chaired_by_its_term(world):
    with_presidencies(world)
    services.save_chair_term(
        world.org, world.working_group, world.party("UZ"), D(2019, 1, 1), None, ChairTermFields()
    )
    meeting = hold(world.working_group, "test-wg-1", D(2019, 5, 15))
    chair = meetings.chair_of(meeting)
    assert (chair.party.code, chair.rule) == ("UZ", "own-terms")


def test_an_explicit_recorded_chair_wins_over_the_rule(world):
    with_presidencies(world)
    meeting = hold(world.committee, "test-14", D(2019, 5, 15), number=14, chair=world.party("CN"))
    chair = meetings.chair_of(meeting)
    assert (chair.party.code, chair.rule, chair.term) == ("CN", "recorded", None)


def test_co_chairs_are_listed_with_the_chair(world):
    with_presidencies(world)
    meeting = hold(
        world.committee,
        "test-14",
        D(2019, 5, 15),
        number=14,
        co_chairs=(world.party("KZ"), world.party("CN")),
    )
    chair = meetings.chair_of(meeting)
    assert chair.party.code == "KG"
    assert sorted(p.code for p in chair.co_chairs) == ["CN", "KZ"]


def test_chair_of_answers_the_same_with_preloaded_terms(world):
    with_presidencies(world)
    services.save_chair_term(
        world.org, world.working_group, world.party("UZ"), D(2019, 1, 1), None, ChairTermFields()
    )
    held = [
        hold(world.committee, "test-14", D(2019, 5, 15), number=14),
        hold(world.committee, "test-gap", D(2021, 1, 1)),
        hold(world.working_group, "test-wg-1", D(2019, 5, 15)),
        hold(world.forum, "test-forum-1", D(2019, 5, 15), host=world.party("KZ")),
    ]
    terms = meetings.terms_by_body(world.org)
    for meeting in held:
        direct, preloaded = meetings.chair_of(meeting), meetings.chair_of(meeting, terms)
        assert (direct.party, direct.rule, direct.term) == (
            preloaded.party,
            preloaded.rule,
            preloaded.term,
        )


# -- rotation ----------------------------------------------------------------------------


def test_the_rotation_proposes_the_member_after_the_current_chair_in_russian_order(world):
    # On 2019-05-15: Индия, Казахстан, Киргизия/Кыргызстан, Китай, Россия, Узбекистан;
    # by code or in English Kazakhstan would be followed by Kyrgyzstan or Russia.
    services.save_rotation_rule(
        world.org, RotationRuleFields(order="russian-alphabetical", term="summit-to-summit")
    )
    presidency(world, "KZ", D(2018, 6, 11), D(2019, 6, 14))
    proposal = bodies.propose_next_presidency(world.org, D(2019, 5, 15))
    order = proposal.order
    assert order[0] == "IN"
    assert order.index("KZ") < order.index("CN") < order.index("RU") < order.index("UZ")
    assert proposal.party == order[order.index("KZ") + 1]
    assert proposal.after.party.code == "KZ"
    assert proposal.interval.start == D(2019, 6, 15)


def test_the_rotation_follows_a_fixed_sequence_and_wraps_around(world):
    services.save_rotation_rule(
        world.org,
        RotationRuleFields(
            order="sequence", sequence=["RU", "KZ", "CN", "KG", "UZ", "IN"], term="summit-to-summit"
        ),
    )
    presidency(world, "IN", D(2018, 6, 11), D(2019, 6, 14))
    assert bodies.propose_next_presidency(world.org, D(2019, 5, 15)).party == "RU"


def test_a_calendar_year_rotation_proposes_the_next_year(world):
    services.save_rotation_rule(
        world.org, RotationRuleFields(order="sequence", sequence=["KG", "RU"], term="calendar-year")
    )
    presidency(world, "KG", D(2019, 1, 1), D(2019, 12, 31))
    proposal = bodies.propose_next_presidency(world.org, D(2019, 5, 15))
    assert proposal.party == "RU"
    assert (proposal.interval.start, proposal.interval.end) == (D(2020, 1, 1), D(2020, 12, 31))


def test_a_recorded_term_of_another_party_wins_over_the_rotations_proposal(world):
    services.save_rotation_rule(
        world.org,
        RotationRuleFields(order="sequence", sequence=["KG", "RU", "KZ"], term="summit-to-summit"),
    )
    presidency(world, "KG", *KG_TERM)
    assert bodies.propose_next_presidency(world.org, D(2019, 5, 15)).party == "RU"
    presidency(world, "KZ", D(2019, 6, 15), None, basis="decision")
    chair = bodies.chair_on(world.org, D(2019, 7, 1))
    assert chair.party.code == "KZ"
    assert chair.term.basis == "decision"
    meeting = hold(world.committee, "test-15", D(2019, 7, 1), number=15)
    assert meetings.chair_of(meeting).party.code == "KZ"


def test_without_a_current_term_the_rotation_proposes_the_first_member(world):
    services.save_rotation_rule(
        world.org,
        RotationRuleFields(order="sequence", sequence=["UZ", "KG"], term="summit-to-summit"),
    )
    proposal = bodies.propose_next_presidency(world.org, D(2019, 5, 15))
    assert (proposal.party, proposal.after, proposal.interval) == ("UZ", None, None)


def test_the_rotation_proposes_only_members_on_the_date(world):
    services.save_rotation_rule(
        world.org,
        RotationRuleFields(
            order="sequence", sequence=["KG", "MN", "IN", "RU"], term="summit-to-summit"
        ),
    )
    presidency(world, "KG", D(2016, 6, 1), D(2017, 6, 8))
    # Mongolia is an observer, India joins only on 2017-06-09.
    assert bodies.propose_next_presidency(world.org, D(2017, 6, 8)).party == "RU"


def test_after_a_chair_who_left_the_rotation_continues_with_the_next_in_its_order(world):
    services.save_rotation_rule(
        world.org,
        RotationRuleFields(
            order="sequence", sequence=["KZ", "CN", "KG", "RU", "UZ"], term="calendar-year"
        ),
    )
    presidency(world, "CN", D(2019, 1, 1), D(2019, 12, 31))
    registry.save_membership(
        world.org, world.party("CN"), world.member, D(2001, 6, 15), D(2019, 6, 30)
    )
    proposal = bodies.propose_next_presidency(world.org, D(2019, 9, 1))
    assert "CN" not in proposal.order
    assert proposal.party == "KG"
