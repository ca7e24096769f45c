"""Shared fixtures: the seed scenario, loaded once through the record loader."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test marked `database_independent` runs in the SQLite half of `make test` only:
    it must not ask for the run's database (whose engine it would then depend on)."""
    for item in items:
        if item.get_closest_marker("database_independent") is None:
            continue
        wants = {"db", "transactional_db"} & set(getattr(item, "fixturenames", ()))
        if wants or item.get_closest_marker("django_db") is not None:
            raise pytest.UsageError(
                f"{item.nodeid}: marked database_independent, yet it asks for the database"
            )


T = TypeVar("T")


def kept_for_module(django_db_blocker, setup: Callable[[], T]) -> Iterator[T]:
    """Rows `setup` writes, kept for one module's tests and rolled back after its last.

    For a module-scoped fixture: `yield from kept_for_module(django_db_blocker, build)`.
    The rows are written in a transaction left open while the module runs; each test
    (through `db`) runs in a savepoint inside it, so what a test writes is undone after
    it and the next test finds the rows as `setup` left them. This is how Django's
    `TestCase.setUpTestData` keeps a class's data; a test of such a module must not
    ask for `transactional_db`, and sees the rows on the test's own connection only.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # Blocks inside that must be outermost (durable) count this one as the test's
        # own, as they count TestCase's.
        outer._from_testcase = True  # type: ignore[attr-defined]
        outer.__enter__()
        try:
            value = setup()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield value
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


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
def _english_to_begin_with():
    """Each test begins in English, whatever language the one before left active (a
    page in Russian leaves its language active in the thread, and refusals are
    worded in the active language)."""
    translation.activate("en")
    yield
    translation.deactivate()


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
