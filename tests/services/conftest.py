"""Fixtures of the services tests: a small organization of their own, built once per
module; each test gets its own copy of the objects and its own savepoint."""

from __future__ import annotations

import copy

import pytest

from tests.conftest import kept_for_module
from tests.services.build import World, build_world


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, build_world)


@pytest.fixture
def world(built, db) -> World:
    """`test-org-svc`, its statuses, members, bodies, powers and two documents: rows
    written once for the module, objects copied for each test (as Django's TestCase
    copies its class data), so a test's changes to them never reach the next."""
    return copy.deepcopy(built)
