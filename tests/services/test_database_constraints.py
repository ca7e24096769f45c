"""Rules the database itself enforces, beneath the services.

On PostgreSQL, exclusion constraints refuse overlapping memberships of a party,
overlapping chair terms and overlapping holders of a post even when a row is
written past the services; unique meeting numbers are refused on every database.
The services refuse all of them on both databases (their own tests prove it).
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from accord.bodies.models import ChairTerm
from accord.meetings.models import Meeting
from accord.registry import services as registry
from accord.registry.inputs import PersonFields, PostFields
from accord.registry.models import Membership, PostHolding
from tests.services.build import FOUNDED, D, hold, refused

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only"
)


def refused_by_database(create) -> str:
    """The database's refusal of `create()`, rolled back to a savepoint."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        create()
    return str(caught.value)


def term(world, code: str, start, end, body=None) -> ChairTerm:
    return ChairTerm.objects.create(
        organization=world.org, body=body, party=world.party(code), start=start, end=end
    )


@postgresql_only
def test_an_overlapping_membership_written_directly_is_refused(world):
    kz = world.party("KZ")  # a member from FOUNDED, open-ended
    error = refused_by_database(
        lambda: Membership.objects.create(
            organization=world.org, party=kz, status=world.observer, start=D(2030, 1, 1)
        )
    )
    assert "membership_no_overlap" in error
    assert Membership.objects.filter(organization=world.org, party=kz).count() == 1


@postgresql_only
def test_memberships_that_only_touch_or_belong_to_other_parties_are_accepted(world):
    br = world.party("BR")
    Membership.objects.create(
        organization=world.org,
        party=br,
        status=world.observer,
        start=D(2010, 1, 1),
        end=D(2010, 12, 31),
    )
    Membership.objects.create(
        organization=world.org, party=br, status=world.member, start=D(2011, 1, 1)
    )
    # One standing ending the day before the next begins is no overlap.
    assert Membership.objects.filter(party=br, start__lte=D(2011, 1, 1)).count() == 2
    error = refused_by_database(
        lambda: Membership.objects.create(
            organization=world.org,
            party=br,
            status=world.member,
            start=D(2010, 12, 31),
            end=D(2010, 12, 31),
        )
    )
    assert "membership_no_overlap" in error


@postgresql_only
def test_overlapping_presidency_terms_written_directly_are_refused(world):
    term(world, "KG", D(2018, 6, 11), D(2019, 6, 14))
    term(world, "RU", D(2019, 6, 15), None)  # the day after: no overlap
    error = refused_by_database(lambda: term(world, "KZ", D(2019, 6, 14), D(2019, 7, 1)))
    assert "chair_term_no_overlap" in error
    error = refused_by_database(lambda: term(world, "KZ", D(2040, 1, 1), None))
    assert "chair_term_no_overlap" in error


@postgresql_only
def test_a_body_term_and_the_presidency_never_clash_but_two_body_terms_do(world):
    term(world, "KG", D(2018, 1, 1), D(2018, 12, 31))
    term(world, "RU", D(2018, 1, 1), D(2018, 12, 31), body=world.working_group)
    term(world, "CN", D(2018, 1, 1), D(2018, 12, 31), body=world.council)
    error = refused_by_database(
        lambda: term(world, "UZ", D(2018, 12, 31), None, body=world.working_group)
    )
    assert "chair_term_no_overlap" in error


@postgresql_only
def test_two_holders_of_a_post_at_once_are_refused(world):
    post = registry.save_post(
        world.org, "test-secretary-general", PostFields(name="Secretary-General")
    )
    first = registry.save_person("test-person-one", PersonFields(name="One"))
    second = registry.save_person("test-person-two", PersonFields(name="Two"))
    PostHolding.objects.create(post=post, person=first, start=D(2019, 1, 1), end=D(2021, 12, 31))
    error = refused_by_database(
        lambda: PostHolding.objects.create(post=post, person=second, start=D(2021, 12, 31))
    )
    assert "holding_no_overlap" in error


def test_a_meeting_number_taken_twice_is_refused_by_the_database(world):
    hold(world.council, "first", D(2019, 5, 15), number=14)
    error = refused_by_database(
        lambda: Meeting.objects.create(
            body=world.council, slug="again", number=14, start=D(2020, 1, 1), end=D(2020, 1, 1)
        )
    )
    assert "meeting" in error.lower()
    # Ad hoc meetings (no number) are many.
    hold(world.council, "ad-hoc-1", D(2019, 9, 1))
    hold(world.council, "ad-hoc-2", D(2019, 9, 2))


def test_the_services_refuse_the_same_overlaps_on_every_database(world):
    kz = world.party("KZ")
    error = refused(
        lambda: registry.save_membership(world.org, kz, world.member, D(2030, 1, 1), None)
    )
    assert error.problems[0].field == "from"
    assert Membership.objects.filter(organization=world.org, party=kz).get().start == FOUNDED
