"""The CSTO's record of the corpus, with its joint sessions, loaded for each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.meetings.models import Meeting
from accord.records.loader import load

CORPUS = Path(__file__).resolve().parent.parent / "records" / "corpus"
CSTO = sorted(CORPUS.glob("csto*.yaml"))


@pytest.fixture
def csto(db) -> Meeting:
    """The CSTO loaded; the joint session of Yerevan, 2016."""
    load(CSTO)
    return Meeting.objects.get(body__organization__slug="csto", slug="2016-10-yerevan-joint")
