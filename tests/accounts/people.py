"""Users with roles, made through the services, for the accounts tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from accord.accounts import access, services
from accord.bodies.models import Body
from accord.registry.models import Organization, Party


@dataclass(frozen=True)
class RoleSpec:
    """A role as the tests declare it: organizations by slug, parties by code."""

    name: str
    admin: bool = False
    secretariat: frozenset[str] = frozenset()
    delegations: frozenset[tuple[str, str]] = frozenset()  # (organization, party)
    chair_teams: frozenset[tuple[str, str]] = frozenset()
    observers: frozenset[tuple[str, str]] = frozenset()
    bodies: frozenset[str] = frozenset()  # body slugs (of the delegation's organization)
    anonymous: bool = False


@dataclass
class Made:
    role: RoleSpec
    viewer: access.Viewer
    user: object | None = field(default=None)


def make(role: RoleSpec, on: dt.date | None = None, password: str = "a long passphrase") -> Made:
    """A user holding `role` (through add_user and grant) and the viewer they are."""
    if role.anonymous:
        return Made(role, access.ANONYMOUS)
    user = services.add_user(f"user-{role.name}", password=password, admin=role.admin)
    for slug in role.secretariat:
        services.grant(user, Organization.objects.get(slug=slug), "secretariat", on=on)
    grants = [
        *(("delegation", pair) for pair in role.delegations),
        *(("chair-team", pair) for pair in role.chair_teams),
        *(("observer", pair) for pair in role.observers),
    ]
    for kind, (slug, code) in grants:
        org = Organization.objects.get(slug=slug)
        bodies = (
            []
            if kind == "observer"
            else Body.objects.filter(organization=org, slug__in=role.bodies)
        )
        services.grant(user, org, kind, party=Party.objects.get(code=code), bodies=bodies, on=on)
    return Made(role, access.viewer_of(user), user)
