"""Shared fixtures: the seed scenario, loaded once through the record loader."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from accord.records.loader import load

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = [
    ROOT / "scenarios" / "sco-organization.yaml",
    ROOT / "scenarios" / "sco-2019-security-council-secretaries.yaml",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database (a real SQLite file under var/), holding the seed scenario."""
    with django_db_blocker.unblock():
        load(SEED_FILES)


@pytest.fixture
def accord(db):
    """Run an `accord` command in-process: accord("members", "sco", "--on", ...) -> stdout.

    With "--format", "json" among the arguments, the parsed JSON is returned.
    """

    def run(*args: str) -> str | dict:
        out = io.StringIO()
        call_command(*args, stdout=out)
        text = out.getvalue()
        return json.loads(text) if "json" in args and "--format" in args else text

    return run


@pytest.fixture
def no_response_cache(settings):
    """The view's own work, without the cache of public answers in front of it."""
    settings.ACCORD_RESPONSE_CACHE = False


@pytest.fixture(autouse=True)
def files_storage(settings, tmp_path):
    """Document files go to a directory of the test's own (never var/files)."""
    location = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    return location
