"""Granting and revoking roles, adding users: refused by field and reason, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accord.accounts import selectors, services
from accord.accounts.models import Affiliation
from accord.bodies import services as bodies
from accord.bodies.inputs import BodyFields
from accord.bodies.models import Body
from accord.core.errors import DomainError, NotFound
from accord.core.models import AuditEntry
from accord.registry import services as registry
from accord.registry.inputs import OrganizationFields
from accord.registry.models import Organization, Party

SCS = "security-council-secretaries"


@pytest.fixture
def sco(db) -> Organization:
    return Organization.objects.get(slug="sco")


@pytest.fixture
def alice(db):
    return services.add_user("alice", password="a long passphrase", email="alice@example.org")


def party(code: str) -> Party:
    return registry.ensure_state(code)


def refused(call) -> list[tuple[str, str]]:
    """The problems `call` is refused with; nothing was written meanwhile."""
    rows, entries = Affiliation.objects.count(), AuditEntry.objects.count()
    with pytest.raises(DomainError) as caught:
        call()
    assert Affiliation.objects.count() == rows
    assert AuditEntry.objects.count() == entries
    return [(p.field, p.reason) for p in caught.value.problems]


def test_a_delegation_needs_a_party(sco, alice):
    [(field, reason)] = refused(lambda: services.grant(alice, sco, "delegation"))
    assert field == "party" and "must name its party" in reason


def test_a_delegation_is_a_members(sco, alice):
    [(field, reason)] = refused(lambda: services.grant(alice, sco, "delegation", party=party("MN")))
    assert field == "role" and "'MN' is 'partner'" in reason and "observer role" in reason


def test_an_observer_is_a_non_members(sco, alice):
    [(field, reason)] = refused(lambda: services.grant(alice, sco, "observer", party=party("KG")))
    assert field == "role" and "is a member of sco" in reason


def test_the_party_holds_a_status_on_the_day_of_granting(sco, alice):
    brazil = party("BR")
    [(field, reason)] = refused(lambda: services.grant(alice, sco, "observer", party=brazil))
    assert (field, reason) == ("party", f"'BR' holds no status in sco on {timezone.localdate()}")
    # Mongolia was an observer in 2019 and is a partner since 2025-09-01: both non-members.
    services.grant(alice, sco, "observer", party=party("MN"), on=dt.date(2019, 5, 15))
    # India was an observer until 2017-06-08.
    [(field, _)] = refused(
        lambda: services.grant(alice, sco, "chair-team", party=party("IN"), on=dt.date(2016, 1, 1))
    )
    assert field == "role"


def test_a_secretariat_officer_serves_no_party_and_names_no_body(sco, alice):
    scs = Body.objects.get(organization=sco, slug=SCS)
    problems = refused(
        lambda: services.grant(alice, sco, "secretariat", party=party("KG"), bodies=[scs])
    )
    assert [f for f, _ in problems] == ["party", "bodies"]


def test_bodies_are_the_organizations_own(sco, alice):
    other = registry.save_organization("test-org-accounts", OrganizationFields(name="Other"))
    body = bodies.save_body(other, "test-board", BodyFields(name="Board"))
    [(field, reason)] = refused(
        lambda: services.grant(alice, sco, "delegation", party=party("KG"), bodies=[body])
    )
    assert field == "bodies[0]" and "another organization" in reason


def test_an_unknown_role_and_an_inverted_interval_are_refused(sco, alice):
    [(field, _)] = refused(lambda: services.grant(alice, sco, "ambassador", party=party("KG")))
    assert field == "role"
    [(field, _)] = refused(
        lambda: services.grant(
            alice, sco, "secretariat", start=dt.date(2020, 1, 1), end=dt.date(2019, 1, 1)
        )
    )
    assert field == "to"


def test_granting_again_updates_the_bodies_and_each_change_is_audited(sco, alice):
    scs, cfm = Body.objects.filter(organization=sco, slug__in=[SCS, "foreign-ministers"])
    first = services.grant(alice, sco, "delegation", party=party("KG"), bodies=[scs])
    again = services.grant(alice, sco, "delegation", party=party("KG"), bodies=[scs, cfm])
    assert first.pk == again.pk
    assert set(again.bodies.all()) == {scs, cfm}
    entries = AuditEntry.objects.filter(model="accounts.Affiliation", object_id=str(first.pk))
    assert [e.operation for e in entries] == ["create", "update", "update"]


def test_revoking_removes_the_role_and_the_audit_trail_keeps_it(sco, alice):
    row = services.grant(alice, sco, "secretariat")
    services.revoke(alice, sco, "secretariat")
    assert not selectors.affiliations(alice).exists()
    last = AuditEntry.objects.filter(model="accounts.Affiliation", object_id=str(row.pk)).last()
    assert last.operation == "delete" and last.before["role"] == "secretariat"
    with pytest.raises(NotFound):
        services.revoke(alice, sco, "secretariat")


def test_a_user_name_is_taken_once_and_the_password_is_not_in_the_audit_trail(alice):
    with pytest.raises(DomainError) as caught:
        services.add_user("alice", password="another passphrase")
    assert caught.value.problems[0].field == "username"
    with pytest.raises(DomainError) as caught:
        services.add_user("bob", password="")
    assert caught.value.problems[0].field == "password"
    entry = AuditEntry.objects.get(model="auth.User", object_id=str(alice.pk))
    assert entry.after["username"] == "alice"
    assert entry.after["password"] == "(hidden)"
    assert "argon2" not in str(entry.after)


def test_an_affiliation_without_a_start_holds_until_its_end(sco, alice):
    services.grant(alice, sco, "secretariat", end=dt.date(2020, 12, 31))
    services.grant(alice, sco, "observer", party=party("MN"), start=dt.date(2019, 1, 1))
    mine = Affiliation.objects.filter(user=alice)

    def roles(day: dt.date) -> set[str]:
        return set(mine.on(day).values_list("role", flat=True))

    assert roles(dt.date(1990, 1, 1)) == {"secretariat"}
    assert roles(dt.date(2020, 12, 31)) == {"secretariat", "observer"}
    assert roles(dt.date(2021, 1, 1)) == {"observer"}
