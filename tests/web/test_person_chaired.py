"""A person the record names only as who chaired a meeting is read wherever that meeting
is read: the meeting page names the President of the UN Security Council, so his page
answers too, and not where the meeting is hidden."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client

from accord.meetings.models import Meeting
from accord.records.loader import load
from tests.conftest import kept_for_module

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "tests" / "records" / "corpus"
FILES = [CORPUS / "un-security-council.yaml", CORPUS / "un-security-council-2022.yaml"]
PERSON = "/people/vassily-nebenzia/"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, lambda: load(FILES))


@pytest.fixture
def corpus(loaded, db):
    """The UN Security Council's record, loaded once for the module. The hidden case
    changes rows with `update()`, which writes no audit entry: no answer is kept from
    the test before."""
    caches["responses"].clear()


def test_who_chaired_a_public_meeting_has_a_public_page(corpus):
    chaired = Meeting.objects.filter(chair_person__slug="vassily-nebenzia")
    assert chaired.exists()
    # He is recorded only as the person who chaired: no post, no delegation, no statement.
    assert not chaired.filter(participants__person__slug="vassily-nebenzia").exists()
    page = Client().get(PERSON)
    assert page.status_code == 200
    assert "Vassily Nebenzia" in page.content.decode()


def test_who_chaired_only_hidden_meetings_is_not_read(corpus):
    Meeting.objects.filter(chair_person__slug="vassily-nebenzia").update(
        classification="restricted"
    )
    assert Client().get(PERSON).status_code == 404
