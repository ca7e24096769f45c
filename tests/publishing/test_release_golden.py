"""Golden releases, reviewed sentence by sentence: the seed's press release in each
language; the OSCE's (participating States, the Chairpersonship of the OSCE); and
ASEAN's — an organization whose words differ from the SCO's in every slot (Member
States, observers, guests of the Chair, the Chairmanship of ASEAN with no article,
states in English alphabetical order where the SCO lists them in Russian order in
every language).

A wording change shows here as a diff; after reviewing it, rewrite the files with
ACCORD_UPDATE_GOLDEN=1 and say in the commit which sentences changed and why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from accord.meetings.models import Meeting
from accord.publishing.compose import Written, write
from accord.records.loader import load

GOLDEN = Path(__file__).parent / "golden"
CORPUS = Path(__file__).parent.parent / "records" / "corpus"
ASEAN = sorted(CORPUS.glob("asean*.yaml"))
OSCE = sorted(CORPUS.glob("osce*.yaml"))


def as_file(written: Written) -> str:
    return f"{written.headline}\n\n{written.dateline}\n\n{written.text}"


def check(name: str, written: Written) -> None:
    path = GOLDEN / name
    if os.environ.get("ACCORD_UPDATE_GOLDEN"):
        path.write_text(as_file(written), encoding="utf-8")
    assert as_file(written) == path.read_text(encoding="utf-8"), name
    assert written.missing == ()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_the_seed_press_release(language):
    m14 = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    check(f"sco-security-council-secretaries-14-{language}.txt", write(m14, language=language))


@pytest.mark.django_db
@pytest.mark.parametrize("number", [34, 42])
def test_an_asean_summit_in_asean_words(number):
    load(ASEAN)
    summit = Meeting.objects.get(body__organization__slug="asean", number=number)
    check(f"asean-summit-{number}-en.txt", write(summit, language="en"))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru"])
def test_an_osce_ministerial_council_in_osce_words(language):
    load(OSCE)
    council = Meeting.objects.get(body__organization__slug="osce", number=28)
    check(f"osce-ministerial-council-28-{language}.txt", write(council, language=language))
