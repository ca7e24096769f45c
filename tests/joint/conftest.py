"""The CSTO's record of the corpus, with its joint sessions, loaded once for each module
(`tests.conftest.kept_for_module`: each test in a savepoint, its changes undone)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import caches

from accord.meetings.models import Meeting
from accord.records.loader import load
from tests.conftest import kept_for_module

CORPUS = Path(__file__).resolve().parent.parent / "records" / "corpus"
CSTO = sorted(CORPUS.glob("csto*.yaml"))


@pytest.fixture(scope="module")
def csto_loaded(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, lambda: load(CSTO))


@pytest.fixture
def csto(csto_loaded, db) -> Meeting:
    """The CSTO loaded; the joint session of Yerevan, 2016 (read afresh for each test).

    Each test begins from the record's same state, so the public answers kept under it
    are forgotten first: a test that changes rows without a write of the record (an
    `update()` of its own) must not be served the answers of the test before."""
    caches["responses"].clear()
    return Meeting.objects.get(body__organization__slug="csto", slug="2016-10-yerevan-joint")
