"""Fixtures of the services tests: each test gets its own small organization."""

from __future__ import annotations

import pytest

from tests.services.build import World, build_world


@pytest.fixture
def world(db) -> World:
    """`test-org-svc`, its statuses, members, bodies, powers and two documents."""
    return build_world()
