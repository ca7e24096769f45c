"""A real circulation: the SCO's Qingdao Declaration, circulated to the United Nations
as document A/73/833 (tests/records/corpus/sco-qingdao-un.yaml), asked as of dates
before and after."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.publishing.labels import status_label
from accord.records.loader import load
from tests.conftest import kept_for_module

ROOT = Path(__file__).resolve().parent.parent
CIRCULATED = ROOT / "tests" / "records" / "corpus" / "sco-qingdao-un.yaml"
FILES = [*sorted((ROOT / "scenarios").glob("*.yaml")), CIRCULATED]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, lambda: load(FILES))


@pytest.fixture
def corpus(loaded, db):
    """The SCO's seed and the file of the circulation, loaded once for the module."""


def test_the_declaration_was_circulated_to_the_united_nations(corpus, accord):
    found = accord("history", "sco", "qingdao-declaration-2018", "--format", "json")
    (circulated,) = [a for a in found["actions"] if a["verb"] == "circulated"]
    assert (circulated["to_organization"], circulated["reference"]) == (
        "United Nations",
        "A/73/833",
    )
    assert circulated["date"] == "2019"  # the year, as the record knows it
    # Circulating gives no status against a signature: the declaration stays signed.
    assert found["status"] == "signed"
    assert "-> United Nations as A/73/833" in accord("history", "sco", "qingdao-declaration-2018")


def test_before_the_circulation_nothing_says_it(corpus, accord):
    found = accord(
        "history", "sco", "qingdao-declaration-2018", "--on", "2018-12-31", "--format", "json"
    )
    assert [a["verb"] for a in found["actions"]] == ["signed"]


def test_the_api_gives_the_reference(corpus, client):
    url = "/api/v1/organizations/sco/documents/qingdao-declaration-2018/history"
    answer = client.get(url)
    assert answer.status_code == 200
    assert "A/73/833" in answer.content.decode()
    assert "A/73/833" not in client.get(f"{url}?on=2018-12-31").content.decode()


def test_the_status_is_named_in_the_language_asked(corpus, accord):
    english = accord("history", "sco", "qingdao-declaration-2018", "--format", "json")
    assert (english["status_name"], english["language"]) == ("signed", "en")
    for language in ("ru", "zh"):
        found = accord(
            "history", "sco", "qingdao-declaration-2018", "--language", language, "--format", "json"
        )
        assert found["status"] == "signed"
        assert found["status_name"] == status_label("signed", language=language)
        assert found["status_name"] != "signed"
        said = accord("history", "sco", "qingdao-declaration-2018", "--language", language)
        assert f"status: {found['status_name']} (signed)" in said
