"""What the ways in (API, web pages) do with the registry, one function per use case:
each checks the permission and calls the services in one transaction."""

from __future__ import annotations

from django.db import transaction

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.core import audit, races
from accord.core.errors import Conflict
from accord.registry import services
from accord.registry.inputs import PersonFields
from accord.registry.models import Person


def create_person(viewer: Viewer, slug: str, values: PersonFields) -> Person:
    """`viewer` (an organization's secretariat or an administrator: people are shared by
    every organization) records a new person named `slug`, with `values` (name, names,
    party, source, note); an id already in use is refused (`Conflict`)."""
    access.require_edit_shared(viewer)
    with races.refusals(), transaction.atomic(savepoint=False), audit.batched():
        if taken := services.claim_person_slug(slug):
            raise Conflict(taken)
        return services.save_person(slug, values)
